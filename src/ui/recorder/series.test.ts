import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHUNK, seriesAt, seriesFrom, seriesItems, seriesTail, SeriesBuilder, type Series } from './series';

type Op = { op: 'push'; n: number } | { op: 'set'; at: number } | { op: 'truncate'; at: number } | { op: 'fill'; from: number; span: number } | { op: 'snapshot' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('push' as const), n: fc.integer({ min: 1, max: 3 * CHUNK }) }),
  fc.record({ op: fc.constant('set' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ op: fc.constant('fill' as const), from: fc.double({ min: 0, max: 1, noNaN: true }), span: fc.integer({ min: 0, max: 2 * CHUNK }) }),
  fc.record({ op: fc.constant('snapshot' as const) }),
);

const contents = <T>(s: Series<T>) => Array.from(seriesItems(s));

describe('series snapshots', () => {
  it("always equal the builder's items, and a snapshot never changes after it is taken", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const builder = new SeriesBuilder<number>();
        const model: number[] = [];
        const taken: { snapshot: Series<number>; items: number[] }[] = [];
        let next = 0;
        for (const o of ops) {
          if (o.op === 'push')
            for (let i = 0; i < o.n; i++) {
              builder.push(next);
              model.push(next++);
            }
          else if (o.op === 'set') {
            const at = Math.floor(o.at * model.length);
            builder.set(at, next);
            model[at] = next++;
          } else if (o.op === 'truncate') {
            const at = Math.floor(o.at * model.length);
            builder.truncate(at);
            model.length = Math.min(model.length, at);
          } else if (o.op === 'fill') {
            const from = Math.floor(o.from * model.length);
            builder.fill(from, from + o.span, -1);
            for (let i = from; i < Math.min(model.length, from + o.span); i++) model[i] = -1;
          } else {
            const snapshot = builder.snapshot();
            taken.push({ snapshot, items: [...model] });
          }
          expect(builder.length).toBe(model.length);
        }
        const last = builder.snapshot();
        expect(contents(last)).toEqual(model);
        for (const { snapshot, items } of taken) expect(contents(snapshot)).toEqual(items);
      }),
      { numRuns: 200 },
    );
  });

  it('share full chunks between snapshots and copy only the last one', () => {
    const builder = new SeriesBuilder<number>();
    for (let i = 0; i < 2 * CHUNK + 5; i++) builder.push(i);
    const a = builder.snapshot();
    builder.push(99);
    const b = builder.snapshot();
    expect(b.chunks[0]).toBe(a.chunks[0]);
    expect(b.chunks[1]).toBe(a.chunks[1]);
    expect(b.chunks[2]).not.toBe(a.chunks[2]);
    expect(Object.isFrozen(b.chunks[2])).toBe(true);
  });

  it('reads items by index, from an index, and from the tail', () => {
    const s = seriesFrom(Array.from({ length: CHUNK + 3 }, (_, i) => i));
    expect(seriesAt(s, CHUNK + 1)).toBe(CHUNK + 1);
    expect(seriesAt(s, CHUNK + 3)).toBeUndefined();
    expect(seriesAt(s, -1)).toBeUndefined();
    expect(Array.from(seriesItems(s, CHUNK + 1))).toEqual([CHUNK + 1, CHUNK + 2]);
    expect(seriesTail(s, 2)).toEqual([CHUNK + 1, CHUNK + 2]);
    expect(seriesTail(s, 10_000)).toHaveLength(CHUNK + 3);
  });
});
