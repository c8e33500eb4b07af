import { describe, expect, it } from 'vitest';
import type { ProducerConfig, TopicConfig } from '../../config';
import { KafkaSimError } from '../../errors';
import { type Simulation } from '../../kernel/simulation';
import { createSimulation } from '../../engine';
import { entriesOf } from '../../testing/entriesOf';
import { expectCode } from '../../testing/expectCode';

/** Producer defaults these tests lean on (config.ts). */
const DELIVERY_TIMEOUT_MS = 120_000;
const DEFAULT_MAX_IN_FLIGHT = 5;
/** Large enough that no entry of a run falls out of the window. */
const TRACE_LIMIT = 1_000_000;

interface ClusterSpec {
  brokers: number;
  topicConfigs?: Partial<TopicConfig>;
  producer?: Partial<ProducerConfig>;
}

/** Topic 't' (one partition, replicated on every broker) and producer 'p'; run a little so the cluster has settled. */
function cluster({ brokers, topicConfigs = {}, producer = {} }: ClusterSpec): Simulation {
  const sim = createSimulation({ seed: 7, brokers, traceLimit: TRACE_LIMIT });
  sim.createTopic({ name: 't', partitions: 1, replicationFactor: brokers, configs: topicConfigs });
  sim.createProducer({ clientId: 'p', config: producer });
  sim.runUntilTime(10);
  return sim;
}

const partitionOf = (sim: Simulation) => sim.state.topics.t!.partitions[0]!;
const producerOf = (sim: Simulation, id = 'p') => sim.state.producers[id]!;
const dataRecords = (sim: Simulation) => partitionOf(sim).log.records.filter((r) => r.controlType === null);
const valuesInLog = (sim: Simulation) => dataRecords(sim).map((r) => r.value);
const batchesOf = (sim: Simulation, id = 'p') => producerOf(sim, id).batches['t-0'] ?? [];
const inFlightCount = (sim: Simulation) => batchesOf(sim).filter((b) => b.isInFlight).length;
const recordsFailed = (sim: Simulation) => entriesOf(sim, 'produceFailed').reduce((n, e) => n + e.count, 0);

function send(sim: Simulation, value: string, producer = 'p') {
  sim.send({ producer, topic: 't', key: 'k', value, partition: 0 });
}

/** A follower of t-0 (not its leader). */
function aFollower(sim: Simulation): number {
  const p = partitionOf(sim);
  return p.replicas.find((id) => id !== p.leader)!;
}

/** Steps until the producer has nothing left to deliver, returning the most batches of t-0 ever in flight at once. */
function runTrackingInFlight(sim: Simulation, maxSteps = 200_000): number {
  let peak = inFlightCount(sim);
  for (let i = 0; i < maxSteps && producerOf(sim).unfinishedBatchCount > 0; i++) {
    sim.step();
    peak = Math.max(peak, inFlightCount(sim));
  }
  expect(producerOf(sim).unfinishedBatchCount).toBe(0);
  return peak;
}

describe('Sender: a broker outage', () => {
  it.each([30_000, 150_000, 600_000])(
    'a producer sending every 500 ms to a single broker that is down for %i ms delivers again right after the restart, fails only records older than delivery.timeout.ms, and never retries in a storm',
    (outageMs) => {
      const sim = cluster({ brokers: 1 });
      sim.addTrafficSource({ id: 'orders', producer: 'p', topic: 't', intervalMs: 500, keys: null, valuePrefix: 'o' });
      // The source ticks at 10, 510, ...: the record sent at 10 010 leaves when linger.ms (5) has passed,
      // and the broker dies while it travels.
      sim.runUntilTime(10_015);
      expect(inFlightCount(sim)).toBe(1);
      const crashAt = sim.time;
      sim.crashBroker(1);
      sim.runUntilTime(crashAt + outageMs);
      const restartAt = sim.time;
      const appendedBefore = dataRecords(sim).length;
      sim.restartBroker(1);
      sim.runUntilTime(restartAt + 120_000);
      sim.execute({ type: 'setTrafficSourceRunning', source: 'orders', isRunning: false });
      sim.runUntilIdle();

      // Records flow in each of the two minutes after the restart (120 new ones a minute, plus the backlog in the first).
      const appendedAt = entriesOf(sim, 'recordAppended').map((e) => e.time);
      const inMinute = (k: number) => appendedAt.filter((t) => t >= restartAt + k * 60_000 && t < restartAt + (k + 1) * 60_000).length;
      expect(inMinute(0)).toBeGreaterThanOrEqual(118);
      expect(inMinute(1)).toBeGreaterThanOrEqual(118);
      // The first look after the restart comes within retry.backoff.max.ms (1 s, +jitter), not "eventually".
      expect(appendedAt.find((t) => t >= restartAt)! - restartAt).toBeLessThanOrEqual(1_200);

      // While the broker is down nothing is sent: the producer waits for a leader instead of retrying.
      expect(entriesOf(sim, 'produceRequestLost')).toHaveLength(1);
      expect(entriesOf(sim, 'produceRetried').length).toBeLessThan(50);
      expect(entriesOf(sim, 'batchSent').filter((e) => e.time > crashAt && e.time < restartAt)).toEqual([]);
      expect(entriesOf(sim, 'producerAwaitingLeader')).toHaveLength(1);

      // Exactly the records sent more than delivery.timeout.ms before the restart fail, each with a TimeoutException.
      const failed = entriesOf(sim, 'produceFailed');
      for (const f of failed) {
        expect(f.error).toMatch(/^TimeoutException: .*delivery\.timeout\.ms/);
        expect(f.time).toBeGreaterThanOrEqual(crashAt + DELIVERY_TIMEOUT_MS);
        expect(f.time).toBeLessThanOrEqual(restartAt + 1_200);
      }
      const tooOld = Math.max(0, (outageMs - DELIVERY_TIMEOUT_MS) / 500);
      expect(recordsFailed(sim)).toBeGreaterThanOrEqual(tooOld - 2);
      expect(recordsFailed(sim)).toBeLessThanOrEqual(tooOld + 3);

      // The batch lost on the way was numbered: if it expired its fate is unknown, so the producer bumps its
      // epoch (KIP-360) and everything after the restart is numbered from 0 under epoch 1.
      const isBumped = outageMs > DELIVERY_TIMEOUT_MS;
      expect(entriesOf(sim, 'producerEpochBumped')).toHaveLength(isBumped ? 1 : 0);
      const afterRestart = dataRecords(sim).slice(appendedBefore);
      expect(afterRestart.every((r) => r.producerEpoch === (isBumped ? 1 : 0))).toBe(true);
      if (isBumped) expect(afterRestart.map((r) => r.sequence)).toEqual(afterRestart.map((_, i) => i));

      // Every record sent is in the log once or failed; nothing is left behind.
      const p = producerOf(sim);
      expect(p.ackedCount + p.failedCount).toBe(p.sentCount);
      const values = valuesInLog(sim);
      expect(values).toHaveLength(p.ackedCount);
      expect(new Set(values).size).toBe(values.length);
      expect(p.unfinishedBatchCount).toBe(0);
      expect(sim.isIdle).toBe(true);
    },
  );
});

describe('Sender: KIP-360 epoch bump of an idempotent producer', () => {
  it('gives up on sent batches after delivery.timeout.ms, bumps the epoch once, and numbers later records from 0 under epoch 1 without OUT_OF_ORDER_SEQUENCE_NUMBER', () => {
    // min.insync.replicas 3 with a follower down: every send is answered NOT_ENOUGH_REPLICAS and retried.
    const sim = cluster({ brokers: 3, topicConfigs: { 'min.insync.replicas': 3 }, producer: { 'linger.ms': 0 } });
    const follower = aFollower(sim);
    const { producerId } = producerOf(sim);
    sim.crashBroker(follower);
    sim.runUntilTime(sim.time + 10_000); // fenced and out of the ISR
    const start = sim.time;
    send(sim, 'a');
    send(sim, 'b'); // same batch as 'a' (its linger timer has not fired)
    sim.runUntilTime(start + 1_000);
    send(sim, 'c'); // a second batch, numbered after the first
    sim.runUntilTime(start + DELIVERY_TIMEOUT_MS + 5_000);

    // Both batches were sent (numbered) and expired: their fate is unknown to the producer.
    expect(entriesOf(sim, 'produceFailed').map((e) => [e.count, /delivery\.timeout\.ms/.test(e.error)])).toEqual([
      [2, true],
      [1, true],
    ]);
    expect(entriesOf(sim, 'produceRejected').every((e) => e.error === 'NOT_ENOUGH_REPLICAS')).toBe(true);
    const bumps = entriesOf(sim, 'producerEpochBumped');
    expect(bumps).toMatchObject([{ producerId, producerEpoch: 1, recordsGivenUp: 3 }]);
    expect(bumps[0]!.reason).toMatch(/delivery\.timeout\.ms/);
    // The bump waits for the last numbered batch to be gone, so nothing is numbered twice.
    expect(bumps[0]!.time).toBeGreaterThanOrEqual(entriesOf(sim, 'produceFailed')[1]!.time);
    expect(bumps[0]!.time).toBeLessThanOrEqual(start + 1_000 + DELIVERY_TIMEOUT_MS + 1_200);

    sim.restartBroker(follower);
    send(sim, 'd'); // may still meet NOT_ENOUGH_REPLICAS until the follower is back in the ISR
    sim.runUntilTime(sim.time + 20_000);
    send(sim, 'e');
    sim.runUntilTime(sim.time + 1_000);

    expect(dataRecords(sim).map((r) => [r.value, r.producerId, r.producerEpoch, r.sequence])).toEqual([
      ['d', producerId, 1, 0],
      ['e', producerId, 1, 1],
    ]);
    expect(entriesOf(sim, 'produceRejected').filter((e) => e.error === 'OUT_OF_ORDER_SEQUENCE_NUMBER')).toEqual([]);
    expect(producerOf(sim).unfinishedBatchCount).toBe(0);
  });

  it('a batch that expires between two retries (not on an answer) still leads to the bump, and later sends are not stuck', () => {
    const sim = cluster({ brokers: 3, topicConfigs: { 'min.insync.replicas': 3 }, producer: { 'linger.ms': 0 } });
    const follower = aFollower(sim);
    sim.crashBroker(follower);
    sim.runUntilTime(sim.time + 10_000);
    send(sim, 'lost');
    sim.runUntilTime(sim.time + DELIVERY_TIMEOUT_MS + 5_000);
    const [expired] = entriesOf(sim, 'produceFailed');
    expect(expired).toMatchObject({ count: 1 });
    // With a 1 s backoff the deadline almost always falls while the batch waits to be sent again: the
    // expiry happens on the producer's wakeup, not on a NOT_ENOUGH_REPLICAS answer (one 1 ms earlier).
    expect(entriesOf(sim, 'produceRejected').some((e) => e.time === expired!.time - 1)).toBe(false);

    sim.restartBroker(follower);
    sim.runUntilTime(sim.time + 20_000); // back in the ISR
    send(sim, 'later');
    expect(sim.runUntilIdle(50_000).isIdle).toBe(true);
    expect(entriesOf(sim, 'producerEpochBumped')).toMatchObject([{ producerEpoch: 1, recordsGivenUp: 1 }]);
    expect(dataRecords(sim).map((r) => [r.value, r.producerEpoch, r.sequence])).toEqual([['later', 1, 0]]);
  });
});

describe('Sender: max.in.flight.requests.per.connection', () => {
  it.each([DEFAULT_MAX_IN_FLIGHT, 1])('with %i, no more batches of a partition are in flight while acks=all waits for the high watermark, and the rest follow in order', (maxInFlight) => {
    // batch.size 1: every record is a batch of its own, closed at send().
    const sim = cluster({ brokers: 3, topicConfigs: { 'min.insync.replicas': 2 }, producer: { 'linger.ms': 0, 'batch.size': 1, 'max.in.flight.requests.per.connection': maxInFlight } });
    // A crashed follower stays in the ISR until it is fenced (broker.session.timeout.ms): the HW cannot move till then.
    sim.crashBroker(aFollower(sim));
    const values = Array.from({ length: 12 }, (_, i) => `v${i}`);
    for (const v of values) send(sim, v);
    sim.runUntilTime(sim.time + 1_000);
    expect(partitionOf(sim).log.highWatermark).toBe(0);
    expect(inFlightCount(sim)).toBe(maxInFlight);
    expect(entriesOf(sim, 'batchSent')).toHaveLength(maxInFlight);
    expect(entriesOf(sim, 'produceAcknowledged')).toEqual([]);

    const peak = runTrackingInFlight(sim);
    expect(peak).toBe(maxInFlight);
    // The first batch beyond the limit left only after an answer freed a slot.
    const sent = entriesOf(sim, 'batchSent');
    expect(sent[maxInFlight]!.time).toBeGreaterThanOrEqual(entriesOf(sim, 'produceAcknowledged')[0]!.time);
    expect(valuesInLog(sim)).toEqual(values);
    expect(entriesOf(sim, 'produceRetried')).toEqual([]);
  });
});

describe('Sender: retries of an idempotent producer keep send order', () => {
  /** Ten records, one batch each (batch.size 1): the first five go in flight at once, the rest wait. */
  function sendTen(sim: Simulation): string[] {
    const values = Array.from({ length: 10 }, (_, i) => `v${i}`);
    for (const v of values) send(sim, v);
    expect(inFlightCount(sim)).toBe(DEFAULT_MAX_IN_FLIGHT);
    return values;
  }

  function expectInSendOrderOnce(sim: Simulation, values: string[]) {
    runTrackingInFlight(sim);
    expect(valuesInLog(sim)).toEqual(values);
    expect(dataRecords(sim).map((r) => r.sequence)).toEqual(values.map((_, i) => i));
    expect(entriesOf(sim, 'produceFailed')).toEqual([]);
    expect(entriesOf(sim, 'producerEpochBumped')).toEqual([]);
  }

  it('the leader dies under five in-flight batches: all five are lost on the way, retried after the election, and land once, in order', () => {
    const sim = cluster({ brokers: 3, topicConfigs: { 'min.insync.replicas': 2 }, producer: { 'linger.ms': 0, 'batch.size': 1 } });
    const values = sendTen(sim);
    sim.crashBroker(partitionOf(sim).leader); // before the requests arrive (network latency 1 ms)
    expectInSendOrderOnce(sim, values);
    expect(entriesOf(sim, 'produceRequestLost')).toHaveLength(DEFAULT_MAX_IN_FLIGHT);
    expect(entriesOf(sim, 'produceRetried').filter((e) => e.reason === 'NETWORK_EXCEPTION')).toHaveLength(DEFAULT_MAX_IN_FLIGHT);
  });

  it('NOT_ENOUGH_REPLICAS for five in-flight batches: they are retried oldest first and land once, in order, when the follower is back', () => {
    const sim = cluster({ brokers: 3, topicConfigs: { 'min.insync.replicas': 3 }, producer: { 'linger.ms': 0, 'batch.size': 1 } });
    const follower = aFollower(sim);
    sim.crashBroker(follower);
    sim.runUntilTime(sim.time + 10_000); // out of the ISR
    const values = sendTen(sim);
    sim.runUntilTime(sim.time + 5_000);
    expect(
      entriesOf(sim, 'produceRejected')
        .slice(0, 5)
        .map((e) => e.error),
    ).toEqual(Array(5).fill('NOT_ENOUGH_REPLICAS'));
    sim.restartBroker(follower);
    expectInSendOrderOnce(sim, values);
  });

  it('a lost answer: the connection drops, every batch in flight is retried oldest first, and the leader recognises the ones it has', () => {
    // On TCP an answer is not lost alone: the connection breaks and every request on it fails (Kafka completes a
    // connection's answers in order, InFlightRequests.completeNext), so the retries stay inside the leader's last 5 batches.
    const sim = cluster({ brokers: 1, producer: { 'linger.ms': 0, 'batch.size': 1 } });
    sim.execute({ type: 'dropNextProduceResponse', producer: 'p' });
    const values = sendTen(sim);
    expectInSendOrderOnce(sim, values);
    expect(entriesOf(sim, 'produceResponseLost')).toHaveLength(1);
    expect(entriesOf(sim, 'produceRetried')[0]).toMatchObject({ attempt: 2, reason: expect.stringContaining('NETWORK_EXCEPTION') as string });
    expect(entriesOf(sim, 'duplicateBatchIgnored')[0]).toMatchObject({ baseOffset: 0, count: 1 });
    expect(entriesOf(sim, 'produceFailed')).toEqual([]);
    expect(entriesOf(sim, 'producerEpochBumped')).toEqual([]);
  });
});

describe('Sender: runUntilIdle and batches still to deliver', () => {
  it('does not return while a batch waits for a leader: it runs until delivery.timeout.ms fails the batch', () => {
    const sim = cluster({ brokers: 1 });
    sim.crashBroker(1);
    const sentAt = sim.time;
    send(sim, 'a');
    const result = sim.runUntilIdle();
    expect(result.isIdle).toBe(true);
    expect(sim.time - sentAt).toBeGreaterThanOrEqual(DELIVERY_TIMEOUT_MS);
    expect(sim.time - sentAt).toBeLessThan(DELIVERY_TIMEOUT_MS + 2_000);
    expect(entriesOf(sim, 'produceFailed')).toMatchObject([{ count: 1, error: expect.stringContaining('delivery.timeout.ms') as string }]);
    expect(entriesOf(sim, 'produceFailed')[0]!.error).toContain('never sent');
    expect(producerOf(sim).unfinishedBatchCount).toBe(0);
  });

  it('when the broker comes back before that, runUntilIdle runs until the record is appended', () => {
    const sim = cluster({ brokers: 1 });
    sim.crashBroker(1);
    const sentAt = sim.time;
    send(sim, 'a');
    sim.runUntilTime(sentAt + 60_000);
    expect(sim.isIdle).toBe(false);
    sim.restartBroker(1);
    expect(sim.runUntilIdle().isIdle).toBe(true);
    expect(valuesInLog(sim)).toEqual(['a']);
    expect(sim.time - sentAt).toBeLessThan(62_000);
    expect(entriesOf(sim, 'produceFailed')).toEqual([]);
  });

  it('does not return while a batch waits out a retry backoff', () => {
    const sim = cluster({ brokers: 1, producer: { 'linger.ms': 0 } });
    send(sim, 'a');
    sim.runUntil((e) => e.kind === 'batchSent');
    sim.crashBroker(1); // the request is lost on the way: NETWORK_EXCEPTION, retry after a backoff
    sim.runUntil((e) => e.kind === 'produceRetried');
    sim.restartBroker(1);
    expect(sim.runUntilIdle().isIdle).toBe(true);
    expect(valuesInLog(sim)).toEqual(['a']);
  });
});

describe('Sender: a transactional producer whose send expires', () => {
  it('gets an abortable error: commit is refused, abort works and bumps the epoch, and the next transaction commits', () => {
    const sim = createSimulation({ seed: 8, brokers: 1, traceLimit: TRACE_LIMIT });
    sim.createTopic({ name: 't', partitions: 1, replicationFactor: 1 });
    // transaction.timeout.ms well above delivery.timeout.ms: the coordinator must not abort on its own first.
    sim.createProducer({ clientId: 'tx', config: { 'transactional.id': 'payments-1', 'linger.ms': 0, 'transaction.timeout.ms': 600_000 } });
    sim.execute({ type: 'initTransactions', producer: 'tx' });
    sim.runUntilTime(10);
    const tx = () => producerOf(sim, 'tx');
    const { producerId, producerEpoch } = tx();
    expect(entriesOf(sim, 'transactionInitialized')).toHaveLength(1);

    sim.execute({ type: 'beginTransaction', producer: 'tx' });
    sim.crashBroker(1); // the partition leader and the transaction coordinator
    send(sim, 'lost', 'tx');
    sim.runUntilTime(sim.time + DELIVERY_TIMEOUT_MS + 5_000);
    expect(entriesOf(sim, 'produceFailed')).toMatchObject([{ producer: 'tx', count: 1, error: expect.stringContaining('delivery.timeout.ms') as string }]);
    expect(entriesOf(sim, 'transactionAbortableError')).toMatchObject([{ producer: 'tx' }]);
    expect(tx().txn!.state).toBe('ABORTABLE_ERROR');
    // No KIP-360 local bump for a transactional producer: the abort's InitProducerId does it.
    expect(entriesOf(sim, 'producerEpochBumped')).toEqual([]);

    const refused = expectCode(() => sim.execute({ type: 'commitTransaction', producer: 'tx' }), 'SIM_ILLEGAL_STATE');
    expect(refused).toBeInstanceOf(KafkaSimError);
    expect(refused.message).toMatch(/abortTransaction/);
    expectCode(() => send(sim, 'more', 'tx'), 'SIM_ILLEGAL_STATE');

    sim.restartBroker(1);
    sim.execute({ type: 'abortTransaction', producer: 'tx' });
    const { entry: aborted } = sim.runUntil((e) => e.kind === 'transactionAborted');
    expect(aborted).not.toBeNull();
    expect(tx().txn!.state).toBe('READY');
    expect(tx().producerId).toBe(producerId);
    expect(tx().producerEpoch).toBe(producerEpoch + 1);
    expect(entriesOf(sim, 'transactionInitialized')).toHaveLength(1); // the bump ends the abort; it is no new init

    sim.execute({ type: 'beginTransaction', producer: 'tx' });
    send(sim, 'kept', 'tx');
    sim.execute({ type: 'commitTransaction', producer: 'tx' });
    const { entry: committed } = sim.runUntil((e) => e.kind === 'transactionCommitted');
    expect(committed).not.toBeNull();
    expect(dataRecords(sim).map((r) => [r.value, r.producerEpoch, r.sequence, r.isTransactional])).toEqual([['kept', producerEpoch + 1, 0, true]]);
    expect(
      partitionOf(sim)
        .log.records.filter((r) => r.controlType !== null)
        .map((r) => r.controlType),
    ).toEqual(['ABORT', 'COMMIT']);
  });
});

describe('Sender: max.in.flight.requests.per.connection validation', () => {
  const create = (config: Partial<ProducerConfig>) => {
    const sim = createSimulation({ seed: 1, brokers: 1 });
    sim.createTopic({ name: 't', partitions: 1, replicationFactor: 1 });
    sim.createProducer({ clientId: 'p', config });
    return sim;
  };

  it('refuses 0', () => {
    const error = expectCode(() => create({ 'max.in.flight.requests.per.connection': 0 }), 'INVALID_CONFIG');
    expect(error.message).toMatch(/max\.in\.flight\.requests\.per\.connection/);
  });

  it('refuses 6 with enable.idempotence set to true', () => {
    const error = expectCode(() => create({ 'max.in.flight.requests.per.connection': 6, 'enable.idempotence': true }), 'INVALID_CONFIG');
    expect(error.message).toMatch(/at most 5/);
  });

  it('6 without setting enable.idempotence turns idempotence off silently: no producer id, no sequences, six batches in flight', () => {
    const sim = create({ 'max.in.flight.requests.per.connection': 6, 'linger.ms': 0, 'batch.size': 1 });
    const p = producerOf(sim);
    expect(p.config['enable.idempotence']).toBe(false);
    expect(p.producerId).toBe(-1);
    for (let i = 0; i < 8; i++) send(sim, `v${i}`);
    expect(inFlightCount(sim)).toBe(6);
    sim.runUntilIdle();
    expect(dataRecords(sim).map((r) => [r.producerId, r.sequence])).toEqual(Array(8).fill([-1, -1]));
  });
});
