/**
 * Card positions from measured sizes. Columns run left to right with their cards stacked top to
 * bottom, each column centred on the tallest; on a phone every card goes in one stack, column after
 * column. Positions depend only on sizes and order, so a card that grows pushes the ones below it
 * down and never onto them.
 */

export interface Size {
  width: number;
  height: number;
}

export interface Box extends Size {
  x: number;
  y: number;
}

export type Orientation = 'horizontal' | 'vertical';

export interface PlacedColumn {
  left: number;
  right: number;
  ids: string[];
}

export interface ColumnLayout {
  boxes: Record<string, Box>;
  /** Columns as placed (one on a phone): routing runs edges through the gaps between them. */
  columns: PlacedColumn[];
  /** Which placed column each card is in. */
  columnOf: Record<string, number>;
  bounds: Box;
}

/** Room between columns for edges and their labels, and between stacked cards. */
export const COLUMN_GAP = 52;
export const CARD_GAP = 22;
/** Extra room between groups of cards from different declared columns in a phone's single stack. */
const STACK_GROUP_GAP = 14;

export function placeColumns(columns: readonly (readonly string[])[], sizeOf: (id: string) => Size, orientation: Orientation): ColumnLayout {
  return orientation === 'vertical' ? placeStack(columns, sizeOf) : placeSideBySide(columns, sizeOf);
}

function columnHeight(ids: readonly string[], sizeOf: (id: string) => Size): number {
  return ids.reduce((h, id) => h + sizeOf(id).height, 0) + CARD_GAP * Math.max(0, ids.length - 1);
}

function placeSideBySide(columns: readonly (readonly string[])[], sizeOf: (id: string) => Size): ColumnLayout {
  const boxes: Record<string, Box> = {};
  const columnOf: Record<string, number> = {};
  const placed: PlacedColumn[] = [];
  const tallest = Math.max(0, ...columns.map((ids) => columnHeight(ids, sizeOf)));
  let left = 0;
  columns.forEach((ids, index) => {
    const width = Math.max(0, ...ids.map((id) => sizeOf(id).width));
    let y = (tallest - columnHeight(ids, sizeOf)) / 2;
    for (const id of ids) {
      const size = sizeOf(id);
      boxes[id] = { x: left + (width - size.width) / 2, y, width: size.width, height: size.height };
      columnOf[id] = index;
      y += size.height + CARD_GAP;
    }
    placed.push({ left, right: left + width, ids: [...ids] });
    left += width + COLUMN_GAP;
  });
  const right = placed.at(-1)?.right ?? 0;
  return { boxes, columns: placed, columnOf, bounds: { x: 0, y: 0, width: right, height: tallest } };
}

function placeStack(columns: readonly (readonly string[])[], sizeOf: (id: string) => Size): ColumnLayout {
  const boxes: Record<string, Box> = {};
  const columnOf: Record<string, number> = {};
  const ids = columns.flat();
  const width = Math.max(0, ...ids.map((id) => sizeOf(id).width));
  let y = 0;
  columns.forEach((column, c) => {
    if (c > 0 && column.length > 0) y += STACK_GROUP_GAP;
    for (const id of column) {
      const size = sizeOf(id);
      boxes[id] = { x: 0, y, width: size.width, height: size.height };
      columnOf[id] = 0;
      y += size.height + CARD_GAP;
    }
  });
  const height = Math.max(0, y - CARD_GAP);
  return { boxes, columns: [{ left: 0, right: width, ids }], columnOf, bounds: { x: 0, y: 0, width, height } };
}

/** True when two boxes share more than a hair of area (touching edges do not count). */
export function overlaps(a: Box, b: Box): boolean {
  return Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > 0.5 && Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > 0.5;
}

/**
 * Splits tall columns in two (keeping their order) while that shows more of the scene in a pane of this
 * size: a larger zoom while the whole scene fits at `readableZoom` or more, else a larger share of it
 * on screen at that zoom. A scenario declares its flow's columns; how many screen columns that takes
 * depends on the screen.
 */
export function balanceColumns(columns: readonly (readonly string[])[], sizeOf: (id: string) => Size, pane: Size, readableZoom: number): string[][] {
  let current = columns.map((c) => [...c]);
  let best = sceneScore(current, sizeOf, pane, readableZoom);
  for (let round = 0; round < 8; round++) {
    const tallest = current.reduce((t, c, i) => (c.length > 1 && columnHeight(c, sizeOf) > columnHeight(current[t] ?? [], sizeOf) ? i : t), -1);
    if (tallest < 0 || current[tallest]!.length < 2) break;
    const split = [...current.slice(0, tallest), ...halves(current[tallest]!, sizeOf), ...current.slice(tallest + 1)];
    const score = sceneScore(split, sizeOf, pane, readableZoom);
    if (score <= best * 1.02) break;
    current = split;
    best = score;
  }
  return current;
}

/** Above 1: the whole scene fits, the larger its zoom the better. At most 1: the share of it on screen at the readable zoom. */
function sceneScore(columns: readonly (readonly string[])[], sizeOf: (id: string) => Size, pane: Size, readableZoom: number): number {
  const { bounds } = placeSideBySide(columns, sizeOf);
  const zoom = Math.min(pane.width / Math.max(1, bounds.width), pane.height / Math.max(1, bounds.height));
  if (zoom >= readableZoom) return 1 + zoom;
  return Math.min(1, pane.width / (bounds.width * readableZoom)) * Math.min(1, pane.height / (bounds.height * readableZoom));
}

/** Two runs of the column, as even in height as the cards allow. */
function halves(ids: readonly string[], sizeOf: (id: string) => Size): [string[], string[]] {
  const total = columnHeight(ids, sizeOf);
  let best = 1;
  let bestDiff = Infinity;
  for (let cut = 1; cut < ids.length; cut++) {
    const diff = Math.abs(2 * columnHeight(ids.slice(0, cut), sizeOf) - total);
    if (diff < bestDiff) {
      best = cut;
      bestDiff = diff;
    }
  }
  return [ids.slice(0, best), ids.slice(best)];
}
