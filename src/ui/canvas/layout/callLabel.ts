/**
 * Where a call edge's words go (its request, and the outcome under it). A record edge labels its
 * midpoint, but a call's midpoint often falls in a 64 px gap beside a card, and calls that leave one
 * caller share their first run. So a call is labelled beside its arrowhead first, where it is alone,
 * on the side its route does not come from; then at its midpoint; whichever clears every card.
 */
import type { Box } from './placeColumns';
import { midpoint, type Point } from './routeEdges';

export interface CallLabel {
  /** Where the text is anchored, and how (SVG text-anchor). */
  x: number;
  /** The top of the two lines. */
  top: number;
  anchor: 'start' | 'middle' | 'end';
  box: Box;
}

/** Room between the arrow's tip and the words, past the arrowhead. */
const TIP_GAP = 14;
/** Room between the line and the words beside it. */
const LINE_GAP = 5;
/** Room kept between the words and any card. */
const CARD_MARGIN = 4;

function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function labelAt(x: number, top: number, anchor: CallLabel['anchor'], size: { width: number; height: number }): CallLabel {
  const left = anchor === 'start' ? x : anchor === 'end' ? x - size.width : x - size.width / 2;
  return { x, top, anchor, box: { x: left, y: top, width: size.width, height: size.height } };
}

/**
 * Beside the arrowhead, towards the caller along the last run: first on the side away from the run
 * before it (which the words would otherwise sit on), then on the other side.
 */
function besideTip(points: readonly Point[], size: { width: number; height: number }): CallLabel[] {
  const tip = points.at(-1)!;
  const entry = [...points].reverse().find((p) => p.x !== tip.x);
  if (entry === undefined || Math.abs(entry.y - tip.y) > 0.5) return []; // only a horizontal last run
  const fromLeft = entry.x < tip.x;
  const before = points
    .slice(0, points.indexOf(entry) + 1)
    .reverse()
    .find((p) => Math.abs(p.y - tip.y) > 0.5);
  const below = labelAt(fromLeft ? tip.x - TIP_GAP : tip.x + TIP_GAP, tip.y + LINE_GAP, fromLeft ? 'end' : 'start', size);
  const above = labelAt(below.x, tip.y - LINE_GAP - size.height, below.anchor, size);
  return before !== undefined && before.y < tip.y ? [below, above] : [above, below];
}

/** Centred on the middle of the route, the request above the line and the outcome below. */
function atMiddle(points: readonly Point[], size: { width: number; height: number }): CallLabel {
  const m = midpoint(points);
  return labelAt(m.x, m.y - size.height / 2, 'middle', size);
}

export function placeCallLabel(points: readonly Point[], size: { width: number; height: number }, cards: readonly Box[]): CallLabel {
  const middle = atMiddle(points, size);
  const candidates = [...besideTip(points, size), middle];
  const isClear = (c: CallLabel) =>
    !cards.some((card) => intersects(c.box, { x: card.x - CARD_MARGIN, y: card.y - CARD_MARGIN, width: card.width + 2 * CARD_MARGIN, height: card.height + 2 * CARD_MARGIN }));
  return candidates.find(isClear) ?? middle;
}
