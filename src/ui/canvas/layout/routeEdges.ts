/**
 * Edge routes that never pass under a card. An edge leaves its source on the side facing its target
 * and enters the target on the side facing the source. Between columns it runs vertically in the gaps
 * (where no card is) and crosses a column only at a height where that column has no card, or above or
 * below the whole scene. Edges sharing a gap are spread across it so they stay apart.
 */
import { CARD_GAP, type Box, type ColumnLayout } from './placeColumns';

export interface Point {
  x: number;
  y: number;
}

export interface EdgeEnds {
  id: string;
  source: string;
  target: string;
  /** Edges with the same bundle (a group's instances reading one topic) share their runs in the gaps: they read as one edge that branches at the cards. */
  bundle?: string | undefined;
}

/** Room kept between an edge crossing a column and the cards above and below it. */
const CLEARANCE = 6;
/** Spacing between edges that share a gap. */
const LANE_SPACING = 7;

const centreY = (b: Box) => b.y + b.height / 2;

/** The x of the gap right of column `c` (past the last column: just right of it). */
function gapX(layout: ColumnLayout, c: number, lane: number, lanes: number): number {
  const left = layout.columns[c]!.right;
  const next = layout.columns[c + 1]?.left ?? left + 2 * (CARD_GAP + lanes * LANE_SPACING);
  const room = next - left;
  const spread = Math.min(LANE_SPACING, (room * 0.7) / Math.max(1, lanes));
  return left + room / 2 + (lane - (lanes - 1) / 2) * spread;
}

/** Is height y free of cards in every column strictly between c1 and c2? */
function isFreeAcross(layout: ColumnLayout, from: number, to: number, y: number): boolean {
  for (let c = from; c <= to; c++) {
    for (const id of layout.columns[c]!.ids) {
      const b = layout.boxes[id]!;
      if (y > b.y - CLEARANCE && y < b.y + b.height + CLEARANCE) return false;
    }
  }
  return true;
}

/** A height to cross columns from..to at, as close as possible to both ends' heights. */
function corridor(layout: ColumnLayout, from: number, to: number, y1: number, y2: number): number {
  const candidates = [y1, y2, layout.bounds.y - CARD_GAP, layout.bounds.y + layout.bounds.height + CARD_GAP];
  for (let c = from; c <= to; c++) {
    for (const id of layout.columns[c]!.ids) {
      const b = layout.boxes[id]!;
      candidates.push(b.y - CARD_GAP / 2, b.y + b.height + CARD_GAP / 2);
    }
  }
  let best = candidates[2]!;
  let bestCost = Infinity;
  for (const y of candidates) {
    if (!isFreeAcross(layout, from, to, y)) continue;
    const cost = Math.abs(y - y1) + Math.abs(y - y2);
    if (cost < bestCost) {
      best = y;
      bestCost = cost;
    }
  }
  return best;
}

/** Which gap an edge's first and last vertical runs use: keyed so edges in one gap can be spread. */
function gapsOf(layout: ColumnLayout, e: EdgeEnds): [number, number] {
  const sc = layout.columnOf[e.source]!;
  const tc = layout.columnOf[e.target]!;
  if (sc < tc) return [sc, tc - 1];
  if (sc > tc) return [sc - 1, tc];
  return [sc, sc];
}

/** The polyline of every edge whose two cards are placed. */
export function routeEdges(layout: ColumnLayout, edges: readonly EdgeEnds[]): Record<string, Point[]> {
  const placed = edges.filter((e) => layout.boxes[e.source] !== undefined && layout.boxes[e.target] !== undefined && e.source !== e.target);
  // Spread the edges that share a gap, ordered by the height they run at so they do not cross needlessly.
  const users = new Map<number, EdgeEnds[]>();
  for (const e of placed) {
    for (const g of new Set(gapsOf(layout, e))) users.set(g, [...(users.get(g) ?? []), e]);
  }
  const laneOf = new Map<string, number>();
  const lanesIn = new Map<number, number>();
  const keyOf = (e: EdgeEnds) => e.bundle ?? e.id;
  for (const [g, list] of users) {
    // One lane per bundle, ordered by the mean height its edges run at.
    const heights = new Map<string, number[]>();
    for (const e of list) heights.set(keyOf(e), [...(heights.get(keyOf(e)) ?? []), centreY(layout.boxes[e.source]!) + centreY(layout.boxes[e.target]!)]);
    const mean = (key: string) => heights.get(key)!.reduce((a, b) => a + b, 0) / heights.get(key)!.length;
    const keys = [...heights.keys()].sort((a, b) => mean(a) - mean(b) || a.localeCompare(b));
    keys.forEach((key, i) => laneOf.set(`${g}|${key}`, i));
    lanesIn.set(g, keys.length);
  }
  const lane = (g: number, e: EdgeEnds) => [laneOf.get(`${g}|${keyOf(e)}`) ?? 0, lanesIn.get(g) ?? 1] as const;

  const routes: Record<string, Point[]> = {};
  for (const e of placed) {
    const s = layout.boxes[e.source]!;
    const t = layout.boxes[e.target]!;
    const sc = layout.columnOf[e.source]!;
    const tc = layout.columnOf[e.target]!;
    const sy = centreY(s);
    const ty = centreY(t);
    if (sc === tc) {
      // Same column (a phone's single stack): out of the right side, down the gap, back into the right side.
      const x = gapX(layout, sc, ...lane(sc, e));
      routes[e.id] = [
        { x: s.x + s.width, y: sy },
        { x, y: sy },
        { x, y: ty },
        { x: t.x + t.width, y: ty },
      ];
      continue;
    }
    const forward = sc < tc;
    const [g1, g2] = gapsOf(layout, e);
    const x1 = gapX(layout, g1, ...lane(g1, e));
    const x2 = gapX(layout, g2, ...lane(g2, e));
    const start = { x: forward ? s.x + s.width : s.x, y: sy };
    const end = { x: forward ? t.x : t.x + t.width, y: ty };
    if (Math.abs(sc - tc) === 1) {
      routes[e.id] = [start, { x: x1, y: sy }, { x: x1, y: ty }, end];
      continue;
    }
    const y = corridor(layout, Math.min(sc, tc) + 1, Math.max(sc, tc) - 1, sy, ty);
    routes[e.id] = [start, { x: x1, y: sy }, { x: x1, y }, { x: x2, y }, { x: x2, y: ty }, end];
  }
  return routes;
}

/** An SVG path through the points with rounded corners. */
export function roundedPath(points: readonly Point[], radius = 10): string {
  const p = points.filter((q, i) => i === 0 || q.x !== points[i - 1]!.x || q.y !== points[i - 1]!.y);
  if (p.length === 0) return '';
  let d = `M ${p[0]!.x} ${p[0]!.y}`;
  for (let i = 1; i < p.length - 1; i++) {
    const [a, b, c] = [p[i - 1]!, p[i]!, p[i + 1]!];
    const r = Math.min(radius, Math.hypot(b.x - a.x, b.y - a.y) / 2, Math.hypot(c.x - b.x, c.y - b.y) / 2);
    const into = towards(b, a, r);
    const out = towards(b, c, r);
    d += ` L ${into.x} ${into.y} Q ${b.x} ${b.y} ${out.x} ${out.y}`;
  }
  const last = p.at(-1)!;
  return `${d} L ${last.x} ${last.y}`;
}

function towards(from: Point, to: Point, distance: number): Point {
  const length = Math.hypot(to.x - from.x, to.y - from.y);
  if (length === 0) return from;
  return { x: from.x + ((to.x - from.x) * distance) / length, y: from.y + ((to.y - from.y) * distance) / length };
}

/** The point halfway along the polyline, for the edge's label. */
export function midpoint(points: readonly Point[]): Point {
  const lengths = points.slice(1).map((q, i) => Math.hypot(q.x - points[i]!.x, q.y - points[i]!.y));
  let remaining = lengths.reduce((a, b) => a + b, 0) / 2;
  for (let i = 0; i < lengths.length; i++) {
    if (remaining <= lengths[i]!) return towards(points[i]!, points[i + 1]!, remaining);
    remaining -= lengths[i]!;
  }
  return points[0] ?? { x: 0, y: 0 };
}
