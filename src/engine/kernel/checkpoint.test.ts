import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SimState } from '../state';
import { cloneSharingRecords } from './checkpoint';

/** A state-shaped value: one topic with one log, and arbitrary plain data beside it. */
function stateWith(extra: unknown, records: object[]): SimState {
  return { topics: { t: { partitions: [{ log: { records } }] } }, extra } as unknown as SimState;
}

describe('cloneSharingRecords', () => {
  it('copies plain data deeply, as structuredClone does, and shares the log records in a new array', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.array(fc.record({ offset: fc.nat() }, { noNullPrototype: true }), { maxLength: 5 }), (extra, records) => {
        const state = stateWith(extra, records);
        const copy = cloneSharingRecords(state);
        expect(copy).toStrictEqual(structuredClone(state));
        const copied = copy.topics['t']!.partitions[0]!.log.records;
        expect(copied).not.toBe(state.topics['t']!.partitions[0]!.log.records);
        copied.forEach((r, i) => expect(r).toBe(records[i]));
      }),
    );
  });

  it('keeps a key named __proto__ as an own property (Kafka allows that topic name)', () => {
    const extra = JSON.parse('{"__proto__": {"x": 1}, "y": [1, {"z": null}]}') as unknown;
    const copy = cloneSharingRecords(stateWith(extra, [])) as unknown as { extra: Record<string, unknown> };
    expect(Object.getPrototypeOf(copy.extra)).toBe(Object.prototype);
    expect(Object.keys(copy.extra)).toEqual(['__proto__', 'y']);
    expect(copy.extra['__proto__']).toEqual({ x: 1 });
  });

  it('leaves nothing shared but the records', () => {
    const state = stateWith({ a: { b: [1, 2] } }, [{ offset: 0 }]);
    const copy = cloneSharingRecords(state) as unknown as { extra: { a: { b: number[] } } };
    copy.extra.a.b.push(3);
    expect((state as unknown as { extra: { a: { b: number[] } } }).extra.a.b).toEqual([1, 2]);
  });
});
