/**
 * The consumer client: creation, manual assignment (`assign()`), positions, poll() and the fetch's answer.
 * Group membership (subscribe(), rebalances, heartbeats) lives in ../group/member.ts; commits in
 * commits.ts; the broker's side of a fetch in ../../broker/fetch.ts; the application's poll loop in
 * ../../apps/pollLoop.ts, which hears of polled records through ctx.notify.
 *
 * Models: positions (the offset of the next record to read), initialised from the group's committed
 * offset or else auto.offset.reset (earliest = log start offset, latest = high watermark or LSO,
 * none = NoOffsetForPartitionException); seek(); fetches that read up to the high watermark (LSO for
 * read_committed) and return at most max.poll.records; long polling, where a fetch that finds nothing
 * is parked at the broker until data arrives or fetch.max.wait.ms passes (fetch.min.bytes = 1);
 * auto-commit inside poll every auto.commit.interval.ms.
 * Simplified: one fetch covers all assigned partitions whatever their leaders; the committed offset is
 * looked up instantly at poll (no OffsetFetch round trip); the rotation of partitions between fetches
 * stands in for Kafka's fetch-session fairness.
 */
import { rejectUnknownConfigs } from '../../clientConfig';
import type { AssignCommand, CreateConsumerCommand, SeekCommand } from '../../commands';
import { requirePartition } from '../../cluster/topics';
import { ASSIGNOR_NAMES } from '../group/assignment';
import { DEFAULT_CONSUMER_CONFIG, type ConsumerConfig } from '../../config';
import { fail } from '../../errors';
import type { FetchedBatch, FetchResponseEvent } from '../../events';
import { notePositionStart } from '../../shared/delivery';
import { pollCoordinator } from '../group/member';
import { isRunning, requireConsumer, requireRunning } from '../../clientLookup';
import { readableEnd } from '../../log/partitionLog';
import type { SimContext } from '../../kernel/context';
import { getOwn, setOwn } from '../../kernel/ownMap';
import type { ConsumerPartitionState, ConsumerState, SimState } from '../../state';
import { tpKey } from '../../shared/topicPartition';
import { actorId } from '../../shared/actorId';
import { commitPositions } from './commits';

function invalid(name: string, value: unknown, why: string): never {
  fail('INVALID_CONFIG', `Invalid value ${JSON.stringify(value)} for configuration ${name}: ${why}`);
}

function resolveConsumerConfig(given: Partial<ConsumerConfig> | undefined): ConsumerConfig {
  rejectUnknownConfigs('consumer', given, DEFAULT_CONSUMER_CONFIG);
  const config: ConsumerConfig = { ...DEFAULT_CONSUMER_CONFIG, ...given };
  if (!['earliest', 'latest', 'none'].includes(config['auto.offset.reset'])) invalid('auto.offset.reset', config['auto.offset.reset'], 'String must be one of: latest, earliest, none');
  if (!Number.isInteger(config['max.poll.records']) || config['max.poll.records'] < 1) invalid('max.poll.records', config['max.poll.records'], 'Value must be at least 1');
  for (const name of ['fetch.max.wait.ms', 'auto.commit.interval.ms'] as const) {
    if (!Number.isInteger(config[name]) || config[name] < 0) invalid(name, config[name], 'Value must be at least 0');
  }
  for (const name of ['session.timeout.ms', 'heartbeat.interval.ms', 'max.poll.interval.ms'] as const) {
    if (!Number.isInteger(config[name]) || config[name] < 1) invalid(name, config[name], 'Value must be at least 1');
  }
  if (config['heartbeat.interval.ms'] >= config['session.timeout.ms']) {
    fail('INVALID_CONFIG', `heartbeat.interval.ms (${config['heartbeat.interval.ms']}) must be lower than session.timeout.ms (${config['session.timeout.ms']}).`);
  }
  const strategies = config['partition.assignment.strategy'];
  if (!Array.isArray(strategies) || strategies.length === 0 || strategies.some((s) => !(ASSIGNOR_NAMES as readonly string[]).includes(s))) {
    invalid('partition.assignment.strategy', strategies, `a non-empty list of ${ASSIGNOR_NAMES.join(', ')}`);
  }
  if (config['group.id'] !== null && config['group.id'].trim() === '') fail('INVALID_GROUP_ID', 'The configured group.id should not be an empty string or whitespace.');
  if (config['group.instance.id'] !== null && config['group.id'] === null) fail('INVALID_GROUP_ID', 'group.instance.id needs a group.id.');
  if (config['group.instance.id'] !== null && config['group.instance.id'].trim() === '') invalid('group.instance.id', config['group.instance.id'], 'an empty group.instance.id is not allowed');
  return { ...config, 'partition.assignment.strategy': [...strategies] };
}

export function createConsumer(ctx: SimContext, command: CreateConsumerCommand): ConsumerState {
  const { state } = ctx;
  if (command.clientId.length === 0) fail('SIM_INVALID_ARGUMENT', 'A consumer needs a client id.');
  // Share consumers share the name space (the lifecycle commands find either by name).
  if (getOwn(state.consumers, command.clientId) !== undefined || getOwn(state.shareConsumers, command.clientId) !== undefined) {
    fail('SIM_DUPLICATE_CLIENT', `A consumer named '${command.clientId}' already exists.`);
  }
  const config = resolveConsumerConfig(command.config);
  const instanceId = config['group.instance.id'];
  if (instanceId !== null && Object.values(state.consumers).some((c) => c.config['group.id'] === config['group.id'] && c.config['group.instance.id'] === instanceId)) {
    fail('SIM_DUPLICATE_CLIENT', `Another consumer of group '${String(config['group.id'])}' already has group.instance.id '${instanceId}'.`);
  }
  const consumer: ConsumerState = {
    clientId: command.clientId,
    config,
    assignment: [],
    fetchCursor: 0,
    inflightFetchId: -1,
    isFetchParked: false,
    nextRequestId: 0,
    nextAutoCommitAt: state.time + config['auto.commit.interval.ms'],
    loop: null,
    pending: [],
    isAwaitingCommit: false,
    fetchedCount: 0,
    processedCount: 0,
    incarnation: 0,
    memberState: 'UNJOINED',
    subscription: null,
    memberId: '',
    generation: -1,
    protocol: null,
    isLeader: false,
    needsRejoin: false,
    heartbeatEventSeq: -1,
    lastPollAt: state.time,
    deferredAssignment: null,
  };
  setOwn(state.consumers, command.clientId, consumer);
  ctx.emit({ kind: 'consumerCreated', level: 'control', actors: [actorId.consumer(command.clientId)], clientId: command.clientId });
  return consumer;
}

/** KafkaConsumer.assign(): replaces the assignment; positions start unknown until the next poll. */
export function assign(ctx: SimContext, command: AssignCommand): void {
  const consumer = requireRunning(ctx.state, command.consumer);
  if (consumer.subscription !== null) fail('SIM_ILLEGAL_STATE', 'Subscription to topics, partitions and pattern are mutually exclusive: this consumer already uses subscribe().');
  const seen = new Set<string>();
  const assignment: ConsumerPartitionState[] = [];
  for (const tp of command.partitions) {
    requirePartition(ctx.state, tp.topic, tp.partition);
    const key = tpKey(tp.topic, tp.partition);
    if (seen.has(key)) continue;
    seen.add(key);
    const kept = consumer.assignment.find((a) => a.topic === tp.topic && a.partition === tp.partition);
    assignment.push({ topic: tp.topic, partition: tp.partition, position: kept?.position ?? -1 });
  }
  const before = new Set(consumer.assignment.map((a) => tpKey(a.topic, a.partition)));
  consumer.assignment = assignment;
  consumer.fetchCursor = 0;
  const partitions = assignment.map(({ topic, partition }) => ({ topic, partition }));
  ctx.emit({
    kind: 'partitionsAssigned',
    level: 'control',
    actors: [actorId.consumer(consumer.clientId), ...assignment.map((a) => actorId.partition(a.topic, a.partition))],
    consumer: consumer.clientId,
    groupId: null,
    generation: -1,
    partitions,
    added: partitions.filter((p) => !before.has(tpKey(p.topic, p.partition))),
  });
  if (isInsidePoll(consumer) && consumer.inflightFetchId === -1) poll(ctx, consumer);
}

/** KafkaConsumer.seek(): the next poll reads from `offset` (out of range → auto.offset.reset, as on fetch). */
export function seek(ctx: SimContext, command: SeekCommand): void {
  const consumer = requireRunning(ctx.state, command.consumer);
  const tp = consumer.assignment.find((a) => a.topic === command.topic && a.partition === command.partition);
  if (tp === undefined) fail('SIM_ILLEGAL_STATE', `No current assignment for partition ${tpKey(command.topic, command.partition)}.`);
  if (!Number.isInteger(command.offset) || command.offset < 0) fail('SIM_INVALID_ARGUMENT', `seek offset must not be a negative number, got ${String(command.offset)}.`);
  seekPositions(ctx, consumer, [[tp, command.offset]]);
}

/**
 * seek(), seekToBeginning(), seekToEnd(): set the positions, drop a fetch already out (it would return
 * records from the old position) and fetch again if the application is inside poll().
 */
export function seekPositions(ctx: SimContext, consumer: ConsumerState, positions: readonly (readonly [ConsumerPartitionState, number])[]): void {
  for (const [tp, offset] of positions) {
    tp.position = offset;
    ctx.emit({
      kind: 'positionReset',
      level: 'control',
      actors: [actorId.consumer(consumer.clientId), actorId.partition(tp.topic, tp.partition)],
      consumer: consumer.clientId,
      topic: tp.topic,
      partition: tp.partition,
      offset,
      reason: 'seek',
    });
  }
  abandonFetch(consumer);
  if (isInsidePoll(consumer)) poll(ctx, consumer);
}

/** Where a consumer may read up to: the high watermark, or the LSO for read_committed. */
function fetchLimit(state: SimState, consumer: ConsumerState, tp: ConsumerPartitionState): number {
  return readableEnd(requirePartition(state, tp.topic, tp.partition).log, consumer.config['isolation.level']);
}

/** Gives every partition without a position one: the committed offset, else auto.offset.reset. */
function initialisePositions(ctx: SimContext, consumer: ConsumerState): void {
  const groupId = consumer.config['group.id'];
  const offsets = groupId === null ? undefined : getOwn(ctx.state.groups, groupId)?.offsets;
  for (const tp of consumer.assignment) {
    if (tp.position >= 0) continue;
    const committed = offsets === undefined ? undefined : getOwn(offsets, tpKey(tp.topic, tp.partition));
    const base = { consumer: consumer.clientId, topic: tp.topic, partition: tp.partition };
    const actors = [actorId.consumer(consumer.clientId), actorId.partition(tp.topic, tp.partition)];
    const reset = consumer.config['auto.offset.reset'];
    const log = requirePartition(ctx.state, tp.topic, tp.partition).log;
    // A committed offset outside the log gets OFFSET_OUT_OF_RANGE on fetch; the client then resets.
    const isCommittedInRange = committed !== undefined && committed.offset >= log.logStartOffset && committed.offset <= log.logEndOffset;
    if (committed !== undefined && isCommittedInRange) {
      tp.position = committed.offset;
      ctx.emit({ kind: 'positionReset', level: 'control', actors, ...base, offset: tp.position, reason: 'committed' });
    } else if (reset === 'none') {
      ctx.emit({ kind: 'noOffsetForPartition', level: 'control', actors, ...base });
      continue;
    } else {
      tp.position = reset === 'earliest' ? log.logStartOffset : fetchLimit(ctx.state, consumer, tp);
      ctx.emit({ kind: 'positionReset', level: 'control', actors, ...base, offset: tp.position, reason: reset });
    }
    if (groupId !== null) notePositionStart(ctx, consumer.clientId, groupId, tp.topic, tp.partition, tp.position);
  }
}

/** The application is blocked in poll() (the loop waits for records): a rebalance can complete now. */
export function isInsidePoll(consumer: ConsumerState): boolean {
  return consumer.loop !== null && consumer.pending.length === 0 && !consumer.isAwaitingCommit && isRunning(consumer);
}

/** Forget the fetch in flight: its response will be ignored. */
export function abandonFetch(consumer: ConsumerState): void {
  consumer.inflightFetchId = -1;
  consumer.isFetchParked = false;
}

/** KafkaConsumer.poll(): group work first, then auto-commit if due, then a fetch unless one is out. */
export function poll(ctx: SimContext, consumer: ConsumerState): void {
  const { state } = ctx;
  if (!isRunning(consumer)) return;
  consumer.lastPollAt = state.time;
  pollCoordinator(ctx, consumer);
  const isGroupStable = consumer.subscription === null || consumer.memberState === 'STABLE';
  if (consumer.config['enable.auto.commit'] && consumer.config['group.id'] !== null && isGroupStable && state.time >= consumer.nextAutoCommitAt) {
    consumer.nextAutoCommitAt = state.time + consumer.config['auto.commit.interval.ms'];
    commitPositions(ctx, consumer, consumer.assignment, { isAutoCommit: true, resumeLoop: false });
  }
  if (consumer.inflightFetchId !== -1) return;
  initialisePositions(ctx, consumer);
  if (!consumer.assignment.some((tp) => tp.position >= 0)) return;
  const fetchId = consumer.nextRequestId++;
  consumer.inflightFetchId = fetchId;
  ctx.emit({ kind: 'fetchSent', level: 'internal', actors: [actorId.consumer(consumer.clientId)], consumer: consumer.clientId, fetchId });
  ctx.schedule(state.network.latencyMs, { type: 'fetchArrived', consumer: consumer.clientId, fetchId });
}

/** The fetched records reach the application: positions move past them. */
export function onFetchResponse(ctx: SimContext, event: FetchResponseEvent): void {
  const consumer = requireConsumer(ctx.state, event.consumer);
  if (consumer.inflightFetchId !== event.fetchId) return;
  consumer.inflightFetchId = -1;
  const delivered: FetchedBatch[] = [];
  for (const batch of event.batches) {
    const tp = consumer.assignment.find((a) => a.topic === batch.topic && a.partition === batch.partition);
    const { records } = batch;
    const first = records[0];
    const last = records[records.length - 1];
    // Drop data for partitions reassigned or repositioned while the fetch was out, as the client does.
    if (tp === undefined || batch.nextOffset <= tp.position || (first !== undefined && first.offset < tp.position)) continue;
    tp.position = batch.nextOffset; // past skipped markers and aborted records too
    if (first === undefined || last === undefined) continue;
    delivered.push(batch);
    ctx.emit({
      kind: 'recordsFetched',
      level: 'message',
      actors: [actorId.partition(batch.topic, batch.partition), actorId.consumer(consumer.clientId)],
      consumer: consumer.clientId,
      topic: batch.topic,
      partition: batch.partition,
      firstOffset: first.offset,
      lastOffset: last.offset,
      count: records.length,
      position: tp.position,
    });
  }
  const count = delivered.reduce((n, b) => n + b.records.length, 0);
  consumer.fetchedCount += count;
  if (count === 0) {
    ctx.emit({ kind: 'fetchReturnedEmpty', level: 'internal', actors: [actorId.consumer(consumer.clientId)], consumer: consumer.clientId, waitedMs: consumer.config['fetch.max.wait.ms'] });
  }
  ctx.notify({ type: 'recordsPolled', consumer: consumer.clientId, batches: delivered });
}
