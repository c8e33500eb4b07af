import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSameData, UnchangedKeeper } from './keepUnchanged';

describe('isSameData', () => {
  it('compares plain data by content and everything else by identity', () => {
    expect(isSameData({ a: [1, { b: 'x' }], c: null }, { a: [1, { b: 'x' }], c: null })).toBe(true);
    expect(isSameData({ a: [1, 2] }, { a: [1, 3] })).toBe(false);
    expect(isSameData({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(isSameData([1], { 0: 1 })).toBe(false);
    expect(isSameData(new Set([1]), new Set([1]))).toBe(false);
    expect(isSameData(Number.NaN, Number.NaN)).toBe(true);
  });

  it('finds a copy the same, and never finds data the same that serialise differently', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(isSameData(a, structuredClone(a))).toBe(true);
        if (isSameData(a, b)) expect(JSON.stringify(a)).toBe(JSON.stringify(b));
      }),
    );
  });
});

describe('UnchangedKeeper', () => {
  it('hands back the previous object for an unchanged item and the new one for a changed item', () => {
    const keeper = new UnchangedKeeper<{ id: string; n: number }>();
    const first = keeper.keep([
      { id: 'a', n: 1 },
      { id: 'b', n: 1 },
    ]);
    const second = keeper.keep([
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
    ]);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1]).toEqual({ id: 'b', n: 2 });
    const third = keeper.keep([
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
    ]);
    expect(third).toBe(second);
  });

  it('always returns a list equal to the one it was given', () => {
    const item = fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd'), n: fc.integer({ min: 0, max: 2 }) });
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(item, { selector: (x) => x.id }), { maxLength: 8 }), (lists) => {
        const keeper = new UnchangedKeeper<{ id: string; n: number }>();
        for (const list of lists) expect(keeper.keep(list)).toEqual(list);
      }),
    );
  });
});
