/**
 * The application's poll loop on a share consumer: poll, process each record for a while (running the
 * scenario service's handler on it), poll again. In explicit mode the application accepts each record
 * once it is processed; in implicit mode the next poll accepts them all.
 */
import type { StartShareConsumerLoopCommand } from '../commands';
import { requireProducer } from '../clientLookup';
import { requireShareConsumer, sharePoll } from '../clients/share/shareConsumer';
import { fail } from '../errors';
import type { ShareRecordProcessedEvent } from '../events';
import type { SimContext } from '../kernel/context';
import { getOwn } from '../kernel/ownMap';
import { actorId } from '../shared/actorId';
import type { ShareDeliveredRecord } from '../shared/shareTypes';
import { requireHandler, runHandler } from './services';

export function startShareConsumerLoop(ctx: SimContext, command: StartShareConsumerLoopCommand): void {
  const consumer = requireShareConsumer(ctx, command.consumer);
  if (consumer.status !== 'running') fail('SIM_ILLEGAL_STATE', `${consumer.clientId} is ${consumer.status}.`);
  if (!Number.isFinite(command.processingMsPerRecord) || command.processingMsPerRecord < 0) fail('SIM_INVALID_ARGUMENT', 'processingMsPerRecord must be 0 or more.');
  if (consumer.loop !== null) fail('SIM_ILLEGAL_STATE', `${consumer.clientId} already runs a poll loop.`);
  const app = command.app === undefined ? null : { service: command.app.service, handler: command.app.handler, producer: command.app.producer ?? null };
  if (app !== null) {
    requireHandler(ctx, app.handler);
    if (app.producer !== null) requireProducer(ctx.state, app.producer);
  }
  consumer.loop = { processingMsPerRecord: command.processingMsPerRecord, pending: [], app, isPaused: false, isHung: false };
  sharePoll(ctx, consumer);
}

function scheduleNext(ctx: SimContext, consumer: string, processingMs: number, incarnation: number): void {
  ctx.schedule(processingMs, { type: 'shareRecordProcessed', consumer, incarnation });
}

/** poll() returned: process the records one at a time, or poll again when there were none. */
export function onShareRecordsPolled(ctx: SimContext, clientId: string, records: readonly ShareDeliveredRecord[]): void {
  const consumer = requireShareConsumer(ctx, clientId);
  const loop = consumer.loop;
  if (loop === null) return;
  for (const r of records) loop.pending.push({ ...r });
  if (loop.pending.length > 0) scheduleNext(ctx, clientId, loop.processingMsPerRecord, consumer.incarnation);
  else sharePoll(ctx, consumer);
}

/** The application finished the oldest pending record; when all are done it polls again. */
export function onShareRecordProcessed(ctx: SimContext, event: ShareRecordProcessedEvent): void {
  const consumer = getOwn(ctx.state.shareConsumers, event.consumer);
  if (consumer === undefined || consumer.status !== 'running' || consumer.incarnation !== event.incarnation || consumer.loop === null) return;
  const loop = consumer.loop;
  if (loop.isPaused) {
    loop.isHung = true;
    return;
  }
  const record = loop.pending.shift();
  if (record === undefined) return;
  consumer.processedCount += 1;
  ctx.emit({
    kind: 'shareRecordProcessed',
    level: 'message',
    actors: [actorId.consumer(consumer.clientId), actorId.partition(record.topic, record.partition)],
    consumer: consumer.clientId,
    groupId: consumer.config['group.id'],
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    key: record.key,
    value: record.value,
    deliveryCount: record.deliveryCount,
  });
  if (loop.app !== null) {
    const log = getOwn(ctx.state.topics, record.topic)?.partitions[record.partition]?.log;
    const stored = log?.records.find((r) => r.offset === record.offset);
    runHandler(ctx, loop.app, consumer.clientId, {
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
      key: record.key,
      value: record.value,
      headers: stored?.headers.map((h) => ({ ...h })) ?? [],
      timestamp: stored?.timestamp ?? ctx.state.time,
    });
  }
  if (consumer.config['share.acknowledgement.mode'] === 'explicit') {
    // Accepted once processed, unless the application already acknowledged it (one request may not name an offset twice).
    const index = consumer.delivered.findIndex((r) => r.topic === record.topic && r.partition === record.partition && r.offset === record.offset);
    if (index >= 0) {
      consumer.delivered.splice(index, 1);
      consumer.acknowledgements.push({ topic: record.topic, partition: record.partition, offset: record.offset, type: 'ACCEPT' });
    }
  }
  if (loop.pending.length > 0) scheduleNext(ctx, consumer.clientId, loop.processingMsPerRecord, consumer.incarnation);
  else sharePoll(ctx, consumer);
}

/**
 * The learner hangs or un-hangs the share consumer's record handler. Heartbeats go on from their own
 * thread, so it keeps its partitions; what it holds stays locked to it only until the acquisition lock
 * runs out, then the leader offers those records again, and the late acknowledgement is refused.
 */
export function setShareProcessingPaused(ctx: SimContext, clientId: string, paused: boolean): void {
  const consumer = requireShareConsumer(ctx, clientId);
  const loop = consumer.loop;
  if (loop === null) fail('SIM_ILLEGAL_STATE', `${clientId} runs no poll loop, so there is no processing to pause.`);
  if (loop.isPaused === paused) return;
  loop.isPaused = paused;
  ctx.emit({
    kind: paused ? 'shareProcessingPaused' : 'shareProcessingResumed',
    level: 'control',
    actors: [actorId.consumer(clientId)],
    consumer: clientId,
    groupId: consumer.config['group.id'],
    lockDurationMs: ctx.state.brokerConfig['group.share.record.lock.duration.ms'],
  });
  if (!paused && loop.isHung) {
    loop.isHung = false;
    if (consumer.status === 'running') scheduleNext(ctx, clientId, 0, consumer.incarnation);
  }
}
