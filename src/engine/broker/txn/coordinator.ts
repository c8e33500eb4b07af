/**
 * The transaction coordinator (classic protocol v1).
 * Models [core coordinator/transaction/TransactionCoordinator.scala, TransactionMetadata.scala]:
 * the coordinator is the leader of partition abs(hashCode(transactional.id)) % 50 of
 * __transaction_state (created on first use); InitProducerId gives a producer id and bumps the epoch,
 * first fencing and aborting a transaction the previous instance left open; AddPartitionsToTxn and
 * AddOffsetsToTxn start or grow a transaction (its timeout runs from the first); EndTxn moves to
 * PrepareCommit / PrepareAbort, sends a marker to every partition of the transaction and completes
 * when all are written, then the offsets sent with the transaction become the group's committed
 * offsets (on COMMIT only); requests with an old epoch get PRODUCER_FENCED; every 10 s transactions
 * open past transaction.timeout.ms are fenced (epoch + 1) and aborted.
 * While the coordinator's (or a marker's) partition has no live leader, requests are retried every
 * retry.backoff.ms until one is elected.
 * Simplified: the offsets topic's
 * partition gets no marker (the offsets are applied when the transaction completes); protocol v2
 * (KIP-890) is not modelled.
 */
import type { AddToTxnArrivedEvent, EndTxnArrivedEvent, InitProducerIdArrivedEvent, NewEvent, TxnMarkerArrivedEvent, TxnMarkerWrittenEvent } from '../../events';
import { getOrCreateGroup } from '../../shared/groups';
import { transactionCoordinator } from '../../cluster/findCoordinator';
import type { SimContext } from '../../kernel/context';
import { getOwn, setOwn } from '../../kernel/ownMap';
import { appendControlRecord, refreshLastStableOffset } from '../../log/partitionLog';
import { maybeIncrementHighWatermark, wakeParkedReplicaFetches } from '../../cluster/replication';
import { isBrokerAlive } from '../../cluster/brokerLookup';
import { wakeParkedFetches } from '../fetch';
import type { PartitionState, TransactionState } from '../../state';
import { tpKey } from '../../shared/topicPartition';
import { actorId } from '../../shared/actorId';
import { nextTxnState, type TxnMachineEvent } from './txnMachine';

/** transaction.abort.timed.out.transaction.cleanup.interval.ms */
export const TXN_TIMEOUT_CHECK_INTERVAL_MS = 10_000;

function move(ctx: SimContext, txn: TransactionState, event: TxnMachineEvent, reason: string): void {
  const from = txn.state;
  txn.state = nextTxnState(from, event);
  if (from === txn.state && event.type !== 'INIT') return;
  ctx.emit({
    kind: 'transactionStateChanged',
    level: 'control',
    actors: [actorId.transaction(txn.transactionalId), actorId.broker(transactionCoordinator(ctx, txn.transactionalId))],
    transactionalId: txn.transactionalId,
    producerId: txn.producerId,
    producerEpoch: txn.producerEpoch,
    from,
    to: txn.state,
    reason,
  });
}

function reply(ctx: SimContext, event: Parameters<SimContext['schedule']>[1]): void {
  ctx.schedule(ctx.state.network.latencyMs, event);
}

const RETRY_BACKOFF_MS = 100;

/** The same event, to schedule again (the queue stamps time and seq anew). */
function withoutStamp<E extends { time: number; seq: number }>(event: E): Omit<E, 'time' | 'seq'> {
  const copy: Partial<E> = { ...event };
  delete copy.time;
  delete copy.seq;
  return copy as Omit<E, 'time' | 'seq'>;
}

/**
 * The coordinator follows the leader of its __transaction_state partition: while that leader is down
 * the client's request fails and is retried after retry.backoff.ms, reaching the new leader once one
 * is elected (the state itself lives in the replicated partition).
 */
function retryIfCoordinatorDown(ctx: SimContext, transactionalId: string, event: InitProducerIdArrivedEvent | AddToTxnArrivedEvent | EndTxnArrivedEvent): boolean {
  if (isBrokerAlive(ctx.state, transactionCoordinator(ctx, transactionalId))) return false;
  ctx.schedule(RETRY_BACKOFF_MS, withoutStamp(event) as NewEvent);
  return true;
}

export function onInitProducerIdArrived(ctx: SimContext, event: InitProducerIdArrivedEvent): void {
  if (retryIfCoordinatorDown(ctx, event.transactionalId, event)) return;
  let txn = getOwn(ctx.state.transactions, event.transactionalId);
  if (txn === undefined) {
    txn = {
      transactionalId: event.transactionalId,
      producerId: ctx.state.nextProducerId++,
      producerEpoch: -1,
      state: 'Empty',
      partitions: [],
      pendingOffsets: [],
      startedAt: 0,
      timeoutMs: event.timeoutMs,
      pendingMarkers: 0,
      endTxnRequester: null,
      pendingInit: null,
    };
    setOwn(ctx.state.transactions, event.transactionalId, txn);
  }
  txn.timeoutMs = event.timeoutMs;
  if (txn.state === 'Ongoing') {
    // The previous instance left a transaction open: fence it and abort, then answer.
    txn.pendingInit = event.producer;
    fenceAndAbort(ctx, txn, 'a new instance called initTransactions()');
    return;
  }
  if (txn.state === 'PrepareCommit' || txn.state === 'PrepareAbort' || txn.state === 'PrepareEpochFence') {
    txn.pendingInit = event.producer; // answered when the markers are written
    return;
  }
  completeInit(ctx, txn, event.producer);
}

function completeInit(ctx: SimContext, txn: TransactionState, producer: string): void {
  txn.producerEpoch++;
  txn.pendingInit = null;
  move(ctx, txn, { type: 'INIT' }, `initTransactions(): epoch ${txn.producerEpoch}`);
  reply(ctx, { type: 'initProducerIdResponse', producer, producerId: txn.producerId, producerEpoch: txn.producerEpoch });
}

function isFenced(txn: TransactionState | undefined, producerId: number, epoch: number): boolean {
  return txn === undefined || txn.producerId !== producerId || epoch < txn.producerEpoch;
}

export function onAddToTxnArrived(ctx: SimContext, event: AddToTxnArrivedEvent): void {
  if (retryIfCoordinatorDown(ctx, event.transactionalId, event)) return;
  const txn = getOwn(ctx.state.transactions, event.transactionalId);
  if (txn === undefined || isFenced(txn, event.producerId, event.producerEpoch)) return; // the zombie learns at EndTxn / produce
  if (txn.state !== 'Ongoing') {
    txn.partitions = [];
    txn.pendingOffsets = [];
    txn.startedAt = ctx.state.time;
  }
  if (event.partition !== null && !txn.partitions.some((p) => p.topic === event.partition!.topic && p.partition === event.partition!.partition)) {
    txn.partitions.push({ ...event.partition });
  }
  if (event.offsets !== null) txn.pendingOffsets.push({ groupId: event.offsets.groupId, offsets: event.offsets.offsets.map((o) => ({ ...o })) });
  if (txn.state !== 'Ongoing') move(ctx, txn, { type: 'ADD' }, 'the first partition joined the transaction');
}

export function onEndTxnArrived(ctx: SimContext, event: EndTxnArrivedEvent): void {
  if (retryIfCoordinatorDown(ctx, event.transactionalId, event)) return;
  const txn = getOwn(ctx.state.transactions, event.transactionalId);
  if (txn === undefined || isFenced(txn, event.producerId, event.producerEpoch)) {
    reply(ctx, { type: 'endTxnResponse', producer: event.producer, commit: event.commit, error: 'PRODUCER_FENCED' });
    return;
  }
  if (txn.state !== 'Ongoing') {
    // Nothing was sent in this transaction: nothing to mark.
    reply(ctx, { type: 'endTxnResponse', producer: event.producer, commit: event.commit, error: 'NONE' });
    return;
  }
  txn.endTxnRequester = event.producer;
  move(ctx, txn, { type: event.commit ? 'COMMIT' : 'ABORT' }, event.commit ? 'commitTransaction()' : 'abortTransaction()');
  writeMarkers(ctx, txn, event.commit ? 'COMMIT' : 'ABORT');
}

function fenceAndAbort(ctx: SimContext, txn: TransactionState, reason: string): void {
  txn.producerEpoch++;
  move(ctx, txn, { type: 'FENCE' }, `${reason}: epoch bumped to ${txn.producerEpoch}, fencing the old producer`);
  move(ctx, txn, { type: 'ABORT' }, 'aborting the fenced transaction');
  txn.endTxnRequester = null;
  writeMarkers(ctx, txn, 'ABORT');
}

function writeMarkers(ctx: SimContext, txn: TransactionState, marker: 'COMMIT' | 'ABORT'): void {
  txn.pendingMarkers = txn.partitions.length;
  for (const p of txn.partitions) {
    reply(ctx, { type: 'txnMarkerArrived', transactionalId: txn.transactionalId, topic: p.topic, partition: p.partition, producerId: txn.producerId, producerEpoch: txn.producerEpoch, marker });
  }
  if (txn.pendingMarkers === 0) completeTransaction(ctx, txn);
}

/** A partition leader appends the marker: one offset, the transaction closes there, the LSO moves. */
export function onTxnMarkerArrived(ctx: SimContext, event: TxnMarkerArrivedEvent): void {
  const topic = getOwn(ctx.state.topics, event.topic);
  const partition = topic?.partitions[event.partition];
  if (topic === undefined || partition === undefined) return;
  if (!isBrokerAlive(ctx.state, partition.leader)) {
    // No leader to take the marker yet: the coordinator keeps trying until one is elected.
    ctx.schedule(RETRY_BACKOFF_MS, withoutStamp(event));
    return;
  }
  const firstOffset = getOwn(partition.log.openTransactions, String(event.producerId)) ?? -1;
  const { records } = appendControlRecord(partition.log, event.producerId, event.producerEpoch, event.marker, ctx.state.time, topic.configs);
  // A marker with a newer epoch fences older ones here too.
  const entry = getOwn(partition.producerStates, String(event.producerId));
  if (entry === undefined || entry.epoch < event.producerEpoch) setOwn(partition.producerStates, String(event.producerId), { epoch: event.producerEpoch, batches: [] });
  ctx.emit({
    kind: 'txnMarkerWritten',
    level: 'control',
    actors: [actorId.partition(event.topic, event.partition), actorId.transaction(event.transactionalId)],
    transactionalId: event.transactionalId,
    topic: event.topic,
    partition: event.partition,
    offset: records[0]!.offset,
    marker: event.marker,
  });
  // Written once replicated (acks=all: KafkaApis.handleWriteTxnMarkersRequest appends with requiredAcks = -1).
  // maybeIncrementHighWatermark answers the coordinator when the high watermark passes the marker, at once
  // with a single replica (cluster/replication.ts).
  partition.log.pendingMarkers.push({
    transactionalId: event.transactionalId,
    producerId: event.producerId,
    producerEpoch: event.producerEpoch,
    marker: event.marker,
    offset: records[0]!.offset,
    firstOffset,
  });
  refreshLastStableOffset(partition.log);
  maybeIncrementHighWatermark(ctx, topic, partition);
  wakeParkedFetches(ctx, event.topic, event.partition);
  wakeParkedReplicaFetches(ctx, partition); // the followers copy the marker like any append
}

/**
 * A leader change cut the log at `cutAt`, with markers the ISR never had: their transactions are open
 * here again, and the coordinator sends the markers to the new leader.
 */
export function resendTruncatedMarkers(ctx: SimContext, partition: PartitionState, cutAt: number): void {
  const lost = partition.log.pendingMarkers.filter((m) => m.offset >= cutAt);
  if (lost.length === 0) return;
  partition.log.pendingMarkers = partition.log.pendingMarkers.filter((m) => m.offset < cutAt);
  for (const m of lost) {
    if (m.firstOffset >= 0 && m.firstOffset < partition.log.logEndOffset) setOwn(partition.log.openTransactions, String(m.producerId), m.firstOffset);
    ctx.schedule(RETRY_BACKOFF_MS, {
      type: 'txnMarkerArrived',
      transactionalId: m.transactionalId,
      topic: partition.topic,
      partition: partition.partition,
      producerId: m.producerId,
      producerEpoch: m.producerEpoch,
      marker: m.marker,
    });
  }
  refreshLastStableOffset(partition.log);
}

export function onTxnMarkerWritten(ctx: SimContext, event: TxnMarkerWrittenEvent): void {
  const txn = getOwn(ctx.state.transactions, event.transactionalId);
  if (txn === undefined || txn.pendingMarkers <= 0) return;
  txn.pendingMarkers--;
  if (txn.pendingMarkers === 0) completeTransaction(ctx, txn);
}

function completeTransaction(ctx: SimContext, txn: TransactionState): void {
  const committed = txn.state === 'PrepareCommit';
  if (committed) {
    for (const { groupId, offsets } of txn.pendingOffsets) {
      const group = getOrCreateGroup(ctx.state, groupId);
      for (const o of offsets) setOwn(group.offsets, tpKey(o.topic, o.partition), { offset: o.offset, metadata: '', commitTimestamp: ctx.state.time });
    }
  }
  txn.pendingOffsets = [];
  move(ctx, txn, { type: 'COMPLETE' }, committed ? 'every COMMIT marker is written' : 'every ABORT marker is written');
  if (txn.endTxnRequester !== null) reply(ctx, { type: 'endTxnResponse', producer: txn.endTxnRequester, commit: committed, error: 'NONE' });
  txn.endTxnRequester = null;
  if (txn.pendingInit !== null) completeInit(ctx, txn, txn.pendingInit);
}

/** TransactionCoordinator.abortTimedOutTransactions, every 10 s. */
export function onTxnTimeoutCheck(ctx: SimContext): void {
  for (const txn of Object.values(ctx.state.transactions)) {
    if (txn.state === 'Ongoing' && ctx.state.time - txn.startedAt > txn.timeoutMs) fenceAndAbort(ctx, txn, `transaction.timeout.ms (${txn.timeoutMs} ms) passed`);
  }
  ctx.schedule(TXN_TIMEOUT_CHECK_INTERVAL_MS, { type: 'txnTimeoutCheck' });
}
