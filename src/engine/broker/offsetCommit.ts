/**
 * The group coordinator's side of OffsetCommit: a commit from a member of the current generation (or from
 * a consumer outside any group, with generation -1) is stored, latest wins; one from an older generation
 * or an unknown member is refused with Kafka's error (ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID, and
 * REBALANCE_IN_PROGRESS while the group awaits the leader's assignment), and nothing is stored while the
 * coordinator is down.
 * Simplified: commits are stored in the group's state, not as records in __consumer_offsets.
 */
import type { OffsetCommitArrivedEvent, GroupErrorCode } from '../events';
import { getOrCreateGroup } from '../shared/groups';
import { isCoordinatorAvailable } from './group/coordinator';
import type { SimContext } from '../kernel/context';
import { setOwn, getOwn } from '../kernel/ownMap';
import { tpKey } from '../shared/topicPartition';
import { actorId } from '../shared/actorId';
import type { GroupState } from '../state';

/** The group coordinator validates the commit, stores the offsets (latest wins) and answers. */
export function onOffsetCommitArrived(ctx: SimContext, event: OffsetCommitArrivedEvent): void {
  const { state } = ctx;
  const group = getOrCreateGroup(state, event.groupId);
  const error = isCoordinatorAvailable(ctx, event.groupId) ? validateOffsetCommit(group, event.memberId, event.generation) : 'COORDINATOR_NOT_AVAILABLE';
  if (error !== 'NONE') {
    ctx.emit({
      kind: 'offsetCommitFailed',
      level: 'control',
      actors: [actorId.consumer(event.consumer), actorId.group(event.groupId)],
      consumer: event.consumer,
      groupId: event.groupId,
      generation: event.generation,
      error,
      offsets: event.offsets,
    });
  } else {
    for (const o of event.offsets) {
      const key = tpKey(o.topic, o.partition);
      setOwn(group.offsets, key, { offset: o.offset, metadata: '', commitTimestamp: state.time });
      ctx.emit({
        kind: 'offsetCommitted',
        level: 'message',
        actors: [actorId.consumer(event.consumer), actorId.group(event.groupId), actorId.partition(o.topic, o.partition)],
        consumer: event.consumer,
        groupId: event.groupId,
        topic: o.topic,
        partition: o.partition,
        offset: o.offset,
        isAutoCommit: event.isAutoCommit,
      });
    }
  }
  ctx.schedule(state.network.latencyMs, { type: 'offsetCommitResponse', consumer: event.consumer, incarnation: event.incarnation, error, resumeLoop: event.resumeLoop });
}

/**
 * OffsetCommit validation [GroupMetadataManager/OffsetMetadataManager validateOffsetCommit]: a consumer
 * outside group management (no member id, generation -1) may commit only while the group is Empty; a
 * member must be known and in the current generation; none may commit while the group waits for the
 * leader's assignment.
 */
export function validateOffsetCommit(group: GroupState, memberId: string, generation: number): GroupErrorCode {
  if (memberId === '' && generation < 0) return group.state === 'Empty' || group.state === 'Dead' ? 'NONE' : 'UNKNOWN_MEMBER_ID';
  if (getOwn(group.members, memberId) === undefined) return 'UNKNOWN_MEMBER_ID';
  if (group.state === 'CompletingRebalance') return 'REBALANCE_IN_PROGRESS';
  if (generation !== group.generationId) return 'ILLEGAL_GENERATION';
  return 'NONE';
}
