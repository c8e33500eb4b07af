import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo, useCallback } from 'react';
import type { RecordFlowEdge } from '../flowTypes';

const TRAVEL_MS = 700;

/** Starts a SMIL animation the moment its element is mounted (begin="indefinite" + beginElement). */
function useBeginOnMount() {
  return useCallback((element: SVGAnimationElement | null) => {
    element?.beginElement();
  }, []);
}

function TravellingDot({ path, color, isReverse }: { path: string; color: string; isReverse: boolean }) {
  const begin = useBeginOnMount();
  return (
    <circle r={7} fill={color} stroke="#1f2933" strokeWidth={1.5} opacity={0} className="edge__dot">
      <animateMotion ref={begin} dur={`${TRAVEL_MS}ms`} begin="indefinite" fill="freeze" path={path} keyPoints={isReverse ? '1;0' : '0;1'} keyTimes="0;1" calcMode="linear" />
      <animate ref={begin} attributeName="opacity" values="1;1;0" keyTimes="0;0.85;1" dur={`${TRAVEL_MS}ms`} begin="indefinite" fill="freeze" />
    </circle>
  );
}

/** An edge along which records travel: one dot per record movement of the last step. */
export const RecordEdge = memo(function RecordEdge(props: EdgeProps<RecordFlowEdge>) {
  const [path, labelX, labelY] = getBezierPath(props);
  const pulses = props.data?.pulses ?? [];
  return (
    <>
      <BaseEdge id={props.id} path={path} className={pulses.length > 0 ? 'edge--busy' : ''} />
      <text x={labelX} y={labelY - 8} className="edge__label" textAnchor="middle">{props.data?.label}</text>
      {pulses.map((p) => (
        <TravellingDot key={p.id} path={path} color={p.color} isReverse={p.isReverse} />
      ))}
    </>
  );
});
