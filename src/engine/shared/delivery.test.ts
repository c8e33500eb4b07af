import { describe, expect, it } from 'vitest';
import type { Simulation } from '../kernel/simulation';
import type { CommitMode } from '../state';
import { groupView } from '../views';
import { entriesOf, startGroup } from '../broker/group/testing';

/** Two members on 2 partitions, 20 records waiting on each partition, processing 100 ms per record. */
function runCrashMidBatch(commitMode: CommitMode): Simulation {
  const { sim } = startGroup({
    clients: ['a', 'b'],
    partitions: 2,
    commitMode,
    processingMsPerRecord: 100,
    config: { 'enable.auto.commit': false, 'max.poll.records': 10, 'session.timeout.ms': 10_000 },
  });
  sim.createProducer({ clientId: 'p' });
  for (let i = 0; i < 20; i++) for (const partition of [0, 1]) sim.send({ producer: 'p', topic: 'checkout', key: null, value: `v${i}`, partition });
  // The group forms at ~2 ms; by 1.5 s each member has processed its first 10 and is half-way through the next 10.
  sim.runUntilTime(1_550);
  sim.crashConsumer('b');
  sim.runUntilTime(40_000);
  return sim;
}

function delivery(sim: Simulation, partition: number) {
  return groupView(sim.state, 'waitroom')!.delivery[`checkout-${partition}`]!;
}

describe('delivery semantics after a crash', () => {
  it('commit after processing (at-least-once): the survivor is given the uncommitted records again and processes them twice, skipping none', () => {
    const sim = runCrashMidBatch('after-processing');
    const bPartition = 1;
    const redelivered = entriesOf(sim, 'recordsRedelivered');
    expect(redelivered).toHaveLength(1);
    expect(redelivered[0]).toMatchObject({ consumer: 'a', partition: bPartition, firstOffset: 10, lastOffset: 19, count: 10 });
    const twice = entriesOf(sim, 'recordProcessed').filter((e) => !e.isFirstTime);
    expect(twice.length).toBeGreaterThan(0);
    expect(twice.every((e) => e.consumer === 'a' && e.partition === bPartition)).toBe(true);
    expect(delivery(sim, bPartition)).toMatchObject({ skippedCount: 0, processedTwiceCount: twice.length, processedUpTo: 20 });
    expect(sim.trace.some((e) => e.kind === 'recordsSkipped')).toBe(false);
  });

  it('commit before processing (at-most-once): the records b was processing are skipped for good, none is processed twice', () => {
    const sim = runCrashMidBatch('before-processing');
    const skipped = entriesOf(sim, 'recordsSkipped');
    expect(skipped).toHaveLength(1);
    const s = skipped[0]!;
    expect(s).toMatchObject({ consumer: 'a', partition: 1, lastOffset: 19 });
    expect(s.count).toBe(20 - s.firstOffset);
    expect(s.count).toBeGreaterThan(0);
    expect(sim.trace.some((e) => e.kind === 'recordProcessed' && !e.isFirstTime)).toBe(false);
    expect(sim.trace.some((e) => e.kind === 'recordsRedelivered')).toBe(false);
  });
});
