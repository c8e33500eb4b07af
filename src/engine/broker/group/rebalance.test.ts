import { describe, expect, it } from 'vitest';
import { describeGroup, groupView } from '../../views';
import { addMember, entriesOf, ownership, range, startGroup } from './testing';

const WAITROOM = ['waitroom-1', 'waitroom-2', 'waitroom-3'];

function sessionDeadlineOf(sim: ReturnType<typeof startGroup>['sim'], clientId: string): number {
  const group = groupView(sim.state, 'waitroom')!;
  const member = Object.values(group.members).find((m) => m.clientId === clientId)!;
  return member.sessionDeadline;
}

describe('the waitroom rebalance table (seeds/waitroom.md)', () => {
  it('range gives three instances on 10 partitions 0-3, 4-6 and 7-9', () => {
    const { sim, clients } = startGroup({ clients: WAITROOM });
    sim.runUntilTime(10_000);
    expect(ownership(sim, clients)).toEqual({ 'waitroom-1': range(0, 3), 'waitroom-2': range(4, 6), 'waitroom-3': range(7, 9) });
    const group = describeGroup(sim.state, 'waitroom')!;
    expect(group.state).toBe('Stable');
    expect(group.protocol).toBe('range');
    expect(group.generation).toBe(1);
    expect(group.members.map((m) => m.clientId)).toEqual(WAITROOM);
  });

  it('a crash moves nothing until session.timeout.ms passes without a heartbeat; then the survivors hold 0-4 and 5-9', () => {
    const { sim, clients } = startGroup({ clients: WAITROOM });
    sim.runUntilTime(10_000);
    sim.crashConsumer('waitroom-2');
    const crashedAt = sim.time;
    const deadline = sessionDeadlineOf(sim, 'waitroom-2');
    // The deadline is the last heartbeat plus 45 s: at most one heartbeat interval before crash + 45 s.
    expect(deadline).toBeGreaterThan(crashedAt + 45_000 - 3_000);
    expect(deadline).toBeLessThanOrEqual(crashedAt + 45_000);

    sim.runUntilTime(deadline - 1);
    expect(sim.trace.filter((e) => e.time > crashedAt && (e.kind === 'memberRemoved' || e.kind === 'groupStateChanged'))).toEqual([]);
    expect(ownership(sim, clients)).toEqual({ 'waitroom-1': range(0, 3), 'waitroom-2': [], 'waitroom-3': range(7, 9) });
    expect(
      describeGroup(sim.state, 'waitroom')!
        .members.find((m) => m.clientId === 'waitroom-2')!
        .assignment.map((tp) => tp.partition),
    ).toEqual(range(4, 6));

    sim.runUntilTime(deadline + 10_000);
    const removed = sim.trace.find((e) => e.kind === 'memberRemoved');
    expect(removed).toMatchObject({ consumer: 'waitroom-2', reason: 'session-timeout', time: deadline });
    expect(ownership(sim, clients)).toEqual({ 'waitroom-1': range(0, 4), 'waitroom-2': [], 'waitroom-3': range(5, 9) });
    expect(describeGroup(sim.state, 'waitroom')).toMatchObject({ state: 'Stable', generation: 2 });
  });

  it('a graceful close sends LeaveGroup and the group starts rebalancing at once', () => {
    const { sim, clients } = startGroup({ clients: WAITROOM });
    sim.runUntilTime(10_000);
    sim.closeConsumer('waitroom-2');
    const closedAt = sim.time;
    sim.runUntilTime(closedAt + 5);
    expect(sim.trace.find((e) => e.kind === 'memberRemoved')).toMatchObject({ consumer: 'waitroom-2', reason: 'left-on-close' });
    expect(sim.trace.find((e) => e.kind === 'groupStateChanged' && e.time > closedAt)).toMatchObject({ from: 'Stable', to: 'PreparingRebalance' });
    // The survivors learn of it from their next heartbeat (heartbeat.interval.ms = 3 s) and rejoin.
    sim.runUntilTime(closedAt + 3_500);
    expect(ownership(sim, clients)).toEqual({ 'waitroom-1': range(0, 4), 'waitroom-2': [], 'waitroom-3': range(5, 9) });
  });
});

describe('the classic protocol', () => {
  it('gives dynamic members clientId-UUID ids after a MEMBER_ID_REQUIRED round trip (KIP-394), and the first member leads', () => {
    const { sim } = startGroup({ clients: ['a', 'b'] });
    sim.runUntilTime(5_000);
    const required = sim.trace.filter((e) => e.kind === 'groupJoined' && e.error === 'MEMBER_ID_REQUIRED');
    expect(required).toHaveLength(2);
    const group = describeGroup(sim.state, 'waitroom')!;
    for (const m of group.members) expect(m.memberId).toMatch(new RegExp(`^${m.clientId}-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`));
    expect(group.leaderId).toBe(group.members[0]!.memberId);
    const computed = sim.trace.filter((e) => e.kind === 'assignmentComputed');
    expect(computed).toHaveLength(1);
    expect(computed[0]).toMatchObject({ consumer: group.members[0]!.clientId, protocol: 'range', generation: 1 });
  });

  it('waits group.initial.rebalance.delay.ms for more members of an empty group, re-arming it for each newcomer', () => {
    const { sim } = startGroup({ clients: ['a'], initialRebalanceDelayMs: 3_000 });
    sim.schedule(1_000, { type: 'createConsumer', clientId: 'b', config: { 'group.id': 'waitroom' } });
    sim.schedule(1_000, { type: 'subscribe', consumer: 'b', topics: ['checkout'] });
    sim.schedule(1_000, { type: 'startConsumerLoop', consumer: 'b', processingMsPerRecord: 1, commitMode: 'none' });
    sim.runUntilTime(20_000);
    const toCompleting = entriesOf(sim, 'groupStateChanged').filter((e) => e.to === 'CompletingRebalance');
    expect(toCompleting).toHaveLength(1);
    expect(toCompleting[0]!.generation).toBe(1);
    // a joined at ~2 ms, b at ~1,002 ms: the delay ran out at 3,002 ms with a newcomer, so it waited once more.
    expect(toCompleting[0]!.time).toBeGreaterThanOrEqual(6_000);
    expect(toCompleting[0]!.time).toBeLessThan(6_100);
    expect(describeGroup(sim.state, 'waitroom')!.members).toHaveLength(2);
  });

  it('eager range: a new member makes every member revoke everything before rejoining', () => {
    const { sim } = startGroup({ clients: ['a', 'b'], partitions: 6 });
    sim.runUntilTime(5_000);
    const before = sim.trace.length;
    addMember(sim, 'c', {});
    sim.runUntilTime(15_000);
    const revoked = sim.trace.slice(before).filter((e) => e.kind === 'partitionsRevoked');
    expect(revoked.map((e) => [e.consumer, e.protocol, e.partitions.length])).toEqual(
      [
        ['a', 'eager', 3],
        ['b', 'eager', 3],
      ].sort(),
    );
    expect(ownership(sim, ['a', 'b', 'c'])).toEqual({ a: [0, 1], b: [2, 3], c: [4, 5] });
  });

  it('cooperative-sticky: a new member makes the others revoke only what moves, then a second rebalance hands it over', () => {
    const config = { 'partition.assignment.strategy': ['cooperative-sticky' as const] };
    const { sim } = startGroup({ clients: ['a', 'b'], partitions: 6, config });
    sim.runUntilTime(5_000);
    const owned = ownership(sim, ['a', 'b']);
    expect(owned.a!.length + owned.b!.length).toBe(6);
    const before = sim.trace.length;
    addMember(sim, 'c', { config });
    sim.runUntilTime(20_000);
    const after = sim.trace.slice(before);
    const revoked = after.filter((e) => e.kind === 'partitionsRevoked');
    expect(revoked.every((e) => e.protocol === 'cooperative')).toBe(true);
    expect(revoked.map((e) => e.partitions.length).reduce((x, y) => x + y, 0)).toBe(2);
    const final = ownership(sim, ['a', 'b', 'c']);
    expect([final.a!.length, final.b!.length, final.c!.length]).toEqual([2, 2, 2]);
    // Sticky: a and b kept two of their own; c got exactly what was revoked.
    expect(final.a!.every((p) => owned.a!.includes(p))).toBe(true);
    expect(final.b!.every((p) => owned.b!.includes(p))).toBe(true);
    expect(final.c!.sort()).toEqual(revoked.flatMap((e) => e.partitions.map((p) => p.partition)).sort());
    // Two rebalances: the first withholds the moving partitions, the follow-up assigns them.
    const generations = after
      .filter((e) => e.kind === 'groupStateChanged')
      .filter((e) => e.to === 'Stable')
      .map((e) => e.generation);
    expect(generations).toEqual([2, 3]);
    // a and b never stopped: no eager revocation of everything.
    expect(revoked.some((e) => e.partitions.length === 3)).toBe(false);
  });

  it('a member whose processing stalls past max.poll.interval.ms leaves the group; its late commit fails and it rejoins', () => {
    const { sim } = startGroup({
      clients: ['fast', 'slow'],
      partitions: 2,
      config: { 'max.poll.interval.ms': 20_000, 'enable.auto.commit': false },
      commitMode: 'after-processing',
      processingMsPerRecord: 1,
    });
    sim.runUntilTime(3_000);
    expect(ownership(sim, ['fast', 'slow'])).toEqual({ fast: [0], slow: [1] });
    sim.createProducer({ clientId: 'p' });
    // A record for slow's partition that takes 60 s to process.
    sim.execute({ type: 'startConsumerLoop', consumer: 'slow', processingMsPerRecord: 60_000, commitMode: 'after-processing' });
    sim.send({ producer: 'p', topic: 'checkout', key: null, value: 'v', partition: 1 });
    const { entry } = sim.runUntil((e) => e.kind === 'pollIntervalExceeded');
    expect(entry).toMatchObject({ consumer: 'slow', maxPollIntervalMs: 20_000 });
    sim.runUntilTime(sim.time + 5_000);
    expect(entriesOf(sim, 'memberRemoved')[0]).toMatchObject({ consumer: 'slow', reason: 'left-poll-timeout' });
    expect(ownership(sim, ['fast'])).toEqual({ fast: [0, 1] });
    // slow finishes at ~63 s: its commit is refused, it reports its partition lost and joins again.
    sim.runUntilTime(80_000);
    expect(entriesOf(sim, 'offsetCommitFailed')[0]).toMatchObject({ consumer: 'slow', error: 'UNKNOWN_MEMBER_ID' });
    expect(entriesOf(sim, 'partitionsLost')[0]).toMatchObject({ consumer: 'slow', partitions: [{ topic: 'checkout', partition: 1 }] });
    expect(ownership(sim, ['fast', 'slow'])).toEqual({ fast: [0], slow: [1] });
    // fast processed the record slow was stuck on: given twice, processed twice.
    expect(entriesOf(sim, 'recordsRedelivered')[0]).toMatchObject({ consumer: 'fast', partition: 1, firstOffset: 0 });
  });

  it('keeps several groups on one topic independent', () => {
    const { sim } = startGroup({ clients: ['a', 'b'], partitions: 4 });
    addMember(sim, 'x', { groupId: 'audit' });
    sim.runUntilTime(10_000);
    expect(ownership(sim, ['a', 'b', 'x'])).toEqual({ a: [0, 1], b: [2, 3], x: [0, 1, 2, 3] });
    sim.crashConsumer('x');
    sim.runUntilTime(60_000);
    expect(describeGroup(sim.state, 'waitroom')).toMatchObject({ state: 'Stable', generation: 1 });
    expect(describeGroup(sim.state, 'audit')).toMatchObject({ state: 'Empty', generation: 2 });
  });

  it('finds the coordinator as the leader of partition abs(hashCode(group.id)) % 50 of __consumer_offsets', () => {
    const { sim } = startGroup({ clients: ['a'] });
    sim.runUntilTime(2_000);
    const offsets = sim.state.topics.__consumer_offsets!;
    expect(offsets.partitions).toHaveLength(50);
    expect(offsets.isInternal).toBe(true);
    expect(offsets.configs['cleanup.policy']).toBe('compact');
    const group = describeGroup(sim.state, 'waitroom')!;
    // "waitroom".hashCode() in Java is 246239184 (h = 31*h + c over the UTF-16 units); 246239184 % 50 = 34.
    expect(group.coordinatorPartition).toBe(34);
    const changed = sim.trace.find((e) => e.kind === 'groupStateChanged')!;
    expect(changed).toMatchObject({ coordinator: offsets.partitions[34]!.leader });
  });
});

describe('metadata changes', () => {
  it('adding partitions to a subscribed topic makes the group rebalance and assign them', () => {
    const { sim, clients } = startGroup({ clients: ['a', 'b'], partitions: 4 });
    sim.runUntilTime(5_000);
    expect(ownership(sim, clients)).toEqual({ a: [0, 1], b: [2, 3] });
    sim.createPartitions({ topic: 'checkout', totalCount: 6 });
    sim.runUntilTime(10_000);
    expect(ownership(sim, clients)).toEqual({ a: [0, 1, 2], b: [3, 4, 5] });
    expect(describeGroup(sim.state, 'waitroom')!.generation).toBe(2);
  });

  it('a subscription to a topic that does not exist yet gets its partitions once the topic is created', () => {
    const { sim } = startGroup({ clients: [], partitions: 1 });
    addMember(sim, 'a', { topic: 'later' });
    sim.runUntilTime(5_000);
    expect(sim.state.consumers.a!.assignment).toEqual([]);
    sim.createTopic({ name: 'later', partitions: 2, replicationFactor: 1 });
    sim.runUntilTime(10_000);
    expect(sim.state.consumers.a!.assignment.map((tp) => tp.partition)).toEqual([0, 1]);
  });
});
