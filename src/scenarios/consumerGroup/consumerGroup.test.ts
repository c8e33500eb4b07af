import { describe, expect, it } from 'vitest';
import { createSimulation, describeGroup } from '../../engine';
import { CONSUMER_GROUP_ID, CONSUMER_GROUP_INSTANCES, consumerGroup } from './consumerGroup';

function start() {
  const sim = createSimulation({ seed: consumerGroup.seed, traceLimit: 1_000_000 });
  consumerGroup.setup(sim);
  return sim;
}

function owned(sim: ReturnType<typeof start>) {
  return Object.fromEntries(CONSUMER_GROUP_INSTANCES.map((c) => [c, sim.state.consumers[c]!.assignment.map((tp) => tp.partition)]));
}

describe('consumer group scenario', () => {
  it('opens with the waitroom table: 0-3, 4-6, 7-9', () => {
    const sim = start();
    sim.runUntilTime(8_000);
    expect(owned(sim)).toEqual({ 'checkout-1': [0, 1, 2, 3], 'checkout-2': [4, 5, 6], 'checkout-3': [7, 8, 9] });
  });

  it('after crashing checkout-2 the survivors hold 0-4 and 5-9 once the session times out, and records come back to them', () => {
    const sim = start();
    sim.runUntilTime(8_000);
    sim.crashConsumer('checkout-2');
    sim.runUntilTime(8_000 + 40_000);
    expect(owned(sim)).toEqual({ 'checkout-1': [0, 1, 2, 3], 'checkout-2': [], 'checkout-3': [7, 8, 9] });
    sim.runUntilTime(8_000 + 60_000);
    expect(owned(sim)).toEqual({ 'checkout-1': [0, 1, 2, 3, 4], 'checkout-2': [], 'checkout-3': [5, 6, 7, 8, 9] });
    expect(describeGroup(sim.state, CONSUMER_GROUP_ID)).toMatchObject({ state: 'Stable', generation: 2 });
  });
});
