import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ProducerFlowNode } from '../flowTypes';
import { keyColor } from '../keyColor';
import { NodeMenu } from './NodeMenu';

/** A producer client: its delivery settings and where its last record went. */
export const ProducerNode = memo(function ProducerNode({ data }: NodeProps<ProducerFlowNode>) {
  if (data.detail === 'compact') {
    return (
      <article className={`node node--producer node--face${data.isActive ? ' node--active' : ''}`}>
        <header className="face__header">
          <h3 className="face__title">{data.clientId}</h3>
          <NodeMenu actorLabel={`producer ${data.clientId}`} experiments={data.experiments} inspect={{ kind: 'producer', clientId: data.clientId }} />
        </header>
        <p className="face__line face__muted">
          producer · acks={data.acks}
          {data.isIdempotent ? ' · idempotent' : ''}
        </p>
        <p className="face__line">
          {data.sentCount} sent · {data.ackedCount} acked
        </p>
        {data.lastRouting && (
          <p className="face__line" title={data.lastRouting.how}>
            last{' '}
            <span className="key-chip" style={{ background: keyColor(data.lastRouting.key) }}>
              {data.lastRouting.key ?? 'no key'}
            </span>{' '}
            → P{data.lastRouting.partition}
          </p>
        )}
        <Handle type="source" position={data.isVertical ? Position.Bottom : Position.Right} />
      </article>
    );
  }
  return (
    <article className={`node node--producer${data.isActive ? ' node--active' : ''}`}>
      <header className="node__header">
        <span className="node__kind">Producer</span>
        <h3 className="node__title">{data.clientId}</h3>
        <NodeMenu actorLabel={`producer ${data.clientId}`} experiments={data.experiments} inspect={{ kind: 'producer', clientId: data.clientId }} />
      </header>
      <dl className="node__facts">
        <div>
          <dt>acks</dt>
          <dd>{data.acks}</dd>
        </div>
        <div>
          <dt>linger.ms</dt>
          <dd>{data.lingerMs}</dd>
        </div>
        <div>
          <dt>idempotent</dt>
          <dd>{data.isIdempotent ? 'yes' : 'no'}</dd>
        </div>
        <div>
          <dt>sent / acked</dt>
          <dd>
            {data.sentCount} / {data.ackedCount}
          </dd>
        </div>
      </dl>
      {data.lastRouting && (
        <p className="node__routing">
          <span className="key-chip" style={{ background: keyColor(data.lastRouting.key) }}>
            {data.lastRouting.key ?? 'no key'}
          </span>
          {' → '}partition {data.lastRouting.partition}
          <span className="node__hint">{data.lastRouting.how}</span>
        </p>
      )}
      <Handle type="source" position={data.isVertical ? Position.Bottom : Position.Right} />
    </article>
  );
});
