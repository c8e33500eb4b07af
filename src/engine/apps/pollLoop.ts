/**
 * The application around the consumer: a poll loop that processes each record for a simulated time,
 * one after another, and commits the way it was written to:
 * - `after-processing`: commitSync once the poll's records are processed (at-least-once: a crash
 *   before the commit means the next owner processes them again);
 * - `before-processing`: commitSync as soon as poll returns, then process (at-most-once: a crash
 *   while processing skips the rest; a failed commit throws, so the records are not processed);
 * - `none`: rely on enable.auto.commit inside poll().
 */
import { UNSTAMPED, type NewTraceEntry } from '../kernel/trace';
import { requireHandler, runHandler } from './services';
import type { SetProcessingPausedCommand, StartConsumerLoopCommand } from '../commands';
import { fail } from '../errors';
import type { FetchedBatch, RecordProcessedEvent, OffsetCommitResponseEvent } from '../events';
import { deliveryBook, noteDelivered, noteProcessed, type DeliveryBook } from '../shared/delivery';
import { isRunning, requireConsumer, requireProducer } from '../clientLookup';
import type { SimContext } from '../kernel/context';
import type { ConsumerState } from '../state';
import { actorId } from '../shared/actorId';
import { commitPositions } from '../clients/consumer/commits';
import { poll } from '../clients/consumer/consumer';
import { send, sendOffsets, transactionCommand } from '../clients/producer/producer';

const COMMIT_MODES = ['after-processing', 'before-processing', 'none'];

/** Starts the application's poll loop: poll, process each record, commit if configured, repeat. */
export function startConsumerLoop(ctx: SimContext, command: StartConsumerLoopCommand): void {
  const consumer = requireConsumer(ctx.state, command.consumer);
  if (!Number.isFinite(command.processingMsPerRecord) || command.processingMsPerRecord < 0) {
    fail('SIM_INVALID_ARGUMENT', `processingMsPerRecord must be 0 or more, got ${String(command.processingMsPerRecord)}.`);
  }
  if (!COMMIT_MODES.includes(command.commitMode)) fail('SIM_INVALID_ARGUMENT', `commitMode must be one of ${COMMIT_MODES.join(', ')}.`);
  const forwardTo = command.forwardTo ?? null;
  if (forwardTo !== null) {
    requireProducer(ctx.state, forwardTo.producer);
    if (forwardTo.exactlyOnce && ctx.state.producers[forwardTo.producer]?.txn === null)
      fail('SIM_INVALID_ARGUMENT', `Exactly-once forwarding needs a transactional producer; ${forwardTo.producer} has no transactional.id.`);
    if (forwardTo.exactlyOnce && consumer.config['group.id'] === null)
      fail('SIM_INVALID_ARGUMENT', "Exactly-once forwarding commits the consumer's offsets in the transaction: the consumer needs a group.id.");
  }
  const app = command.app === undefined ? null : { service: command.app.service, handler: command.app.handler, producer: command.app.producer ?? null };
  if (app !== null) {
    requireHandler(ctx, app.handler);
    if (app.producer !== null) requireProducer(ctx.state, app.producer);
  }
  consumer.loop = {
    processingMsPerRecord: command.processingMsPerRecord,
    commitMode: command.commitMode,
    forwardTo: forwardTo === null ? null : { ...forwardTo },
    isPaused: false,
    isHung: false,
    app,
  };
  poll(ctx, consumer);
}

/** The learner hangs or un-hangs the application's handler (see SetProcessingPausedCommand). */
export function setProcessingPaused(ctx: SimContext, command: SetProcessingPausedCommand): void {
  const consumer = requireConsumer(ctx.state, command.consumer);
  const loop = consumer.loop;
  if (loop === null) fail('SIM_ILLEGAL_STATE', `${consumer.clientId} runs no poll loop, so there is no processing to pause.`);
  if (loop.isPaused === command.paused) return;
  loop.isPaused = command.paused;
  ctx.emit({
    kind: command.paused ? 'processingPaused' : 'processingResumed',
    level: 'control',
    actors: [actorId.consumer(consumer.clientId)],
    consumer: consumer.clientId,
    maxPollIntervalMs: consumer.config['max.poll.interval.ms'],
  });
  if (!command.paused && loop.isHung) {
    loop.isHung = false;
    if (isRunning(consumer)) scheduleNextRecord(ctx, consumer);
  }
}

/** poll() returned: hand the records to the application (or poll again when there were none). */
export function onRecordsPolled(ctx: SimContext, consumer: ConsumerState, batches: readonly FetchedBatch[]): void {
  const groupId = consumer.config['group.id'];
  if (groupId !== null) {
    for (const b of batches) noteDelivered(ctx, consumer.clientId, groupId, b.topic, b.partition, b.records);
  }
  if (consumer.loop === null) return;
  for (const b of batches) for (const record of b.records) consumer.pending.push({ topic: b.topic, partition: b.partition, record });
  const forward = consumer.loop.forwardTo;
  if (consumer.pending.length > 0 && forward?.exactlyOnce === true) transactionCommand(ctx, { type: 'beginTransaction', producer: forward.producer });
  if (consumer.pending.length === 0) {
    poll(ctx, consumer);
  } else if (consumer.loop.commitMode === 'before-processing') {
    commitSyncInLoop(ctx, consumer);
  } else {
    scheduleNextRecord(ctx, consumer);
  }
}

function scheduleNextRecord(ctx: SimContext, consumer: ConsumerState): void {
  ctx.schedule(consumer.loop!.processingMsPerRecord, { type: 'recordProcessed', consumer: consumer.clientId, incarnation: consumer.incarnation });
}

export function onRecordProcessed(ctx: SimContext, event: RecordProcessedEvent): void {
  const consumer = requireConsumer(ctx.state, event.consumer);
  const loop = consumer.loop;
  // Awaiting an abort that dropped the poll's records (onForwardTransactionFailed): nothing to process.
  if (consumer.incarnation !== event.incarnation || loop === null || !isRunning(consumer) || consumer.isAwaitingCommit) return;
  if (loop.isPaused) {
    loop.isHung = true;
    return;
  }
  // Records that take no time all finish at this instant: one event for the lot.
  finishPending(ctx, consumer, loop.processingMsPerRecord === 0 ? consumer.pending.length : 1);
  if (consumer.pending.length > 0) {
    scheduleNextRecord(ctx, consumer);
  } else if (loop.forwardTo?.exactlyOnce === true) {
    // The poll's output and the consumer's next offsets commit together (KIP-447 style).
    const offsets = consumer.assignment.filter((tp) => tp.position >= 0).map(({ topic, partition, position }) => ({ topic, partition, offset: position }));
    sendOffsets(ctx, { type: 'sendOffsetsToTransaction', producer: loop.forwardTo.producer, groupId: consumer.config['group.id']!, offsets });
    consumer.isAwaitingCommit = true;
    transactionCommand(ctx, { type: 'commitTransaction', producer: loop.forwardTo.producer });
  } else if (loop.commitMode === 'after-processing' && consumer.config['group.id'] !== null) {
    commitSyncInLoop(ctx, consumer);
  } else {
    poll(ctx, consumer);
  }
}

/** The first `count` pending records are processed: trace each, note it for the group's delivery book. */
function finishPending(ctx: SimContext, consumer: ConsumerState, count: number): void {
  const groupId = consumer.config['group.id'];
  const done = consumer.pending.splice(0, count);
  let book: DeliveryBook | null = null;
  // One actors list per run of records from the same partition (entries are read-only).
  let actors: string[] = [];
  let actorsFor = '';
  for (const { topic, partition, record } of done) {
    if (groupId !== null && (book === null || book.topic !== topic || book.partition !== partition)) book = deliveryBook(ctx, groupId, topic, partition);
    const partitionActor = actorId.partition(topic, partition);
    if (partitionActor !== actorsFor) {
      actors = [actorId.consumer(consumer.clientId), partitionActor];
      actorsFor = partitionActor;
    }
    const isFirstTime = book === null ? true : noteProcessed(book, record.offset);
    consumer.processedCount += 1;
    if (ctx.isTracing) {
      ctx.emit({
        kind: 'recordProcessed',
        level: 'message',
        actors,
        consumer: consumer.clientId,
        groupId,
        topic,
        partition,
        offset: record.offset,
        key: record.key,
        value: record.value,
        isFirstTime,
        // Slots for the stamp (kernel/trace.ts: UNSTAMPED): filled in place, not added as new properties.
        id: UNSTAMPED,
        step: UNSTAMPED,
        time: UNSTAMPED,
      } as NewTraceEntry);
    } else {
      ctx.skipEntry(); // nobody reads it (a headless run)
    }
    const app = consumer.loop?.app;
    if (app !== null && app !== undefined) {
      runHandler(ctx, app, consumer.clientId, { topic, partition, offset: record.offset, key: record.key, value: record.value, headers: record.headers, timestamp: record.timestamp });
    }
    const forward = consumer.loop?.forwardTo;
    if (forward !== null && forward !== undefined)
      send(ctx, { type: 'send', producer: forward.producer, topic: forward.topic, key: record.key, value: record.value === null ? null : `processed:${record.value}` });
  }
}

/**
 * A send in the forwarding producer's transaction failed (an abortable error): the application catches
 * it, drops the rest of the poll and aborts; when the abort ends it reads from the committed offsets again.
 */
export function onForwardTransactionFailed(ctx: SimContext, producer: string): void {
  let isForwarding = false;
  for (const consumer of Object.values(ctx.state.consumers)) {
    if (consumer.loop?.forwardTo?.producer !== producer || !consumer.loop.forwardTo.exactlyOnce) continue;
    isForwarding = true;
    consumer.pending = [];
    consumer.isAwaitingCommit = true;
  }
  if (isForwarding) transactionCommand(ctx, { type: 'abortTransaction', producer });
}

/** The forwarding producer's transaction ended: the loop that waits on it goes on (or seeks back on abort). */
export function onForwardTransactionEnded(ctx: SimContext, producer: string, isCommitted: boolean): void {
  for (const consumer of Object.values(ctx.state.consumers)) {
    if (consumer.loop?.forwardTo?.producer !== producer || !consumer.isAwaitingCommit) continue;
    if (!isCommitted) for (const tp of consumer.assignment) tp.position = -1; // seek back to the committed offsets
    continueAfterCommit(ctx, consumer, isCommitted);
  }
}

/** A commitSync of the loop was answered. */
export function continueAfterCommit(ctx: SimContext, consumer: ConsumerState, isCommitted: boolean): void {
  consumer.isAwaitingCommit = false;
  if (consumer.loop === null || !isRunning(consumer)) return;
  if (consumer.pending.length > 0) {
    // Commit-before-processing: process only what was committed; a failed commit throws CommitFailedException.
    if (isCommitted) {
      scheduleNextRecord(ctx, consumer);
      return;
    }
    consumer.pending = [];
  }
  poll(ctx, consumer);
}

export function onOffsetCommitResponse(ctx: SimContext, event: OffsetCommitResponseEvent): void {
  const consumer = requireConsumer(ctx.state, event.consumer);
  if (consumer.incarnation !== event.incarnation || !event.resumeLoop) return;
  continueAfterCommit(ctx, consumer, event.error === 'NONE');
}

/** commitSync() in the loop: the loop waits for the answer, or goes straight on when there was nothing to commit. */
function commitSyncInLoop(ctx: SimContext, consumer: ConsumerState): void {
  if (!commitPositions(ctx, consumer, consumer.assignment, { isAutoCommit: false, resumeLoop: true })) continueAfterCommit(ctx, consumer, true);
}
