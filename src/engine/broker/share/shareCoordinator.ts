/**
 * The share group coordinator (KIP-932, Kafka 4.1+): members join and stay with ShareGroupHeartbeat,
 * the group epoch goes up on every membership or subscription change, and the server-side SimpleAssignor
 * computes the target assignment. There is no rebalance barrier and no revocation: ownership is not
 * exclusive, so each member simply takes its target on its own next heartbeat. A member with no
 * heartbeat for group.share.session.timeout.ms is fenced and its acquired records are released.
 *
 * Simplifications: the coordinator is always reachable (its __consumer_offsets leader is not consulted),
 * and a topic gaining partitions is picked up at the next membership change.
 */
import type { AlterShareGroupConfigsCommand } from '../../commands';
import { fail } from '../../errors';
import type { SimContext } from '../../kernel/context';
import { getOwn, setOwn } from '../../kernel/ownMap';
import { actorId } from '../../shared/actorId';
import type { TopicPartition } from '../../shared/topicPartition';
import type { ShareGroupHeartbeatArrivedEvent, ShareSessionTimeoutCheckEvent } from './shareEvents';
import type { ShareGroupMember, ShareGroupState } from './shareGroupTypes';
import { releaseMemberRecords } from './shareFetch';
import { assignShareGroup } from './simpleAssignor';

/** The share group, created Empty on first use (a heartbeat, or a group config set ahead). */
export function shareGroupFor(ctx: SimContext, groupId: string): ShareGroupState {
  const existing = getOwn(ctx.state.shareGroups, groupId);
  if (existing !== undefined) return existing;
  if (getOwn(ctx.state.groups, groupId) !== undefined)
    fail('INVALID_GROUP_ID', `Group "${groupId}" is a consumer group; share groups and consumer groups share one name space (GROUP_ID_NOT_FOUND for a share heartbeat).`);
  const group: ShareGroupState = { groupId, state: 'Empty', groupEpoch: 0, members: [], autoOffsetReset: 'latest', sharePartitions: {} };
  setOwn(ctx.state.shareGroups, groupId, group);
  return group;
}

function respond(ctx: SimContext, event: ShareGroupHeartbeatArrivedEvent, error: 'NONE' | 'FENCED_MEMBER_EPOCH' | 'UNKNOWN_MEMBER_ID' | 'GROUP_ID_NOT_FOUND', member: ShareGroupMember | null): void {
  ctx.schedule(ctx.state.network.latencyMs, {
    type: 'shareGroupHeartbeatResponse',
    consumer: event.consumer,
    incarnation: event.incarnation,
    error,
    memberEpoch: member?.memberEpoch ?? -1,
    assignment: member === null ? [] : member.assignment.map((tp) => ({ ...tp })),
    heartbeatIntervalMs: ctx.state.brokerConfig['group.share.heartbeat.interval.ms'],
  });
}

const sameTopics = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

export function onShareGroupHeartbeatArrived(ctx: SimContext, event: ShareGroupHeartbeatArrivedEvent): void {
  if (getOwn(ctx.state.groups, event.groupId) !== undefined) {
    respond(ctx, event, 'GROUP_ID_NOT_FOUND', null);
    return;
  }
  const group = shareGroupFor(ctx, event.groupId);
  const index = group.members.findIndex((m) => m.memberId === event.memberId);
  if (event.memberEpoch === -1) {
    if (index >= 0) removeMember(ctx, group, index, 'left');
    return;
  }
  let member = group.members[index];
  if (event.memberEpoch === 0) {
    if (member === undefined) {
      member = { memberId: event.memberId, consumer: event.consumer, memberEpoch: 0, subscribedTopics: [...event.subscribedTopics], assignment: [], lastHeartbeatAt: ctx.state.time };
      group.members.push(member);
      group.members.sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
      group.groupEpoch += 1;
      group.state = 'Stable';
      ctx.emit({
        kind: 'shareMemberJoined',
        level: 'control',
        actors: [actorId.consumer(event.consumer), actorId.group(group.groupId)],
        groupId: group.groupId,
        consumer: event.consumer,
        memberId: event.memberId,
        groupEpoch: group.groupEpoch,
        reason: 'joined',
        sessionTimeoutMs: ctx.state.brokerConfig['group.share.session.timeout.ms'],
      });
      computeAssignment(ctx, group);
    }
  } else if (member === undefined) {
    respond(ctx, event, 'UNKNOWN_MEMBER_ID', null);
    return;
  } else if (event.memberEpoch > group.groupEpoch) {
    // Only the member's current or previous epoch is valid (throwIfShareGroupMemberEpochIsInvalid).
    respond(ctx, event, 'FENCED_MEMBER_EPOCH', null);
    return;
  }
  member.lastHeartbeatAt = ctx.state.time;
  if (!sameTopics(member.subscribedTopics, event.subscribedTopics)) {
    member.subscribedTopics = [...event.subscribedTopics];
    group.groupEpoch += 1;
    computeAssignment(ctx, group);
  }
  // No revocation phase: the member goes straight to the target (ShareGroupAssignmentBuilder).
  member.memberEpoch = group.groupEpoch;
  ctx.schedule(ctx.state.brokerConfig['group.share.session.timeout.ms'], { type: 'shareSessionTimeoutCheck', groupId: group.groupId, memberId: member.memberId });
  respond(ctx, event, 'NONE', member);
}

export function onShareSessionTimeoutCheck(ctx: SimContext, event: ShareSessionTimeoutCheckEvent): void {
  const group = getOwn(ctx.state.shareGroups, event.groupId);
  if (group === undefined) return;
  const index = group.members.findIndex((m) => m.memberId === event.memberId);
  const member = group.members[index];
  if (member === undefined) return;
  if (ctx.state.time - member.lastHeartbeatAt < ctx.state.brokerConfig['group.share.session.timeout.ms']) return;
  removeMember(ctx, group, index, 'session-timeout');
}

/** A member leaves or is fenced: the group epoch goes up, the others share its partitions, and the leaders release what it held. */
function removeMember(ctx: SimContext, group: ShareGroupState, index: number, reason: 'left' | 'session-timeout'): void {
  const [member] = group.members.splice(index, 1);
  if (member === undefined) return;
  group.groupEpoch += 1;
  if (group.members.length === 0) group.state = 'Empty';
  ctx.emit({
    kind: 'shareMemberRemoved',
    level: 'control',
    actors: [actorId.consumer(member.consumer), actorId.group(group.groupId)],
    groupId: group.groupId,
    consumer: member.consumer,
    memberId: member.memberId,
    groupEpoch: group.groupEpoch,
    reason,
    sessionTimeoutMs: ctx.state.brokerConfig['group.share.session.timeout.ms'],
  });
  computeAssignment(ctx, group);
  // ShareGroupListener.onMemberLeave: the share-partitions release its records at once.
  releaseMemberRecords(ctx, group, member.memberId, member.consumer, 'member-removed');
}

/** The SimpleAssignor's target for every member, stored as each member's assignment. */
function computeAssignment(ctx: SimContext, group: ShareGroupState): void {
  const partitionCounts: Record<string, number> = {};
  for (const m of group.members) {
    for (const topic of m.subscribedTopics) {
      const state = getOwn(ctx.state.topics, topic);
      if (state !== undefined) setOwn(partitionCounts, topic, state.partitions.length);
    }
  }
  const target = assignShareGroup(
    group.members.map((m) => ({ memberId: m.memberId, subscribedTopics: m.subscribedTopics, current: m.assignment })),
    partitionCounts,
  );
  for (const m of group.members) m.assignment = (getOwn(target, m.memberId) ?? []).map((tp: TopicPartition) => ({ topic: tp.topic, partition: tp.partition }));
  if (group.members.length === 0) return;
  ctx.emit({
    kind: 'shareAssignmentComputed',
    level: 'control',
    actors: [actorId.group(group.groupId), ...group.members.map((m) => actorId.consumer(m.consumer))],
    groupId: group.groupId,
    groupEpoch: group.groupEpoch,
    assignment: group.members.map((m) => ({ consumer: m.consumer, partitions: m.assignment.map((tp) => ({ ...tp })) })),
  });
}

/** kafka-configs --alter --entity-type groups --entity-name G --add-config share.auto.offset.reset=earliest. */
export function alterShareGroupConfigs(ctx: SimContext, command: AlterShareGroupConfigsCommand): void {
  // A link or an imported run can carry any value: checked, not trusted.
  const reset = command.configs['share.auto.offset.reset'] as unknown;
  if (reset !== 'latest' && reset !== 'earliest') fail('INVALID_CONFIG', `share.auto.offset.reset must be latest or earliest, got ${String(reset)}.`);
  shareGroupFor(ctx, command.groupId).autoOffsetReset = reset;
}
