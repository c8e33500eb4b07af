/**
 * Delivery bookkeeping per group and partition, a simulator annotation rather than Kafka state: which
 * records the group's members have been given and have processed, so the trace can say when a record
 * is delivered again (at-least-once after a crash or rebalance) and when records were given out but
 * never processed and are now jumped over (at-most-once).
 * Assumes what the engine guarantees: within a group one member at a time reads a partition, in
 * offset order.
 */
import type { SimContext } from '../kernel/context';
import { getOwn, setOwn } from '../kernel/ownMap';
import { requirePartition } from '../cluster/topics';
import type { DeliveryState, GroupState, LogRecord } from '../state';
import { tpKey } from './topicPartition';
import { actorId } from './actorId';
import { getOrCreateGroup } from './groups';

function deliveryOf(group: GroupState, topic: string, partition: number): DeliveryState {
  const key = tpKey(topic, partition);
  let d = getOwn(group.delivery, key);
  if (d === undefined) {
    d = { deliveredUpTo: -1, processedUpTo: -1, redeliveredCount: 0, processedTwiceCount: 0, skippedCount: 0 };
    setOwn(group.delivery, key, d);
  }
  return d;
}

/** Records reached a member: count those the group had been given before. */
export function noteDelivered(ctx: SimContext, consumer: string, groupId: string, topic: string, partition: number, records: readonly LogRecord[]): void {
  const first = records[0];
  const last = records[records.length - 1];
  if (first === undefined || last === undefined) return;
  const d = deliveryOf(getOrCreateGroup(ctx.state, groupId), topic, partition);
  if (d.processedUpTo < 0) d.processedUpTo = first.offset;
  const again = first.offset < d.deliveredUpTo ? records.filter((r) => r.offset < d.deliveredUpTo) : [];
  if (again.length > 0) {
    d.redeliveredCount += again.length;
    emitRange(ctx, 'recordsRedelivered', consumer, groupId, topic, partition, again);
  }
  d.deliveredUpTo = Math.max(d.deliveredUpTo, last.offset + 1);
}

/** A group's delivery state for one partition, looked up once for a run of records. */
export interface DeliveryBook {
  topic: string;
  partition: number;
  state: DeliveryState;
}

export function deliveryBook(ctx: SimContext, groupId: string, topic: string, partition: number): DeliveryBook {
  return { topic, partition, state: deliveryOf(getOrCreateGroup(ctx.state, groupId), topic, partition) };
}

/** A member finished processing a record; returns false when the group had processed it already. */
export function noteProcessed(book: DeliveryBook, offset: number): boolean {
  const d = book.state;
  const isFirstTime = offset >= d.processedUpTo;
  if (!isFirstTime) d.processedTwiceCount += 1;
  d.processedUpTo = Math.max(d.processedUpTo, offset + 1);
  return isFirstTime;
}

/**
 * A member starts a partition at `position`: records the group was given but never processed below
 * it are skipped for good.
 */
export function notePositionStart(ctx: SimContext, consumer: string, groupId: string, topic: string, partition: number, position: number): void {
  const group = getOwn(ctx.state.groups, groupId);
  const d = group === undefined ? undefined : getOwn(group.delivery, tpKey(topic, partition));
  if (d === undefined || d.processedUpTo < 0) return;
  const end = Math.min(position, d.deliveredUpTo);
  if (end <= d.processedUpTo) return;
  const skipped = requirePartition(ctx.state, topic, partition).log.records.filter((r) => r.offset >= d.processedUpTo && r.offset < end);
  d.processedUpTo = end;
  if (skipped.length === 0) return;
  d.skippedCount += skipped.length;
  emitRange(ctx, 'recordsSkipped', consumer, groupId, topic, partition, skipped);
}

/** A trace entry naming a run of records (non-empty) of one partition given to a member. */
function emitRange(ctx: SimContext, kind: 'recordsRedelivered' | 'recordsSkipped', consumer: string, groupId: string, topic: string, partition: number, records: readonly LogRecord[]): void {
  ctx.emit({
    kind,
    level: 'control',
    actors: [actorId.consumer(consumer), actorId.partition(topic, partition), actorId.group(groupId)],
    consumer,
    groupId,
    topic,
    partition,
    firstOffset: records[0]!.offset,
    lastOffset: records[records.length - 1]!.offset,
    count: records.length,
  });
}
