/**
 * The producer's Sender: which closed batch goes to the leader when, retries, expiry and recovery.
 * Models [clients producer/internals/Sender.java, RecordAccumulator.ready/drain, TransactionManager]:
 * - a partition's batches go to its leader only while the producer can reach it: with no leader, or the
 *   leader's broker down (the connection is refused), batches wait and the producer looks again after a
 *   backoff that doubles from retry.backoff.ms to retry.backoff.max.ms (metadata refresh, KIP-580);
 * - at most max.in.flight.requests.per.connection unanswered requests per partition;
 * - a retriable error (NOT_LEADER_OR_FOLLOWER, NOT_ENOUGH_REPLICAS, a closed connection, no answer within
 *   request.timeout.ms) sends the batch again after retry.backoff.ms × 2^(retries − 1), at most
 *   retry.backoff.max.ms, ±20 % jitter from the seeded PRNG (ExponentialBackoff, KIP-580); a batch
 *   waiting out its backoff holds back the partition's later batches, as the head of Kafka's deque does;
 * - idempotent producers number a batch when it is first sent (RecordAccumulator.drain) and retry only the
 *   partition's oldest unanswered batch, so sequences reach the leader in order
 *   (shouldStopDrainBatchesForPartition);
 * - delivery.timeout.ms after send() a batch fails with TimeoutException, whether it waited, travelled or
 *   was being retried;
 * - KIP-360: when a batch an idempotent producer had sent expires (its fate is unknown), or the leader
 *   answers OUT_OF_ORDER_SEQUENCE_NUMBER for the oldest batch or UNKNOWN_PRODUCER_ID, the batch fails and
 *   the producer bumps its epoch locally and numbers every partition from 0 again
 *   (TransactionManager.bumpIdempotentEpochAndResetIdIfNeeded; a new producer id at epoch 32767). New
 *   batches wait until no numbered batch is left, so nothing is numbered twice;
 * - a transactional producer's failed send is an abortable error instead: the transaction can only be
 *   aborted (txn/client.ts).
 * Simplified: the in-flight limit is per partition (Kafka's is per broker connection, with one batch
 * per partition in a request); a batch is one request; the producer keeps one connection in all, so a
 * dropped connection retries every batch in flight; a broker going down while a request travels
 * answers it with a closed connection at once; expiry is noticed when the producer next looks at the
 * partition (at the latest after request.timeout.ms), where Kafka's Sender wakes at the deadline.
 */
import { requireTopic } from '../../cluster/topics';
import { isBrokerAlive } from '../../cluster/brokerLookup';
import type { ProduceRequestTimeoutEvent, ProduceResponseEvent, ProducerWakeupEvent } from '../../events';
import type { SimContext } from '../../kernel/context';
import { deleteOwn, getOwn, setOwn } from '../../kernel/ownMap';
import { nextFloat } from '../../kernel/rng';
import { brokerIncarnation } from '../../cluster/brokerLookup';
import { markAbortable, markFenced, maybeSendEndTxn } from '../txn/client';
import type { OpenBatch, ProducerBatch, ProducerState } from '../../state';
import { tpKey } from '../../shared/topicPartition';
import { actorId } from '../../shared/actorId';

/** Kafka's epoch is an int16: past its largest value the producer gets a new id instead. */
const MAX_PRODUCER_EPOCH = 32_767;
const BACKOFF_JITTER = 0.2;

/** Idempotent and transactional producers number their records. */
export function usesSequences(producer: ProducerState): boolean {
  return producer.config['enable.idempotence'] || producer.txn !== null;
}

function queueOf(producer: ProducerState, key: string): ProducerBatch[] {
  let queue = getOwn(producer.batches, key);
  if (queue === undefined) {
    queue = [];
    setOwn(producer.batches, key, queue);
  }
  return queue;
}

/** An open batch is full or lingered long enough: close it and hand it to the sender. */
export function closeBatch(ctx: SimContext, producer: ProducerState, open: OpenBatch): void {
  const key = tpKey(open.topic, open.partition);
  deleteOwn(producer.accumulator, key);
  const batch: ProducerBatch = {
    id: producer.nextRequestId++,
    topic: open.topic,
    partition: open.partition,
    records: open.records,
    createdAt: open.createdAt,
    attempt: 0,
    isTransactional: producer.txn !== null,
    baseSequence: -1,
    producerEpoch: producer.producerEpoch,
    isInFlight: false,
    retryNotBefore: 0,
  };
  const queue = queueOf(producer, key);
  queue.push(batch);
  producer.unfinishedBatchCount++;
  drainPartition(ctx, producer, key, queue);
}

/** ExponentialBackoff(retry.backoff.ms, 2, retry.backoff.max.ms, 0.2).backoff(n): n = 0 for the first wait. */
function backoffMs(ctx: SimContext, producer: ProducerState, n: number): number {
  const base = producer.config['retry.backoff.ms'];
  const max = Math.max(base, producer.config['retry.backoff.max.ms']);
  const term = base * 2 ** Math.min(n, 30);
  const jitter = 1 - BACKOFF_JITTER + 2 * BACKOFF_JITTER * nextFloat(ctx.state.rng);
  return Math.min(max, Math.floor(term * jitter));
}

function scheduleWakeup(ctx: SimContext, producer: ProducerState, at: number): void {
  if (producer.wakeupAt >= ctx.state.time && producer.wakeupAt <= at) return; // an earlier look is coming
  producer.wakeupAt = at;
  ctx.schedule(at - ctx.state.time, { type: 'producerWakeup', producer: producer.clientId });
}

export function onProducerWakeup(ctx: SimContext, event: ProducerWakeupEvent): void {
  const producer = getOwn(ctx.state.producers, event.producer);
  if (producer === undefined) return;
  if (producer.wakeupAt === ctx.state.time) producer.wakeupAt = -1;
  drainAll(ctx, producer);
}

/** After an answer: only this partition's slots changed, unless an epoch bump waits for it. */
function drainAfterAnswer(ctx: SimContext, producer: ProducerState, key: string): void {
  if (producer.epochBumpReason !== null) {
    drainAll(ctx, producer);
    return;
  }
  const queue = getOwn(producer.batches, key);
  if (queue !== undefined && queue.length > 0) drainPartition(ctx, producer, key, queue);
}

/** Looks at every partition the producer has batches for. */
export function drainAll(ctx: SimContext, producer: ProducerState): void {
  maybeBumpEpoch(ctx, producer);
  for (const key in producer.batches) {
    const queue = producer.batches[key]!;
    if (queue.length > 0) drainPartition(ctx, producer, key, queue);
  }
}

function drainPartition(ctx: SimContext, producer: ProducerState, key: string, queue: ProducerBatch[]): void {
  expireBatches(ctx, producer, queue);
  maybeBumpEpoch(ctx, producer); // an expiry may have asked for one, and nothing else would look again
  if (queue.length === 0) return;
  const first = queue[0]!;
  const leader = requireTopic(ctx.state, first.topic).partitions[first.partition]!.leader;
  const isReachable = leader >= 0 && isBrokerAlive(ctx.state, leader);
  if (!isReachable) {
    awaitLeader(ctx, producer, key, queue);
    return;
  }
  if (producer.awaitingLeader.length > 0) leaderFound(producer, key);
  const isSequenced = usesSequences(producer);
  const maxInFlight = producer.config['max.in.flight.requests.per.connection'];
  let inFlight = getOwn(producer.inFlightCount, key) ?? 0;
  for (let i = 0; i < queue.length && inFlight < maxInFlight; i++) {
    const batch = queue[i]!;
    if (batch.isInFlight) continue;
    if (batch.retryNotBefore > ctx.state.time) {
      scheduleWakeup(ctx, producer, batch.retryNotBefore);
      break;
    }
    if (isSequenced && batch.attempt > 0 && i > 0) break; // a retry waits until it is the oldest
    if (isSequenced && batch.baseSequence < 0) {
      if (producer.epochBumpReason !== null) break; // nothing new is numbered until the epoch is bumped
      numberBatch(producer, key, batch);
    }
    sendRequest(ctx, producer, batch, leader);
    if (producer.config.acks === '0')
      i--; // fire and forget: the batch left the queue
    else inFlight++;
  }
}

function numberBatch(producer: ProducerState, key: string, batch: ProducerBatch): void {
  const sequence = getOwn(producer.nextSequence, key) ?? 0;
  batch.baseSequence = sequence;
  batch.producerEpoch = producer.producerEpoch;
  setOwn(producer.nextSequence, key, (sequence + batch.records.length) % 0x80000000);
}

/** The partition has no leader the producer can reach: its batches wait, and the producer looks again later. */
function awaitLeader(ctx: SimContext, producer: ProducerState, key: string, queue: ProducerBatch[]): void {
  if (!producer.awaitingLeader.includes(key)) {
    producer.awaitingLeader.push(key);
    const first = queue[0]!;
    const leader = requireTopic(ctx.state, first.topic).partitions[first.partition]!.leader;
    ctx.emit({
      kind: 'producerAwaitingLeader',
      level: 'control',
      actors: [actorId.producer(producer.clientId), actorId.partition(first.topic, first.partition)],
      producer: producer.clientId,
      topic: first.topic,
      partition: first.partition,
      leader,
      batches: queue.length,
    });
  }
  scheduleWakeup(ctx, producer, ctx.state.time + backoffMs(ctx, producer, producer.leaderWaits++));
}

function leaderFound(producer: ProducerState, key: string): void {
  const i = producer.awaitingLeader.indexOf(key);
  if (i < 0) return;
  producer.awaitingLeader.splice(i, 1);
  if (producer.awaitingLeader.length === 0) producer.leaderWaits = 0;
}

/** Sends (or re-sends) a batch to the partition's leader and arms request.timeout.ms. */
function sendRequest(ctx: SimContext, producer: ProducerState, batch: ProducerBatch, leader: number): void {
  batch.attempt++;
  ctx.emit({
    kind: 'batchSent',
    level: 'internal',
    actors: [actorId.producer(producer.clientId), actorId.broker(leader), actorId.partition(batch.topic, batch.partition)],
    producer: producer.clientId,
    topic: batch.topic,
    partition: batch.partition,
    count: batch.records.length,
    requestId: batch.id,
    leader,
  });
  ctx.schedule(ctx.state.network.latencyMs, {
    type: 'produceArrived',
    producer: producer.clientId,
    requestId: batch.id,
    topic: batch.topic,
    partition: batch.partition,
    records: batch.records,
    producerId: producer.producerId,
    producerEpoch: batch.baseSequence < 0 ? producer.producerEpoch : batch.producerEpoch,
    baseSequence: batch.baseSequence,
    leader,
    leaderIncarnation: brokerIncarnation(ctx.state, leader),
    attempt: batch.attempt,
    isTransactional: batch.isTransactional,
  });
  if (producer.config.acks === '0') {
    removeBatch(producer, batch); // fire and forget: done once it is on the wire
    return;
  }
  setInFlight(producer, batch, true);
  ctx.schedule(producer.config['request.timeout.ms'], {
    type: 'produceRequestTimeout',
    producer: producer.clientId,
    requestId: batch.id,
    topic: batch.topic,
    partition: batch.partition,
    attempt: batch.attempt,
  });
}

function findBatch(producer: ProducerState, topic: string, partition: number, id: number): ProducerBatch | undefined {
  return getOwn(producer.batches, tpKey(topic, partition))?.find((b) => b.id === id);
}

function setInFlight(producer: ProducerState, batch: ProducerBatch, isInFlight: boolean): void {
  if (batch.isInFlight === isInFlight) return;
  batch.isInFlight = isInFlight;
  const key = tpKey(batch.topic, batch.partition);
  setOwn(producer.inFlightCount, key, (getOwn(producer.inFlightCount, key) ?? 0) + (isInFlight ? 1 : -1));
}

function removeBatch(producer: ProducerState, batch: ProducerBatch): void {
  setInFlight(producer, batch, false);
  const queue = getOwn(producer.batches, tpKey(batch.topic, batch.partition))!;
  // Mostly the oldest: answers and expiry come in order.
  queue.splice(queue[0] === batch ? 0 : queue.indexOf(batch), 1);
  producer.unfinishedBatchCount--;
}

/** delivery.timeout.ms after send(): the batch fails, wherever it is. The queue is in creation order. */
function expireBatches(ctx: SimContext, producer: ProducerState, queue: ProducerBatch[]): void {
  const deadline = ctx.state.time - producer.config['delivery.timeout.ms'];
  for (let i = 0; i < queue.length; i++) {
    const batch = queue[i]!;
    if (batch.createdAt > deadline) return;
    const where = batch.attempt === 0 ? 'it was never sent: no leader could be reached' : `after ${batch.attempt} attempt${batch.attempt === 1 ? '' : 's'}`;
    failBatch(
      ctx,
      producer,
      batch,
      `TimeoutException: expiring ${batch.records.length} record(s) for ${tpKey(batch.topic, batch.partition)}: ${producer.config['delivery.timeout.ms']} ms (delivery.timeout.ms) has passed since batch creation (${where})`,
      'expired',
    );
    i--;
  }
}

type FailureKind = 'expired' | 'fenced' | 'rejected' | 'sequence';

function failBatch(ctx: SimContext, producer: ProducerState, batch: ProducerBatch, error: string, kind: FailureKind): void {
  removeBatch(producer, batch);
  producer.failedCount += batch.records.length;
  ctx.emit({
    kind: 'produceFailed',
    level: 'control',
    actors: [actorId.producer(producer.clientId), actorId.partition(batch.topic, batch.partition)],
    producer: producer.clientId,
    topic: batch.topic,
    partition: batch.partition,
    count: batch.records.length,
    error,
  });
  if (kind === 'fenced') {
    markFenced(ctx, producer);
  } else if (producer.txn !== null) {
    markAbortable(ctx, producer, error);
  } else if (usesSequences(producer) && (kind === 'sequence' || (kind === 'expired' && batch.baseSequence >= 0))) {
    producer.recordsGivenUp += batch.records.length;
    producer.epochBumpReason ??= kind === 'expired' ? 'delivery.timeout.ms passed for a batch whose fate is unknown' : error.split(':')[0]!;
  }
  maybeSendEndTxn(ctx, producer);
}

/**
 * KIP-360, for an idempotent producer: once no numbered batch is left, bump the epoch and start every
 * partition's sequence at 0 again. The leader accepts a higher epoch starting at sequence 0.
 */
function maybeBumpEpoch(ctx: SimContext, producer: ProducerState): void {
  if (producer.epochBumpReason === null) return;
  for (const key in producer.batches) for (const b of producer.batches[key]!) if (b.baseSequence >= 0) return;
  if (producer.producerEpoch >= MAX_PRODUCER_EPOCH) {
    producer.producerId = ctx.state.nextProducerId++;
    producer.producerEpoch = 0;
  } else {
    producer.producerEpoch++;
  }
  producer.nextSequence = {};
  ctx.emit({
    kind: 'producerEpochBumped',
    level: 'control',
    actors: [actorId.producer(producer.clientId)],
    producer: producer.clientId,
    producerId: producer.producerId,
    producerEpoch: producer.producerEpoch,
    reason: producer.epochBumpReason,
    recordsGivenUp: producer.recordsGivenUp,
  });
  producer.epochBumpReason = null;
  producer.recordsGivenUp = 0;
}

/** A retriable failure: send it again after the backoff, unless delivery.timeout.ms has run out. */
function retryLater(ctx: SimContext, producer: ProducerState, batch: ProducerBatch, reason: string): void {
  setInFlight(producer, batch, false);
  const queue = getOwn(producer.batches, tpKey(batch.topic, batch.partition))!;
  expireBatches(ctx, producer, queue);
  if (!queue.includes(batch)) {
    drainAfterAnswer(ctx, producer, tpKey(batch.topic, batch.partition));
    return;
  }
  batch.retryNotBefore = ctx.state.time + backoffMs(ctx, producer, batch.attempt - 1);
  ctx.emit({
    kind: 'produceRetried',
    level: 'control',
    actors: [actorId.producer(producer.clientId), actorId.partition(batch.topic, batch.partition)],
    producer: producer.clientId,
    topic: batch.topic,
    partition: batch.partition,
    attempt: batch.attempt + 1,
    reason,
    backoffMs: batch.retryNotBefore - ctx.state.time,
  });
  drainAfterAnswer(ctx, producer, tpKey(batch.topic, batch.partition));
}

export function onProduceRequestTimeout(ctx: SimContext, event: ProduceRequestTimeoutEvent): void {
  const producer = getOwn(ctx.state.producers, event.producer);
  const batch = producer === undefined ? undefined : findBatch(producer, event.topic, event.partition, event.requestId);
  if (producer === undefined || batch === undefined || !batch.isInFlight || batch.attempt !== event.attempt) return; // answered, or already retried
  retryLater(ctx, producer, batch, 'no answer within request.timeout.ms');
}

export function onProduceResponse(ctx: SimContext, event: ProduceResponseEvent): void {
  const producer = getOwn(ctx.state.producers, event.producer);
  const batch = producer === undefined ? undefined : findBatch(producer, event.topic, event.partition, event.requestId);
  if (producer === undefined || batch === undefined || !batch.isInFlight || batch.attempt !== event.attempt) return; // an answer to an attempt already given up on
  const key = tpKey(event.topic, event.partition);
  if (producer.dropNextResponse) {
    // Experiment: the connection drops before this answer arrives. On TCP that fails every request
    // still on it (Kafka completes a connection's answers in order), so all of them are retried, oldest
    // first, and the leader recognises the ones it already has.
    producer.dropNextResponse = false;
    ctx.emit({
      kind: 'produceResponseLost',
      level: 'control',
      actors: [actorId.producer(producer.clientId), actorId.partition(event.topic, event.partition)],
      producer: producer.clientId,
      topic: event.topic,
      partition: event.partition,
      baseOffset: event.baseOffset,
      count: event.count,
    });
    const inFlight: ProducerBatch[] = [];
    for (const k in producer.batches) for (const b of producer.batches[k]!) if (b.isInFlight) inFlight.push(b);
    for (const b of inFlight) if (b.isInFlight) retryLater(ctx, producer, b, 'NETWORK_EXCEPTION (the connection dropped before the answer came)');
    return;
  }
  switch (event.error) {
    case 'NONE':
      break;
    case 'NOT_ENOUGH_REPLICAS':
    case 'NOT_ENOUGH_REPLICAS_AFTER_APPEND':
    case 'NOT_LEADER_OR_FOLLOWER':
    case 'NETWORK_EXCEPTION':
      retryLater(ctx, producer, batch, event.error);
      return;
    case 'INVALID_RECORD':
      failBatch(ctx, producer, batch, 'InvalidRecordException: a compacted topic needs a key on every record', 'rejected');
      drainAfterAnswer(ctx, producer, key);
      return;
    case 'INVALID_PRODUCER_EPOCH':
      failBatch(ctx, producer, batch, 'InvalidProducerEpochException: a newer instance has fenced this producer', 'fenced');
      drainAfterAnswer(ctx, producer, key);
      return;
    case 'OUT_OF_ORDER_SEQUENCE_NUMBER':
    case 'UNKNOWN_PRODUCER_ID': {
      // An earlier batch of the partition failed: this one is retried after it. The oldest batch itself
      // out of order means the leader lost track of the producer's sequence (KIP-360).
      if (event.error === 'OUT_OF_ORDER_SEQUENCE_NUMBER' && getOwn(producer.batches, key)![0] !== batch) {
        retryLater(ctx, producer, batch, event.error);
        return;
      }
      const name = event.error === 'UNKNOWN_PRODUCER_ID' ? 'UnknownProducerIdException' : 'OutOfOrderSequenceException';
      failBatch(ctx, producer, batch, `${name}: the leader of ${key} does not expect sequence ${batch.baseSequence} from producer ${producer.producerId}`, 'sequence');
      drainAfterAnswer(ctx, producer, key);
      return;
    }
  }
  removeBatch(producer, batch);
  producer.ackedCount += event.count;
  maybeSendEndTxn(ctx, producer);
  ctx.emit({
    kind: 'produceAcknowledged',
    level: 'internal',
    actors: [actorId.producer(producer.clientId), actorId.partition(event.topic, event.partition)],
    producer: producer.clientId,
    topic: event.topic,
    partition: event.partition,
    baseOffset: event.baseOffset,
    count: event.count,
  });
  drainAfterAnswer(ctx, producer, key);
}
