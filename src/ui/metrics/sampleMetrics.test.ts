import { describe, expect, it } from 'vitest';
import { createSimulation, describeGroup } from '../../engine';
import { consumerGroup } from '../../scenarios/consumerGroup/consumerGroup';
import { sampleMetrics } from './sampleMetrics';

describe('sampleMetrics', () => {
  it('gives the lag kafka-consumer-groups --describe prints, for every partition, without describing the group', () => {
    const sim = createSimulation({ seed: consumerGroup.seed });
    consumerGroup.setup(sim);
    sim.runUntilTime(15_000);
    const sample = sampleMetrics(sim.state, 7);
    const described = describeGroup(sim.state, 'checkout-service')!.partitions.map((p) => ({ groupId: 'checkout-service', topic: p.topic, partition: p.partition, lag: p.lag }));
    expect(sample.lags).toEqual(described);
    expect(sample.lags.some((l) => l.lag !== null)).toBe(true);
    expect(sample.partitions.map((p) => p.partition)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(sample).toMatchObject({ step: 7, time: sim.time });
  });
});
