/**
 * Offset commits: the consumer's OffsetCommit and the coordinator storing it.
 * Models: the committed offset is the next offset to read; commits carry the member id and
 * generation, and the coordinator rejects a stale generation (ILLEGAL_GENERATION), an unknown member
 * (UNKNOWN_MEMBER_ID) and any commit while the group awaits the leader's assignment
 * (REBALANCE_IN_PROGRESS); a consumer outside group management commits with no member id and
 * generation -1, accepted while the group is Empty; the latest commit wins.
 * Simplified: commits are stored in the group's state, not as records in __consumer_offsets.
 */
import type { CommitCommand } from '../../commands';
import { requirePartition } from '../../cluster/topics';
import { fail } from '../../errors';
import type { OffsetCommitArrivedEvent, OffsetCommitResponseEvent } from '../../events';
import { getOrCreateGroup, isCoordinatorAvailable, validateOffsetCommit } from '../../broker/group/coordinator';
import type { SimContext } from '../../kernel/context';
import { setOwn } from '../../kernel/ownMap';
import { tpKey, type ConsumerPartitionState, type ConsumerState } from '../../state';
import { requireConsumer } from './consumer';
import { continueAfterCommit } from './pollLoop';

type Offsets = OffsetCommitArrivedEvent['offsets'];

function positionsOf(partitions: readonly ConsumerPartitionState[]): Offsets {
  return partitions.filter((tp) => tp.position >= 0).map(({ topic, partition, position }) => ({ topic, partition, offset: position }));
}

/** Commits the current positions of `partitions` (asynchronously unless the loop waits on it). */
export function commitPositions(ctx: SimContext, consumer: ConsumerState, partitions: readonly ConsumerPartitionState[], opts: { isAutoCommit: boolean; resumeLoop: boolean }): void {
  sendCommit(ctx, consumer, positionsOf(partitions), opts);
}

/** KafkaConsumer.commitSync(offsets): the committed offset is the next offset to read. */
export function commit(ctx: SimContext, command: CommitCommand): void {
  const consumer = requireConsumer(ctx.state, command.consumer);
  if (consumer.config['group.id'] === null) {
    fail('INVALID_GROUP_ID', 'To use the group management or offset commit APIs, you must provide a valid group.id in the consumer configuration.');
  }
  if (consumer.memberState === 'CRASHED' || consumer.memberState === 'CLOSED') fail('SIM_ILLEGAL_STATE', `${consumer.clientId} is not running.`);
  const offsets = command.offsets ?? positionsOf(consumer.assignment);
  for (const o of offsets) {
    requirePartition(ctx.state, o.topic, o.partition);
    if (!Number.isInteger(o.offset) || o.offset < 0) fail('SIM_INVALID_ARGUMENT', `Invalid offset ${String(o.offset)} for ${tpKey(o.topic, o.partition)}: a committed offset is the next offset to read, 0 or more.`);
  }
  sendCommit(ctx, consumer, offsets.map((o) => ({ ...o })), { isAutoCommit: false, resumeLoop: false });
}

/** Sends an OffsetCommit; with `resumeLoop` the poll loop waits for the answer (commitSync). */
export function sendCommit(ctx: SimContext, consumer: ConsumerState, offsets: Offsets, opts: { isAutoCommit: boolean; resumeLoop: boolean }): void {
  const groupId = consumer.config['group.id'];
  if (groupId === null || offsets.length === 0) {
    if (opts.resumeLoop) continueAfterCommit(ctx, consumer, true);
    return;
  }
  if (opts.resumeLoop) consumer.isAwaitingCommit = true;
  const isGroupManaged = consumer.subscription !== null;
  ctx.schedule(ctx.state.network.latencyMs, {
    type: 'offsetCommitArrived',
    consumer: consumer.clientId,
    incarnation: consumer.incarnation,
    groupId,
    memberId: isGroupManaged ? consumer.memberId : '',
    generation: isGroupManaged ? consumer.generation : -1,
    offsets,
    ...opts,
  });
}

/** The group coordinator validates the commit, stores the offsets (latest wins) and answers. */
export function onOffsetCommitArrived(ctx: SimContext, event: OffsetCommitArrivedEvent): void {
  const { state } = ctx;
  const group = getOrCreateGroup(state, event.groupId);
  const error = isCoordinatorAvailable(ctx, event.groupId) ? validateOffsetCommit(group, event.memberId, event.generation) : 'COORDINATOR_NOT_AVAILABLE';
  if (error !== 'NONE') {
    ctx.emit({
      kind: 'offsetCommitFailed',
      level: 'control',
      actors: [`consumer:${event.consumer}`, `group:${event.groupId}`],
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
        actors: [`consumer:${event.consumer}`, `group:${event.groupId}`, `partition:${key}`],
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

export function onOffsetCommitResponse(ctx: SimContext, event: OffsetCommitResponseEvent): void {
  const consumer = requireConsumer(ctx.state, event.consumer);
  if (consumer.incarnation !== event.incarnation || !event.resumeLoop) return;
  continueAfterCommit(ctx, consumer, event.error === 'NONE');
}
