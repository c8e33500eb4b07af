/**
 * The transactional producer's side [clients producer/internals/TransactionManager.java]:
 * initTransactions() (InitProducerId: producer id and a bumped epoch; sequences start again at 0),
 * beginTransaction() (local), AddPartitionsToTxn before the first record to each partition,
 * sendOffsetsToTransaction() (AddOffsetsToTxn + TxnOffsetCommit), and commitTransaction() /
 * abortTransaction(): flush, wait for every in-flight send, then EndTxn. PRODUCER_FENCED or
 * INVALID_PRODUCER_EPOCH means a newer instance took over: this one is fenced for good.
 * Any other failed send in a transaction is an abortable error (KIP-360): nothing more can be sent or
 * committed, only abortTransaction(); that abort ends with InitProducerId bumping the epoch, so the
 * next transaction's sequences start at 0 whatever became of the failed batch. A poll loop forwarding
 * through the producer aborts at once and reads its records again (apps/pollLoop.ts, told through ctx.notify).
 */
import type { SendOffsetsToTransactionCommand, TransactionCommand } from '../../commands';
import { fail } from '../../errors';
import type { AddToTxnArrivedEvent, EndTxnResponseEvent, InitProducerIdResponseEvent } from '../../events';
import type { SimContext } from '../../kernel/context';
import type { ProducerState, ProducerTxnState } from '../../state';
import { transactionCoordinator } from '../../cluster/findCoordinator';
import { actorId } from '../../shared/actorId';
import { tpKey } from '../../shared/topicPartition';

function requireTxn(producer: ProducerState): ProducerTxnState {
  if (producer.txn === null) fail('SIM_ILLEGAL_STATE', `${producer.clientId} has no transactional.id: transactions need one.`);
  return producer.txn;
}

function transactionalId(producer: ProducerState): string {
  return producer.config['transactional.id']!;
}

function emitClient(ctx: SimContext, producer: ProducerState, kind: 'transactionInitialized' | 'transactionCommitted' | 'transactionAborted' | 'producerFenced' | 'transactionAbortableError'): void {
  ctx.emit({
    kind,
    level: 'control',
    actors: [actorId.producer(producer.clientId), actorId.transaction(transactionalId(producer))],
    producer: producer.clientId,
    transactionalId: transactionalId(producer),
    producerId: producer.producerId,
    producerEpoch: producer.producerEpoch,
  });
}

/** InitProducerId to the transaction coordinator: at initTransactions(), and to bump the epoch after an abortable error (KIP-360). */
function sendInitProducerId(ctx: SimContext, producer: ProducerState): void {
  ctx.schedule(ctx.state.network.latencyMs, {
    type: 'initProducerIdArrived',
    transactionalId: transactionalId(producer),
    producer: producer.clientId,
    timeoutMs: producer.config['transaction.timeout.ms'],
  });
}

/** The transactional producer API calls. `flush` sends the producer's open batches (the producer module provides it). */
export function transactionCall(ctx: SimContext, producer: ProducerState, command: TransactionCommand, flush: () => void): void {
  const txn = requireTxn(producer);
  if (txn.state === 'FENCED') fail('SIM_ILLEGAL_STATE', `${producer.clientId} was fenced by a newer instance with the same transactional.id (ProducerFencedException): close it.`);
  switch (command.type) {
    case 'initTransactions':
      if (txn.state !== 'UNINITIALIZED') fail('SIM_ILLEGAL_STATE', `initTransactions() was already called on ${producer.clientId}.`);
      txn.state = 'INITIALIZING';
      transactionCoordinator(ctx, transactionalId(producer));
      sendInitProducerId(ctx, producer);
      return;
    case 'beginTransaction':
      if (txn.state !== 'READY')
        fail('SIM_ILLEGAL_STATE', `Cannot begin a transaction on ${producer.clientId} in state ${txn.state}${txn.state === 'UNINITIALIZED' ? ': call initTransactions() first' : ''}.`);
      txn.state = 'IN_TRANSACTION';
      txn.partitions = [];
      txn.abortableError = null;
      return;
    case 'commitTransaction':
    case 'abortTransaction':
      if (txn.state === 'ABORTABLE_ERROR' && command.type === 'commitTransaction') {
        fail('SIM_ILLEGAL_STATE', `Cannot commit on ${producer.clientId}: a send in this transaction failed (${txn.abortableError ?? 'unknown error'}); call abortTransaction().`);
      }
      if (txn.state !== 'IN_TRANSACTION' && txn.state !== 'ABORTABLE_ERROR') fail('SIM_ILLEGAL_STATE', `No transaction in progress on ${producer.clientId} (state ${txn.state}).`);
      txn.state = command.type === 'commitTransaction' ? 'COMMITTING' : 'ABORTING';
      flush();
      maybeSendEndTxn(ctx, producer);
      return;
  }
}

/** Before the first record to a partition in this transaction: AddPartitionsToTxn (sent ahead of the data). */
export function addPartitionIfNew(ctx: SimContext, producer: ProducerState, topic: string, partition: number): void {
  const txn = producer.txn;
  if (txn === null) return;
  if (txn.state !== 'IN_TRANSACTION') fail('SIM_ILLEGAL_STATE', `Cannot send with ${producer.clientId} outside a transaction (state ${txn.state}): call beginTransaction() first.`);
  const key = tpKey(topic, partition);
  if (txn.partitions.includes(key)) return;
  txn.partitions.push(key);
  sendAddToTxn(ctx, producer, { topic, partition }, null);
}

/** AddPartitionsToTxn (a partition) or AddOffsetsToTxn (a group's offsets), on its way to the coordinator. */
function sendAddToTxn(ctx: SimContext, producer: ProducerState, partition: AddToTxnArrivedEvent['partition'], offsets: AddToTxnArrivedEvent['offsets']): void {
  ctx.schedule(ctx.state.network.latencyMs, {
    type: 'addToTxnArrived',
    transactionalId: transactionalId(producer),
    producer: producer.clientId,
    producerId: producer.producerId,
    producerEpoch: producer.producerEpoch,
    partition,
    offsets,
  });
}

export function sendOffsetsToTransaction(ctx: SimContext, producer: ProducerState, command: SendOffsetsToTransactionCommand): void {
  const txn = requireTxn(producer);
  if (txn.state !== 'IN_TRANSACTION') fail('SIM_ILLEGAL_STATE', `sendOffsetsToTransaction() needs a transaction in progress on ${producer.clientId}.`);
  sendAddToTxn(ctx, producer, null, { groupId: command.groupId, offsets: command.offsets.map((o) => ({ ...o })) });
}

/** EndTxn goes once every send of the transaction is answered. */
export function maybeSendEndTxn(ctx: SimContext, producer: ProducerState): void {
  const txn = producer.txn;
  if (txn === null || (txn.state !== 'COMMITTING' && txn.state !== 'ABORTING')) return;
  if (producer.unfinishedBatchCount > 0 || Object.keys(producer.accumulator).length > 0) return;
  ctx.schedule(ctx.state.network.latencyMs, {
    type: 'endTxnArrived',
    transactionalId: transactionalId(producer),
    producer: producer.clientId,
    producerId: producer.producerId,
    producerEpoch: producer.producerEpoch,
    commit: txn.state === 'COMMITTING',
  });
}

export function onInitProducerIdResponse(ctx: SimContext, producer: ProducerState, event: InitProducerIdResponseEvent): void {
  const txn = producer.txn;
  if (txn?.state !== 'INITIALIZING') return;
  producer.producerId = event.producerId;
  producer.producerEpoch = event.producerEpoch;
  producer.nextSequence = {}; // a new epoch numbers from 0 again
  txn.state = 'READY';
  if (txn.abortableError !== null) {
    // The epoch bump that ends an abort after an abortable error: the abort is complete now.
    txn.abortableError = null;
    emitClient(ctx, producer, 'transactionAborted');
    ctx.notify({ type: 'transactionEnded', producer: producer.clientId, isCommitted: false });
    return;
  }
  emitClient(ctx, producer, 'transactionInitialized');
}

export function onEndTxnResponse(ctx: SimContext, producer: ProducerState, event: EndTxnResponseEvent): void {
  const txn = producer.txn;
  if (txn === null || (txn.state !== 'COMMITTING' && txn.state !== 'ABORTING')) return;
  if (event.error === 'PRODUCER_FENCED') {
    markFenced(ctx, producer);
    return;
  }
  txn.partitions = [];
  if (txn.abortableError !== null) {
    // KIP-360: bump the epoch before the next transaction (InitProducerId with the current one).
    txn.state = 'INITIALIZING';
    sendInitProducerId(ctx, producer);
    return;
  }
  txn.state = 'READY';
  emitClient(ctx, producer, event.commit ? 'transactionCommitted' : 'transactionAborted');
  ctx.notify({ type: 'transactionEnded', producer: producer.clientId, isCommitted: event.commit });
}

/** A send in the transaction failed: it can only be aborted now (TransactionManager.transitionToAbortableError). */
export function markAbortable(ctx: SimContext, producer: ProducerState, error: string): void {
  const txn = producer.txn;
  if (txn === null || (txn.state !== 'IN_TRANSACTION' && txn.state !== 'COMMITTING')) return;
  txn.state = 'ABORTABLE_ERROR';
  txn.abortableError = error;
  emitClient(ctx, producer, 'transactionAbortableError');
  ctx.notify({ type: 'transactionFailed', producer: producer.clientId });
}

export function markFenced(ctx: SimContext, producer: ProducerState): void {
  if (producer.txn === null || producer.txn.state === 'FENCED') return;
  producer.txn.state = 'FENCED';
  emitClient(ctx, producer, 'producerFenced');
}
