import { BaseEdge, getBezierPath, Position, useStore, type EdgeProps, type ReactFlowState } from '@xyflow/react';
import { memo } from 'react';
import type { CallFlowEdge } from '../flowTypes';
import { CALL_OUTCOME_TEXT } from '../httpCalls';
import { placeCallLabel, type CallLabel } from '../layout/callLabel';
import type { Box } from '../layout/placeColumns';
import { roundedPath, type Point } from '../layout/routeEdges';

/** The way the edge enters its target when there is no route yet (React Flow's own curve ends so). */
const ENTRY: Record<Position, Point> = {
  [Position.Left]: { x: 1, y: 0 },
  [Position.Right]: { x: -1, y: 0 },
  [Position.Top]: { x: 0, y: 1 },
  [Position.Bottom]: { x: 0, y: -1 },
};

/** The words are 14 px (compact faces' smallest text); the request is monospaced, so its width is known. */
const CHAR_WIDTH_PX = 8.6;
const LINE_PX = 19;

const ARROW_LENGTH = 11;
const ARROW_HALF_WIDTH = 5.5;

/** A closed arrowhead whose tip is `tip`, pointing along `direction`. */
function arrowhead(tip: Point, direction: Point): string {
  const length = Math.hypot(direction.x, direction.y) || 1;
  const [dx, dy] = [direction.x / length, direction.y / length];
  const base = { x: tip.x - dx * ARROW_LENGTH, y: tip.y - dy * ARROW_LENGTH };
  return `M ${tip.x} ${tip.y} L ${base.x - dy * ARROW_HALF_WIDTH} ${base.y + dx * ARROW_HALF_WIDTH} L ${base.x + dy * ARROW_HALF_WIDTH} ${base.y - dx * ARROW_HALF_WIDTH} Z`;
}

/** The last segment of the route that has a length: the arrow points along it. */
function lastDirection(points: readonly Point[]): Point | null {
  const tip = points.at(-1)!;
  for (let i = points.length - 2; i >= 0; i--) {
    const p = points[i]!;
    if (p.x !== tip.x || p.y !== tip.y) return { x: tip.x - p.x, y: tip.y - p.y };
  }
  return null;
}

/** Every card's box as placed, for labels to keep clear of. */
function selectCards(s: ReactFlowState): Box[] {
  return [...s.nodeLookup.values()].map((n) => ({ x: n.internals.positionAbsolute.x, y: n.internals.positionAbsolute.y, width: n.measured.width ?? 0, height: n.measured.height ?? 0 }));
}

function sameBoxes(a: readonly Box[], b: readonly Box[]): boolean {
  return a.length === b.length && a.every((box, i) => box.x === b[i]!.x && box.y === b[i]!.y && box.width === b[i]!.width && box.height === b[i]!.height);
}

/**
 * A synchronous HTTP call between two services (not Kafka): dashed, with an arrowhead at the callee,
 * the request above the line and what a call gets now below it. Unlike a record edge nothing travels
 * on it; the outcome is the point.
 */
export const CallEdge = memo(function CallEdge(props: EdgeProps<CallFlowEdge>) {
  // The layout's route keeps clear of every card; React Flow's own curve only until the layout has one.
  const points = props.data?.points ?? [];
  const isRouted = points.length > 1;
  const cards = useStore(selectCards, sameBoxes);
  const [bezier, bezierX, bezierY] = getBezierPath(props);
  const path = isRouted ? roundedPath(points) : bezier;
  const tip = isRouted ? points.at(-1)! : { x: props.targetX, y: props.targetY };
  const direction = (isRouted ? lastDirection(points) : null) ?? ENTRY[props.targetPosition];
  const outcome = props.data?.outcome ?? 'not-yet';
  const request = props.data?.request ?? '';
  const outcomeText = CALL_OUTCOME_TEXT[outcome];
  const size = { width: Math.max(request.length, outcomeText.length) * CHAR_WIDTH_PX, height: 2 * LINE_PX };
  const label: CallLabel = isRouted
    ? placeCallLabel(points, size, cards)
    : { x: bezierX, top: bezierY - LINE_PX, anchor: 'middle', box: { x: bezierX - size.width / 2, y: bezierY - LINE_PX, width: size.width, height: size.height } };
  return (
    <g className={`call call--${outcome}`}>
      <BaseEdge id={props.id} path={path} className="call__path" />
      <path d={arrowhead(tip, direction)} className="call__arrow" />
      <text x={label.x} y={label.top + LINE_PX - 5} className="call__request" textAnchor={label.anchor}>
        {request}
      </text>
      <text x={label.x} y={label.top + 2 * LINE_PX - 4} className="call__outcome" textAnchor={label.anchor}>
        {outcomeText}
      </text>
    </g>
  );
});
