import { describe, expect, it } from 'vitest';
import { type Simulation } from '../../kernel/simulation';
import { createSimulation } from '../../engine';
import { entriesOf } from '../../testing/entriesOf';
import { coordinatorPartitionFor } from '../../cluster/findCoordinator';
import { expectCode } from '../../testing/expectCode';

function setUp() {
  const sim = createSimulation({ seed: 8, brokers: 1, traceLimit: 100_000 });
  sim.createTopic({ name: 't', partitions: 1, replicationFactor: 1 });
  sim.createProducer({ clientId: 'tx', config: { 'transactional.id': 'payments-1', 'linger.ms': 0 } });
  sim.createProducer({ clientId: 'plain', config: { 'linger.ms': 0 } });
  for (const isolation of ['read_committed', 'read_uncommitted'] as const) {
    sim.createConsumer({ clientId: isolation, config: { 'auto.offset.reset': 'earliest', 'isolation.level': isolation } });
    sim.assign(isolation, [{ topic: 't', partition: 0 }]);
    sim.startConsumerLoop({ consumer: isolation, processingMsPerRecord: 0, commitMode: 'none' });
  }
  sim.execute({ type: 'initTransactions', producer: 'tx' });
  sim.runUntilTime(10);
  return sim;
}

const txn = (sim: Simulation, type: 'beginTransaction' | 'commitTransaction' | 'abortTransaction', producer = 'tx') => sim.execute({ type, producer });
const send = (sim: Simulation, producer: string, value: string) => sim.send({ producer, topic: 't', key: 'k', value, partition: 0 });
const seen = (sim: Simulation, consumer: string) =>
  entriesOf(sim, 'recordProcessed')
    .filter((e) => e.consumer === consumer)
    .map((e) => e.value);
const log = (sim: Simulation) => sim.state.topics.t!.partitions[0]!.log;

describe('transactions', () => {
  it('a COMMIT marker takes its own offset; consumers never get it but step over it', () => {
    const sim = setUp();
    txn(sim, 'beginTransaction');
    send(sim, 'tx', 'a');
    send(sim, 'tx', 'b');
    txn(sim, 'commitTransaction');
    sim.runUntilTime(100);
    expect(log(sim).records.map((r) => [r.offset, r.controlType ?? r.value])).toEqual([
      [0, 'a'],
      [1, 'b'],
      [2, 'COMMIT'],
    ]);
    expect(entriesOf(sim, 'txnMarkerWritten')[0]).toMatchObject({ offset: 2, marker: 'COMMIT' });
    expect(seen(sim, 'read_committed')).toEqual(['a', 'b']);
    expect(sim.state.consumers.read_committed!.assignment[0]!.position).toBe(3);
    expect(entriesOf(sim, 'transactionCommitted')).toHaveLength(1);
  });

  it("read_committed stops at the LSO while a transaction is open, holding back other producers' records too, then sees exactly the committed ones", () => {
    const sim = setUp();
    send(sim, 'plain', 'before');
    sim.runUntilTime(50);
    txn(sim, 'beginTransaction');
    send(sim, 'tx', 'in-txn');
    sim.runUntilTime(100);
    send(sim, 'plain', 'during');
    sim.runUntilTime(200);
    expect(log(sim).lastStableOffset).toBe(1); // pinned at the transaction's first offset
    expect(seen(sim, 'read_committed')).toEqual(['before']);
    expect(seen(sim, 'read_uncommitted')).toEqual(['before', 'in-txn', 'during']);
    txn(sim, 'commitTransaction');
    sim.runUntilTime(400);
    expect(log(sim).lastStableOffset).toBe(log(sim).highWatermark);
    expect(seen(sim, 'read_committed')).toEqual(['before', 'in-txn', 'during']);
  });

  it('an aborted transaction: read_uncommitted sees its records, read_committed never does', () => {
    const sim = setUp();
    txn(sim, 'beginTransaction');
    send(sim, 'tx', 'charge twice?');
    txn(sim, 'abortTransaction');
    sim.runUntilTime(100);
    send(sim, 'plain', 'after');
    sim.runUntilTime(200);
    expect(log(sim).abortedTransactions).toEqual([{ producerId: log(sim).records[0]!.producerId, firstOffset: 0, lastOffset: 1 }]);
    expect(seen(sim, 'read_uncommitted')).toEqual(['charge twice?', 'after']);
    expect(seen(sim, 'read_committed')).toEqual(['after']);
  });

  it("a zombie: after a new instance initialises, the old one's send fails and its commit is fenced", () => {
    const sim = setUp();
    txn(sim, 'beginTransaction');
    send(sim, 'tx', 'zombie-1');
    sim.runUntilTime(50);
    sim.createProducer({ clientId: 'tx-new', config: { 'transactional.id': 'payments-1', 'linger.ms': 0 } });
    sim.execute({ type: 'initTransactions', producer: 'tx-new' });
    sim.runUntilTime(100);
    // The new instance's init aborted the zombie's open transaction and bumped the epoch twice.
    expect(entriesOf(sim, 'txnMarkerWritten')[0]).toMatchObject({ marker: 'ABORT' });
    expect(sim.state.producers['tx-new']!.producerEpoch).toBe(sim.state.producers.tx!.producerEpoch + 2);
    send(sim, 'tx', 'zombie-2');
    sim.runUntilTime(200);
    expect(entriesOf(sim, 'produceRejected').at(-1)).toMatchObject({ producer: 'tx', error: 'INVALID_PRODUCER_EPOCH' });
    expect(entriesOf(sim, 'producerFenced').map((e) => e.producer)).toEqual(['tx']);
    expectCode(() => txn(sim, 'commitTransaction'), 'SIM_ILLEGAL_STATE');
    expect(seen(sim, 'read_committed')).toEqual([]);
  });

  it('the coordinator fences and aborts a transaction open longer than transaction.timeout.ms', () => {
    const sim = createSimulation({ seed: 8, brokers: 1, traceLimit: 10_000 });
    sim.createTopic({ name: 't', partitions: 1, replicationFactor: 1 });
    sim.createProducer({ clientId: 'slow', config: { 'transactional.id': 'slow-1', 'linger.ms': 0, 'transaction.timeout.ms': 5_000 } });
    sim.execute({ type: 'initTransactions', producer: 'slow' });
    sim.runUntilTime(10);
    txn(sim, 'beginTransaction', 'slow');
    sim.send({ producer: 'slow', topic: 't', key: 'k', value: 'stuck', partition: 0 });
    sim.runUntilTime(25_000);
    const changes = entriesOf(sim, 'transactionStateChanged').map((e) => e.to);
    expect(changes).toEqual(expect.arrayContaining(['Ongoing', 'PrepareEpochFence', 'PrepareAbort', 'CompleteAbort']));
    expect(log(sim).records.map((r) => r.controlType ?? r.value)).toEqual(['stuck', 'ABORT']);
    expect(log(sim).lastStableOffset).toBe(2);
    // Its commit now finds a newer epoch: fenced.
    txn(sim, 'commitTransaction', 'slow');
    sim.runUntilTime(26_000);
    expect(entriesOf(sim, 'producerFenced').map((e) => e.producer)).toEqual(['slow']);
  });

  it("sendOffsetsToTransaction: the group's offsets change only when the transaction commits", () => {
    const sim = setUp();
    txn(sim, 'beginTransaction');
    send(sim, 'tx', 'out');
    sim.execute({ type: 'sendOffsetsToTransaction', producer: 'tx', groupId: 'service', offsets: [{ topic: 't', partition: 0, offset: 7 }] });
    sim.runUntilTime(50);
    expect(sim.state.groups.service?.offsets['t-0']).toBeUndefined();
    txn(sim, 'commitTransaction');
    sim.runUntilTime(100);
    expect(sim.state.groups.service!.offsets['t-0']!.offset).toBe(7);
  });

  it('needs initTransactions() and beginTransaction() before sending', () => {
    const sim = createSimulation({ seed: 8, brokers: 1 });
    sim.createTopic({ name: 't', partitions: 1, replicationFactor: 1 });
    sim.createProducer({ clientId: 'tx', config: { 'transactional.id': 'x' } });
    expectCode(() => send(sim, 'tx', 'v'), 'SIM_ILLEGAL_STATE');
    expectCode(() => txn(sim, 'beginTransaction'), 'SIM_ILLEGAL_STATE');
    sim.createProducer({ clientId: 'plain' });
    expectCode(() => txn(sim, 'beginTransaction', 'plain'), 'SIM_ILLEGAL_STATE');
  });
});

describe('the transaction coordinator follows its partition leader', () => {
  it('a commit sent while the coordinator broker is down completes once a new leader is elected', () => {
    const sim = createSimulation({ seed: 8, brokers: 3, traceLimit: 100_000 });
    sim.createTopic({ name: 't', partitions: 1, replicationFactor: 3 });
    sim.createProducer({ clientId: 'tx', config: { 'transactional.id': 'payments-1', 'linger.ms': 0 } });
    sim.execute({ type: 'initTransactions', producer: 'tx' });
    sim.runUntilTime(20);
    sim.execute({ type: 'beginTransaction', producer: 'tx' });
    sim.send({ producer: 'tx', topic: 't', key: 'k', value: 'v', partition: 0 });
    sim.runUntilTime(60);
    // Coordinator = leader of partition abs(hashCode("payments-1")) % 50 of __transaction_state.
    const coordinator = sim.state.topics.__transaction_state!.partitions[coordinatorPartitionFor('payments-1', 50)]!.leader;
    const dataLeader = sim.state.topics.t!.partitions[0]!.leader;
    expect(coordinator).not.toBe(dataLeader); // this seed keeps the data's leader alive
    sim.crashBroker(coordinator);
    sim.execute({ type: 'commitTransaction', producer: 'tx' });
    sim.runUntilTime(2_000);
    expect(entriesOf(sim, 'transactionCommitted')).toEqual([]);
    sim.runUntilTime(15_000); // fenced, new leader for __transaction_state
    expect(entriesOf(sim, 'transactionCommitted')).toHaveLength(1);
  });
});

describe('transaction markers are written with acks=all', () => {
  // Found by the engine-wide model test: the coordinator counted a marker written as soon as the leader
  // appended it. A leader change before the followers copied it cut the marker away, and the
  // transaction's records were left with no marker and no open transaction: read_committed readers
  // would take aborted records for committed ones. Kafka's WriteTxnMarkers appends with acks=all and
  // the coordinator retries on the new leader.
  it('a marker cut away by a leader change is written again on the new leader, once', () => {
    const sim = createSimulation({ seed: 8, brokers: 3, networkLatencyMs: 5, traceLimit: 100_000 });
    sim.createTopic({ name: 't', partitions: 1, replicationFactor: 2 });
    sim.createProducer({ clientId: 'tx', config: { 'transactional.id': 'payments-1', 'linger.ms': 0 } });
    sim.createConsumer({ clientId: 'reader', config: { 'isolation.level': 'read_committed', 'auto.offset.reset': 'earliest' } });
    sim.assign('reader', [{ topic: 't', partition: 0 }]);
    sim.startConsumerLoop({ consumer: 'reader', processingMsPerRecord: 0, commitMode: 'none' });
    sim.execute({ type: 'initTransactions', producer: 'tx' });
    sim.runUntilTime(200);
    sim.execute({ type: 'beginTransaction', producer: 'tx' });
    sim.send({ producer: 'tx', topic: 't', key: 'k', value: 'paid', partition: 0 });
    sim.runUntilTime(400);
    const dataLeader = sim.state.topics.t!.partitions[0]!.leader;
    const coordinator = sim.state.topics.__transaction_state!.partitions[coordinatorPartitionFor('payments-1', 50)]!.leader;
    expect(coordinator).not.toBe(dataLeader); // this seed keeps the coordinator alive
    sim.execute({ type: 'commitTransaction', producer: 'tx' });
    const marker = sim.runUntil((e) => e.kind === 'txnMarkerWritten' && e.topic === 't').entry;
    expect(marker).toMatchObject({ marker: 'COMMIT', offset: 1 });
    // Until the follower has the marker the transaction still pins the LSO (Kafka's unreplicatedTxns):
    // read_committed readers wait, and nothing else can be cut from under them.
    expect(sim.state.topics.t!.partitions[0]!.log).toMatchObject({ highWatermark: 1, lastStableOffset: 0 });
    sim.crashBroker(dataLeader); // before the follower fetched the marker
    expect(sim.state.topics.t!.partitions[0]!.log.pendingMarkers).toHaveLength(1);
    sim.runUntilTime(sim.time + 20_000);

    expect(entriesOf(sim, 'replicaTruncated')).toContainEqual(expect.objectContaining({ topic: 't', from: 2, to: 1 }));
    const log = sim.state.topics.t!.partitions[0]!.log;
    expect(log.records.map((r) => r.controlType)).toEqual([null, 'COMMIT']); // written again, once
    expect(entriesOf(sim, 'txnMarkerWritten').filter((e) => e.topic === 't')).toHaveLength(2);
    expect(entriesOf(sim, 'transactionCommitted')).toHaveLength(1);
    expect(entriesOf(sim, 'recordProcessed').map((e) => e.value)).toEqual(['paid']);
  });
});
