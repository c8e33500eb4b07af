import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { midpoint, roundedPath, type Point } from '../layout/routeEdges';
import { travelKeyframes } from './travelKeyframes';
import { memo, useCallback } from 'react';
import { useSimulationStore } from '../../store/simulationStore';
import type { RecordFlowEdge } from '../flowTypes';
import { isRushing } from '../rushing';

const TRAVEL_MS = 700;

/**
 * A record on its way: an HTML dot above the edges, moved by a transform and faded by opacity (Web
 * Animations), which the compositor runs off the main thread. The SVG animateMotion it replaces ran on the
 * main thread every frame and repainted the edges: while dots travelled, a Step click took twice as long
 * (bench/uiStep.ts p95 19 -> 12 ms with the dots hidden).
 */
function TravellingDot({ points, color }: { points: readonly Point[]; color: string }) {
  // Started once, on mount, along the route the edge had then (a dot lives for less than a second).
  const start = useCallback((element: HTMLDivElement | null) => {
    if (element === null || typeof element.animate !== 'function') return;
    const timing: KeyframeAnimationOptions = { duration: TRAVEL_MS, easing: 'linear', fill: 'forwards' };
    element.animate(travelKeyframes(points), timing);
    element.animate([{ opacity: 1 }, { opacity: 1, offset: 0.85 }, { opacity: 0 }], timing);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the route at mount: a new route later must not restart the dot
  }, []);
  return <div ref={start} className="edge__dot" style={{ background: color }} aria-hidden="true" />;
}

/** An edge along which records travel: one dot per record movement of the last step. */
export const RecordEdge = memo(function RecordEdge(props: EdgeProps<RecordFlowEdge>) {
  // The layout's route keeps clear of every card; React Flow's own curve only until the layout has one.
  const points = props.data?.points ?? [];
  const [bezier, bezierX, bezierY] = getBezierPath(props);
  const label = points.length > 1 ? midpoint(points) : { x: bezierX, y: bezierY };
  const path = points.length > 1 ? roundedPath(points) : bezier;
  // Until the layout routes the edge, a dot goes straight from one end to the other.
  const route =
    points.length > 1
      ? points
      : [
          { x: props.sourceX, y: props.sourceY },
          { x: props.targetX, y: props.targetY },
        ];
  const [labelX, labelY] = [label.x, label.y];
  // At the top speeds the dots are not drawn at all (rushing.ts): too fast to follow, and costly to paint.
  const isCalm = !useSimulationStore(isRushing);
  const pulses = props.data?.pulses ?? [];
  return (
    <>
      <BaseEdge id={props.id} path={path} className={pulses.length > 0 ? 'edge--busy' : ''} />
      <text x={labelX} y={labelY - 8} className="edge__label" textAnchor="middle">
        {props.data?.label}
      </text>
      {isCalm && pulses.length > 0 && (
        <EdgeLabelRenderer>
          {pulses.map((p) => (
            <TravellingDot key={p.id} points={p.isReverse ? [...route].reverse() : route} color={p.color} />
          ))}
        </EdgeLabelRenderer>
      )}
    </>
  );
});
