/** position(), seekToBeginning(), seekToEnd() and offsetsForTimes(). */
import { describe, expect, it } from 'vitest';
import { consumerPosition, createSimulation, offsetsForTimes, restoreSimulation, type ConsumerConfig, type Simulation } from '../../index';
import { entriesOf } from '../../testing/entriesOf';
import { expectCode } from '../../testing/expectCode';

/** Topic 't' (2 partitions) with records at t-0 offsets 0..4 stamped 100, 200, ..., 500 (CreateTime). */
function setUp(): Simulation {
  const sim = createSimulation({ seed: 11, brokers: 1, traceLimit: 100_000 });
  sim.createTopic({ name: 't', partitions: 2, replicationFactor: 1 });
  sim.createProducer({ clientId: 'p', config: { 'linger.ms': 0 } });
  for (let i = 1; i <= 5; i++) sim.send({ producer: 'p', topic: 't', key: null, value: `v${i}`, partition: 0, timestamp: i * 100 });
  sim.runUntilIdle();
  return sim;
}

function consumer(sim: Simulation, clientId: string, config: Partial<ConsumerConfig> = {}, partitions = [0]): void {
  sim.createConsumer({ clientId, config: { 'auto.offset.reset': 'earliest', ...config } });
  sim.assign(
    clientId,
    partitions.map((partition) => ({ topic: 't', partition })),
  );
}

const position = (sim: Simulation, clientId: string, partition = 0) => consumerPosition(sim.state, clientId, 't', partition);

describe('position()', () => {
  it('is null until the first poll sets it, then the next offset to read', () => {
    const sim = setUp();
    consumer(sim, 'c');
    expect(position(sim, 'c')).toBeNull();
    sim.poll('c');
    expect(position(sim, 'c')).toBe(0);
    sim.runUntilIdle();
    expect(position(sim, 'c')).toBe(5);
    sim.seek({ consumer: 'c', topic: 't', partition: 0, offset: 2 });
    expect(position(sim, 'c')).toBe(2);
  });

  it('refuses a partition the consumer is not assigned, an unknown consumer, topic or partition, and a closed consumer', () => {
    const sim = setUp();
    consumer(sim, 'c');
    expect(expectCode(() => position(sim, 'c', 1), 'SIM_ILLEGAL_STATE').message).toMatch(/You can only check the position for partitions assigned to this consumer: c is not assigned t-1/);
    expect(expectCode(() => consumerPosition(sim.state, 'nobody', 't', 0), 'SIM_UNKNOWN_CLIENT').message).toMatch(/no consumer named 'nobody'/);
    expectCode(() => consumerPosition(sim.state, 'c', 'nope', 0), 'UNKNOWN_TOPIC_OR_PARTITION');
    expectCode(() => consumerPosition(sim.state, 'c', 't', 7), 'UNKNOWN_TOPIC_OR_PARTITION');
    sim.closeConsumer('c');
    expect(expectCode(() => position(sim, 'c'), 'SIM_ILLEGAL_STATE').message).toMatch(/closed/);
  });
});

describe('seekToBeginning() and seekToEnd()', () => {
  it('seekToBeginning goes to the log start offset, not 0, once records were deleted', () => {
    const sim = setUp();
    consumer(sim, 'c');
    sim.poll('c');
    sim.runUntilIdle();
    sim.deleteRecords({ topic: 't', partition: 0, beforeOffset: 2 });
    sim.seekToBeginning('c', [{ topic: 't', partition: 0 }]);
    expect(position(sim, 'c')).toBe(2);
    expect(entriesOf(sim, 'positionReset').at(-1)).toMatchObject({ consumer: 'c', topic: 't', partition: 0, offset: 2, reason: 'seek' });
    // The next fetch reads from there again.
    sim.poll('c');
    sim.runUntilIdle();
    expect(entriesOf(sim, 'recordsFetched').at(-1)).toMatchObject({ firstOffset: 2, lastOffset: 4 });
  });

  it('seekToEnd goes to the high watermark, skipping what is there; with no partitions named, every assigned partition moves', () => {
    const sim = setUp();
    consumer(sim, 'c', {}, [0, 1]);
    sim.seekToEnd('c');
    expect([position(sim, 'c', 0), position(sim, 'c', 1)]).toEqual([5, 0]);
    sim.seekToBeginning('c', []);
    expect([position(sim, 'c', 0), position(sim, 'c', 1)]).toEqual([0, 0]);
  });

  it('for a read_committed consumer seekToEnd goes to the last stable offset, below an open transaction', () => {
    const sim = setUp();
    sim.createProducer({ clientId: 'tx', config: { 'transactional.id': 'tx-1', 'linger.ms': 0 } });
    sim.execute({ type: 'initTransactions', producer: 'tx' });
    sim.runUntilIdle();
    sim.execute({ type: 'beginTransaction', producer: 'tx' });
    sim.send({ producer: 'tx', topic: 't', key: null, value: 'open', partition: 0 });
    sim.send({ producer: 'p', topic: 't', key: null, value: 'after', partition: 0 });
    sim.runUntilTime(sim.time + 50);
    const log = sim.state.topics.t!.partitions[0]!.log;
    expect([log.lastStableOffset, log.highWatermark]).toEqual([5, 7]);
    consumer(sim, 'committed', { 'isolation.level': 'read_committed' });
    consumer(sim, 'uncommitted', { 'isolation.level': 'read_uncommitted' });
    sim.seekToEnd('committed');
    sim.seekToEnd('uncommitted');
    expect(position(sim, 'committed')).toBe(5);
    expect(position(sim, 'uncommitted')).toBe(7);
  });

  it('refuses a partition that is not assigned ("No current assignment for partition"), an unknown one and a crashed consumer', () => {
    const sim = setUp();
    consumer(sim, 'c');
    expect(expectCode(() => sim.seekToEnd('c', [{ topic: 't', partition: 1 }]), 'SIM_ILLEGAL_STATE').message).toBe('No current assignment for partition t-1.');
    expect(
      expectCode(
        () =>
          sim.seekToBeginning('c', [
            { topic: 't', partition: 0 },
            { topic: 't', partition: 1 },
          ]),
        'SIM_ILLEGAL_STATE',
      ).message,
    ).toBe('No current assignment for partition t-1.');
    expect(position(sim, 'c')).toBeNull(); // nothing moved: the whole call was refused
    expectCode(() => sim.seekToBeginning('c', [{ topic: 'nope', partition: 0 }]), 'UNKNOWN_TOPIC_OR_PARTITION');
    expectCode(() => sim.seekToEnd('nobody'), 'SIM_UNKNOWN_CLIENT');
    // A malformed command (a share link is data): a clear refusal, not a crash.
    expectCode(() => sim.execute({ type: 'seekToEnd', consumer: 'c', partitions: [null] as never }), 'SIM_INVALID_ARGUMENT');
    expectCode(() => sim.execute({ type: 'seekToBeginning', consumer: 'c', partitions: 't-0' as never }), 'SIM_INVALID_ARGUMENT');
    sim.crashConsumer('c');
    expect(expectCode(() => sim.seekToEnd('c'), 'SIM_ILLEGAL_STATE').message).toMatch(/crashed/);
  });

  it('a consumer inside its poll loop drops the fetch in flight and fetches again from the new position', () => {
    const sim = setUp();
    consumer(sim, 'c');
    sim.startConsumerLoop({ consumer: 'c', processingMsPerRecord: 0, commitMode: 'none' });
    sim.runUntilTime(sim.time + 100);
    expect(position(sim, 'c')).toBe(5);
    sim.seekToBeginning('c');
    sim.runUntilTime(sim.time + 100);
    expect(entriesOf(sim, 'recordsFetched').map((e) => [e.firstOffset, e.lastOffset])).toEqual([
      [0, 4],
      [0, 4],
    ]);
  });

  it('is recorded as a command and survives a snapshot round trip', () => {
    const sim = setUp();
    consumer(sim, 'c');
    sim.execute({ type: 'seekToEnd', consumer: 'c', partitions: [{ topic: 't', partition: 0 }] });
    const copy = restoreSimulation(JSON.parse(JSON.stringify(sim.snapshot())) as ReturnType<Simulation['snapshot']>);
    expect(position(copy, 'c')).toBe(5);
  });
});

describe('offsetsForTimes()', () => {
  const find = (sim: Simulation, clientId: string, timestamp: number, partition = 0) => offsetsForTimes(sim.state, clientId, [{ topic: 't', partition, timestamp }])[0]!.offsetAndTimestamp;

  it("gives the earliest offset whose timestamp is at or after the target, with that record's timestamp, or null", () => {
    const sim = setUp();
    consumer(sim, 'c');
    expect(find(sim, 'c', 0)).toEqual({ offset: 0, timestamp: 100 });
    expect(find(sim, 'c', 200)).toEqual({ offset: 1, timestamp: 200 });
    expect(find(sim, 'c', 201)).toEqual({ offset: 2, timestamp: 300 });
    expect(find(sim, 'c', 501)).toBeNull();
    expect(find(sim, 'c', 0, 1)).toBeNull(); // an empty partition; it need not be assigned
  });

  it('answers for several partitions at once, in the order asked', () => {
    const sim = setUp();
    consumer(sim, 'c');
    expect(
      offsetsForTimes(sim.state, 'c', [
        { topic: 't', partition: 1, timestamp: 0 },
        { topic: 't', partition: 0, timestamp: 450 },
      ]),
    ).toEqual([
      { topic: 't', partition: 1, offsetAndTimestamp: null },
      { topic: 't', partition: 0, offsetAndTimestamp: { offset: 4, timestamp: 500 } },
    ]);
  });

  it('takes the first match in offset order, not the closest timestamp (timestamps need not grow)', () => {
    const sim = setUp();
    sim.send({ producer: 'p', topic: 't', key: null, value: 'late', partition: 0, timestamp: 250 });
    sim.runUntilIdle();
    consumer(sim, 'c');
    expect(find(sim, 'c', 250)).toEqual({ offset: 2, timestamp: 300 });
    expect(find(sim, 'c', 0, 0)).toEqual({ offset: 0, timestamp: 100 });
  });

  it('counts only offsets below the high watermark: a match at or above it is null, not a later offset', () => {
    const sim = setUp();
    consumer(sim, 'c');
    const snapshot = sim.snapshot();
    snapshot.topics.t!.partitions[0]!.log.highWatermark = 3;
    snapshot.topics.t!.partitions[0]!.log.lastStableOffset = 3;
    const copy = restoreSimulation(snapshot);
    expect(find(copy, 'c', 300)).toEqual({ offset: 2, timestamp: 300 });
    expect(find(copy, 'c', 301)).toBeNull();
  });

  it('for read_committed counts only offsets below the LSO (an open transaction hides what follows it)', () => {
    const sim = setUp();
    sim.createProducer({ clientId: 'tx', config: { 'transactional.id': 'tx-1', 'linger.ms': 0 } });
    sim.execute({ type: 'initTransactions', producer: 'tx' });
    sim.runUntilIdle();
    sim.execute({ type: 'beginTransaction', producer: 'tx' });
    sim.send({ producer: 'tx', topic: 't', key: null, value: 'open', partition: 0, timestamp: 600 });
    sim.send({ producer: 'p', topic: 't', key: null, value: 'after', partition: 0, timestamp: 700 });
    sim.runUntilTime(sim.time + 50);
    consumer(sim, 'committed', { 'isolation.level': 'read_committed' });
    consumer(sim, 'uncommitted');
    expect(find(sim, 'uncommitted', 650)).toEqual({ offset: 6, timestamp: 700 });
    expect(find(sim, 'committed', 650)).toBeNull();
    expect(find(sim, 'committed', 500)).toEqual({ offset: 4, timestamp: 500 });
    sim.execute({ type: 'commitTransaction', producer: 'tx' });
    sim.runUntilTime(sim.time + 50);
    expect(find(sim, 'committed', 650)).toEqual({ offset: 6, timestamp: 700 });
  });

  it("with LogAppendTime it finds records by the broker's append time", () => {
    const sim = createSimulation({ seed: 2, brokers: 1 });
    sim.createTopic({ name: 't', partitions: 1, replicationFactor: 1, configs: { 'message.timestamp.type': 'LogAppendTime' } });
    sim.createProducer({ clientId: 'p', config: { 'linger.ms': 0 } });
    for (const at of [1_000, 2_000]) {
      sim.runUntilTime(at);
      sim.send({ producer: 'p', topic: 't', key: null, value: `at ${at}`, timestamp: 5 });
      sim.runUntilIdle();
    }
    consumer(sim, 'c');
    expect(find(sim, 'c', 6)?.offset).toBe(0);
    expect(find(sim, 'c', 1_500)?.offset).toBe(1);
  });

  it('refuses a negative or fractional target time, an unknown partition and an unknown consumer', () => {
    const sim = setUp();
    consumer(sim, 'c');
    expect(expectCode(() => find(sim, 'c', -1), 'SIM_INVALID_ARGUMENT').message).toMatch(/The target time for partition t-0 is -1. The target time cannot be negative/);
    expectCode(() => find(sim, 'c', 1.5), 'SIM_INVALID_ARGUMENT');
    expectCode(() => find(sim, 'c', 0, 9), 'UNKNOWN_TOPIC_OR_PARTITION');
    expectCode(() => offsetsForTimes(sim.state, 'c', [{ topic: 'nope', partition: 0, timestamp: 0 }]), 'UNKNOWN_TOPIC_OR_PARTITION');
    expectCode(() => find(sim, 'nobody', 0), 'SIM_UNKNOWN_CLIENT');
  });
});
