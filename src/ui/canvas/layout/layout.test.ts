import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveColumns } from './columns';
import { balanceColumns, overlaps, placeColumns, type Box, type Orientation, type Size } from './placeColumns';
import { roundedPath, routeEdges, type Point } from './routeEdges';

describe('resolveColumns', () => {
  it('places named actors where declared, the rest by wildcard or beside their kind, each once', () => {
    const ids = ['producer:shop', 'topic:orders', 'topic:audit', 'consumer:a', 'consumer:b', 'broker:1', 'broker:2'];
    expect(
      resolveColumns(
        [
          ['producer:*', 'broker:1'],
          ['topic:orders', 'topic:*'],
          ['consumer:b', 'consumer:*'],
        ],
        ids,
      ),
    ).toEqual([
      ['producer:shop', 'broker:1', 'broker:2'],
      ['topic:orders', 'topic:audit'],
      ['consumer:b', 'consumer:a'],
    ]);
  });

  it('puts an actor nobody declared with the first column of its kind, and drops declared ids that do not exist', () => {
    expect(resolveColumns([['topic:t', 'topic:gone'], ['consumer:a']], ['topic:t', 'consumer:a', 'consumer:new', 'topic:u'])).toEqual([
      ['topic:t', 'topic:u'],
      ['consumer:a', 'consumer:new'],
    ]);
  });
});

const sizeArb = fc.record({ width: fc.integer({ min: 80, max: 600 }), height: fc.integer({ min: 40, max: 700 }) });
const sceneArb = fc.array(fc.array(sizeArb, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 }).chain((columns) => {
  const ids = columns.flatMap((c, i) => c.map((_, j) => `n:${i}-${j}`));
  const edge = fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...ids), fc.option(fc.constantFrom('g1', 'g2'), { nil: undefined }));
  return fc.record({ columns: fc.constant(columns), edges: fc.array(edge, { maxLength: 14 }), orientation: fc.constantFrom<Orientation>('horizontal', 'vertical') });
});

function sizesOf(columns: Size[][]): { ids: string[][]; sizeOf: (id: string) => Size } {
  const sizes = new Map<string, Size>();
  const ids = columns.map((c, i) =>
    c.map((size, j) => {
      sizes.set(`n:${i}-${j}`, size);
      return `n:${i}-${j}`;
    }),
  );
  return { ids, sizeOf: (id) => sizes.get(id)! };
}

/** Does the axis-parallel segment a-b pass through the inside of the box (its border does not count)? */
function crossesInside(a: Point, b: Point, box: Box): boolean {
  const [x1, x2] = [Math.min(a.x, b.x), Math.max(a.x, b.x)];
  const [y1, y2] = [Math.min(a.y, b.y), Math.max(a.y, b.y)];
  return x2 > box.x + 0.5 && x1 < box.x + box.width - 0.5 && y2 > box.y + 0.5 && y1 < box.y + box.height - 0.5;
}

describe('placeColumns', () => {
  it('never overlaps two cards, whatever their sizes, and keeps every card its measured size', () => {
    fc.assert(
      fc.property(sceneArb, ({ columns, orientation }) => {
        const { ids, sizeOf } = sizesOf(columns);
        const layout = placeColumns(ids, sizeOf, orientation);
        const boxes = Object.entries(layout.boxes);
        expect(boxes).toHaveLength(ids.flat().length);
        for (const [id, box] of boxes) expect({ width: box.width, height: box.height }).toEqual(sizeOf(id));
        for (let i = 0; i < boxes.length; i++) {
          for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]![1], boxes[j]![1]), `${boxes[i]![0]} / ${boxes[j]![0]}`).toBe(false);
        }
      }),
    );
  });

  it('keeps declared order: left to right across columns, top to bottom within one', () => {
    const { ids, sizeOf } = sizesOf([
      [
        { width: 100, height: 50 },
        { width: 200, height: 80 },
      ],
      [{ width: 150, height: 300 }],
    ]);
    const { boxes } = placeColumns(ids, sizeOf, 'horizontal');
    expect(boxes['n:0-0']!.y).toBeLessThan(boxes['n:0-1']!.y);
    expect(boxes['n:1-0']!.x).toBeGreaterThan(boxes['n:0-1']!.x + 200);
  });
});

describe('routeEdges', () => {
  it('never runs an edge under a card, and starts and ends it on the cards it joins', () => {
    fc.assert(
      fc.property(sceneArb, ({ columns, edges, orientation }) => {
        const { ids, sizeOf } = sizesOf(columns);
        const layout = placeColumns(ids, sizeOf, orientation);
        const ends = edges.filter(([s, t]) => s !== t).map(([source, target, bundle], i) => ({ id: `e${i}`, source, target, bundle }));
        const routes = routeEdges(layout, ends);
        for (const e of ends) {
          const points = routes[e.id]!;
          const s = layout.boxes[e.source]!;
          const t = layout.boxes[e.target]!;
          const onBorder = (p: Point, b: Box) => (p.x === b.x || p.x === b.x + b.width) && p.y > b.y && p.y < b.y + b.height;
          expect(onBorder(points[0]!, s)).toBe(true);
          expect(onBorder(points.at(-1)!, t)).toBe(true);
          for (let i = 1; i < points.length; i++) {
            for (const [id, box] of Object.entries(layout.boxes)) {
              expect(crossesInside(points[i - 1]!, points[i]!, box), `${e.source}→${e.target} segment ${i} crosses ${id}`).toBe(false);
            }
          }
        }
      }),
    );
  });

  it('draws a rounded path through the points', () => {
    expect(
      roundedPath([
        { x: 0, y: 0 },
        { x: 40, y: 0 },
        { x: 40, y: 40 },
      ]),
    ).toBe('M 0 0 L 30 0 Q 40 0 40 10 L 40 40');
  });
});

describe('balanceColumns', () => {
  const pane = { width: 900, height: 500 };

  it('splits a column far taller than the pane allows, in order, and leaves a scene that fits alone', () => {
    const tall = sizesOf([[{ width: 200, height: 100 }], Array.from({ length: 6 }, () => ({ width: 200, height: 120 }))]);
    const balanced = balanceColumns(tall.ids, tall.sizeOf, pane, 0.75);
    expect(balanced).toEqual([['n:0-0'], ['n:1-0', 'n:1-1', 'n:1-2'], ['n:1-3', 'n:1-4', 'n:1-5']]);
    const wide = sizesOf([[{ width: 200, height: 100 }], [{ width: 200, height: 100 }]]);
    expect(balanceColumns(wide.ids, wide.sizeOf, pane, 0.75)).toEqual(wide.ids);
  });

  it('does not split when that would push more of the scene off screen at the readable zoom', () => {
    // Four wide columns already overflow the width; a fifth would hide more than the tall one does.
    const scene = sizesOf([[{ width: 300, height: 100 }], [{ width: 300, height: 100 }], Array.from({ length: 4 }, () => ({ width: 300, height: 150 })), [{ width: 300, height: 100 }]]);
    expect(balanceColumns(scene.ids, scene.sizeOf, pane, 0.8)).toEqual(scene.ids);
  });
});

describe('routeEdges bundles', () => {
  it('runs the edges of one bundle (a group reading a topic) down the same line of a gap', () => {
    const { ids, sizeOf } = sizesOf([
      [{ width: 200, height: 100 }],
      [
        { width: 200, height: 80 },
        { width: 200, height: 80 },
        { width: 200, height: 80 },
      ],
    ]);
    const layout = placeColumns(ids, sizeOf, 'horizontal');
    const edges = [
      { id: 'a', source: 'n:0-0', target: 'n:1-0', bundle: 'topic->group:g' },
      { id: 'b', source: 'n:0-0', target: 'n:1-1', bundle: 'topic->group:g' },
      { id: 'c', source: 'n:0-0', target: 'n:1-2' },
    ];
    const routes = routeEdges(layout, edges);
    expect(routes['a']![1]!.x).toBe(routes['b']![1]!.x);
    expect(routes['c']![1]!.x).not.toBe(routes['a']![1]!.x);
  });
});
