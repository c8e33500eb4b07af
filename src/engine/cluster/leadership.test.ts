import { describe, expect, it } from 'vitest';
import { clusterMetadata, describeGroup } from '../views';
import { createSimulation } from '../engine';
import { entriesOf } from '../testing/entriesOf';

describe('leadership', () => {
  it('goes back to the preferred replica on demand, and by itself every leader.imbalance.check.interval.seconds', () => {
    for (const onDemand of [true, false]) {
      const sim = createSimulation({ seed: 3, brokers: 3, brokerConfig: { 'leader.imbalance.check.interval.seconds': 60 }, traceLimit: 10_000 });
      sim.createTopic({ name: 't', partitions: 1, replicationFactor: 3 });
      sim.runUntilTime(10);
      const preferred = sim.state.topics.t!.partitions[0]!.replicas[0]!;
      sim.crashBroker(preferred);
      sim.runUntilTime(10_000);
      expect(sim.state.topics.t!.partitions[0]!.leader).not.toBe(preferred);
      sim.restartBroker(preferred);
      sim.runUntilTime(11_000); // back in the ISR, not leading
      expect(sim.state.topics.t!.partitions[0]!.leader).not.toBe(preferred);
      if (onDemand) sim.electLeaders({ topic: 't' });
      else sim.runUntilTime(61_000);
      expect(sim.state.topics.t!.partitions[0]).toMatchObject({ leader: preferred, leaderEpoch: 2 });
    }
  });

  it('a controlled shutdown moves leadership at once; a crash leaves the partition leaderless until the broker is fenced', () => {
    for (const clean of [true, false]) {
      const sim = createSimulation({ seed: 3, brokers: 3, traceLimit: 10_000 });
      sim.createTopic({ name: 't', partitions: 1, replicationFactor: 3 });
      sim.runUntilTime(10);
      const leader = sim.state.topics.t!.partitions[0]!.leader;
      if (clean) sim.shutdownBroker(leader);
      else sim.crashBroker(leader);
      const afterStop = sim.state.topics.t!.partitions[0]!.leader;
      if (clean) expect(afterStop).not.toBe(leader);
      else expect(afterStop).toBe(leader); // still listed as leader, but dead: nothing can be written
      sim.runUntilTime(10_000);
      expect(sim.state.topics.t!.partitions[0]!.leader).not.toBe(leader);
      expect(sim.state.topics.t!.partitions[0]!.isr).not.toContain(leader);
    }
  });

  it("lists brokers, leaders, replicas, ISR and each replica's LEO like kcat -L", () => {
    const sim = createSimulation({ seed: 3, brokers: 3 });
    sim.createTopic({ name: 't', partitions: 2, replicationFactor: 2 });
    sim.createProducer({ clientId: 'p', config: { 'linger.ms': 0 } });
    sim.send({ producer: 'p', topic: 't', key: null, value: 'v', partition: 0 });
    sim.runUntilTime(50);
    const meta = clusterMetadata(sim.state);
    expect(meta.brokers).toEqual([
      { id: 1, isAlive: true },
      { id: 2, isAlive: true },
      { id: 3, isAlive: true },
    ]);
    const p0 = meta.topics[0]!.partitions[0]!;
    expect(p0).toMatchObject({ leaderEpoch: 0, isOffline: false, highWatermark: 1, logEndOffset: 1 });
    expect(p0.replicaStates.map((r) => [r.isLeader, r.isInSync, r.logEndOffset])).toEqual([
      [true, true, 1],
      [false, true, 1],
    ]);
  });
});

describe('group coordinators move with their partitions', () => {
  it('the coordinator broker dies: the group keeps its members, finds the new coordinator, and a rebalance still completes', () => {
    const sim = createSimulation({ seed: 3, brokers: 3, brokerConfig: { 'group.initial.rebalance.delay.ms': 0 }, traceLimit: 100_000 });
    sim.createTopic({ name: 't', partitions: 4, replicationFactor: 3 });
    for (const id of ['a', 'b']) {
      sim.createConsumer({ clientId: id, config: { 'group.id': 'g', 'auto.offset.reset': 'earliest' } });
      sim.subscribe(id, ['t']);
      sim.startConsumerLoop({ consumer: id, processingMsPerRecord: 1, commitMode: 'none' });
    }
    sim.runUntilTime(5_000);
    const offsets = sim.state.topics.__consumer_offsets!;
    const coordinatorPartition = describeGroup(sim.state, 'g')!.coordinatorPartition;
    const coordinator = offsets.partitions[coordinatorPartition]!.leader;
    sim.crashBroker(coordinator);
    sim.runUntilTime(20_000);
    const moved = entriesOf(sim, 'groupCoordinatorMoved')[0]!;
    expect(moved).toMatchObject({ groupId: 'g', from: coordinator });
    expect(moved.to).not.toBe(coordinator);
    // The members were not dropped for the heartbeats the dead coordinator never got.
    expect(describeGroup(sim.state, 'g')).toMatchObject({ state: 'Stable', generation: 1 });
    expect(entriesOf(sim, 'memberRemoved')).toEqual([]);
    // A new member joins through the new coordinator.
    sim.createConsumer({ clientId: 'c', config: { 'group.id': 'g' } });
    sim.subscribe('c', ['t']);
    sim.startConsumerLoop({ consumer: 'c', processingMsPerRecord: 1, commitMode: 'none' });
    sim.runUntilTime(30_000);
    expect(describeGroup(sim.state, 'g')).toMatchObject({ state: 'Stable', generation: 2 });
    expect(describeGroup(sim.state, 'g')!.members).toHaveLength(3);
  });
});
