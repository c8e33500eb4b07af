/**
 * Retention. Cases marked "UnifiedLogTest" are Kafka's retention tests (formerly LogTest) retold: a
 * log of 15 single-record batches with segments of 5 batches, then deleteOldSegments (here: the next
 * retention check).
 */
import { describe, expect, it } from 'vitest';
import type { TopicConfig } from '../config';
import { restoreSimulation } from '../engine';
import { expectCode } from '../testing/expectCode';
import { appendOne, batchBytes, entriesOf, logSim, partitionLog, TOPIC } from './testing';

const size = batchBytes('k', 'test');

function fifteen(configs: Partial<TopicConfig>) {
  const sim = logSim({ 'segment.bytes': size * 5, ...configs });
  for (let i = 0; i < 15; i++) appendOne(sim, 'k', 'test');
  return sim;
}

describe('retention (cleanup.policy=delete)', () => {
  it('UnifiedLogTest.shouldDeleteSizeBasedSegments: over retention.bytes, whole segments go from the oldest end', () => {
    const sim = fifteen({ 'retention.bytes': size * 10 });
    sim.runUntilTime(1_000);
    const log = partitionLog(sim);
    expect(log.segments).toHaveLength(2);
    expect(log.logStartOffset).toBe(5); // the oldest surviving segment's base offset
    expect(log.records[0]!.offset).toBe(5);
    expect(entriesOf(sim, 'segmentsDeleted')[0]).toMatchObject({ reason: 'retention.bytes', logStartOffset: 5, segments: [{ baseOffset: 0, endOffset: 5, records: 5 }] });
  });

  it('UnifiedLogTest.shouldNotDeleteSizeBasedSegmentsWhenUnderRetentionSize', () => {
    const sim = fifteen({ 'retention.bytes': size * 15 });
    sim.runUntilTime(1_000);
    expect(partitionLog(sim).segments).toHaveLength(3);
  });

  it('UnifiedLogTest.shouldDeleteTimeBasedSegmentsReadyToBeDeleted: an expired active segment is rolled, then deleted', () => {
    const sim = fifteen({ 'retention.ms': 500 });
    sim.runUntilTime(1_000);
    const log = partitionLog(sim);
    expect(log.segments).toHaveLength(1);
    expect(log.segments[0]).toMatchObject({ baseOffset: 15, sizeBytes: 0 });
    expect(log.logStartOffset).toBe(15);
    expect(log.records).toEqual([]);
    expect(entriesOf(sim, 'segmentRolled').at(-1)).toMatchObject({ reason: 'retention', baseOffset: 15 });
  });

  it('UnifiedLogTest.shouldNotDeleteTimeBasedSegmentsWhenNoneReadyToBeDeleted', () => {
    const sim = fifteen({ 'retention.ms': 10_000_000 });
    sim.runUntilTime(1_000);
    expect(partitionLog(sim).segments).toHaveLength(3);
  });

  it('UnifiedLogTest.shouldNotDeleteSegmentsWhenPolicyDoesNotIncludeDelete / ...WhenCleanupPolicyIsCompactAndDelete', () => {
    const compact = fifteen({ 'retention.ms': 500, 'cleanup.policy': 'compact' });
    compact.runUntilTime(1_000);
    expect(partitionLog(compact).logStartOffset).toBe(0);
    const both = fifteen({ 'retention.ms': 500, 'cleanup.policy': 'compact,delete' });
    both.runUntilTime(1_000);
    expect(partitionLog(both).logStartOffset).toBe(15);
  });

  it('a segment expires only when its NEWEST record is older than retention.ms (data outlives retention by up to a segment)', () => {
    const sim = logSim({ 'segment.bytes': size * 2, 'retention.ms': 10_000 });
    appendOne(sim, 'k', 'test'); // t = 0
    sim.runUntilTime(8_000);
    appendOne(sim, 'k', 'test'); // t = 8,000, same segment
    sim.runUntilTime(12_000);
    appendOne(sim, 'k', 'test'); // rolls: a new active segment
    sim.runUntilTime(15_000); // the first record is 15 s old, but its segment's newest is 7 s old
    expect(partitionLog(sim).logStartOffset).toBe(0);
    sim.runUntilTime(19_000);
    expect(partitionLog(sim).logStartOffset).toBe(2);
  });

  it('never deletes at or above the high watermark', () => {
    const sim = fifteen({ 'retention.ms': 500 });
    const snapshot = sim.snapshot();
    snapshot.topics[TOPIC]!.partitions[0]!.log.highWatermark = 7; // as if followers lagged (issue 5)
    const lagging = restoreSimulation(snapshot, { traceLimit: 1_000 });
    lagging.runUntilTime(1_000);
    const log = lagging.state.topics[TOPIC]!.partitions[0]!.log;
    expect(log.logStartOffset).toBe(5); // segment [5, 10) reaches past the HW: it and all after it stay
    expect(log.segments.map((s) => s.baseOffset)).toEqual([5, 10]);
  });

  it('UnifiedLogTest.testLogDeletionAfterDeleteRecords: DeleteRecords moves the log start offset; whole segments below it go at the next check', () => {
    const sim = fifteen({});
    sim.deleteRecords({ topic: TOPIC, partition: 0, beforeOffset: 1 });
    sim.runUntilTime(sim.time + 1_000);
    expect(partitionLog(sim).segments).toHaveLength(3);
    expect(partitionLog(sim).logStartOffset).toBe(1);
    sim.deleteRecords({ topic: TOPIC, partition: 0, beforeOffset: 6 });
    sim.runUntilTime(sim.time + 1_000);
    expect(partitionLog(sim).segments).toHaveLength(2);
    expect(partitionLog(sim).logStartOffset).toBe(6);
    sim.deleteRecords({ topic: TOPIC, partition: 0, beforeOffset: 15 });
    sim.runUntilTime(sim.time + 1_000);
    expect(partitionLog(sim).segments).toHaveLength(1);
    expect(partitionLog(sim).logStartOffset).toBe(15);
    expectCode(() => sim.deleteRecords({ topic: TOPIC, partition: 0, beforeOffset: 16 }), 'OFFSET_OUT_OF_RANGE');
  });

  it('UnifiedLog.deleteLogStartOffsetBreachedSegments: a segment goes only when the NEXT one starts at or below the log start offset, so the active segment stays', () => {
    // The last step of UnifiedLogTest.testLogDeletionAfterDeleteRecords: the one segment left is the old active one.
    const sim = fifteen({});
    sim.deleteRecords({ topic: TOPIC, partition: 0, beforeOffset: 15 }); // up to the log end offset
    sim.runUntilTime(sim.time + 1_000);
    const log = partitionLog(sim);
    expect(log.segments.map((s) => s.baseOffset)).toEqual([10]); // [0, 5) and [5, 10) went; [10, 15) is still active
    expect(log.segments[0]!.sizeBytes).toBe(size * 5);
    expect(log.logStartOffset).toBe(15);
    expect(entriesOf(sim, 'segmentRolled').filter((e) => e.reason === 'retention')).toEqual([]);
    expect(entriesOf(sim, 'segmentsDeleted').flatMap((e) => e.segments.map((s) => s.baseOffset))).toEqual([0, 5]);
    appendOne(sim, 'k', 'test'); // the active segment takes the next append
    expect(partitionLog(sim).records.map((r) => r.offset)).toEqual([15]);
  });

  it('UnifiedLogTest.shouldDeleteStartOffsetBreachedSegmentsWhenPolicyDoesNotIncludeDelete', () => {
    const sim = fifteen({ 'cleanup.policy': 'compact' });
    sim.deleteRecords({ topic: TOPIC, partition: 0, beforeOffset: 5 });
    sim.runUntilTime(sim.time + 1_000);
    const log = partitionLog(sim);
    // The first segment, wholly before the log start offset, is deleted; of the rest, the first may overlap it.
    expect(log.segments.map((s) => s.baseOffset)).toEqual([5, 10]);
    expect(log.segments[0]!.baseOffset).toBeLessThanOrEqual(log.logStartOffset);
    expect(entriesOf(sim, 'segmentsDeleted')[0]).toMatchObject({ reason: 'log-start-offset', segments: [{ baseOffset: 0, endOffset: 5 }] });
  });
});

describe('consumers off the end', () => {
  function consumerBehind(reset: 'earliest' | 'latest' | 'none') {
    const sim = fifteen({});
    sim.createConsumer({ clientId: 'c', config: { 'group.id': 'g', 'auto.offset.reset': reset, 'enable.auto.commit': false } });
    sim.assign('c', [{ topic: TOPIC, partition: 0 }]);
    sim.seek({ consumer: 'c', topic: TOPIC, partition: 0, offset: 2 });
    sim.deleteRecords({ topic: TOPIC, partition: 0, beforeOffset: 10 });
    sim.poll('c');
    sim.runUntilTime(sim.time + 100);
    return sim;
  }

  it('earliest: jumps to the log start offset and the trace says which offsets it never saw', () => {
    const sim = consumerBehind('earliest');
    expect(entriesOf(sim, 'offsetOutOfRange')[0]).toMatchObject({ position: 2, logStartOffset: 10, resetTo: 10, neverSeen: { from: 2, to: 10 } });
    expect(entriesOf(sim, 'recordsFetched')[0]).toMatchObject({ firstOffset: 10, lastOffset: 14 });
  });

  it('latest: jumps to the high watermark', () => {
    const sim = consumerBehind('latest');
    expect(entriesOf(sim, 'offsetOutOfRange')[0]).toMatchObject({ resetTo: 15, neverSeen: { from: 2, to: 15 } });
    expect(entriesOf(sim, 'recordsFetched')).toEqual([]);
  });

  it('none: OffsetOutOfRangeException, nothing is read', () => {
    const sim = consumerBehind('none');
    expect(entriesOf(sim, 'offsetOutOfRange')[0]).toMatchObject({ reset: 'none', resetTo: -1 });
    expect(entriesOf(sim, 'recordsFetched')).toEqual([]);
  });
});

describe('retention and open transactions', () => {
  // Found by the engine-wide model test: retention (or DeleteRecords) moved the log start offset past
  // an open transaction's first record and left the LSO below it. Kafka keeps LSO >= log start offset
  // (UnifiedLog.updateFirstUnstableOffset takes the max of the two).
  function openTransaction(configs: Partial<TopicConfig>) {
    const sim = logSim(configs);
    sim.createProducer({ clientId: 'tx', config: { 'transactional.id': 'tx', 'linger.ms': 0 } });
    sim.execute({ type: 'initTransactions', producer: 'tx' });
    sim.runUntilTime(sim.time + 100);
    sim.execute({ type: 'beginTransaction', producer: 'tx' });
    sim.send({ producer: 'tx', topic: TOPIC, key: 'k', value: 'open', partition: 0 });
    sim.runUntilTime(sim.time + 100);
    appendOne(sim, 'k', 'plain');
    return sim;
  }

  it('moves the LSO up with the log start offset when retention deletes an open transaction', () => {
    const sim = openTransaction({ 'retention.ms': 300 });
    expect(partitionLog(sim).lastStableOffset).toBe(0); // the open transaction holds it at its first offset
    sim.runUntilTime(sim.time + 2_000);
    const log = partitionLog(sim);
    expect(log.logStartOffset).toBeGreaterThan(0);
    expect(log.lastStableOffset).toBe(log.logStartOffset);
  });

  it('moves the LSO up with the log start offset after DeleteRecords', () => {
    const sim = openTransaction({});
    sim.deleteRecords({ topic: TOPIC, partition: 0, beforeOffset: -1 });
    const log = partitionLog(sim);
    expect(log.logStartOffset).toBe(2);
    expect(log.lastStableOffset).toBe(2);
  });
});
