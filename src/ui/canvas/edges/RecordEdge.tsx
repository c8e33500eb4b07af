import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';
import { midpoint, roundedPath } from '../layout/routeEdges';
import { memo, useCallback } from 'react';
import { useSimulationStore } from '../../store/simulationStore';
import type { RecordFlowEdge } from '../flowTypes';
import { isRushing } from '../rushing';

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
  // The layout's route keeps clear of every card; React Flow's own curve only until the layout has one.
  const points = props.data?.points ?? [];
  const [bezier, bezierX, bezierY] = getBezierPath(props);
  const label = points.length > 1 ? midpoint(points) : { x: bezierX, y: bezierY };
  const path = points.length > 1 ? roundedPath(points) : bezier;
  const [labelX, labelY] = [label.x, label.y];
  // At the top speeds the dots are not drawn at all (rushing.ts): too fast to follow, and costly to paint.
  const isCalm = !useSimulationStore(isRushing);
  const pulses = props.data?.pulses ?? [];
  return (
    <>
      <BaseEdge id={props.id} path={path} className={pulses.length > 0 ? 'edge--busy' : ''} />
      <text x={labelX} y={labelY - 8} className="edge__label" textAnchor="middle">{props.data?.label}</text>
      {isCalm && pulses.map((p) => (
        <TravellingDot key={p.id} path={path} color={p.color} isReverse={p.isReverse} />
      ))}
    </>
  );
});
