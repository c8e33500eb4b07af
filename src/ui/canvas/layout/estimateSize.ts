/** A card's size before the browser has measured it (its first frame): close enough that the first layout barely moves. */
import type { Detail, SimFlowNode } from '../flowTypes';
import type { Size } from './placeColumns';

export function estimateSize(node: SimFlowNode, detail: Detail): Size {
  const compact = detail === 'compact';
  switch (node.type) {
    case 'topic': {
      const lanes = node.data.lanes.length;
      if (compact) return lanes > 4 ? { width: 268, height: 60 + Math.ceil(lanes / 5) * 64 } : { width: 330, height: 60 + lanes * 48 };
      return { width: 540, height: 50 + lanes * (lanes > 4 ? 32 : 80) };
    }
    case 'consumer':
      return compact ? { width: 200, height: 96 } : { width: 220, height: 240 };
    case 'producer':
      return compact ? { width: 200, height: 80 } : { width: 220, height: 170 };
    case 'service':
      return compact ? { width: 200, height: 110 } : { width: 220, height: 170 };
    case 'broker':
      return compact ? { width: 200, height: 90 } : { width: 230, height: 150 };
  }
}
