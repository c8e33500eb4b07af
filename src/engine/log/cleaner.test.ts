/**
 * The log cleaner. Cases marked LogCleanerTest / LogCleanerManagerTest retell Kafka's own tests of
 * the same names in this engine's terms (the cleaner runs on its own schedule here; the tests wait for
 * its next wake-up).
 */
import { describe, expect, it } from 'vitest';
import { expectCode } from '../testing/expectCode';
import { appendOne, batchBytes, entriesOf, logSim, partitionLog, TOPIC } from './testing';

const compacted = (extra = {}) => ({ 'cleanup.policy': 'compact' as const, 'segment.bytes': batchBytes('k0', 'v0') * 5, ...extra });

function liveKeys(log: ReturnType<typeof partitionLog>): string[] {
  return log.records.filter((r) => r.value !== null).map((r) => r.key!);
}

describe('log cleaner', () => {
  it('LogCleanerTest.testCleanSegments: keeps the latest record per key in the cleaned part, with the original offsets', () => {
    const sim = logSim(compacted());
    for (let round = 0; round < 2; round++) for (let k = 0; k < 5; k++) appendOne(sim, `k${k}`, `v${round}`);
    appendOne(sim, 'k9', 'active'); // rolls: the first ten are in closed segments
    sim.runUntilTime(1_000);
    const log = partitionLog(sim);
    expect(log.records.map((r) => [r.offset, r.key, r.value])).toEqual([
      [5, 'k0', 'v1'], [6, 'k1', 'v1'], [7, 'k2', 'v1'], [8, 'k3', 'v1'], [9, 'k4', 'v1'], [10, 'k9', 'active'],
    ]);
    expect(log.logStartOffset).toBe(0); // compaction never moves the log start offset
    const pass = entriesOf(sim, 'logCleaned')[0]!;
    expect(pass).toMatchObject({ firstDirtyOffset: 0, cleanedUpTo: 10, removedOffsets: [0, 1, 2, 3, 4] });
    expect(log.firstDirtyOffset).toBe(10);
  });

  it('LogCleanerTest.testCleaningWithDeletes: a tombstone removes every older value of its key', () => {
    const sim = logSim(compacted());
    for (let k = 0; k < 10; k++) appendOne(sim, `k${k}`, `v${k}`);
    for (let k = 0; k < 10; k += 2) appendOne(sim, `k${k}`, null);
    for (let k = 10; k < 16; k++) appendOne(sim, `k${k}`, `v${k}`); // pad out to a new active segment
    sim.runUntilTime(1_000);
    const live = liveKeys(partitionLog(sim));
    for (let k = 0; k < 10; k += 2) expect(live).not.toContain(`k${k}`);
    for (let k = 1; k < 10; k += 2) expect(live).toContain(`k${k}`);
  });

  it('keeps a tombstone through the pass that stamps its delete horizon, and drops it on a later pass after delete.retention.ms', () => {
    const sim = logSim(compacted({ 'delete.retention.ms': 10_000, 'min.cleanable.dirty.ratio': 0.01 }));
    appendOne(sim, 'a', '1');
    appendOne(sim, 'a', null);
    for (let k = 0; k < 4; k++) appendOne(sim, `pad${k}`, 'x'); // roll
    sim.runUntilTime(1_000);
    const first = entriesOf(sim, 'logCleaned')[0]!;
    expect(first.removedOffsets).toEqual([0]);
    expect(first.tombstonesStamped).toEqual([{ offset: 1, deleteHorizonMs: 1_000 + 10_000 }]);
    expect(partitionLog(sim).records.some((r) => r.offset === 1)).toBe(true);
    // More dirty data so the cleaner runs again, before and after the horizon.
    for (let k = 0; k < 6; k++) appendOne(sim, `more${k}`, 'x');
    sim.runUntilTime(5_000);
    expect(partitionLog(sim).records.some((r) => r.offset === 1)).toBe(true);
    sim.runUntilTime(12_000);
    for (let k = 0; k < 6; k++) appendOne(sim, `again${k}`, 'x');
    sim.runUntilTime(14_000);
    expect(partitionLog(sim).records.some((r) => r.offset === 1)).toBe(false);
    expect(entriesOf(sim, 'logCleaned').flatMap((e) => e.tombstonesRemoved)).toEqual([1]);
  });

  it('LogCleanerManagerTest.testCleanableOffsetsActiveSegment: the active segment is never cleaned', () => {
    const sim = logSim(compacted());
    for (let i = 0; i < 4; i++) appendOne(sim, 'same', `v${i}`); // all in the active segment
    sim.runUntilTime(5_000);
    expect(entriesOf(sim, 'logCleaned')).toEqual([]);
    expect(partitionLog(sim).records).toHaveLength(4);
  });

  it('LogCleanerManagerTest.testCleanableOffsetsForTime: records younger than min.compaction.lag.ms are not compacted yet', () => {
    const sim = logSim(compacted({ 'min.compaction.lag.ms': 60_000 }));
    for (let round = 0; round < 2; round++) for (let k = 0; k < 5; k++) appendOne(sim, `k${k}`, `v${round}`);
    appendOne(sim, 'k9', 'active');
    sim.runUntilTime(30_000);
    expect(entriesOf(sim, 'logCleaned')).toEqual([]);
    sim.runUntilTime(62_000);
    expect(entriesOf(sim, 'logCleaned')).toHaveLength(1);
  });

  it('waits for min.cleanable.dirty.ratio unless a dirty segment is older than max.compaction.lag.ms', () => {
    const lazy = logSim(compacted({ 'min.cleanable.dirty.ratio': 0.99 }));
    for (let round = 0; round < 2; round++) for (let k = 0; k < 5; k++) appendOne(lazy, `k${k}`, `v${round}`);
    appendOne(lazy, 'k9', 'active');
    lazy.runUntilTime(1_000);
    expect(entriesOf(lazy, 'logCleaned')).toHaveLength(1); // everything dirty: ratio 1 > 0.99
    for (let k = 0; k < 5; k++) appendOne(lazy, `k${k}`, 'v2');
    appendOne(lazy, 'k9', 'roll');
    lazy.runUntilTime(5_000);
    expect(entriesOf(lazy, 'logCleaned')).toHaveLength(1); // the new dirty part is under 99 %

    const forced = logSim(compacted({ 'min.cleanable.dirty.ratio': 0.99, 'max.compaction.lag.ms': 3_000 }));
    for (let round = 0; round < 2; round++) for (let k = 0; k < 5; k++) appendOne(forced, `k${k}`, `v${round}`);
    appendOne(forced, 'k9', 'active');
    forced.runUntilTime(1_000);
    for (let k = 0; k < 5; k++) appendOne(forced, `k${k}`, 'v2');
    appendOne(forced, 'k9', 'roll');
    forced.runUntilTime(8_000);
    expect(entriesOf(forced, 'logCleaned')).toHaveLength(2);
  });

  it('a consumer reading across compaction gaps sees each surviving record once, in offset order', () => {
    const sim = logSim(compacted());
    for (let round = 0; round < 3; round++) for (let k = 0; k < 5; k++) appendOne(sim, `k${k}`, `v${round}`);
    appendOne(sim, 'k9', 'active');
    sim.runUntilTime(1_000);
    sim.createConsumer({ clientId: 'c', config: { 'auto.offset.reset': 'earliest', 'max.poll.records': 2 } });
    sim.assign('c', [{ topic: TOPIC, partition: 0 }]);
    for (let i = 0; i < 5; i++) {
      sim.poll('c');
      sim.runUntilTime(sim.time + 10);
    }
    const seen = entriesOf(sim, 'recordsFetched').flatMap((e) => partitionLog(sim).records.filter((r) => r.offset >= e.firstOffset && r.offset <= e.lastOffset).map((r) => r.offset));
    expect(seen).toEqual(partitionLog(sim).records.map((r) => r.offset));
    expect(seen).toEqual([10, 11, 12, 13, 14, 15]);
  });

  it('compact,delete compacts and also deletes by retention', () => {
    const sim = logSim(compacted({ 'cleanup.policy': 'compact,delete', 'retention.ms': 20_000 }));
    for (let round = 0; round < 2; round++) for (let k = 0; k < 5; k++) appendOne(sim, `k${k}`, `v${round}`);
    appendOne(sim, 'k9', 'active');
    sim.runUntilTime(1_000);
    expect(entriesOf(sim, 'logCleaned')).toHaveLength(1);
    sim.runUntilTime(25_000);
    expect(entriesOf(sim, 'segmentsDeleted').length).toBeGreaterThan(0);
    expect(partitionLog(sim).logStartOffset).toBe(11);
  });

  it('refuses records without a key on a compacted topic (INVALID_RECORD), at send and at the leader', () => {
    const sim = logSim(compacted());
    expectCode(() => sim.send({ producer: 'p', topic: TOPIC, key: null, value: 'no key', partition: 0 }), 'INVALID_RECORD');
    // A batch already on its way when the topic becomes compacted is refused by the leader.
    const plain = logSim({});
    plain.send({ producer: 'p', topic: TOPIC, key: null, value: 'no key', partition: 0 });
    plain.alterTopicConfigs({ topic: TOPIC, configs: { 'cleanup.policy': 'compact' } });
    plain.runUntilTime(10);
    expect(entriesOf(plain, 'produceRejected')[0]).toMatchObject({ error: 'INVALID_RECORD', count: 1 });
    expect(partitionLog(plain).logEndOffset).toBe(0);
    expect(plain.state.producers.p!.ackedCount).toBe(0);
  });

  it('picks the partition with the highest dirty ratio first', () => {
    const sim = logSim(compacted(), {}, 2);
    for (let k = 0; k < 5; k++) appendOne(sim, `k${k}`, 'v', 0);
    appendOne(sim, 'roll', 'v', 0);
    sim.runUntilTime(1_000); // partition 0 cleaned once: its first segment is now clean
    for (let k = 0; k < 5; k++) appendOne(sim, `k${k}`, 'w', 0);
    appendOne(sim, 'roll', 'w', 0);
    for (let k = 0; k < 5; k++) appendOne(sim, `k${k}`, 'v', 1);
    appendOne(sim, 'roll', 'v', 1);
    sim.runUntilTime(2_000);
    const passes = entriesOf(sim, 'logCleaned').slice(1);
    expect(passes.map((e) => e.partition)).toEqual([1, 0]);
    expect(passes[0]!.dirtyRatio).toBeGreaterThan(passes[1]!.dirtyRatio);
  });

  it('rejects impossible topic configs', () => {
    const sim = logSim({});
    expectCode(() => sim.createTopic({ name: 'bad', partitions: 1, configs: { 'cleanup.policy': 'shred' as never } }), 'INVALID_CONFIG');
    expectCode(() => sim.createTopic({ name: 'bad', partitions: 1, configs: { 'segment.bytes': 10 } }), 'INVALID_CONFIG');
    expectCode(() => sim.createTopic({ name: 'bad', partitions: 1, configs: { 'min.cleanable.dirty.ratio': 1.5 } }), 'INVALID_CONFIG');
    expectCode(() => sim.createTopic({ name: 'bad', partitions: 1, configs: { 'retention.ms': -2 } }), 'INVALID_CONFIG');
  });
});

describe('log cleaner and transactions', () => {
  it('drops an aborted transaction\'s records, and an aborted value never replaces a committed one', () => {
    const sim = logSim(compacted());
    sim.createProducer({ clientId: 'tx', config: { 'transactional.id': 'profiles', 'linger.ms': 0 } });
    sim.execute({ type: 'initTransactions', producer: 'tx' });
    sim.runUntilTime(sim.time + 20);
    appendOne(sim, 'ann', 'committed');
    sim.execute({ type: 'beginTransaction', producer: 'tx' });
    sim.send({ producer: 'tx', topic: TOPIC, key: 'ann', value: 'aborted', partition: 0 });
    sim.execute({ type: 'abortTransaction', producer: 'tx' });
    sim.runUntilTime(sim.time + 20);
    for (let k = 0; k < 5; k++) appendOne(sim, `pad${k}`, 'x'); // roll past the marker
    sim.runUntilTime(sim.time + 2_000);
    const log = partitionLog(sim);
    expect(entriesOf(sim, 'logCleaned').length).toBeGreaterThan(0);
    const ann = log.records.filter((r) => r.key === 'ann').map((r) => r.value);
    expect(ann).toEqual(['committed']);
  });
});
