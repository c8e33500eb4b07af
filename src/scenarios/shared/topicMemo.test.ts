import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeepReadonly, SimState } from '../../engine';
import type { ReadRecord } from './records';
import { mapTopicRecords, memoOnArray } from './topicMemo';

type Change = { kind: 'append'; partition: number; count: number; marker: boolean } | { kind: 'dropFront' | 'truncate'; partition: number; count: number } | { kind: 'replace'; partition: number };

const changeArb: fc.Arbitrary<Change> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('append' as const), partition: fc.nat(2), count: fc.integer({ min: 1, max: 4 }), marker: fc.boolean() }) },
  fc.record({ kind: fc.constantFrom('dropFront' as const, 'truncate' as const), partition: fc.nat(2), count: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('replace' as const), partition: fc.nat(2) }),
);

function valueOf(record: ReadRecord): string | null {
  return record.value === null ? null : `${record.offset}:${record.value}`;
}

/** A state shaped enough like the engine's for the memo: one topic of three partitions. */
function fakeState() {
  const logs = [0, 1, 2].map(() => ({ records: [] as ReadRecord[], logEndOffset: 0 }));
  const state = { topics: { t: { partitions: logs.map((log) => ({ log })) } } } as unknown as DeepReadonly<SimState>;
  return { logs, state };
}

function record(offset: number, value: string | null, marker = false): ReadRecord {
  return { offset, value, key: null, controlType: marker ? 'COMMIT' : null } as unknown as ReadRecord;
}

describe('mapTopicRecords', () => {
  it('matches a full recompute after any appends, retention, truncation and cleaner passes', () => {
    fc.assert(
      fc.property(fc.array(changeArb, { maxLength: 40 }), (changes) => {
        const { logs, state } = fakeState();
        let n = 0;
        for (const c of changes) {
          const log = logs[c.partition]!;
          if (c.kind === 'append') {
            for (let i = 0; i < c.count; i++) log.records.push(record(log.logEndOffset++, n++ % 3 === 0 ? null : `v${n}`, c.marker && i === 0));
          } else if (c.kind === 'dropFront') {
            log.records.splice(0, c.count);
          } else if (c.kind === 'truncate') {
            log.records.length = Math.max(0, log.records.length - c.count);
            log.logEndOffset = (log.records.at(-1)?.offset ?? log.logEndOffset - c.count) + 1;
          } else {
            log.records = log.records.filter((_, i) => i % 2 === 0); // the cleaner: a new array
          }
          const expected = logs.flatMap((l) =>
            l.records
              .filter((r) => r.controlType === null)
              .map(valueOf)
              .filter((v) => v !== null),
          );
          expect(mapTopicRecords(state, 't', valueOf)).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('returns the same array while nothing changed, so derived views can be remembered', () => {
    const { logs, state } = fakeState();
    logs[0]!.records.push(record(0, 'a'));
    const first = mapTopicRecords(state, 't', valueOf);
    expect(mapTopicRecords(state, 't', valueOf)).toBe(first);
    let calls = 0;
    const count = memoOnArray((xs: readonly string[]) => ++calls + xs.length);
    count(first);
    count(first);
    expect(calls).toBe(1);
    logs[1]!.records.push(record(0, 'b'));
    expect(mapTopicRecords(state, 't', valueOf)).not.toBe(first);
  });
});
