/**
 * After any sequence of appends (repeated keys, tombstones), clock advances and cleaner passes:
 * - every key's newest record below the cleaned point is still there, unless it is a tombstone past
 *   its horizon;
 * - surviving offsets keep increasing and nothing at or above the cleaned point (the active segment,
 *   the LSO) was touched: the log's tail equals what was appended.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendOne, batchBytes, entriesOf, logSim, partitionLog } from './testing';

type Op = { op: 'append'; key: number; tombstone: boolean } | { op: 'advance'; ms: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('append' as const), key: fc.nat(5), tombstone: fc.boolean() }), weight: 5 },
  { arbitrary: fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 20_000 }) }), weight: 1 },
);

describe('compaction properties', () => {
  it("keeps each key's newest record, keeps order, and never touches the uncleaned tail", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), fc.constantFrom(0, 5_000), (ops, deleteRetentionMs) => {
        const sim = logSim({ 'cleanup.policy': 'compact', 'segment.bytes': batchBytes('k0', 'value') * 4, 'min.cleanable.dirty.ratio': 0.1, 'delete.retention.ms': deleteRetentionMs });
        const appended: { offset: number; key: string; value: string | null }[] = [];
        for (const op of ops) {
          if (op.op === 'advance') {
            sim.runUntilTime(sim.time + op.ms);
            continue;
          }
          const value = op.tombstone ? null : 'value';
          appendOne(sim, `k${op.key}`, value);
          appended.push({ offset: appended.length, key: `k${op.key}`, value });
        }
        sim.runUntilTime(sim.time + 30_000);
        const log = partitionLog(sim);
        const offsets = log.records.map((r) => r.offset);
        expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
        const cleanedUpTo = log.firstDirtyOffset;
        // The tail above the cleaned point is exactly what was appended.
        expect(log.records.filter((r) => r.offset >= cleanedUpTo).map((r) => [r.offset, r.key, r.value])).toEqual(
          appended.filter((a) => a.offset >= cleanedUpTo).map((a) => [a.offset, a.key, a.value]),
        );
        const removedTombstones = new Set(entriesOf(sim, 'logCleaned').flatMap((e) => e.tombstonesRemoved));
        const newest = new Map<string, number>();
        for (const a of appended) if (a.offset < cleanedUpTo) newest.set(a.key, a.offset);
        for (const [, offset] of newest) {
          if (removedTombstones.has(offset)) {
            expect(appended[offset]!.value).toBeNull();
            continue;
          }
          expect(offsets).toContain(offset);
        }
        // Nothing older than a key's newest cleaned record survives the cleaned part.
        for (const r of log.records) if (r.offset < cleanedUpTo) expect(newest.get(r.key!)).toBe(r.offset);
      }),
      { numRuns: 60 },
    );
  });
});
