/**
 * Use case 6 of seeds/use-cases.md, charging a card exactly once: a consume-transform-produce service
 * crashes in the middle of a poll's work and a new instance takes over.
 */
import { describe, expect, it } from 'vitest';
import { type Simulation } from '../../kernel/simulation';
import { createSimulation } from '../../engine';

function service(exactlyOnce: boolean) {
  const sim: Simulation = createSimulation({ seed: 21, brokers: 1, traceLimit: 100_000 });
  sim.createTopic({ name: 'in', partitions: 1, replicationFactor: 1 });
  sim.createTopic({ name: 'out', partitions: 1, replicationFactor: 1 });
  sim.createProducer({ clientId: 'upstream', config: { 'linger.ms': 0 } });
  for (let i = 0; i < 5; i++) sim.send({ producer: 'upstream', topic: 'in', key: `order-${i}`, value: `charge-${i}`, partition: 0 });
  sim.runUntilTime(20);

  const producerConfig = () => (exactlyOnce ? { 'transactional.id': 'charger', 'linger.ms': 0 } : { 'linger.ms': 0 });
  sim.createProducer({ clientId: 'charger-0', config: producerConfig() });
  if (exactlyOnce) {
    sim.execute({ type: 'initTransactions', producer: 'charger-0' });
    sim.runUntilTime(40);
  }
  sim.createConsumer({ clientId: 'svc', config: { 'group.id': 'charger', 'auto.offset.reset': 'earliest', 'enable.auto.commit': false, 'isolation.level': 'read_committed' } });
  sim.assign('svc', [{ topic: 'in', partition: 0 }]);
  sim.startConsumerLoop({ consumer: 'svc', processingMsPerRecord: 100, commitMode: exactlyOnce ? 'none' : 'after-processing', forwardTo: { producer: 'charger-0', topic: 'out', exactlyOnce } });

  sim.createConsumer({ clientId: 'bank', config: { 'auto.offset.reset': 'earliest', 'isolation.level': 'read_committed' } });
  sim.assign('bank', [{ topic: 'out', partition: 0 }]);
  sim.startConsumerLoop({ consumer: 'bank', processingMsPerRecord: 0, commitMode: 'none' });

  // Crash after the third charge was processed and sent, before the poll's work is committed.
  sim.runUntil((e) => e.kind === 'recordProcessed' && e.consumer === 'svc' && e.offset === 2);
  sim.runUntilTime(sim.time + 20);
  sim.crashConsumer('svc');

  // A new instance takes over.
  sim.createProducer({ clientId: 'charger-1', config: producerConfig() });
  if (exactlyOnce) {
    sim.execute({ type: 'initTransactions', producer: 'charger-1' });
    sim.runUntil((e) => e.kind === 'transactionInitialized' && e.producer === 'charger-1');
  }
  sim.execute({
    type: 'startConsumerLoop',
    consumer: 'svc',
    processingMsPerRecord: 100,
    commitMode: exactlyOnce ? 'none' : 'after-processing',
    forwardTo: { producer: 'charger-1', topic: 'out', exactlyOnce },
  });
  sim.restartConsumer('svc');
  sim.runUntilTime(sim.time + 5_000);
  return sim.trace.filter((e) => e.kind === 'recordProcessed' && e.consumer === 'bank').map((e) => (e.kind === 'recordProcessed' ? e.value : null));
}

describe('exactly once: consume-transform-produce with a crash in the middle of a transaction', () => {
  it('with transactions the bank (read_committed) charges each order once', () => {
    expect(service(true)).toEqual([0, 1, 2, 3, 4].map((i) => `processed:charge-${i}`));
  });

  it('without transactions the bank charges the first orders twice', () => {
    const charges = service(false);
    expect(charges.filter((c) => c === 'processed:charge-0')).toHaveLength(2);
    expect(new Set(charges).size).toBe(5);
  });
});

describe('exactly once through an outage of the output partition', () => {
  it('a send that expires makes the transaction abortable: the service aborts, reads its input again and charges each order once', () => {
    const sim: Simulation = createSimulation({ seed: 21, brokers: 3, traceLimit: 200_000 });
    sim.createTopic({ name: 'in', partitions: 1, replicationFactor: 1 });
    sim.createTopic({ name: 'out', partitions: 1, replicationFactor: 1 });
    const outLeader = sim.state.topics.out!.partitions[0]!.leader;
    expect(sim.state.topics.in!.partitions[0]!.leader).not.toBe(outLeader);
    sim.createProducer({ clientId: 'upstream', config: { 'linger.ms': 0 } });
    for (let i = 0; i < 5; i++) sim.send({ producer: 'upstream', topic: 'in', key: `order-${i}`, value: `charge-${i}`, partition: 0 });
    sim.createProducer({ clientId: 'charger', config: { 'transactional.id': 'charger', 'linger.ms': 0, 'transaction.timeout.ms': 900_000 } });
    sim.execute({ type: 'initTransactions', producer: 'charger' });
    sim.runUntil((e) => e.kind === 'transactionInitialized');
    sim.createConsumer({ clientId: 'svc', config: { 'group.id': 'charger', 'auto.offset.reset': 'earliest', 'enable.auto.commit': false, 'isolation.level': 'read_committed' } });
    sim.assign('svc', [{ topic: 'in', partition: 0 }]);
    sim.crashBroker(outLeader); // before the first charge is sent
    sim.startConsumerLoop({ consumer: 'svc', processingMsPerRecord: 100, commitMode: 'none', forwardTo: { producer: 'charger', topic: 'out', exactlyOnce: true } });

    sim.runUntil((e) => e.kind === 'transactionAbortableError');
    expect(sim.trace.some((e) => e.kind === 'produceFailed' && e.error.startsWith('TimeoutException'))).toBe(true);
    sim.restartBroker(outLeader);
    sim.runUntil((e) => e.kind === 'transactionAborted');
    const bumped = sim.state.producers.charger!.producerEpoch;
    sim.runUntil((e) => e.kind === 'transactionCommitted');
    sim.runUntilTime(sim.time + 10_000);

    expect(sim.state.producers.charger!.producerEpoch).toBe(bumped);
    expect(sim.state.producers.charger!.txn!.state).toBe('READY');
    sim.createConsumer({ clientId: 'bank', config: { 'auto.offset.reset': 'earliest', 'isolation.level': 'read_committed' } });
    sim.assign('bank', [{ topic: 'out', partition: 0 }]);
    sim.startConsumerLoop({ consumer: 'bank', processingMsPerRecord: 0, commitMode: 'none' });
    sim.runUntilTime(sim.time + 5_000);
    const charges = sim.trace.filter((e) => e.kind === 'recordProcessed' && e.consumer === 'bank').map((e) => (e.kind === 'recordProcessed' ? e.value : null));
    expect(charges).toEqual([0, 1, 2, 3, 4].map((i) => `processed:charge-${i}`));
  });
});
