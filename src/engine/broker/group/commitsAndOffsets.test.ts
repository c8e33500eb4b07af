import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../engine';
import { expectCode } from '../../testing/expectCode';
import { committedOffset, describeGroup } from '../../views';
import { validateOffsetCommit } from '../offsetCommit';
import { newGroup } from '../../shared/groups';
import { entriesOf, ownership, startGroup } from './testing';

describe('offset commit validation (classic groups)', () => {
  const group = newGroup('g');
  group.members.m1 = {
    memberId: 'm1',
    groupInstanceId: null,
    clientId: 'c1',
    consumer: 'c1',
    incarnation: 0,
    protocols: ['range'],
    subscription: ['t'],
    ownedPartitions: [],
    memberGeneration: 4,
    sessionTimeoutMs: 45_000,
    rebalanceTimeoutMs: 300_000,
    sessionDeadline: 0,
    isAwaitingJoin: false,
    isAwaitingSync: false,
    assignment: [],
  };
  group.memberOrder = ['m1'];
  group.generationId = 4;

  it('accepts the current generation while Stable or PreparingRebalance', () => {
    group.state = 'Stable';
    expect(validateOffsetCommit(group, 'm1', 4)).toBe('NONE');
    group.state = 'PreparingRebalance';
    expect(validateOffsetCommit(group, 'm1', 4)).toBe('NONE');
  });

  it('rejects a stale generation, an unknown member, and anything while awaiting the assignment', () => {
    group.state = 'Stable';
    expect(validateOffsetCommit(group, 'm1', 3)).toBe('ILLEGAL_GENERATION');
    expect(validateOffsetCommit(group, 'ghost', 4)).toBe('UNKNOWN_MEMBER_ID');
    group.state = 'CompletingRebalance';
    expect(validateOffsetCommit(group, 'm1', 4)).toBe('REBALANCE_IN_PROGRESS');
  });

  it('lets a consumer outside group management commit only to an Empty group', () => {
    group.state = 'Stable';
    expect(validateOffsetCommit(group, '', -1)).toBe('UNKNOWN_MEMBER_ID');
    expect(validateOffsetCommit(newGroup('fresh'), '', -1)).toBe('NONE');
  });
});

describe('commits around rebalances', () => {
  it('auto-commits before rejoining and on close, so a graceful handover redelivers nothing', () => {
    const { sim } = startGroup({ clients: ['a', 'b'], partitions: 2, config: { 'auto.commit.interval.ms': 60_000 } });
    sim.createProducer({ clientId: 'p' });
    for (let i = 0; i < 10; i++) for (const partition of [0, 1]) sim.send({ producer: 'p', topic: 'checkout', key: null, value: 'v', partition });
    sim.runUntilTime(5_000);
    sim.closeConsumer('b');
    sim.runUntilTime(15_000);
    const autoCommits = entriesOf(sim, 'offsetCommitted').filter((e) => e.isAutoCommit);
    // b committed on close; a committed before rejoining (the interval of 60 s never came round).
    expect(autoCommits.filter((e) => e.consumer === 'b').map((e) => [e.partition, e.offset])).toEqual([[1, 10]]);
    expect(autoCommits.filter((e) => e.consumer === 'a').map((e) => [e.partition, e.offset])).toEqual([[0, 10]]);
    expect(ownership(sim, ['a'])).toEqual({ a: [0, 1] });
    expect(entriesOf(sim, 'recordsRedelivered')).toEqual([]);
  });
});

describe('offsets tooling', () => {
  it('seek moves the position only; the next poll reads from there and nothing is committed', () => {
    const sim = createSimulation({ seed: 1 });
    sim.createTopic({ name: 't', partitions: 1, replicationFactor: 1 });
    sim.createProducer({ clientId: 'p' });
    for (let i = 0; i < 6; i++) sim.send({ producer: 'p', topic: 't', key: null, value: `v${i}`, partition: 0 });
    sim.runUntilTime(100);
    sim.createConsumer({ clientId: 'c', config: { 'group.id': 'g', 'auto.offset.reset': 'earliest', 'enable.auto.commit': false } });
    sim.assign('c', [{ topic: 't', partition: 0 }]);
    sim.seek({ consumer: 'c', topic: 't', partition: 0, offset: 4 });
    sim.poll('c');
    sim.runUntilTime(200);
    const fetched = entriesOf(sim, 'recordsFetched');
    expect(fetched.map((e) => [e.firstOffset, e.lastOffset])).toEqual([[4, 5]]);
    expect(committedOffset(sim.state, 'g', 't', 0)).toBeNull();
    expectCode(() => sim.seek({ consumer: 'c', topic: 't', partition: 1, offset: 0 }), 'SIM_ILLEGAL_STATE');
    expectCode(() => sim.seek({ consumer: 'c', topic: 't', partition: 0, offset: -1 }), 'SIM_INVALID_ARGUMENT');
  });

  it('replays from the beginning with a fresh group, while the old group keeps its offsets', () => {
    const { sim } = startGroup({ clients: ['a'], partitions: 1, commitMode: 'after-processing', config: { 'enable.auto.commit': false } });
    sim.createProducer({ clientId: 'p' });
    for (let i = 0; i < 5; i++) sim.send({ producer: 'p', topic: 'checkout', key: null, value: `v${i}`, partition: 0 });
    sim.runUntilTime(5_000);
    expect(committedOffset(sim.state, 'waitroom', 'checkout', 0)).toBe(5);
    sim.createConsumer({ clientId: 'replay', config: { 'group.id': 'waitroom-replay', 'auto.offset.reset': 'earliest', 'enable.auto.commit': false } });
    sim.subscribe('replay', ['checkout']);
    sim.startConsumerLoop({ consumer: 'replay', processingMsPerRecord: 10, commitMode: 'after-processing' });
    sim.runUntilTime(10_000);
    const replayed = entriesOf(sim, 'recordProcessed').filter((e) => e.consumer === 'replay');
    expect(replayed.map((e) => e.offset)).toEqual([0, 1, 2, 3, 4]);
    // A different group: these are first-time for it, not duplicates.
    expect(replayed.every((e) => e.isFirstTime)).toBe(true);
    expect(committedOffset(sim.state, 'waitroom-replay', 'checkout', 0)).toBe(5);
  });

  it('describes a group like kafka-consumer-groups --describe, with no lag number before a commit', () => {
    const { sim } = startGroup({ clients: ['a', 'b'], partitions: 3, commitMode: 'none', config: { 'enable.auto.commit': false } });
    sim.runUntilTime(5_000);
    const group = describeGroup(sim.state, 'waitroom')!;
    expect(group).toMatchObject({ state: 'Stable', generation: 1, protocolType: 'consumer', protocol: 'range' });
    expect(group.members.map((m) => [m.clientId, m.isLeader, m.assignment.map((tp) => tp.partition)])).toEqual([
      ['a', true, [0, 1]],
      ['b', false, [2]],
    ]);
    expect(group.partitions.map((p) => [p.partition, p.committed, p.lag, p.clientId])).toEqual([
      [0, null, null, 'a'],
      [1, null, null, 'a'],
      [2, null, null, 'b'],
    ]);
  });
});

describe('bad input to groups', () => {
  it('rejects configs Kafka rejects', () => {
    const sim = createSimulation({ seed: 1 });
    expectCode(() => sim.createConsumer({ clientId: 'c', config: { 'group.id': 'g', 'heartbeat.interval.ms': 45_000 } }), 'INVALID_CONFIG');
    expectCode(() => sim.createConsumer({ clientId: 'c', config: { 'group.id': 'g', 'partition.assignment.strategy': [] } }), 'INVALID_CONFIG');
    expectCode(() => sim.createConsumer({ clientId: 'c', config: { 'group.id': 'g', 'partition.assignment.strategy': ['fancy' as never] } }), 'INVALID_CONFIG');
    expectCode(() => sim.createConsumer({ clientId: 'c', config: { 'group.id': '   ' } }), 'INVALID_GROUP_ID');
    expectCode(() => sim.createConsumer({ clientId: 'c', config: { 'group.instance.id': 'i' } }), 'INVALID_GROUP_ID');
    sim.createConsumer({ clientId: 'c', config: { 'group.id': 'g', 'group.instance.id': 'i' } });
    expectCode(() => sim.createConsumer({ clientId: 'd', config: { 'group.id': 'g', 'group.instance.id': 'i' } }), 'SIM_DUPLICATE_CLIENT');
  });

  it('keeps subscribe() and assign() apart, and crash/restart in order', () => {
    const sim = createSimulation({ seed: 1 });
    sim.createTopic({ name: 't', partitions: 1, replicationFactor: 1 });
    sim.createConsumer({ clientId: 'c', config: { 'group.id': 'g' } });
    sim.createConsumer({ clientId: 'nogroup' });
    expectCode(() => sim.subscribe('nogroup', ['t']), 'INVALID_GROUP_ID');
    sim.assign('c', [{ topic: 't', partition: 0 }]);
    expectCode(() => sim.subscribe('c', ['t']), 'SIM_ILLEGAL_STATE');
    expectCode(() => sim.restartConsumer('c'), 'SIM_ILLEGAL_STATE');
    sim.crashConsumer('c');
    expectCode(() => sim.crashConsumer('c'), 'SIM_ILLEGAL_STATE');
    expectCode(() => sim.closeConsumer('c'), 'SIM_ILLEGAL_STATE');
    expectCode(() => sim.poll('c'), 'SIM_ILLEGAL_STATE');
    sim.restartConsumer('c');
    expect(sim.state.consumers.c!.memberState).toBe('UNJOINED');
  });

  it('answers a session timeout outside the broker bounds with INVALID_SESSION_TIMEOUT and stops the loop', () => {
    const { sim } = startGroup({ clients: ['a'], config: { 'session.timeout.ms': 5_000, 'heartbeat.interval.ms': 1_000 } });
    sim.runUntilTime(1_000);
    expect(entriesOf(sim, 'groupJoined').map((e) => e.error)).toEqual(['INVALID_SESSION_TIMEOUT']);
    expect(sim.state.consumers.a!.loop).toBeNull();
  });

  it('refuses a member whose assignors share none with the group (INCONSISTENT_GROUP_PROTOCOL)', () => {
    const { sim } = startGroup({ clients: ['a'], config: { 'partition.assignment.strategy': ['range'] } });
    sim.runUntilTime(1_000);
    sim.createConsumer({ clientId: 'b', config: { 'group.id': 'waitroom', 'partition.assignment.strategy': ['roundrobin'] } });
    sim.subscribe('b', ['checkout']);
    sim.startConsumerLoop({ consumer: 'b', processingMsPerRecord: 1, commitMode: 'none' });
    sim.runUntilTime(2_000);
    expect(
      entriesOf(sim, 'groupJoined')
        .filter((e) => e.consumer === 'b')
        .map((e) => e.error),
    ).toContain('INCONSISTENT_GROUP_PROTOCOL');
  });
});
