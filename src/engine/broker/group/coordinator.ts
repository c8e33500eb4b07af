/**
 * The group coordinator, classic protocol, on the broker side.
 * Models [group-coordinator GroupMetadataManager.java, classic/ClassicGroup.java]: JoinGroup with
 * MEMBER_ID_REQUIRED for a dynamic member's first join (KIP-394) and `instanceId-UUID` ids for static
 * ones (KIP-345); the join phase that waits for every known member or the rebalance timeout (the
 * largest max.poll.interval.ms), with group.initial.rebalance.delay.ms re-armed for new members of an
 * empty group (KIP-134); generations; the protocol vote; the first member added as leader; SyncGroup
 * that stores the leader's assignment; heartbeats answered with REBALANCE_IN_PROGRESS, UNKNOWN_MEMBER_ID
 * or ILLEGAL_GENERATION; removal on session timeout (members waiting on a join or sync are kept
 * alive); LeaveGroup; a static member's restart that takes back its assignment without a rebalance.
 * The coordinator is the leader of the group's __consumer_offsets partition: while that broker is down
 * requests get COORDINATOR_NOT_AVAILABLE, and when leadership moves the new leader takes the groups
 * over and gives every member a fresh session.
 * Simplified: taking a group over is instant (no loading of __consumer_offsets); offset commits are
 * handled in ../offsetCommit.ts; the new-member join timeout and the consumer protocol of KIP-848 are
 * not modelled.
 */
import type { GroupErrorCode, HeartbeatArrivedEvent, JoinGroupArrivedEvent, JoinTimerEvent, LeaveGroupArrivedEvent, NewEvent, SessionTimeoutCheckEvent, SyncGroupArrivedEvent } from '../../events';
import type { SimContext } from '../../kernel/context';
import { deleteOwn, getOwn, setOwn } from '../../kernel/ownMap';
import { nextUuid } from '../../kernel/rng';
import type { MemberRemovedEntry } from '../../kernel/trace';
import type { GroupMemberState, GroupState } from '../../state';
import { coordinatorBroker, coordinatorPartitionFor } from '../../cluster/findCoordinator';
import { CONSUMER_OFFSETS_TOPIC } from '../../cluster/topics';
import { nextGroupState, type GroupMachineEvent } from './groupMachine';
import { getOrCreateGroup } from '../../shared/groups';
import { isBrokerAlive } from '../../cluster/brokerLookup';
import { actorId } from '../../shared/actorId';
import { commonProtocols, memberMetadata, partitionsKey, sameList, selectProtocol } from './memberProtocols';

function reply(ctx: SimContext, event: NewEvent): void {
  ctx.schedule(ctx.state.network.latencyMs, event);
}

function changeState(ctx: SimContext, group: GroupState, event: GroupMachineEvent, reason: string): void {
  const from = group.state;
  group.state = nextGroupState(from, event);
  if (from === group.state) return;
  ctx.emit({
    kind: 'groupStateChanged',
    level: 'control',
    actors: [actorId.group(group.groupId)],
    groupId: group.groupId,
    from,
    to: group.state,
    generation: group.generationId,
    reason,
    coordinator: coordinatorBroker(ctx, group.groupId),
  });
}

function joinError(ctx: SimContext, event: JoinGroupArrivedEvent, error: GroupErrorCode, memberId = event.memberId): void {
  reply(ctx, {
    type: 'joinGroupResponse',
    consumer: event.consumer,
    incarnation: event.incarnation,
    error,
    memberId,
    generation: -1,
    protocol: null,
    leaderId: '',
    members: [],
    isStaticRejoin: false,
  });
}

function scheduleSessionCheck(ctx: SimContext, group: GroupState, member: GroupMemberState, delayMs: number): void {
  ctx.schedule(delayMs, { type: 'sessionTimeoutCheck', groupId: group.groupId, memberId: member.memberId });
}

/**
 * The leader of a __consumer_offsets partition changed: its groups now live on the new leader, which
 * loads them and gives every member a fresh session (GroupMetadataManager loading on election).
 */
export function onCoordinatorMoved(ctx: SimContext, partition: number, from: number, to: number): void {
  const numPartitions = getOwn(ctx.state.topics, CONSUMER_OFFSETS_TOPIC)?.partitions.length ?? 0;
  for (const group of Object.values(ctx.state.groups)) {
    if (coordinatorPartitionFor(group.groupId, numPartitions) !== partition) continue;
    if (to >= 0) for (const id of group.memberOrder) getOwn(group.members, id)!.sessionDeadline = ctx.state.time + getOwn(group.members, id)!.sessionTimeoutMs;
    ctx.emit({ kind: 'groupCoordinatorMoved', level: 'control', actors: [actorId.group(group.groupId), ...(to >= 0 ? [actorId.broker(to)] : [])], groupId: group.groupId, from, to });
  }
}

export function onJoinGroupArrived(ctx: SimContext, event: JoinGroupArrivedEvent): void {
  const { state } = ctx;
  if (!isCoordinatorAvailable(ctx, event.groupId)) {
    joinError(ctx, event, 'COORDINATOR_NOT_AVAILABLE');
    return;
  }
  // Share groups and consumer groups share one name space (Kafka: "not a classic group"; told here as a protocol clash).
  if (getOwn(state.shareGroups, event.groupId) !== undefined) {
    joinError(ctx, event, 'INCONSISTENT_GROUP_PROTOCOL');
    return;
  }
  const group = getOrCreateGroup(state, event.groupId);
  const config = state.brokerConfig;
  if (event.sessionTimeoutMs < config['group.min.session.timeout.ms'] || event.sessionTimeoutMs > config['group.max.session.timeout.ms']) {
    joinError(ctx, event, 'INVALID_SESSION_TIMEOUT');
    return;
  }
  if (group.memberOrder.length > 0 && commonProtocols(group, event.protocols).length === 0) {
    joinError(ctx, event, 'INCONSISTENT_GROUP_PROTOCOL');
    return;
  }
  if (event.memberId === '') {
    const memberId = `${event.groupInstanceId ?? event.clientId}-${nextUuid(state.rng)}`;
    if (event.groupInstanceId === null) {
      // KIP-394: hand out the id and ask the member to join again with it.
      group.pendingMemberIds.push(memberId);
      joinError(ctx, event, 'MEMBER_ID_REQUIRED', memberId);
      return;
    }
    const previousId = getOwn(group.staticMembers, event.groupInstanceId);
    if (previousId !== undefined) {
      replaceStaticMember(ctx, group, previousId, memberId, event);
      return;
    }
    addMemberAndRebalance(ctx, group, memberId, event);
    return;
  }
  const pendingIndex = group.pendingMemberIds.indexOf(event.memberId);
  if (pendingIndex >= 0) {
    group.pendingMemberIds.splice(pendingIndex, 1);
    addMemberAndRebalance(ctx, group, event.memberId, event);
    return;
  }
  const member = getOwn(group.members, event.memberId);
  if (member === undefined) {
    joinError(ctx, event, 'UNKNOWN_MEMBER_ID');
    return;
  }
  // ClassicGroupMember.matches: the subscription metadata (topics and owned partitions) is unchanged.
  const isUnchanged =
    sameList(member.protocols, event.protocols) && sameList(member.subscription, event.subscription) && partitionsKey(member.ownedPartitions) === partitionsKey(event.ownedPartitions);
  Object.assign(member, memberMetadata(event));
  member.sessionDeadline = state.time + member.sessionTimeoutMs;
  if (group.state === 'Stable' && group.leaderId !== member.memberId && isUnchanged) {
    // A follower rejoining with nothing new gets the current generation back: no rebalance.
    respondToJoin(ctx, group, member, false);
    return;
  }
  member.isAwaitingJoin = true;
  if (group.state === 'PreparingRebalance') tryCompleteJoin(ctx, group);
  else prepareRebalance(ctx, group, `${member.clientId} rejoined`);
}

function addMember(ctx: SimContext, group: GroupState, memberId: string, event: JoinGroupArrivedEvent): GroupMemberState {
  const member: GroupMemberState = {
    memberId,
    groupInstanceId: event.groupInstanceId,
    ...memberMetadata(event),
    sessionDeadline: ctx.state.time + event.sessionTimeoutMs,
    isAwaitingJoin: true,
    isAwaitingSync: false,
    assignment: [],
  };
  setOwn(group.members, memberId, member);
  group.memberOrder.push(memberId);
  group.leaderId ??= memberId;
  if (event.groupInstanceId !== null) setOwn(group.staticMembers, event.groupInstanceId, memberId);
  scheduleSessionCheck(ctx, group, member, member.sessionTimeoutMs);
  return member;
}

function addMemberAndRebalance(ctx: SimContext, group: GroupState, memberId: string, event: JoinGroupArrivedEvent): void {
  const member = addMember(ctx, group, memberId, event);
  if (group.state === 'PreparingRebalance') {
    group.hasNewMemberSinceDelay = true;
    tryCompleteJoin(ctx, group);
  } else {
    prepareRebalance(ctx, group, `${member.clientId} joined`);
  }
}

/**
 * A static member restarted with the same group.instance.id: the new member id replaces the old one.
 * In a Stable group with the same protocols and subscription it takes the old assignment back with no
 * rebalance [GroupMetadataManager.updateStaticMemberThenRebalanceOrCompleteJoin].
 */
function replaceStaticMember(ctx: SimContext, group: GroupState, oldId: string, newId: string, event: JoinGroupArrivedEvent): void {
  const old = getOwn(group.members, oldId)!;
  const isUnchanged = sameList(old.protocols, event.protocols) && sameList(old.subscription, event.subscription);
  const member: GroupMemberState = { ...old, ...memberMetadata(event), memberId: newId, sessionDeadline: ctx.state.time + event.sessionTimeoutMs, isAwaitingSync: false };
  deleteOwn(group.members, oldId);
  setOwn(group.members, newId, member);
  group.memberOrder = group.memberOrder.map((id) => (id === oldId ? newId : id));
  if (group.leaderId === oldId) group.leaderId = newId;
  setOwn(group.staticMembers, event.groupInstanceId!, newId);
  emitRemoved(ctx, group, old, 'replaced-static');
  scheduleSessionCheck(ctx, group, member, member.sessionTimeoutMs);
  if (group.state === 'Stable' && isUnchanged) {
    member.isAwaitingJoin = false;
    respondToJoin(ctx, group, member, true);
    return;
  }
  member.isAwaitingJoin = true;
  if (group.state === 'PreparingRebalance') tryCompleteJoin(ctx, group);
  else prepareRebalance(ctx, group, `${member.clientId} restarted with new metadata`);
}

function maxRebalanceTimeout(group: GroupState): number {
  let max = 0;
  for (const id of group.memberOrder) max = Math.max(max, getOwn(group.members, id)!.rebalanceTimeoutMs);
  return max;
}

function armJoinTimer(ctx: SimContext, group: GroupState, delayMs: number, reason: 'initial-delay' | 'rebalance-timeout'): void {
  const seq = ctx.schedule(delayMs, { type: 'joinTimer', groupId: group.groupId, reason });
  group.joinTimer = { seq, reason };
}

function prepareRebalance(ctx: SimContext, group: GroupState, reason: string): void {
  const wasEmpty = group.state === 'Empty';
  if (group.state === 'CompletingRebalance') {
    // Members waiting for the leader's assignment are told to rejoin.
    for (const id of group.memberOrder) {
      const m = getOwn(group.members, id)!;
      if (!m.isAwaitingSync) continue;
      m.isAwaitingSync = false;
      reply(ctx, { type: 'syncGroupResponse', consumer: m.consumer, incarnation: m.incarnation, error: 'REBALANCE_IN_PROGRESS', generation: group.generationId, assignment: [] });
    }
  }
  changeState(ctx, group, { type: 'REBALANCE' }, reason);
  group.joinPhaseStartedAt = ctx.state.time;
  group.hasNewMemberSinceDelay = false;
  const initialDelay = ctx.state.brokerConfig['group.initial.rebalance.delay.ms'];
  if (wasEmpty && group.memberOrder.length > 0) {
    armJoinTimer(ctx, group, Math.min(initialDelay, maxRebalanceTimeout(group)), 'initial-delay');
    return;
  }
  armJoinTimer(ctx, group, maxRebalanceTimeout(group), 'rebalance-timeout');
  tryCompleteJoin(ctx, group);
}

function tryCompleteJoin(ctx: SimContext, group: GroupState): void {
  if (group.state !== 'PreparingRebalance' || group.joinTimer?.reason === 'initial-delay') return;
  if (group.memberOrder.every((id) => getOwn(group.members, id)!.isAwaitingJoin)) completeJoin(ctx, group);
}

export function onJoinTimer(ctx: SimContext, event: JoinTimerEvent): void {
  const group = getOwn(ctx.state.groups, event.groupId);
  if (group?.joinTimer?.seq !== event.seq) return;
  if (!isCoordinatorAvailable(ctx, group.groupId)) {
    armJoinTimer(ctx, group, 1_000, event.reason); // the join phase resumes on the next coordinator
    return;
  }
  group.joinTimer = null;
  if (event.reason === 'initial-delay') {
    const remainingMs = group.joinPhaseStartedAt + maxRebalanceTimeout(group) - ctx.state.time;
    if (group.hasNewMemberSinceDelay && remainingMs > 0) {
      group.hasNewMemberSinceDelay = false;
      armJoinTimer(ctx, group, Math.min(ctx.state.brokerConfig['group.initial.rebalance.delay.ms'], remainingMs), 'initial-delay');
      return;
    }
  }
  completeJoin(ctx, group);
}

/** The join phase ends: drop members that did not rejoin, start the next generation, answer every JoinGroup. */
function completeJoin(ctx: SimContext, group: GroupState): void {
  group.joinTimer = null;
  for (const id of [...group.memberOrder]) {
    const m = getOwn(group.members, id)!;
    if (!m.isAwaitingJoin) removeMember(ctx, group, m, 'rebalance-timeout', false);
  }
  group.generationId += 1;
  if (group.memberOrder.length === 0) {
    group.protocolName = null;
    group.leaderId = null;
    changeState(ctx, group, { type: 'ALL_MEMBERS_GONE' }, 'no member rejoined');
    return;
  }
  group.protocolName = selectProtocol(group);
  if (group.leaderId === null || getOwn(group.members, group.leaderId) === undefined) group.leaderId = group.memberOrder[0]!;
  changeState(ctx, group, { type: 'JOIN_COMPLETED' }, `generation ${group.generationId}: ${group.memberOrder.length} member${group.memberOrder.length === 1 ? '' : 's'} joined`);
  for (const id of group.memberOrder) {
    const m = getOwn(group.members, id)!;
    m.isAwaitingJoin = false;
    m.sessionDeadline = ctx.state.time + m.sessionTimeoutMs;
    respondToJoin(ctx, group, m, false);
  }
}

function respondToJoin(ctx: SimContext, group: GroupState, member: GroupMemberState, isStaticRejoin: boolean): void {
  const isLeader = member.memberId === group.leaderId && !isStaticRejoin;
  reply(ctx, {
    type: 'joinGroupResponse',
    consumer: member.consumer,
    incarnation: member.incarnation,
    error: 'NONE',
    memberId: member.memberId,
    generation: group.generationId,
    protocol: group.protocolName,
    leaderId: group.leaderId ?? '',
    members: isLeader
      ? group.memberOrder.map((id) => {
          const m = getOwn(group.members, id)!;
          return { memberId: m.memberId, groupInstanceId: m.groupInstanceId, topics: [...m.subscription], ownedPartitions: m.ownedPartitions.map((tp) => ({ ...tp })), generation: m.memberGeneration };
        })
      : [],
    isStaticRejoin,
  });
}

export function onSyncGroupArrived(ctx: SimContext, event: SyncGroupArrivedEvent): void {
  const group = getOwn(ctx.state.groups, event.groupId);
  const member = group === undefined ? undefined : getOwn(group.members, event.memberId);
  const error: GroupErrorCode = !isCoordinatorAvailable(ctx, event.groupId)
    ? 'COORDINATOR_NOT_AVAILABLE'
    : group === undefined || member === undefined
      ? 'UNKNOWN_MEMBER_ID'
      : event.generation !== group.generationId
        ? 'ILLEGAL_GENERATION'
        : group.state === 'PreparingRebalance'
          ? 'REBALANCE_IN_PROGRESS'
          : group.state === 'Stable' || group.state === 'CompletingRebalance'
            ? 'NONE'
            : 'UNKNOWN_MEMBER_ID';
  if (group === undefined || member === undefined || error !== 'NONE') {
    reply(ctx, { type: 'syncGroupResponse', consumer: event.consumer, incarnation: event.incarnation, error, generation: event.generation, assignment: [] });
    return;
  }
  if (group.state === 'Stable') {
    reply(ctx, {
      type: 'syncGroupResponse',
      consumer: member.consumer,
      incarnation: member.incarnation,
      error: 'NONE',
      generation: group.generationId,
      assignment: member.assignment.map((tp) => ({ ...tp })),
    });
    return;
  }
  member.isAwaitingSync = true;
  if (member.memberId !== group.leaderId || event.assignments === null) return;
  for (const id of group.memberOrder) {
    getOwn(group.members, id)!.assignment = (getOwn(event.assignments, id) ?? []).map((tp) => ({ ...tp }));
  }
  changeState(ctx, group, { type: 'SYNC_COMPLETED' }, `the leader's assignment for generation ${group.generationId} arrived`);
  for (const id of group.memberOrder) {
    const m = getOwn(group.members, id)!;
    if (!m.isAwaitingSync) continue;
    m.isAwaitingSync = false;
    reply(ctx, { type: 'syncGroupResponse', consumer: m.consumer, incarnation: m.incarnation, error: 'NONE', generation: group.generationId, assignment: m.assignment.map((tp) => ({ ...tp })) });
  }
}

export function onHeartbeatArrived(ctx: SimContext, event: HeartbeatArrivedEvent): void {
  const group = getOwn(ctx.state.groups, event.groupId);
  const member = group === undefined ? undefined : getOwn(group.members, event.memberId);
  let error: GroupErrorCode = 'NONE';
  if (!isCoordinatorAvailable(ctx, event.groupId)) error = 'COORDINATOR_NOT_AVAILABLE';
  else if (group === undefined || member === undefined || group.state === 'Empty') error = 'UNKNOWN_MEMBER_ID';
  else if (event.generation !== group.generationId) error = 'ILLEGAL_GENERATION';
  else {
    member.sessionDeadline = ctx.state.time + member.sessionTimeoutMs;
    if (group.state === 'PreparingRebalance') error = 'REBALANCE_IN_PROGRESS';
  }
  reply(ctx, { type: 'heartbeatResponse', consumer: event.consumer, incarnation: event.incarnation, generation: event.generation, error });
}

export function onLeaveGroupArrived(ctx: SimContext, event: LeaveGroupArrivedEvent): void {
  if (!isCoordinatorAvailable(ctx, event.groupId)) return; // lost with the coordinator; the session will time out
  const group = getOwn(ctx.state.groups, event.groupId);
  const member = group === undefined ? undefined : getOwn(group.members, event.memberId);
  if (group === undefined || member === undefined) return;
  const reason = event.reason === 'close' ? 'left-on-close' : event.reason === 'unsubscribe' ? 'left-unsubscribe' : 'left-poll-timeout';
  removeMember(ctx, group, member, reason, true);
}

export function onSessionTimeoutCheck(ctx: SimContext, event: SessionTimeoutCheckEvent): void {
  const group = getOwn(ctx.state.groups, event.groupId);
  const member = group === undefined ? undefined : getOwn(group.members, event.memberId);
  if (group === undefined || member === undefined) return;
  const now = ctx.state.time;
  if (!isCoordinatorAvailable(ctx, group.groupId)) {
    // The coordinator is down: no one expires sessions until a new one loads the group.
    scheduleSessionCheck(ctx, group, member, member.sessionTimeoutMs);
  } else if (member.isAwaitingJoin || member.isAwaitingSync) {
    // A member waiting on the coordinator cannot heartbeat; it is kept alive [ClassicGroupMember.shouldKeepAlive].
    scheduleSessionCheck(ctx, group, member, member.sessionTimeoutMs);
  } else if (member.sessionDeadline > now) {
    scheduleSessionCheck(ctx, group, member, member.sessionDeadline - now);
  } else {
    removeMember(ctx, group, member, 'session-timeout', true);
  }
}

function emitRemoved(ctx: SimContext, group: GroupState, member: GroupMemberState, reason: MemberRemovedEntry['reason']): void {
  ctx.emit({
    kind: 'memberRemoved',
    level: 'control',
    actors: [actorId.group(group.groupId), actorId.consumer(member.consumer)],
    groupId: group.groupId,
    memberId: member.memberId,
    consumer: member.consumer,
    reason,
    sessionTimeoutMs: member.sessionTimeoutMs,
    rebalanceTimeoutMs: member.rebalanceTimeoutMs,
  });
}

const REMOVAL_WORDS: Record<MemberRemovedEntry['reason'], string> = {
  'session-timeout': 'sent no heartbeat for session.timeout.ms',
  'rebalance-timeout': 'did not rejoin within the rebalance timeout',
  'left-on-close': 'left the group on close',
  'left-poll-timeout': 'left the group after max.poll.interval.ms without a poll',
  'left-unsubscribe': 'left the group',
  'replaced-static': 'was replaced by a new instance with the same group.instance.id',
};

/** Removes a member; a Stable or CompletingRebalance group rebalances, a PreparingRebalance one may now complete. */
function removeMember(ctx: SimContext, group: GroupState, member: GroupMemberState, reason: MemberRemovedEntry['reason'], rebalance: boolean): void {
  deleteOwn(group.members, member.memberId);
  group.memberOrder = group.memberOrder.filter((id) => id !== member.memberId);
  if (member.groupInstanceId !== null && getOwn(group.staticMembers, member.groupInstanceId) === member.memberId) {
    deleteOwn(group.staticMembers, member.groupInstanceId);
  }
  if (group.leaderId === member.memberId) group.leaderId = group.memberOrder[0] ?? null;
  emitRemoved(ctx, group, member, reason);
  if (!rebalance) return;
  const why = `${member.clientId} ${REMOVAL_WORDS[reason]}`;
  if (group.state === 'Stable' || group.state === 'CompletingRebalance') prepareRebalance(ctx, group, why);
  else if (group.state === 'PreparingRebalance') tryCompleteJoin(ctx, group);
}

/** The group's coordinator (the leader of its __consumer_offsets partition) is up. */
export function isCoordinatorAvailable(ctx: SimContext, groupId: string): boolean {
  return isBrokerAlive(ctx.state, coordinatorBroker(ctx, groupId));
}
