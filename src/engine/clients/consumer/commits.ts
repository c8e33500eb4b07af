/**
 * Offset commits on the consumer's side: commitSync(offsets) and the auto-commit, sent as OffsetCommit
 * with the member id and generation (no member id and generation -1 outside group management); the
 * coordinator's side is ../../broker/offsetCommit.ts.
 * Models: the committed offset is the next offset to read.
 */
import type { CommitCommand } from '../../commands';
import { requirePartition } from '../../cluster/topics';
import { fail } from '../../errors';
import type { OffsetCommitArrivedEvent } from '../../events';
import type { SimContext } from '../../kernel/context';
import type { ConsumerPartitionState, ConsumerState } from '../../state';
import { tpKey } from '../../shared/topicPartition';
import { requireConsumer } from '../../clientLookup';

type Offsets = OffsetCommitArrivedEvent['offsets'];

function positionsOf(partitions: readonly ConsumerPartitionState[]): Offsets {
  return partitions.filter((tp) => tp.position >= 0).map(({ topic, partition, position }) => ({ topic, partition, offset: position }));
}

/**
 * Commits the current positions of `partitions` (asynchronously unless the loop waits on it); false when
 * there was nothing to send (no group, or no position yet).
 */
export function commitPositions(ctx: SimContext, consumer: ConsumerState, partitions: readonly ConsumerPartitionState[], opts: { isAutoCommit: boolean; resumeLoop: boolean }): boolean {
  return sendCommit(ctx, consumer, positionsOf(partitions), opts);
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
    if (!Number.isInteger(o.offset) || o.offset < 0)
      fail('SIM_INVALID_ARGUMENT', `Invalid offset ${String(o.offset)} for ${tpKey(o.topic, o.partition)}: a committed offset is the next offset to read, 0 or more.`);
  }
  sendCommit(
    ctx,
    consumer,
    offsets.map((o) => ({ ...o })),
    { isAutoCommit: false, resumeLoop: false },
  );
}

/**
 * Sends an OffsetCommit; with `resumeLoop` the poll loop waits for the answer (commitSync). False when
 * there is nothing to send: no group, or no offsets.
 */
export function sendCommit(ctx: SimContext, consumer: ConsumerState, offsets: Offsets, opts: { isAutoCommit: boolean; resumeLoop: boolean }): boolean {
  const groupId = consumer.config['group.id'];
  if (groupId === null || offsets.length === 0) return false;
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
  return true;
}
