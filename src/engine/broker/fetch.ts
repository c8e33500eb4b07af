/**
 * The partition leader's side of Fetch: reading a consumer's partitions from their logs (up to the high
 * watermark, or the last stable offset for read_committed, without markers or aborted records), the long
 * poll (a fetch with nothing to return waits in purgatory until data arrives or fetch.max.wait.ms
 * passes), and OFFSET_OUT_OF_RANGE for a position outside the log. Simplified: the request carries no
 * partition list; the broker reads the consumer's assignment and positions when the fetch arrives.
 */
import { requirePartition } from '../cluster/topics';
import { isBrokerAlive } from '../cluster/brokerLookup';
import type { FetchArrivedEvent, FetchedBatch, FetchExpiredEvent } from '../events';
import { notePositionStart } from '../shared/delivery';
import { requireConsumer } from '../clientLookup';
import type { SimContext } from '../kernel/context';
import { readableEnd, readRecords } from '../log/partitionLog';
import type { ConsumerPartitionState, ConsumerState, LogRecord, PartitionLog, SimState } from '../state';
import { actorId } from '../shared/actorId';

/** Where the consumer may read up to in this partition (see readableEnd). */
function fetchLimit(state: SimState, consumer: ConsumerState, tp: ConsumerPartitionState): number {
  return readableEnd(requirePartition(state, tp.topic, tp.partition).log, consumer.config['isolation.level']);
}

/**
 * A fetch at a position outside the log gets OFFSET_OUT_OF_RANGE and the client resets by
 * auto.offset.reset: earliest → the log start offset, latest → the high watermark (LSO for
 * read_committed), none → OffsetOutOfRangeException (the partition waits for a seek).
 */
function resetOutOfRange(ctx: SimContext, consumer: ConsumerState, tp: ConsumerPartitionState): void {
  const log = requirePartition(ctx.state, tp.topic, tp.partition).log;
  const reset = consumer.config['auto.offset.reset'];
  const position = tp.position;
  const resetTo = reset === 'earliest' ? log.logStartOffset : reset === 'latest' ? fetchLimit(ctx.state, consumer, tp) : -1;
  tp.position = resetTo;
  ctx.emit({
    kind: 'offsetOutOfRange',
    level: 'control',
    actors: [actorId.consumer(consumer.clientId), actorId.partition(tp.topic, tp.partition)],
    consumer: consumer.clientId,
    topic: tp.topic,
    partition: tp.partition,
    position,
    logStartOffset: log.logStartOffset,
    resetTo,
    reset,
    neverSeen: { from: position, to: Math.max(position, resetTo < 0 ? log.logStartOffset : resetTo) },
  });
  const groupId = consumer.config['group.id'];
  if (groupId !== null && resetTo >= 0) notePositionStart(ctx, consumer.clientId, groupId, tp.topic, tp.partition, resetTo);
}

/**
 * What the application gets from the records read: never markers; with read_committed, not the
 * records of aborted transactions (CompletedFetch with the aborted transaction list).
 */
function visibleRecords(log: PartitionLog, read: LogRecord[], isReadCommitted: boolean): LogRecord[] {
  // Most fetches hold no markers and no transactional data: keep the array, copy nothing.
  if (!read.some((r) => r.controlType !== null || (isReadCommitted && r.isTransactional))) return read;
  return read.filter((r) => {
    if (r.controlType !== null) return false;
    if (!isReadCommitted || !r.isTransactional) return true;
    return !log.abortedTransactions.some((t) => t.producerId === r.producerId && r.offset >= t.firstOffset && r.offset <= t.lastOffset);
  });
}

function collectFetch(ctx: SimContext, consumer: ConsumerState): FetchedBatch[] {
  const { state } = ctx;
  const batches: FetchedBatch[] = [];
  let budget = consumer.config['max.poll.records'];
  const n = consumer.assignment.length;
  for (let i = 0; i < n && budget > 0; i++) {
    const tp = consumer.assignment[(consumer.fetchCursor + i) % n]!;
    if (tp.position < 0) continue;
    const partitionState = requirePartition(state, tp.topic, tp.partition);
    // Only the leader serves fetches; an offline partition or a dead leader returns nothing.
    if (!isBrokerAlive(state, partitionState.leader)) continue;
    const log = partitionState.log;
    if (tp.position < log.logStartOffset || tp.position > log.logEndOffset) {
      resetOutOfRange(ctx, consumer, tp);
      if (tp.position < 0) continue;
    }
    const read = readRecords(log, tp.position, fetchLimit(state, consumer, tp), budget);
    const last = read[read.length - 1];
    if (last === undefined) continue;
    const records = visibleRecords(log, read, consumer.config['isolation.level'] === 'read_committed');
    budget -= Math.max(1, records.length);
    batches.push({ topic: tp.topic, partition: tp.partition, records, nextOffset: last.offset + 1, highWatermark: log.highWatermark });
  }
  if (n > 0) consumer.fetchCursor = (consumer.fetchCursor + 1) % n;
  return batches;
}

export function onFetchArrived(ctx: SimContext, event: FetchArrivedEvent): void {
  const consumer = requireConsumer(ctx.state, event.consumer);
  if (consumer.inflightFetchId !== event.fetchId) return;
  const batches = collectFetch(ctx, consumer);
  if (batches.length > 0) {
    ctx.schedule(ctx.state.network.latencyMs, { type: 'fetchResponse', consumer: consumer.clientId, fetchId: event.fetchId, batches });
    return;
  }
  // Long poll: park until data arrives or fetch.max.wait.ms passes.
  consumer.isFetchParked = true;
  ctx.schedule(consumer.config['fetch.max.wait.ms'], { type: 'fetchExpired', consumer: consumer.clientId, fetchId: event.fetchId });
}

/** Called after an append: a parked fetch that covers the partition answers now. */
export function wakeParkedFetches(ctx: SimContext, topic: string, partition: number): void {
  for (const consumer of Object.values(ctx.state.consumers)) {
    if (!consumer.isFetchParked) continue;
    if (!consumer.assignment.some((tp) => tp.topic === topic && tp.partition === partition)) continue;
    const batches = collectFetch(ctx, consumer);
    if (batches.length === 0) continue;
    consumer.isFetchParked = false;
    ctx.schedule(ctx.state.network.latencyMs, { type: 'fetchResponse', consumer: consumer.clientId, fetchId: consumer.inflightFetchId, batches });
  }
}

export function onFetchExpired(ctx: SimContext, event: FetchExpiredEvent): void {
  const consumer = requireConsumer(ctx.state, event.consumer);
  if (consumer.inflightFetchId !== event.fetchId || !consumer.isFetchParked) return;
  consumer.isFetchParked = false;
  ctx.schedule(ctx.state.network.latencyMs, { type: 'fetchResponse', consumer: consumer.clientId, fetchId: event.fetchId, batches: [] });
}
