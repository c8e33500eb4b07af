import { describe, expect, it } from 'vitest';
import { partitionForKey } from '../shared/murmur2';
import { keysMovedByGrowth } from '../views';
import { expectCode } from '../testing/expectCode';
import { appendOne, entriesOf, logSim, partitionLog, TOPIC } from './testing';

describe('topic admin', () => {
  it('alters configs at runtime: a shorter retention.ms applies at the next retention check', () => {
    const sim = logSim({ 'segment.bytes': 200 });
    for (let i = 0; i < 6; i++) appendOne(sim, 'k', `v${i}`);
    sim.runUntilTime(10_000);
    expect(partitionLog(sim).logStartOffset).toBe(0);
    sim.alterTopicConfigs({ topic: TOPIC, configs: { 'retention.ms': 1_000 } });
    expect(entriesOf(sim, 'topicConfigAltered')[0]).toMatchObject({ changes: [{ name: 'retention.ms', from: 604_800_000, to: 1_000 }] });
    sim.runUntilTime(11_000);
    expect(partitionLog(sim).logStartOffset).toBe(6);
    expectCode(() => sim.alterTopicConfigs({ topic: TOPIC, configs: { 'retention.bytes': -5 } }), 'INVALID_CONFIG');
    expectCode(() => sim.alterTopicConfigs({ topic: 'nope', configs: {} }), 'UNKNOWN_TOPIC_OR_PARTITION');
  });

  it('adds partitions (never removes them) and lists the keys that now hash elsewhere', () => {
    const sim = logSim({}, {}, 3);
    const keys = ['alice', 'bob', 'carol', 'dave', 'erin'];
    for (const key of keys) {
      sim.send({ producer: 'p', topic: TOPIC, key, value: 'v' });
      sim.runUntilTime(sim.time + 5);
    }
    sim.createPartitions({ topic: TOPIC, totalCount: 5 });
    const added = entriesOf(sim, 'partitionsAdded')[0]!;
    const expected = keys.map((key) => ({ key, from: partitionForKey(key, 3), to: partitionForKey(key, 5) })).filter((k) => k.from !== k.to);
    expect(added).toMatchObject({ from: 3, to: 5, movedKeys: expected });
    expect(sim.state.topics[TOPIC]!.partitions).toHaveLength(5);
    expect(keysMovedByGrowth(sim.state, TOPIC, 3)).toEqual(expected);
    // New records for a moved key go to its new partition; the old ones stay put.
    const moved = expected[0]!;
    sim.send({ producer: 'p', topic: TOPIC, key: moved.key, value: 'after' });
    sim.runUntilTime(sim.time + 5);
    expect(partitionLog(sim, moved.to).records.at(-1)).toMatchObject({ key: moved.key, value: 'after' });
    expect(partitionLog(sim, moved.from).records.some((r) => r.key === moved.key)).toBe(true);
    expectCode(() => sim.createPartitions({ topic: TOPIC, totalCount: 4 }), 'INVALID_PARTITIONS');
  });
});
