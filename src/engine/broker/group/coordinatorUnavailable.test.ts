/**
 * Pinned from the model test: a commit (or join) that needs the group coordinator while no broker is
 * up, before __consumer_offsets exists, threw from inside an event and stopped the whole simulation.
 * Kafka answers COORDINATOR_NOT_AVAILABLE and the client retries; so must we.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../index';

describe('no coordinator while every broker is down', () => {
  it('a commit before __consumer_offsets exists does not stop the simulation; it works once a broker is back', () => {
    const sim = createSimulation({ seed: 0, brokers: 1, networkLatencyMs: 0, traceLimit: 10_000 });
    sim.createTopic({ name: 'orders', partitions: 1, replicationFactor: 1 });
    sim.createConsumer({ clientId: 'c1', config: { 'group.id': 'g1', 'auto.offset.reset': 'earliest', 'enable.auto.commit': false } });
    sim.assign('c1', [{ topic: 'orders', partition: 0 }]);
    sim.execute({ type: 'shutdownBroker', brokerId: 1 });
    sim.execute({ type: 'commit', consumer: 'c1', offsets: [{ topic: 'orders', partition: 0, offset: 0 }] });
    expect(() => sim.runUntilTime(sim.time + 1_000)).not.toThrow();
    expect(sim.state.topics.__consumer_offsets).toBeUndefined();
    sim.restartBroker(1);
    sim.runUntilTime(sim.time + 20_000);
    sim.execute({ type: 'commit', consumer: 'c1', offsets: [{ topic: 'orders', partition: 0, offset: 0 }] });
    expect(() => sim.runUntilTime(sim.time + 1_000)).not.toThrow();
    expect(sim.state.topics.__consumer_offsets).toBeDefined();
  });

  it('a transactional producer cannot find its coordinator while every broker is down, and the run goes on', () => {
    const sim = createSimulation({ seed: 0, brokers: 1, networkLatencyMs: 0, traceLimit: 10_000 });
    sim.execute({ type: 'shutdownBroker', brokerId: 1 });
    sim.createProducer({ clientId: 'tx', config: { 'transactional.id': 'pay' } });
    expect(() => {
      try {
        sim.execute({ type: 'initTransactions', producer: 'tx' });
      } catch {
        // refused at the call: fine, as long as nothing throws later from inside an event
      }
      sim.runUntilTime(sim.time + 5_000);
    }).not.toThrow();
  });
});
