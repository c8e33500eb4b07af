import { describe, expect, it } from 'vitest';
import { createSimulation, type TraceEntry } from '../../engine';
import { logStorage } from './logStorage';

function run(untilMs: number) {
  const sim = createSimulation({ ...logStorage.options, seed: logStorage.seed, traceLimit: 1_000_000 });
  logStorage.setup(sim);
  sim.runUntilTime(untilMs);
  return sim;
}

const of = <K extends TraceEntry['kind']>(entries: readonly TraceEntry[], kind: K) => entries.filter((e): e is Extract<TraceEntry, { kind: K }> => e.kind === kind);

describe('retention and compaction scenario', () => {
  it('page-views loses whole segments from the oldest end, never a record younger than retention.ms', () => {
    const sim = run(59_000); // just before a retention check
    const deletions = of(sim.trace, 'segmentsDeleted').filter((e) => e.topic === 'page-views');
    expect(deletions.length).toBeGreaterThan(2);
    for (const d of deletions) for (const s of d.segments) expect(d.time - s.largestTimestamp).toBeGreaterThan(15_000);
    const log = sim.state.topics['page-views']!.partitions[0]!.log;
    expect(log.logStartOffset).toBe(log.segments[0]!.baseOffset);
    // Some records older than 15 s survive: their segment's newest record is still young.
    expect(log.records[0]!.timestamp).toBeLessThan(59_000 - 15_000);
  });

  it("user-profile keeps every user's latest value and ben's tombstone for a while, then drops it", () => {
    const sim = run(30_000);
    const profile = () => sim.state.topics['user-profile']!.partitions[0]!.log;
    expect(of(sim.trace, 'logCleaned').length).toBeGreaterThan(0);
    const cleaned = profile().records.filter((r) => r.offset < profile().firstDirtyOffset);
    const keys = cleaned.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length); // one per key in the cleaned part
    const benTombstone = profile().records.find((r) => r.key === 'ben' && r.value === null);
    expect(benTombstone).toBeDefined();
    sim.runUntilTime(120_000);
    const stamped = of(sim.trace, 'logCleaned')
      .flatMap((e) => e.tombstonesStamped)
      .find((t) => t.offset === benTombstone!.offset);
    expect(stamped).toBeDefined();
    expect(of(sim.trace, 'logCleaned').flatMap((e) => e.tombstonesRemoved)).toContain(benTombstone!.offset);
  });
});
