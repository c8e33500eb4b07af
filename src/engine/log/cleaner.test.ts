/**
 * The log cleaner. Cases marked LogCleanerTest / LogCleanerManagerTest retell Kafka's own tests of
 * the same names in this engine's terms (the cleaner runs on its own schedule here; the tests wait for
 * its next wake-up).
 */
import { describe, expect, it } from 'vitest';
import type { Simulation } from '../kernel/simulation';
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
      [5, 'k0', 'v1'],
      [6, 'k1', 'v1'],
      [7, 'k2', 'v1'],
      [8, 'k3', 'v1'],
      [9, 'k4', 'v1'],
      [10, 'k9', 'active'],
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
    const seen = entriesOf(sim, 'recordsFetched').flatMap((e) =>
      partitionLog(sim)
        .records.filter((r) => r.offset >= e.firstOffset && r.offset <= e.lastOffset)
        .map((r) => r.offset),
    );
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
  it("drops an aborted transaction's records, and an aborted value never replaces a committed one", () => {
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

describe('log cleaner: delete horizons, keyless records and transaction markers', () => {
  const txnConfigs = () => compacted({ 'delete.retention.ms': 10_000, 'min.cleanable.dirty.ratio': 0.01 });

  function transactionalProducer(sim: Simulation, id = 'tx'): void {
    sim.createProducer({ clientId: id, config: { 'transactional.id': id, 'linger.ms': 0 } });
    sim.execute({ type: 'initTransactions', producer: id });
    sim.runUntilTime(sim.time + 50);
  }

  /** One transaction of one record per key, ended by a COMMIT or ABORT marker in the log. */
  function transaction(sim: Simulation, keys: string[], end: 'COMMIT' | 'ABORT', producer = 'tx'): void {
    sim.execute({ type: 'beginTransaction', producer });
    for (const key of keys) sim.send({ producer, topic: TOPIC, key, value: `${key}-v`, partition: 0 });
    sim.execute({ type: end === 'COMMIT' ? 'commitTransaction' : 'abortTransaction', producer });
    sim.runUntilTime(sim.time + 50);
  }

  /**
   * Kafka's tests call doClean directly; here the cleaner runs on its own: dirty the log (a new closed
   * segment of `pad` records, which compact to one) and run to just after the next wake-up.
   */
  function nextPass(sim: Simulation, at?: number): void {
    if (at !== undefined) sim.runUntilTime(at - 100);
    for (let i = 0; i < 6; i++) appendOne(sim, 'pad', 'x');
    sim.runUntilTime(Math.ceil((sim.time + 1) / 1_000) * 1_000);
  }

  /** The log without the pads: `offset:key` for data, `offset:COMMIT` / `offset:ABORT` for markers. */
  function view(sim: Simulation): string[] {
    return partitionLog(sim)
      .records.filter((r) => r.key !== 'pad')
      .map((r) => `${r.offset}:${r.controlType ?? r.key ?? 'null'}`);
  }

  const passes = (sim: Simulation) => entriesOf(sim, 'logCleaned').filter((e) => e.topic === TOPIC);

  it('Cleaner.shouldRetainRecord: a tombstone is kept only while now < its delete horizon (a pass at the horizon drops it)', () => {
    const sim = logSim(compacted({ 'delete.retention.ms': 10_000, 'min.cleanable.dirty.ratio': 0.01 }));
    appendOne(sim, 'a', '1');
    appendOne(sim, 'a', null);
    for (let k = 0; k < 4; k++) appendOne(sim, `pad${k}`, 'x'); // roll
    sim.runUntilTime(1_000);
    expect(passes(sim)[0]!.tombstonesStamped).toEqual([{ offset: 1, deleteHorizonMs: 11_000 }]);
    nextPass(sim, 11_000); // the next pass runs at t = 11,000: exactly the horizon
    const removing = passes(sim).find((e) => e.tombstonesRemoved.includes(1));
    expect(removing?.time).toBe(11_000);
    expect(partitionLog(sim).records.some((r) => r.offset === 1)).toBe(false);
  });

  it('LogCleanerTest.testCleaningWithUnkeyedMessages: records without a key (written before cleanup.policy became compact) are discarded', () => {
    const sim = logSim({ 'segment.bytes': batchBytes('k0', 'v0') * 5 });
    for (let i = 0; i < 6; i++) appendOne(sim, null, `unkeyed${i}`); // the 6th rolls
    for (let i = 0; i < 5; i++) appendOne(sim, `k${i}`, `v${i}`); // rolls again: all in closed segments but one
    sim.alterTopicConfigs({ topic: TOPIC, configs: { 'cleanup.policy': 'compact' } });
    sim.runUntilTime(sim.time + 2_000);
    const log = partitionLog(sim);
    const pass = passes(sim)[0]!;
    expect(log.records.filter((r) => r.offset < pass.cleanedUpTo && r.key === null)).toEqual([]);
    expect(pass.keylessRemoved).toEqual([0, 1, 2, 3, 4, 5]);
    expect(log.records.filter((r) => r.key !== null).map((r) => r.key)).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
  });

  it('LogCleanerTest.testCommitMarkerRemoval: a COMMIT marker stays while its transaction has data, then gets a horizon, then goes', () => {
    const sim = logSim(txnConfigs());
    transactionalProducer(sim);
    transaction(sim, ['1', '2', '3'], 'COMMIT'); // offsets 0-2, COMMIT at 3
    transaction(sim, ['2'], 'COMMIT'); // 4, COMMIT at 5
    nextPass(sim);
    // Cannot remove the marker in this pass: the transaction still has records (offsets 0 and 2).
    expect(view(sim)).toEqual(['0:1', '2:3', '3:COMMIT', '4:2', '5:COMMIT']);
    expect(passes(sim)[0]!.markersStamped).toEqual([]); // neither marker gets a horizon yet

    transaction(sim, ['1', '3'], 'COMMIT');
    nextPass(sim);
    // This pass read (and dropped) the first transaction's last records: its marker stays, with no horizon.
    expect(view(sim)).toEqual(['3:COMMIT', '4:2', '5:COMMIT', '12:1', '13:3', '14:COMMIT']); // offsets 6-11 were pads
    expect(passes(sim).at(-1)!.markersStamped).toEqual([]);

    nextPass(sim);
    // No data of its transaction left: the marker gets a delete horizon, but is kept until then.
    const stamping = passes(sim).at(-1)!;
    expect(stamping.markersStamped.find((t) => t.offset === 3)).toEqual({ offset: 3, deleteHorizonMs: stamping.time + 10_000 });
    expect(view(sim)).toContain('3:COMMIT');
    expect(partitionLog(sim).records.find((r) => r.offset === 3)!.deleteHorizonMs).toBe(stamping.time + 10_000);

    nextPass(sim, stamping.time + 10_000); // the pass at the horizon removes it
    expect(passes(sim).at(-1)!).toMatchObject({ time: stamping.time + 10_000, markersRemoved: [3] });
    expect(view(sim)).toEqual(['4:2', '5:COMMIT', '12:1', '13:3', '14:COMMIT']);
  });

  it('LogCleanerTest.testAbortMarkerRemoval / testAbortMarkerRetentionWithEmptyBatch: aborted records go at once, the ABORT marker and its index entry once no data is left', () => {
    const sim = logSim(txnConfigs());
    transactionalProducer(sim);
    transaction(sim, ['1', '2', '3'], 'ABORT'); // 0-2, ABORT at 3
    transaction(sim, ['3'], 'COMMIT'); // 4, COMMIT at 5
    const log = () => partitionLog(sim);
    expect(log().abortedTransactions).toEqual([{ producerId: log().records[0]!.producerId, firstOffset: 0, lastOffset: 3 }]);

    nextPass(sim);
    // Aborted records are removed, but the abort marker (and the aborted transaction in the index) is still preserved.
    expect(view(sim)).toEqual(['3:ABORT', '4:3', '5:COMMIT']);
    expect(passes(sim)[0]!.abortedRemoved).toEqual([0, 1, 2]);
    expect(passes(sim)[0]!.markersStamped).toEqual([]); // this pass read the aborted data: no horizon yet
    expect(log().abortedTransactions).toHaveLength(1);

    nextPass(sim);
    // First pass without the transaction's data: the marker gets its delete horizon; the index forgets the transaction.
    const stamping = passes(sim).at(-1)!;
    expect(stamping.markersStamped.map((t) => t.offset)).toEqual([3]);
    expect(view(sim)).toEqual(['3:ABORT', '4:3', '5:COMMIT']);
    expect(log().abortedTransactions).toEqual([]);

    nextPass(sim, stamping.time + 10_000);
    expect(view(sim)).toEqual(['4:3', '5:COMMIT']);
    expect(passes(sim).at(-1)!.markersRemoved).toEqual([3]);
  });

  it('LogCleanerTest.testCommittedTransactionSpanningSegments: a marker whose transaction still has a live record is never removed', () => {
    const sim = logSim(txnConfigs());
    transactionalProducer(sim);
    transaction(sim, ['1'], 'COMMIT'); // 0, COMMIT at 1
    nextPass(sim);
    nextPass(sim, sim.time + 20_000);
    nextPass(sim, sim.time + 20_000);
    expect(view(sim)).toEqual(['0:1', '1:COMMIT']);
    expect(passes(sim).flatMap((e) => [...e.markersStamped.map((t) => t.offset), ...e.markersRemoved])).not.toContain(1);
  });

  it('a read_committed consumer reading from the start after the markers are gone sees each committed key once', () => {
    const sim = logSim(txnConfigs());
    transactionalProducer(sim);
    transaction(sim, ['a', 'b'], 'ABORT');
    transaction(sim, ['a'], 'COMMIT');
    transaction(sim, ['a', 'b'], 'COMMIT');
    nextPass(sim);
    nextPass(sim);
    nextPass(sim, sim.time + 10_000);
    // The aborted data and the first committed 'a' are gone, and so are the two markers left without data.
    expect(view(sim)).toEqual(['5:a', '6:b', '7:COMMIT']);
    sim.createConsumer({ clientId: 'c', config: { 'auto.offset.reset': 'earliest', 'isolation.level': 'read_committed' } });
    sim.assign('c', [{ topic: TOPIC, partition: 0 }]);
    sim.poll('c');
    sim.runUntilTime(sim.time + 100);
    const fetched = entriesOf(sim, 'recordsFetched').flatMap((e) =>
      partitionLog(sim).records.filter((r) => r.offset >= e.firstOffset && r.offset <= e.lastOffset && r.controlType === null && r.key !== 'pad'),
    );
    expect(fetched.map((r) => `${r.key}=${r.value}`)).toEqual(['a=a-v', 'b=b-v']);
  });
});
