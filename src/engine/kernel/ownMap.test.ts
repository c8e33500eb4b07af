import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deleteOwn, getOwn, setOwn } from './ownMap';

/** Every name Object.prototype answers to, and a few that it does not. */
const PROTOTYPE_NAMES = [...Object.getOwnPropertyNames(Object.prototype), '__proto__', 'prototype', 'orders', 'orders-0', ''];

describe('own-property maps', () => {
  it('getOwn finds only own entries, whatever the key and whatever the map holds', () => {
    const key = fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), fc.string({ maxLength: 6 }));
    const value = fc.oneof(fc.integer(), fc.constant(null), fc.boolean(), fc.string(), fc.object({ maxDepth: 1 }), fc.constant(Object.prototype));
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { maxLength: 12 }), fc.array(key, { maxLength: 6 }), fc.array(key, { maxLength: 12 }), (entries, removed, asked) => {
        const map: Record<string, unknown> = {};
        for (const [k, v] of entries) setOwn(map, k, v);
        for (const k of removed) deleteOwn(map, k);
        for (const k of asked) expect(getOwn(map, k)).toBe(Object.hasOwn(map, k) ? map[k] : undefined);
      }),
    );
  });

  it('getOwn never answers with what Object.prototype holds', () => {
    const map: Record<string, unknown> = {};
    for (const name of PROTOTYPE_NAMES) expect(getOwn(map, name)).toBeUndefined();
    setOwn(map, '__proto__', { partitions: 3 });
    setOwn(map, 'toString', 7);
    expect(getOwn(map, '__proto__')).toEqual({ partitions: 3 });
    expect(getOwn(map, 'toString')).toBe(7);
    expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
  });
});
