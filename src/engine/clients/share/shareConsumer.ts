/**
 * The share consumer (KafkaShareConsumer, KIP-932): subscribe to topics, heartbeat to the share group
 * coordinator (ShareGroupHeartbeat), and poll with ShareFetch, which acquires records and carries the
 * acknowledgements of the records handed out before. In `implicit` mode (the default) the next poll
 * accepts everything the last one returned; in `explicit` mode the application acknowledges each record
 * (ACCEPT, RELEASE or REJECT). No offsets, no commits, no client-side assignor.
 */
import { DEFAULT_SHARE_CONSUMER_CONFIG, SHARE_UNSUPPORTED_CONFIGS, type ShareConsumerConfig } from '../../config';
import { fail } from '../../errors';
import type { ShareFetchResponseEvent, ShareGroupHeartbeatResponseEvent, ShareHeartbeatTimerEvent } from '../../events';
import type { SimContext } from '../../kernel/context';
import { getOwn, setOwn } from '../../kernel/ownMap';
import { nextUuid } from '../../kernel/rng';
import { actorId } from '../../shared/actorId';
import type { CreateShareConsumerCommand, ShareAcknowledgeCommand, ShareSubscribeCommand } from '../../commands';
import type { ShareConsumerState } from './shareConsumerTypes';

export function requireShareConsumer(ctx: SimContext, clientId: string): ShareConsumerState {
  const consumer = getOwn(ctx.state.shareConsumers, clientId);
  if (consumer === undefined) fail('SIM_UNKNOWN_CLIENT', `No share consumer named "${clientId}".`);
  return consumer;
}

export function isShareConsumer(ctx: SimContext, clientId: string): boolean {
  return getOwn(ctx.state.shareConsumers, clientId) !== undefined;
}

export function createShareConsumer(ctx: SimContext, command: CreateShareConsumerCommand): void {
  const { clientId } = command;
  if (typeof clientId !== 'string' || clientId === '') fail('SIM_INVALID_ARGUMENT', 'A share consumer needs a client id.');
  if (getOwn(ctx.state.consumers, clientId) !== undefined || isShareConsumer(ctx, clientId)) fail('SIM_DUPLICATE_CLIENT', `A consumer named "${clientId}" already exists.`);
  const given = command.config as Record<string, unknown>;
  const unsupported = Object.keys(given).filter((name) => (SHARE_UNSUPPORTED_CONFIGS as readonly string[]).includes(name));
  if (unsupported.length > 0) {
    fail('INVALID_CONFIG', `A share consumer does not support ${unsupported.join(', ')}: its group's broker-side configs decide that (KafkaShareConsumer refuses these configs).`);
  }
  for (const name of Object.keys(given)) {
    if (name !== 'group.id' && !Object.hasOwn(DEFAULT_SHARE_CONSUMER_CONFIG, name)) fail('INVALID_CONFIG', `Unknown share consumer config name: ${name}.`);
  }
  const groupId = given['group.id'];
  if (typeof groupId !== 'string' || groupId.trim() === '') fail('INVALID_CONFIG', 'A share consumer needs a group.id: the share group it works in.');
  const config: ShareConsumerConfig = { ...DEFAULT_SHARE_CONSUMER_CONFIG, ...command.config, 'group.id': groupId };
  if (!Number.isInteger(config['max.poll.records']) || config['max.poll.records'] < 1) fail('INVALID_CONFIG', `max.poll.records must be at least 1, got ${String(config['max.poll.records'])}.`);
  if (!Number.isInteger(config['fetch.max.wait.ms']) || config['fetch.max.wait.ms'] < 0) fail('INVALID_CONFIG', `fetch.max.wait.ms must be 0 or more, got ${String(config['fetch.max.wait.ms'])}.`);
  const mode = config['share.acknowledgement.mode'] as unknown;
  if (mode !== 'implicit' && mode !== 'explicit') {
    fail('INVALID_CONFIG', `share.acknowledgement.mode must be implicit or explicit, got ${String(mode)}.`);
  }
  setOwn(ctx.state.shareConsumers, clientId, {
    clientId,
    config,
    status: 'running',
    incarnation: 0,
    memberId: '',
    memberEpoch: 0,
    subscription: [],
    assignment: [],
    heartbeatEventSeq: -1,
    inflightFetchId: -1,
    nextRequestId: 0,
    delivered: [],
    acknowledgements: [],
    loop: null,
    acquiredCount: 0,
    acknowledgedCount: 0,
    processedCount: 0,
  });
  ctx.emit({ kind: 'shareConsumerCreated', level: 'control', actors: [actorId.consumer(clientId)], clientId, groupId });
}

function requireRunningShare(ctx: SimContext, clientId: string): ShareConsumerState {
  const consumer = requireShareConsumer(ctx, clientId);
  if (consumer.status !== 'running') fail('SIM_ILLEGAL_STATE', `${clientId} is ${consumer.status}.`);
  return consumer;
}

/** subscribe(topics): the client makes up its member id (KIP-1082) and joins with epoch 0. */
export function shareSubscribe(ctx: SimContext, command: ShareSubscribeCommand): void {
  const consumer = requireRunningShare(ctx, command.consumer);
  if (!Array.isArray(command.topics) || command.topics.length === 0 || command.topics.some((t) => typeof t !== 'string' || t === '')) {
    fail('SIM_INVALID_ARGUMENT', 'subscribe() needs at least one topic name.');
  }
  consumer.subscription = [...new Set(command.topics)].sort();
  if (consumer.memberId === '') consumer.memberId = nextUuid(ctx.state.rng);
  sendHeartbeat(ctx, consumer);
}

function sendHeartbeat(ctx: SimContext, consumer: ShareConsumerState, memberEpoch = consumer.memberEpoch): void {
  ctx.schedule(ctx.state.network.latencyMs, {
    type: 'shareGroupHeartbeatArrived',
    groupId: consumer.config['group.id'],
    consumer: consumer.clientId,
    incarnation: consumer.incarnation,
    memberId: consumer.memberId,
    memberEpoch,
    subscribedTopics: [...consumer.subscription],
  });
}

export function onShareHeartbeatTimer(ctx: SimContext, event: ShareHeartbeatTimerEvent): void {
  const consumer = getOwn(ctx.state.shareConsumers, event.consumer);
  if (consumer === undefined || consumer.status !== 'running' || consumer.incarnation !== event.incarnation) return;
  consumer.heartbeatEventSeq = -1;
  sendHeartbeat(ctx, consumer);
}

export function onShareGroupHeartbeatResponse(ctx: SimContext, event: ShareGroupHeartbeatResponseEvent): void {
  const consumer = getOwn(ctx.state.shareConsumers, event.consumer);
  if (consumer === undefined || consumer.status !== 'running' || consumer.incarnation !== event.incarnation) return;
  if (event.error !== 'NONE') {
    consumer.memberEpoch = 0;
    consumer.assignment = [];
    if (event.error === 'GROUP_ID_NOT_FOUND') {
      // The id is a consumer group's: asking again at once would never end; ask again after a heartbeat interval.
      consumer.heartbeatEventSeq = ctx.schedule(event.heartbeatIntervalMs, { type: 'shareHeartbeatTimer', consumer: consumer.clientId, incarnation: consumer.incarnation });
      return;
    }
    // Fenced or forgotten: rejoin at once with epoch 0 and the same member id.
    sendHeartbeat(ctx, consumer, 0);
    return;
  }
  consumer.memberEpoch = event.memberEpoch;
  const key = (tps: readonly { topic: string; partition: number }[]) => tps.map((tp) => `${tp.topic}\u0000${tp.partition}`).join('\n');
  if (key(event.assignment) !== key(consumer.assignment)) {
    consumer.assignment = event.assignment.map((tp) => ({ ...tp }));
    ctx.emit({
      kind: 'shareAssignmentReceived',
      level: 'control',
      actors: [actorId.consumer(consumer.clientId)],
      consumer: consumer.clientId,
      groupId: consumer.config['group.id'],
      memberEpoch: consumer.memberEpoch,
      partitions: consumer.assignment.map((tp) => ({ ...tp })),
    });
  }
  consumer.heartbeatEventSeq = ctx.schedule(event.heartbeatIntervalMs, { type: 'shareHeartbeatTimer', consumer: consumer.clientId, incarnation: consumer.incarnation });
  // An application waiting in poll() with nothing assigned can fetch now.
  if (consumer.loop !== null && consumer.loop.pending.length === 0) sharePoll(ctx, consumer);
}

/** poll(): sends a share fetch with the acknowledgements due (implicit mode: everything the last poll returned is accepted). */
export function sharePoll(ctx: SimContext, consumer: ShareConsumerState): void {
  if (consumer.status !== 'running' || consumer.inflightFetchId >= 0 || consumer.memberEpoch === 0) return;
  acceptDelivered(consumer);
  if (consumer.assignment.length === 0 && consumer.acknowledgements.length === 0) return;
  consumer.acknowledgedCount += consumer.acknowledgements.length;
  consumer.inflightFetchId = sendShareFetch(ctx, consumer, consumer.assignment, consumer.config['max.poll.records'], consumer.config['fetch.max.wait.ms']);
}

/** Implicit mode: everything the last poll returned is accepted with the next request. */
function acceptDelivered(consumer: ShareConsumerState): void {
  if (consumer.config['share.acknowledgement.mode'] !== 'implicit') return;
  for (const r of consumer.delivered) consumer.acknowledgements.push({ topic: r.topic, partition: r.partition, offset: r.offset, type: 'ACCEPT' });
  consumer.delivered = [];
}

/** A ShareFetch to the leaders carrying the acknowledgements due; returns its request id. */
function sendShareFetch(ctx: SimContext, consumer: ShareConsumerState, partitions: readonly { topic: string; partition: number }[], maxRecords: number, maxWaitMs: number): number {
  const requestId = consumer.nextRequestId++;
  ctx.schedule(ctx.state.network.latencyMs, {
    type: 'shareFetchArrived',
    groupId: consumer.config['group.id'],
    consumer: consumer.clientId,
    incarnation: consumer.incarnation,
    memberId: consumer.memberId,
    requestId,
    partitions: partitions.map((tp) => ({ topic: tp.topic, partition: tp.partition })),
    acknowledgements: consumer.acknowledgements,
    maxRecords,
    maxWaitMs,
  });
  consumer.acknowledgements = [];
  return requestId;
}

/** The process is gone (crashed or closed): nothing in flight, nothing held, no timers. */
function stopProcess(consumer: ShareConsumerState, status: 'crashed' | 'closed'): void {
  consumer.status = status;
  consumer.incarnation += 1;
  consumer.inflightFetchId = -1;
  consumer.heartbeatEventSeq = -1;
  consumer.delivered = [];
  consumer.acknowledgements = [];
  if (consumer.loop !== null) consumer.loop.pending = [];
}

/** acknowledge(record, type) in explicit mode; the acknowledgement rides on the next poll. */
export function shareAcknowledge(ctx: SimContext, command: ShareAcknowledgeCommand): void {
  const consumer = requireRunningShare(ctx, command.consumer);
  if (consumer.config['share.acknowledgement.mode'] !== 'explicit')
    fail('SIM_ILLEGAL_STATE', `${consumer.clientId} acknowledges implicitly (share.acknowledgement.mode=implicit): its next poll accepts every record.`);
  const type = command.acknowledgeType as unknown;
  if (type !== 'ACCEPT' && type !== 'RELEASE' && type !== 'REJECT') fail('SIM_INVALID_ARGUMENT', `Unknown acknowledge type ${String(type)}.`);
  const index = consumer.delivered.findIndex((r) => r.topic === command.topic && r.partition === command.partition && r.offset === command.offset);
  if (index < 0) fail('SIM_ILLEGAL_STATE', `${consumer.clientId} holds no record at ${command.topic}-${command.partition} offset ${command.offset} to acknowledge.`);
  consumer.delivered.splice(index, 1);
  consumer.acknowledgements.push({ topic: command.topic, partition: command.partition, offset: command.offset, type: command.acknowledgeType });
}

export function onShareFetchResponse(ctx: SimContext, event: ShareFetchResponseEvent): void {
  const consumer = getOwn(ctx.state.shareConsumers, event.consumer);
  if (consumer === undefined || consumer.status !== 'running' || consumer.incarnation !== event.incarnation || consumer.inflightFetchId !== event.requestId) return;
  consumer.inflightFetchId = -1;
  const records = event.partitions.flatMap((p) => p.records.map((r) => ({ ...r })));
  for (const r of records) consumer.delivered.push({ ...r });
  consumer.acquiredCount += records.length;
  ctx.notify({ type: 'shareRecordsPolled', consumer: consumer.clientId, records });
}

/**
 * The process dies: no more heartbeats, and its connection drops, which ends its share sessions at the
 * leaders (4.1+, KAFKA-19015): they release its acquired records at once. The coordinator removes the
 * member only when group.share.session.timeout.ms passes.
 */
export function crashShareConsumer(ctx: SimContext, clientId: string): void {
  const consumer = requireRunningShare(ctx, clientId);
  stopProcess(consumer, 'crashed');
  ctx.emit({ kind: 'consumerCrashed', level: 'control', actors: [actorId.consumer(clientId)], clientId, groupId: consumer.config['group.id'] });
  ctx.notify({ type: 'processStopped', consumer: clientId, service: consumer.loop?.app?.service });
  if (consumer.memberId !== '') ctx.schedule(ctx.state.network.latencyMs, { type: 'shareSessionClosed', groupId: consumer.config['group.id'], memberId: consumer.memberId, consumer: clientId });
}

/** close(): acknowledgements due go out, then the member leaves (epoch -1) and its share session closes. */
export function closeShareConsumer(ctx: SimContext, clientId: string): void {
  const consumer = requireRunningShare(ctx, clientId);
  const groupId = consumer.config['group.id'];
  if (consumer.memberId !== '') {
    acceptDelivered(consumer);
    if (consumer.acknowledgements.length > 0) sendShareFetch(ctx, consumer, [], 0, 0);
    sendHeartbeat(ctx, consumer, -1);
    ctx.schedule(ctx.state.network.latencyMs, { type: 'shareSessionClosed', groupId, memberId: consumer.memberId, consumer: clientId });
  }
  stopProcess(consumer, 'closed');
  consumer.assignment = [];
  ctx.emit({ kind: 'consumerClosed', level: 'control', actors: [actorId.consumer(clientId)], clientId, groupId });
  ctx.notify({ type: 'processStopped', consumer: clientId, service: consumer.loop?.app?.service });
}

/** The process starts again: a new member (a new member id) joins with epoch 0; its loop, if any, runs again. */
export function restartShareConsumer(ctx: SimContext, clientId: string): void {
  const consumer = requireShareConsumer(ctx, clientId);
  if (consumer.status === 'running') fail('SIM_ILLEGAL_STATE', `${clientId} is running.`);
  consumer.status = 'running';
  consumer.incarnation += 1;
  consumer.memberEpoch = 0;
  consumer.assignment = [];
  ctx.emit({ kind: 'consumerRestarted', level: 'control', actors: [actorId.consumer(clientId)], clientId, groupId: consumer.config['group.id'] });
  ctx.notify({ type: 'processRestarted', consumer: clientId });
  if (consumer.subscription.length > 0) {
    consumer.memberId = nextUuid(ctx.state.rng);
    sendHeartbeat(ctx, consumer);
  }
}
