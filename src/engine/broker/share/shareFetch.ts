/**
 * The leaders' side of ShareFetch (KIP-932): acknowledgements riding on the request are applied first,
 * then records are acquired for the member under an acquisition lock, one timer per acquisition. Also
 * the release paths: a lock running out, and a member's share session ending (its connection dropped
 * on a crash, or it closed) or the coordinator removing it.
 *
 * Simplification: an empty share fetch is answered after the consumer's fetch.max.wait.ms, without
 * waking early when records arrive (Kafka's delayed share fetch does).
 */
import type { SimContext } from '../../kernel/context';
import { getOwn, setOwn } from '../../kernel/ownMap';
import { indexOfOffset } from '../../log/partitionLog';
import type { PartitionState } from '../../state';
import { actorId } from '../../shared/actorId';
import type { PendingAcknowledgement, ShareDeliveredRecord } from '../../shared/shareTypes';
import { tpKey } from '../../shared/topicPartition';
import type { ShareFetchArrivedEvent, ShareLockTimeoutEvent, ShareSessionClosedEvent } from './shareEvents';
import type { ShareGroupState } from './shareGroupTypes';
import { acknowledge, acquire, expireLocks, moveToLogStart, newSharePartition, releaseAcquiredRecords } from './sharePartition';
import type { AcknowledgementBatch, ShareLimits, SharePartitionState } from './sharePartitionTypes';

/** The group's limits, from the broker configs (group-level overrides are not modelled). */
export function shareLimits(ctx: SimContext): ShareLimits {
  const config = ctx.state.brokerConfig;
  return {
    lockDurationMs: config['group.share.record.lock.duration.ms'],
    deliveryCountLimit: config['group.share.delivery.count.limit'],
    maxRecordLocks: config['group.share.partition.max.record.locks'],
  };
}

function partitionOf(ctx: SimContext, topic: string, partition: number): PartitionState | undefined {
  return getOwn(ctx.state.topics, topic)?.partitions[partition];
}

/** The group's share-partition, started by share.auto.offset.reset on the group's first read of it. */
function sharePartitionFor(group: ShareGroupState, p: PartitionState, topic: string): SharePartitionState {
  const key = tpKey(topic, p.partition);
  const existing = getOwn(group.sharePartitions, key);
  if (existing !== undefined) return existing;
  const start = group.autoOffsetReset === 'earliest' ? p.log.logStartOffset : p.log.highWatermark;
  const created = newSharePartition(topic, p.partition, start);
  setOwn(group.sharePartitions, key, created);
  return created;
}

/** One acknowledgement batch per run of consecutive offsets of the same type. */
function toBatches(acks: readonly PendingAcknowledgement[]): AcknowledgementBatch[] {
  const batches: AcknowledgementBatch[] = [];
  for (const a of [...acks].sort((x, y) => x.offset - y.offset)) {
    const last = batches.at(-1);
    if (last !== undefined && last.type === a.type && last.lastOffset === a.offset - 1) last.lastOffset = a.offset;
    else batches.push({ firstOffset: a.offset, lastOffset: a.offset, type: a.type });
  }
  return batches;
}

export function onShareFetchArrived(ctx: SimContext, event: ShareFetchArrivedEvent): void {
  const group = getOwn(ctx.state.shareGroups, event.groupId);
  const member = group?.members.find((m) => m.memberId === event.memberId);
  const limits = shareLimits(ctx);
  const responses: { topic: string; partition: number; records: ShareDeliveredRecord[]; acknowledgeError: string | null }[] = [];
  const responseFor = (topic: string, partition: number) => {
    let r = responses.find((x) => x.topic === topic && x.partition === partition);
    if (r === undefined) {
      r = { topic, partition, records: [], acknowledgeError: null };
      responses.push(r);
    }
    return r;
  };
  if (group !== undefined && member !== undefined) {
    // Acknowledgements first, all or nothing per partition (SharePartition.acknowledge).
    const byPartition = new Map<string, PendingAcknowledgement[]>();
    for (const a of event.acknowledgements) {
      const key = tpKey(a.topic, a.partition);
      byPartition.set(key, [...(byPartition.get(key) ?? []), a]);
    }
    for (const acks of byPartition.values()) {
      const { topic, partition } = acks[0]!;
      const sp = getOwn(group.sharePartitions, tpKey(topic, partition));
      const problem = sp === undefined ? 'the group has no records in flight there' : acknowledge(sp, event.memberId, toBatches(acks), limits);
      if (problem !== null) {
        responseFor(topic, partition).acknowledgeError = problem;
        ctx.emit({
          kind: 'shareAcknowledgementRejected',
          level: 'control',
          actors: [actorId.consumer(event.consumer), actorId.partition(topic, partition)],
          groupId: group.groupId,
          consumer: event.consumer,
          topic,
          partition,
          reason: problem,
        });
        continue;
      }
      ctx.emit({
        kind: 'shareRecordsAcknowledged',
        level: 'message',
        actors: [actorId.consumer(event.consumer), actorId.partition(topic, partition)],
        groupId: group.groupId,
        consumer: event.consumer,
        topic,
        partition,
        offsets: acks.map((a) => ({ offset: a.offset, type: a.type })).sort((x, y) => x.offset - y.offset),
        startOffset: sp!.startOffset,
      });
    }
    // Then acquisition, in the request's partition order, up to max.poll.records in all.
    let left = event.maxRecords;
    for (const { topic, partition } of event.partitions) {
      if (left <= 0) break;
      const p = partitionOf(ctx, topic, partition);
      if (p === undefined || !ctx.state.brokers.some((b) => b.id === p.leader && b.isAlive)) continue;
      if (!member.assignment.some((tp) => tp.topic === topic && tp.partition === partition)) continue;
      const sp = sharePartitionFor(group, p, topic);
      moveToLogStart(sp, p.log.logStartOffset);
      const log = p.log;
      const isRecord = (offset: number) => {
        const r = log.records[indexOfOffset(log, offset)];
        return r !== undefined && r.offset === offset && r.controlType === null;
      };
      const ranges = acquire(sp, event.memberId, log.highWatermark, isRecord, left, ctx.state.time, limits);
      if (ranges.length === 0) continue;
      ctx.schedule(limits.lockDurationMs, { type: 'shareLockTimeout', groupId: group.groupId, topic, partition });
      const response = responseFor(topic, partition);
      for (const range of ranges) {
        for (let offset = range.firstOffset; offset <= range.lastOffset; offset++) {
          const r = log.records[indexOfOffset(log, offset)]!;
          response.records.push({ topic, partition, offset, key: r.key, value: r.value, deliveryCount: range.deliveryCount });
        }
      }
      const count = response.records.length;
      left -= count;
      ctx.emit({
        kind: 'shareRecordsAcquired',
        level: 'message',
        actors: [actorId.partition(topic, partition), actorId.consumer(event.consumer)],
        groupId: group.groupId,
        consumer: event.consumer,
        topic,
        partition,
        ranges,
        count,
        lockDurationMs: limits.lockDurationMs,
      });
    }
  }
  const gotRecords = responses.some((r) => r.records.length > 0);
  ctx.schedule(ctx.state.network.latencyMs + (gotRecords || event.acknowledgements.length > 0 ? 0 : event.maxWaitMs), {
    type: 'shareFetchResponse',
    consumer: event.consumer,
    incarnation: event.incarnation,
    requestId: event.requestId,
    partitions: responses,
  });
}

export function onShareLockTimeout(ctx: SimContext, event: ShareLockTimeoutEvent): void {
  const group = getOwn(ctx.state.shareGroups, event.groupId);
  const sp = group === undefined ? undefined : getOwn(group.sharePartitions, tpKey(event.topic, event.partition));
  if (group === undefined || sp === undefined) return;
  const limits = shareLimits(ctx);
  const released = expireLocks(sp, ctx.state.time, limits);
  if (released.length === 0) return;
  ctx.emit({
    kind: 'shareRecordsReleased',
    level: 'message',
    actors: [actorId.partition(event.topic, event.partition)],
    groupId: group.groupId,
    consumer: '',
    topic: event.topic,
    partition: event.partition,
    reason: 'lock-timeout',
    ranges: released,
    deliveryCountLimit: limits.deliveryCountLimit,
  });
}

export function onShareSessionClosed(ctx: SimContext, event: ShareSessionClosedEvent): void {
  const group = getOwn(ctx.state.shareGroups, event.groupId);
  if (group !== undefined) releaseMemberRecords(ctx, group, event.memberId, event.consumer, 'session-closed');
}

/** Every share-partition of the group gives back what the member held (releaseAcquiredRecords); the delivery count is kept. */
export function releaseMemberRecords(ctx: SimContext, group: ShareGroupState, memberId: string, consumer: string, reason: 'member-removed' | 'session-closed'): void {
  const limits = shareLimits(ctx);
  for (const sp of Object.values(group.sharePartitions)) {
    const released = releaseAcquiredRecords(sp, memberId, limits);
    if (released.length === 0) continue;
    ctx.emit({
      kind: 'shareRecordsReleased',
      level: 'message',
      actors: [actorId.consumer(consumer), actorId.partition(sp.topic, sp.partition)],
      groupId: group.groupId,
      consumer,
      topic: sp.topic,
      partition: sp.partition,
      reason,
      ranges: released,
      deliveryCountLimit: limits.deliveryCountLimit,
    });
  }
}
