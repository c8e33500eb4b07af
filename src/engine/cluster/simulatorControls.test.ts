/** Simulator controls: roll a segment, run the log cleaner and the retention check on demand. */
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation, type TopicConfig } from '../index';
import { appendOne, batchBytes, partitionLog, TOPIC } from '../log/testing';
import { entriesOf } from '../testing/entriesOf';
import { expectCode } from '../testing/expectCode';

const HOUR = 3_600_000;

/** One broker whose periodic retention check and cleaner are an hour apart, so only the controls act. */
function sim(configs: Partial<TopicConfig>, cleaner = true): Simulation {
  const s = createSimulation({ seed: 4, brokers: 1, traceLimit: 100_000, brokerConfig: { 'log.retention.check.interval.ms': HOUR, 'log.cleaner.backoff.ms': HOUR, 'log.cleaner.enable': cleaner } });
  s.createTopic({ name: TOPIC, partitions: 2, replicationFactor: 1, configs });
  s.createProducer({ clientId: 'p', config: { 'linger.ms': 0 } });
  return s;
}

/** What is queued, by type: the controls must not add or remove periodic events. */
const queued = (s: Simulation) => s.state.queue.map((e) => e.type).sort();

describe('rollSegment', () => {
  it('closes the active segment and starts a new, empty one at the log end offset', () => {
    const s = sim({});
    for (let i = 0; i < 3; i++) appendOne(s, 'k', `v${i}`);
    s.rollSegment(TOPIC, 0);
    const log = partitionLog(s);
    expect(log.segments.map((g) => [g.baseOffset, g.sizeBytes])).toEqual([
      [0, 3 * batchBytes('k', 'v0')],
      [3, 0],
    ]);
    expect(entriesOf(s, 'segmentRollForced')).toMatchObject([{ topic: TOPIC, partition: 0, baseOffset: 3, closed: { baseOffset: 0, endOffset: 3, sizeBytes: 3 * batchBytes('k', 'v0') } }]);
    appendOne(s, 'k', 'v3');
    expect(log.segments.map((g) => g.baseOffset)).toEqual([0, 3]);
    expect(log.segments[1]!.sizeBytes).toBe(batchBytes('k', 'v3'));
  });

  it('does not roll an empty active segment (Kafka keeps one empty segment, not two)', () => {
    const s = sim({});
    s.rollSegment(TOPIC, 1);
    appendOne(s, 'k', 'v');
    s.rollSegment(TOPIC, 0);
    s.rollSegment(TOPIC, 0);
    expect(partitionLog(s, 1).segments).toHaveLength(1);
    expect(partitionLog(s).segments.map((g) => g.baseOffset)).toEqual([0, 1]);
    expect(entriesOf(s, 'segmentRollForced').map((e) => [e.partition, e.baseOffset, e.closed === null])).toEqual([
      [1, 0, true],
      [0, 1, false],
      [0, 1, true],
    ]);
  });

  it('refuses an unknown topic or partition', () => {
    const s = sim({});
    expectCode(() => s.rollSegment('nope', 0), 'UNKNOWN_TOPIC_OR_PARTITION');
    expectCode(() => s.rollSegment(TOPIC, 5), 'UNKNOWN_TOPIC_OR_PARTITION');
  });
});

describe('runRetentionCheckNow', () => {
  it('deletes what retention.ms allows at once, without waiting for log.retention.check.interval.ms, and keeps the periodic check as it was', () => {
    const s = sim({ 'retention.ms': 1_000 });
    for (let i = 0; i < 4; i++) appendOne(s, 'k', `v${i}`);
    s.rollSegment(TOPIC, 0);
    appendOne(s, 'k', 'kept');
    s.runUntilTime(10_000);
    expect(partitionLog(s).logStartOffset).toBe(0); // the periodic check is an hour away
    const before = queued(s);
    s.runRetentionCheckNow();
    const log = partitionLog(s);
    expect(log.logStartOffset).toBe(5);
    expect(log.records).toHaveLength(0);
    expect(entriesOf(s, 'segmentsDeleted').map((e) => e.segments.map((g) => g.baseOffset))).toEqual([[0, 4]]);
    expect(entriesOf(s, 'retentionCheckRanNow')).toMatchObject([{ deleted: [{ topic: TOPIC, partition: 0, segments: 2, logStartOffset: 5 }] }]);
    expect(queued(s)).toEqual(before);
  });

  it('says so when nothing is due', () => {
    const s = sim({});
    appendOne(s, 'k', 'v');
    s.runRetentionCheckNow();
    expect(partitionLog(s).records).toHaveLength(1);
    expect(entriesOf(s, 'retentionCheckRanNow')).toMatchObject([{ deleted: [] }]);
    expect(entriesOf(s, 'segmentsDeleted')).toHaveLength(0);
  });
});

describe('runLogCleanerNow', () => {
  const compacted = { 'cleanup.policy': 'compact' as const, 'segment.bytes': batchBytes('k0', 'v0') * 5 };

  it('compacts every log that is due, at once, and keeps the periodic wake-up as it was', () => {
    const s = sim(compacted);
    for (const partition of [0, 1]) {
      for (let round = 0; round < 2; round++) for (let k = 0; k < 5; k++) appendOne(s, `k${k}`, `v${round}`, partition);
      appendOne(s, 'k9', 'active', partition);
    }
    const before = queued(s);
    s.runLogCleanerNow();
    for (const partition of [0, 1]) expect(partitionLog(s, partition).records.map((r) => r.offset)).toEqual([5, 6, 7, 8, 9, 10]);
    expect(
      entriesOf(s, 'logCleaned')
        .map((e) => e.partition)
        .sort(),
    ).toEqual([0, 1]);
    expect(entriesOf(s, 'logCleanerRanNow')).toMatchObject([{ notCleaned: [] }]);
    expect(
      entriesOf(s, 'logCleanerRanNow')[0]!
        .cleaned.map((c) => c.partition)
        .sort(),
    ).toEqual([0, 1]);
    expect(queued(s)).toEqual(before);
  });

  it('leaves logs that are not due and says why: records only in the active segment, or a dirty ratio too low', () => {
    const s = sim({ ...compacted, 'min.cleanable.dirty.ratio': 0.9 });
    for (let k = 0; k < 5; k++) appendOne(s, `k${k}`, 'v', 0);
    appendOne(s, 'k0', 'w', 0); // rolls: 5 dirty records in a closed segment, but the ratio is 5/5 = 1 > 0.9
    appendOne(s, 'k0', 'x', 1); // partition 1: everything is in the active segment
    s.runLogCleanerNow();
    expect(entriesOf(s, 'logCleanerRanNow')[0]).toMatchObject({
      cleaned: [{ topic: TOPIC, partition: 0 }],
      notCleaned: [{ topic: TOPIC, partition: 1, dirtyRatio: 0, firstDirtyOffset: 0, firstUncleanableOffset: 0 }],
    });
    // Partition 0 again: its dirty part is now empty.
    s.runLogCleanerNow();
    expect(entriesOf(s, 'logCleanerRanNow')[1]).toMatchObject({ cleaned: [] });
    expect(entriesOf(s, 'logCleanerRanNow')[1]!.notCleaned.map((n) => n.partition)).toEqual([0, 1]);
    expect(entriesOf(s, 'logCleaned')).toHaveLength(1);
  });

  it('below min.cleanable.dirty.ratio nothing is cleaned', () => {
    const s = sim({ ...compacted, 'min.cleanable.dirty.ratio': 0.9 });
    for (let k = 0; k < 5; k++) appendOne(s, `k${k}`, 'v');
    appendOne(s, 'k5', 'v'); // rolls
    s.runLogCleanerNow(); // cleans the first segment (all of it dirty: ratio 1)
    for (let k = 0; k < 4; k++) appendOne(s, `k${k}`, 'w');
    appendOne(s, 'k9', 'v'); // rolls again: one clean segment, one dirty one
    s.runLogCleanerNow();
    const last = entriesOf(s, 'logCleanerRanNow').at(-1)!;
    expect(last.cleaned).toEqual([]);
    expect(last.notCleaned).toMatchObject([
      { partition: 0, minCleanableDirtyRatio: 0.9, firstDirtyOffset: 5, firstUncleanableOffset: 10 },
      { partition: 1, dirtyRatio: 0 },
    ]);
    expect(last.notCleaned[0]!.dirtyRatio).toBeGreaterThan(0.5);
    expect(last.notCleaned[0]!.dirtyRatio).toBeLessThanOrEqual(0.9);
    expect(partitionLog(s).records.map((r) => r.offset)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('refuses when the brokers run no cleaner (log.cleaner.enable=false)', () => {
    const s = sim(compacted, false);
    expect(expectCode(() => s.runLogCleanerNow(), 'SIM_ILLEGAL_STATE').message).toMatch(/log.cleaner.enable=false/);
  });
});
