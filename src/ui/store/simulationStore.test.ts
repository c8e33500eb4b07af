import { beforeEach, describe, expect, it } from 'vitest';
import { partitionForKey, topicView } from '../../engine';
import { useSimulationStore } from './simulationStore';

it('the site opens on the food-ordering scenario', () => {
  expect(useSimulationStore.getState().scenario.id).toBe('food-ordering');
});

describe('simulation store', () => {
  beforeEach(() => useSimulationStore.getState().loadScenario('first-steps'));

  it('opens a scenario at step 0 with empty logs', () => {
    const { sim, stepNumber, narration } = useSimulationStore.getState();
    expect(stepNumber).toBe(0);
    expect(narration).toEqual([]);
    const orders = topicView(sim.state, 'orders')!;
    expect(orders.partitions.every((p) => p.log.records.length === 0)).toBe(true);
  });

  it('a step advances to the next appended record and narrates it in one line', () => {
    const store = useSimulationStore.getState();
    expect(store.step()).toBe(true);
    const { sim, narration, lastStep } = useSimulationStore.getState();
    expect(narration).toHaveLength(1);
    const appended = lastStep!.entries.filter((e) => e.kind === 'recordAppended');
    expect(appended).toHaveLength(1);
    const [record] = appended;
    if (record?.kind !== 'recordAppended') throw new Error('expected an append');
    expect(record.partition).toBe(partitionForKey(record.key!, 3));
    expect(topicView(sim.state, 'orders')!.partitions[record.partition]!.log.records).toHaveLength(1);
  });

  it('restart gives the same run again (same seed, same first records)', () => {
    const first = () => {
      for (let i = 0; i < 5; i++) useSimulationStore.getState().step();
      return useSimulationStore.getState().narration.map((l) => l.text);
    };
    const a = first();
    useSimulationStore.getState().restart();
    expect(first()).toEqual(a);
  });

  it('shows internal steps (batches, acknowledgements) when asked', () => {
    useSimulationStore.getState().setShowInternal(true);
    useSimulationStore.getState().step();
    expect(useSimulationStore.getState().narration[0]!.text).toContain('handed');
    useSimulationStore.getState().setShowInternal(false);
  });

  it('reports an unknown scenario instead of failing', () => {
    useSimulationStore.getState().loadScenario('no-such-scenario');
    expect(useSimulationStore.getState().error).toContain('no-such-scenario');
    useSimulationStore.getState().dismissError();
  });
});
