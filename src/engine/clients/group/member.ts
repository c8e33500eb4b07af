/**
 * Group membership on the consumer's side, classic protocol.
 * Models [clients consumer/internals/AbstractCoordinator.java, ConsumerCoordinator.java]: subscribe();
 * joining inside poll(); onJoinPrepare (auto-commit, then eager revocation of everything); the leader
 * member running the assignor and sending everyone's assignment in SyncGroup; applying the result
 * inside poll() (eager: the new set; cooperative, KIP-429: revoke only what moved, then rejoin at once
 * to hand it over); the background heartbeat thread every heartbeat.interval.ms from the first join
 * response, and its answers (REBALANCE_IN_PROGRESS → rejoin at the next poll; UNKNOWN_MEMBER_ID or
 * ILLEGAL_GENERATION → partitions lost); max.poll.interval.ms checked by the heartbeat thread (a
 * dynamic member sends LeaveGroup, a static one just stops). Crash, close and restart are
 * ../consumer/lifecycle.ts.
 * COORDINATOR_NOT_AVAILABLE is retried after retry.backoff.ms, finding the coordinator again.
 * Simplified: FindCoordinator is instant (no round trip); metadata changes
 * (a subscribed topic created or grown) are noticed at once rather than at metadata.max.age.ms.
 */
import type { SubscribeCommand } from '../../commands';
import { validateTopicName } from '../../cluster/topics';
import { fail } from '../../errors';
import type { GroupRetryEvent, HeartbeatResponseEvent, HeartbeatTimerEvent, JoinGroupResponseEvent, SyncGroupResponseEvent } from '../../events';
import type { SimContext } from '../../kernel/context';
import { getOwn, setOwn } from '../../kernel/ownMap';
import type { ConsumerState, TopicPartition } from '../../state';
import { tpKey } from '../../shared/topicPartition';
import { actorId } from '../../shared/actorId';
import { assign as runAssignor } from './assignment';
import { coordinatorBroker } from '../../cluster/findCoordinator';
import { nextMemberState, type MemberMachineEvent } from './memberMachine';
import { abandonFetch, isInsidePoll, poll } from '../consumer/consumer';
import { requireConsumer, isRunning } from '../../clientLookup';
import { commitPositions } from '../consumer/commits';

/** KIP-429: the client rebalances cooperatively only when every configured assignor supports it. */
export function isCooperative(consumer: ConsumerState): boolean {
  return consumer.config['partition.assignment.strategy'].every((a) => a === 'cooperative-sticky');
}

export function moveTo(consumer: ConsumerState, event: MemberMachineEvent): void {
  consumer.memberState = nextMemberState(consumer.memberState, event);
}

function groupIdOf(consumer: ConsumerState): string {
  return consumer.config['group.id']!;
}

export function tps(list: readonly TopicPartition[]): TopicPartition[] {
  return list.map(({ topic, partition }) => ({ topic, partition }));
}

function sortTps(list: TopicPartition[]): TopicPartition[] {
  return list.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
}

export function subscribe(ctx: SimContext, command: SubscribeCommand): void {
  const consumer = requireConsumer(ctx.state, command.consumer);
  if (consumer.config['group.id'] === null) {
    fail('INVALID_GROUP_ID', 'To use the group management or offset commit APIs, you must provide a valid group.id in the consumer configuration.');
  }
  if (consumer.subscription === null && consumer.assignment.length > 0) {
    fail('SIM_ILLEGAL_STATE', 'Subscription to topics, partitions and pattern are mutually exclusive: this consumer already uses assign().');
  }
  if (command.topics.length === 0) fail('SIM_INVALID_ARGUMENT', 'subscribe() needs at least one topic (unsubscribe is not modelled yet).');
  for (const topic of command.topics) validateTopicName(topic);
  const topics = [...new Set(command.topics)].sort();
  const changed = consumer.subscription === null || consumer.subscription.join('\u0000') !== topics.join('\u0000');
  consumer.subscription = topics;
  if (changed && consumer.memberState !== 'UNJOINED') consumer.needsRejoin = true;
  if (isInsidePoll(consumer)) poll(ctx, consumer);
}

/** Called at the start of poll(): apply a finished rebalance, then join if needed. */
export function pollCoordinator(ctx: SimContext, consumer: ConsumerState): void {
  if (consumer.subscription === null || !isRunning(consumer)) return;
  if (consumer.deferredAssignment !== null) applyAssignment(ctx, consumer);
  const mayJoin = consumer.memberState === 'UNJOINED' || (consumer.memberState === 'STABLE' && consumer.needsRejoin);
  if (mayJoin) sendJoinGroup(ctx, consumer);
}

/** onJoinPrepare and JoinGroup. */
function sendJoinGroup(ctx: SimContext, consumer: ConsumerState): void {
  const groupId = groupIdOf(consumer);
  const owned = tps(consumer.assignment);
  if (consumer.memberState === 'UNJOINED' && consumer.assignment.length > 0) {
    // Our generation is gone (we left or were removed): someone else may own these already.
    emitLost(ctx, consumer, owned, 'UNKNOWN_MEMBER_ID');
    consumer.assignment = [];
    abandonFetch(consumer);
  } else if (consumer.memberState === 'STABLE') {
    if (consumer.config['enable.auto.commit']) commitPositions(ctx, consumer, consumer.assignment, { isAutoCommit: true, resumeLoop: false });
    if (!isCooperative(consumer) && owned.length > 0) {
      emitRevoked(ctx, consumer, owned, 'eager');
      consumer.assignment = [];
      abandonFetch(consumer);
    }
  }
  consumer.needsRejoin = false;
  moveTo(consumer, { type: 'JOIN_SENT' });
  consumer.heartbeatEventSeq = -1;
  const coordinator = coordinatorBroker(ctx, groupId);
  ctx.emit({
    kind: 'joinGroupSent',
    level: 'internal',
    actors: [actorId.consumer(consumer.clientId), actorId.group(groupId)],
    consumer: consumer.clientId,
    groupId,
    memberId: consumer.memberId,
    coordinator,
  });
  ctx.schedule(ctx.state.network.latencyMs, {
    type: 'joinGroupArrived',
    groupId,
    consumer: consumer.clientId,
    incarnation: consumer.incarnation,
    clientId: consumer.clientId,
    memberId: consumer.memberId,
    groupInstanceId: consumer.config['group.instance.id'],
    protocols: [...consumer.config['partition.assignment.strategy']],
    subscription: [...(consumer.subscription ?? [])],
    ownedPartitions: owned,
    memberGeneration: consumer.generation,
    sessionTimeoutMs: consumer.config['session.timeout.ms'],
    rebalanceTimeoutMs: consumer.config['max.poll.interval.ms'],
  });
}

function isCurrent(consumer: ConsumerState, incarnation: number): boolean {
  return consumer.incarnation === incarnation && isRunning(consumer);
}

export function onJoinGroupResponse(ctx: SimContext, event: JoinGroupResponseEvent): void {
  const consumer = requireConsumer(ctx.state, event.consumer);
  if (!isCurrent(consumer, event.incarnation) || consumer.memberState !== 'PREPARING_REBALANCE') return;
  const groupId = groupIdOf(consumer);
  const base = {
    actors: [actorId.consumer(consumer.clientId), actorId.group(groupId)],
    consumer: consumer.clientId,
    groupId,
    memberId: event.memberId,
    generation: event.generation,
    leaderId: event.leaderId,
    protocol: event.protocol,
    error: event.error,
  };
  if (event.error === 'MEMBER_ID_REQUIRED') {
    ctx.emit({ kind: 'groupJoined', level: 'internal', ...base, isLeader: false });
    consumer.memberId = event.memberId;
    sendJoinGroup(ctx, consumer);
    return;
  }
  if (event.error === 'UNKNOWN_MEMBER_ID' || event.error === 'ILLEGAL_GENERATION') {
    ctx.emit({ kind: 'groupJoined', level: 'control', ...base, isLeader: false });
    resetMembership(ctx, consumer, event.error);
    sendJoinGroup(ctx, consumer);
    return;
  }
  if (event.error === 'COORDINATOR_NOT_AVAILABLE') {
    ctx.emit({ kind: 'groupJoined', level: 'internal', ...base, isLeader: false });
    scheduleGroupRetry(ctx, consumer);
    return;
  }
  if (event.error !== 'NONE') {
    // Fatal for this consumer (INCONSISTENT_GROUP_PROTOCOL, INVALID_SESSION_TIMEOUT, ...): poll() throws, the loop stops.
    ctx.emit({ kind: 'groupJoined', level: 'control', ...base, isLeader: false });
    moveTo(consumer, { type: 'RESET' });
    consumer.loop = null;
    return;
  }
  consumer.memberId = event.memberId;
  consumer.generation = event.generation;
  consumer.protocol = event.protocol;
  consumer.isLeader = event.leaderId === event.memberId && !event.isStaticRejoin;
  moveTo(consumer, { type: 'JOIN_SUCCEEDED' });
  ctx.emit({ kind: 'groupJoined', level: 'control', ...base, isLeader: consumer.isLeader });
  startHeartbeatThread(ctx, consumer);
  let assignments: Record<string, TopicPartition[]> | null = null;
  if (consumer.isLeader && event.protocol !== null) assignments = computeAssignment(ctx, consumer, event);
  ctx.schedule(ctx.state.network.latencyMs, {
    type: 'syncGroupArrived',
    groupId,
    consumer: consumer.clientId,
    incarnation: consumer.incarnation,
    memberId: consumer.memberId,
    generation: consumer.generation,
    assignments,
  });
}

/** The leader runs the chosen assignor over every member's subscription and the current metadata. */
function computeAssignment(ctx: SimContext, consumer: ConsumerState, event: JoinGroupResponseEvent): Record<string, TopicPartition[]> {
  const partitionsPerTopic: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const m of event.members) {
    for (const topic of m.topics) {
      const t = getOwn(ctx.state.topics, topic);
      if (t !== undefined) partitionsPerTopic[topic] = t.partitions.length;
    }
  }
  const members = event.members.map((m) => ({
    memberId: m.memberId,
    topics: m.topics,
    ...(m.groupInstanceId === null ? {} : { groupInstanceId: m.groupInstanceId }),
    ownedPartitions: m.ownedPartitions,
    generation: m.generation,
  }));
  const assignments = runAssignor(event.protocol!, members, partitionsPerTopic);
  const groupId = groupIdOf(consumer);
  ctx.emit({
    kind: 'assignmentComputed',
    level: 'control',
    actors: [actorId.consumer(consumer.clientId), actorId.group(groupId)],
    consumer: consumer.clientId,
    groupId,
    generation: event.generation,
    protocol: event.protocol!,
    assignments: event.members.map((m) => ({ memberId: m.memberId, partitions: getOwn(assignments, m.memberId) ?? [] })),
  });
  // The assignors build a prototype-less map; the SyncGroup event sits in the queue, which is state,
  // and state is plain data (a JSON round trip must not change it).
  const plain: Record<string, TopicPartition[]> = {};
  for (const m of event.members)
    setOwn(
      plain,
      m.memberId,
      (getOwn(assignments, m.memberId) ?? []).map((tp) => ({ ...tp })),
    );
  return plain;
}

export function onSyncGroupResponse(ctx: SimContext, event: SyncGroupResponseEvent): void {
  const consumer = requireConsumer(ctx.state, event.consumer);
  if (!isCurrent(consumer, event.incarnation) || consumer.memberState !== 'COMPLETING_REBALANCE') return;
  if (event.error !== 'NONE') {
    const groupId = groupIdOf(consumer);
    ctx.emit({ kind: 'syncGroupFailed', level: 'control', actors: [actorId.consumer(consumer.clientId), actorId.group(groupId)], consumer: consumer.clientId, groupId, error: event.error });
    if (event.error === 'COORDINATOR_NOT_AVAILABLE') {
      scheduleGroupRetry(ctx, consumer);
      return;
    }
    if (event.error !== 'REBALANCE_IN_PROGRESS') resetMembership(ctx, consumer, event.error);
    sendJoinGroup(ctx, consumer);
    return;
  }
  consumer.deferredAssignment = { generation: event.generation, partitions: tps(event.assignment) };
  // The rebalance completes on the application thread, inside poll().
  if (isInsidePoll(consumer)) poll(ctx, consumer);
}

/** onJoinComplete: take the new assignment (eager: all of it; cooperative: revoke what moved, add what is new). */
function applyAssignment(ctx: SimContext, consumer: ConsumerState): void {
  const result = consumer.deferredAssignment!;
  consumer.deferredAssignment = null;
  const assigned = new Set(result.partitions.map((tp) => tpKey(tp.topic, tp.partition)));
  const owned = new Set(consumer.assignment.map((tp) => tpKey(tp.topic, tp.partition)));
  const revoked = consumer.assignment.filter((tp) => !assigned.has(tpKey(tp.topic, tp.partition)));
  if (revoked.length > 0) {
    if (consumer.config['enable.auto.commit']) commitPositions(ctx, consumer, revoked, { isAutoCommit: true, resumeLoop: false });
    emitRevoked(ctx, consumer, tps(revoked), 'cooperative');
    consumer.needsRejoin = true;
  }
  const added = result.partitions.filter((tp) => !owned.has(tpKey(tp.topic, tp.partition)));
  consumer.assignment = [...consumer.assignment.filter((tp) => assigned.has(tpKey(tp.topic, tp.partition))), ...added.map(({ topic, partition }) => ({ topic, partition, position: -1 }))];
  sortTps(consumer.assignment);
  consumer.fetchCursor = 0;
  moveTo(consumer, { type: 'SYNC_SUCCEEDED' });
  const groupId = groupIdOf(consumer);
  ctx.emit({
    kind: 'partitionsAssigned',
    level: 'control',
    actors: [actorId.consumer(consumer.clientId), actorId.group(groupId), ...consumer.assignment.map((a) => actorId.partition(a.topic, a.partition))],
    consumer: consumer.clientId,
    groupId,
    generation: result.generation,
    partitions: tps(consumer.assignment),
    added: sortTps(tps(added)),
  });
}

export function emitRevoked(ctx: SimContext, consumer: ConsumerState, partitions: TopicPartition[], protocol: 'eager' | 'cooperative'): void {
  const groupId = groupIdOf(consumer);
  ctx.emit({
    kind: 'partitionsRevoked',
    level: 'control',
    actors: [actorId.consumer(consumer.clientId), actorId.group(groupId), ...partitions.map((p) => actorId.partition(p.topic, p.partition))],
    consumer: consumer.clientId,
    groupId,
    generation: consumer.generation,
    partitions: sortTps(partitions),
    protocol,
  });
}

function emitLost(ctx: SimContext, consumer: ConsumerState, partitions: TopicPartition[], error: HeartbeatResponseEvent['error']): void {
  const groupId = groupIdOf(consumer);
  ctx.emit({
    kind: 'partitionsLost',
    level: 'control',
    actors: [actorId.consumer(consumer.clientId), actorId.group(groupId), ...partitions.map((p) => actorId.partition(p.topic, p.partition))],
    consumer: consumer.clientId,
    groupId,
    partitions: sortTps(partitions),
    error,
  });
}

/** The coordinator no longer knows this member or generation: partitions are lost, join afresh. */
function resetMembership(ctx: SimContext, consumer: ConsumerState, error: HeartbeatResponseEvent['error']): void {
  if (consumer.assignment.length > 0) {
    emitLost(ctx, consumer, tps(consumer.assignment), error);
    consumer.assignment = [];
    abandonFetch(consumer);
  }
  if (error === 'UNKNOWN_MEMBER_ID') consumer.memberId = '';
  consumer.generation = -1;
  consumer.deferredAssignment = null;
  consumer.heartbeatEventSeq = -1;
  moveTo(consumer, { type: 'RESET' });
}

function startHeartbeatThread(ctx: SimContext, consumer: ConsumerState): void {
  consumer.heartbeatEventSeq = ctx.schedule(consumer.config['heartbeat.interval.ms'], { type: 'heartbeatTimer', consumer: consumer.clientId, incarnation: consumer.incarnation });
}

export function onHeartbeatTimer(ctx: SimContext, event: HeartbeatTimerEvent): void {
  const consumer = requireConsumer(ctx.state, event.consumer);
  if (!isCurrent(consumer, event.incarnation) || consumer.heartbeatEventSeq !== event.seq) return;
  consumer.heartbeatEventSeq = -1;
  if (consumer.memberState !== 'STABLE' && consumer.memberState !== 'COMPLETING_REBALANCE') return;
  const groupId = groupIdOf(consumer);
  const sinceLastPollMs = isInsidePoll(consumer) ? 0 : ctx.state.time - consumer.lastPollAt;
  if (sinceLastPollMs > consumer.config['max.poll.interval.ms']) {
    ctx.emit({
      kind: 'pollIntervalExceeded',
      level: 'control',
      actors: [actorId.consumer(consumer.clientId), actorId.group(groupId)],
      consumer: consumer.clientId,
      groupId,
      sinceLastPollMs,
      maxPollIntervalMs: consumer.config['max.poll.interval.ms'],
    });
    if (consumer.config['group.instance.id'] === null) {
      ctx.schedule(ctx.state.network.latencyMs, { type: 'leaveGroupArrived', groupId, consumer: consumer.clientId, memberId: consumer.memberId, reason: 'max.poll.interval.ms' });
    }
    // The partitions are reported lost when the application next polls and rejoins.
    consumer.memberId = '';
    consumer.generation = -1;
    consumer.deferredAssignment = null;
    moveTo(consumer, { type: 'RESET' });
    return;
  }
  ctx.schedule(ctx.state.network.latencyMs, {
    type: 'heartbeatArrived',
    groupId,
    consumer: consumer.clientId,
    incarnation: consumer.incarnation,
    memberId: consumer.memberId,
    generation: consumer.generation,
  });
  startHeartbeatThread(ctx, consumer);
}

export function onHeartbeatResponse(ctx: SimContext, event: HeartbeatResponseEvent): void {
  const consumer = requireConsumer(ctx.state, event.consumer);
  if (!isCurrent(consumer, event.incarnation) || event.generation !== consumer.generation) return;
  const groupId = groupIdOf(consumer);
  ctx.emit({
    kind: 'heartbeat',
    level: 'internal',
    actors: [actorId.consumer(consumer.clientId), actorId.group(groupId)],
    consumer: consumer.clientId,
    groupId,
    generation: event.generation,
    error: event.error,
  });
  if (event.error === 'REBALANCE_IN_PROGRESS') {
    if (consumer.memberState !== 'STABLE' || consumer.needsRejoin) return;
    consumer.needsRejoin = true;
    if (isInsidePoll(consumer)) poll(ctx, consumer);
  } else if (event.error === 'UNKNOWN_MEMBER_ID' || event.error === 'ILLEGAL_GENERATION') {
    if (consumer.memberState !== 'STABLE' && consumer.memberState !== 'COMPLETING_REBALANCE') return;
    resetMembership(ctx, consumer, event.error);
    if (isInsidePoll(consumer)) poll(ctx, consumer);
  }
}

/**
 * A subscribed topic appeared or gained partitions: the group leader's client sees the metadata change
 * at its next refresh and asks for a rebalance (ConsumerCoordinator's metadata snapshot check).
 */
export function onTopicMetadataChanged(ctx: SimContext, topic: string): void {
  for (const consumer of Object.values(ctx.state.consumers)) {
    if (!isRunning(consumer) || !consumer.isLeader || consumer.memberState !== 'STABLE') continue;
    if (!(consumer.subscription ?? []).includes(topic)) continue;
    consumer.needsRejoin = true;
    if (isInsidePoll(consumer)) poll(ctx, consumer);
  }
}

/** The coordinator was unavailable: find it again and resend after retry.backoff.ms. */
function scheduleGroupRetry(ctx: SimContext, consumer: ConsumerState): void {
  ctx.schedule(consumer.config['retry.backoff.ms'], { type: 'groupRetry', consumer: consumer.clientId, incarnation: consumer.incarnation });
}

export function onGroupRetry(ctx: SimContext, event: GroupRetryEvent): void {
  const consumer = requireConsumer(ctx.state, event.consumer);
  if (!isCurrent(consumer, event.incarnation)) return;
  if (consumer.memberState === 'PREPARING_REBALANCE' || consumer.memberState === 'COMPLETING_REBALANCE') sendJoinGroup(ctx, consumer);
}
