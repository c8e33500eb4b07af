import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../engine';
import { replication } from './replication';

function start() {
  const sim = createSimulation({ ...replication.options, seed: replication.seed, traceLimit: 100_000 });
  replication.setup(sim);
  return sim;
}

describe('replication scenario', () => {
  it('acknowledges every charge while all brokers run, and the consumer reads them all', () => {
    const sim = start();
    sim.runUntilTime(10_000);
    const producer = sim.state.producers.checkout!;
    expect(producer.ackedCount).toBeGreaterThan(10);
    expect(producer.sentCount - producer.ackedCount).toBeLessThanOrEqual(1);
  });

  it('two brokers down: NOT_ENOUGH_REPLICAS and retries; one back: the retried charges go through', () => {
    const sim = start();
    sim.runUntilTime(3_000);
    sim.crashBroker(1);
    sim.crashBroker(2);
    sim.runUntilTime(15_000);
    const acked = sim.state.producers.checkout!.ackedCount;
    sim.runUntilTime(20_000);
    expect(sim.state.producers.checkout!.ackedCount).toBe(acked);
    expect(sim.trace.some((e) => e.kind === 'produceRetried' && e.reason === 'NOT_ENOUGH_REPLICAS')).toBe(true);
    sim.restartBroker(1);
    sim.runUntilTime(22_000);
    expect(sim.state.producers.checkout!.ackedCount).toBeGreaterThan(acked);
  });
});
