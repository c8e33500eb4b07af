/**
 * The consumer client with manual assignment (`assign()`); groups and rebalances are issue 3.
 *
 * Models: positions (the offset of the next record to read), initialised from the group's committed
 * offset or else auto.offset.reset (earliest = log start offset, latest = high watermark or LSO,
 * none = NoOffsetForPartitionException); fetches that read up to the high watermark (LSO for
 * read_committed) and return at most max.poll.records; long polling, where a fetch that finds nothing
 * is parked at the broker until data arrives or fetch.max.wait.ms passes (fetch.min.bytes = 1);
 * commits of "next offset to read" to the group coordinator; auto-commit inside poll every
 * auto.commit.interval.ms; and a poll loop that processes each record for a simulated time and then
 * commits (commitSync) or polls again.
 * Simplified: one fetch covers all assigned partitions whatever their leaders; the committed offset is
 * looked up instantly at poll (no OffsetFetch round trip); the rotation of partitions between fetches
 * stands in for Kafka's fetch-session fairness.
 */
import type { AssignCommand, CommitCommand, CreateConsumerCommand, StartConsumerLoopCommand } from '../commands';
import { requirePartition } from '../cluster/topics';
import { DEFAULT_CONSUMER_CONFIG, type ConsumerConfig } from '../config';
import { fail } from '../errors';
import type {
  FetchArrivedEvent,
  FetchedBatch,
  FetchExpiredEvent,
  FetchResponseEvent,
  OffsetCommitArrivedEvent,
  OffsetCommitResponseEvent,
  ProcessingDoneEvent,
} from '../events';
import type { SimContext } from '../kernel/context';
import { getOwn, setOwn } from '../kernel/ownMap';
import { readRecords } from '../log/partitionLog';
import { tpKey, type ConsumerPartitionState, type ConsumerState, type SimState } from '../state';

function resolveConsumerConfig(given: Partial<ConsumerConfig> | undefined): ConsumerConfig {
  const config: ConsumerConfig = { ...DEFAULT_CONSUMER_CONFIG, ...given };
  if (!['earliest', 'latest', 'none'].includes(config['auto.offset.reset'])) {
    fail('INVALID_CONFIG', `Invalid value ${config['auto.offset.reset']} for configuration auto.offset.reset: String must be one of: latest, earliest, none`);
  }
  if (!Number.isInteger(config['max.poll.records']) || config['max.poll.records'] < 1) {
    fail('INVALID_CONFIG', `Invalid value ${String(config['max.poll.records'])} for configuration max.poll.records: Value must be at least 1`);
  }
  for (const name of ['fetch.max.wait.ms', 'auto.commit.interval.ms'] as const) {
    if (!Number.isInteger(config[name]) || config[name] < 0) fail('INVALID_CONFIG', `Invalid value ${String(config[name])} for configuration ${name}: Value must be at least 0`);
  }
  if (config['group.id'] === '') fail('INVALID_GROUP_ID', 'The configured group.id should not be an empty string or whitespace.');
  return config;
}

export function createConsumer(ctx: SimContext, command: CreateConsumerCommand): ConsumerState {
  const { state } = ctx;
  if (command.clientId.length === 0) fail('SIM_INVALID_ARGUMENT', 'A consumer needs a client id.');
  if (getOwn(state.consumers, command.clientId) !== undefined) fail('SIM_DUPLICATE_CLIENT', `A consumer named '${command.clientId}' already exists.`);
  const config = resolveConsumerConfig(command.config);
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
    fetchedCount: 0,
  };
  setOwn(state.consumers, command.clientId, consumer);
  ctx.emit({ kind: 'consumerCreated', level: 'control', actors: [`consumer:${command.clientId}`], clientId: command.clientId });
  return consumer;
}

export function requireConsumer(state: SimState, clientId: string): ConsumerState {
  const consumer = getOwn(state.consumers, clientId);
  if (consumer === undefined) fail('SIM_UNKNOWN_CLIENT', `There is no consumer named '${clientId}'.`);
  return consumer;
}

/** KafkaConsumer.assign(): replaces the assignment; positions start unknown until the next poll. */
export function assign(ctx: SimContext, command: AssignCommand): void {
  const consumer = requireConsumer(ctx.state, command.consumer);
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
  consumer.assignment = assignment;
  consumer.fetchCursor = 0;
  ctx.emit({
    kind: 'partitionsAssigned',
    level: 'control',
    actors: [`consumer:${consumer.clientId}`, ...assignment.map((a) => `partition:${tpKey(a.topic, a.partition)}`)],
    consumer: consumer.clientId,
    partitions: assignment.map(({ topic, partition }) => ({ topic, partition })),
  });
  if (consumer.loop !== null && consumer.inflightFetchId === -1) poll(ctx, consumer);
}

/** Where a consumer may read up to: the high watermark, or the LSO for read_committed. */
function fetchLimit(state: SimState, consumer: ConsumerState, tp: ConsumerPartitionState): number {
  const log = requirePartition(state, tp.topic, tp.partition).log;
  return consumer.config['isolation.level'] === 'read_committed' ? log.lastStableOffset : log.highWatermark;
}

/** Gives every partition without a position one: the committed offset, else auto.offset.reset. */
function initialisePositions(ctx: SimContext, consumer: ConsumerState): void {
  const groupId = consumer.config['group.id'];
  const offsets = groupId === null ? undefined : getOwn(ctx.state.groups, groupId)?.offsets;
  for (const tp of consumer.assignment) {
    if (tp.position >= 0) continue;
    const committed = offsets === undefined ? undefined : getOwn(offsets, tpKey(tp.topic, tp.partition));
    const base = { consumer: consumer.clientId, topic: tp.topic, partition: tp.partition };
    const actors = [`consumer:${consumer.clientId}`, `partition:${tpKey(tp.topic, tp.partition)}`];
    const reset = consumer.config['auto.offset.reset'];
    const bounds = requirePartition(ctx.state, tp.topic, tp.partition).log;
    // A committed offset outside the log gets OFFSET_OUT_OF_RANGE on fetch; the client then resets.
    const isCommittedInRange = committed !== undefined && committed.offset >= bounds.logStartOffset && committed.offset <= bounds.logEndOffset;
    if (committed !== undefined && isCommittedInRange) {
      tp.position = committed.offset;
      ctx.emit({ kind: 'positionReset', level: 'control', actors, ...base, offset: tp.position, reason: 'committed' });
    } else if (reset === 'none') {
      ctx.emit({ kind: 'noOffsetForPartition', level: 'control', actors, ...base });
    } else {
      const log = requirePartition(ctx.state, tp.topic, tp.partition).log;
      tp.position = reset === 'earliest' ? log.logStartOffset : fetchLimit(ctx.state, consumer, tp);
      ctx.emit({ kind: 'positionReset', level: 'control', actors, ...base, offset: tp.position, reason: reset });
    }
  }
}

/** KafkaConsumer.poll(): auto-commit if due, then send a fetch unless one is already out. */
export function poll(ctx: SimContext, consumer: ConsumerState): void {
  const { state } = ctx;
  if (consumer.inflightFetchId !== -1) return;
  initialisePositions(ctx, consumer);
  if (consumer.config['enable.auto.commit'] && consumer.config['group.id'] !== null && state.time >= consumer.nextAutoCommitAt) {
    consumer.nextAutoCommitAt = state.time + consumer.config['auto.commit.interval.ms'];
    sendCommit(ctx, consumer, currentPositions(consumer), { isAutoCommit: true, resumeLoop: false });
  }
  if (!consumer.assignment.some((tp) => tp.position >= 0)) return;
  const fetchId = consumer.nextRequestId++;
  consumer.inflightFetchId = fetchId;
  ctx.emit({ kind: 'fetchSent', level: 'internal', actors: [`consumer:${consumer.clientId}`], consumer: consumer.clientId, fetchId });
  ctx.schedule(state.network.latencyMs, { type: 'fetchArrived', consumer: consumer.clientId, fetchId });
}

function collectFetch(state: SimState, consumer: ConsumerState): FetchedBatch[] {
  const batches: FetchedBatch[] = [];
  let budget = consumer.config['max.poll.records'];
  const n = consumer.assignment.length;
  for (let i = 0; i < n && budget > 0; i++) {
    const tp = consumer.assignment[(consumer.fetchCursor + i) % n]!;
    if (tp.position < 0) continue;
    const log = requirePartition(state, tp.topic, tp.partition).log;
    const records = readRecords(log, tp.position, fetchLimit(state, consumer, tp), budget);
    if (records.length === 0) continue;
    budget -= records.length;
    batches.push({ topic: tp.topic, partition: tp.partition, records, highWatermark: log.highWatermark });
  }
  if (n > 0) consumer.fetchCursor = (consumer.fetchCursor + 1) % n;
  return batches;
}

export function onFetchArrived(ctx: SimContext, event: FetchArrivedEvent): void {
  const consumer = requireConsumer(ctx.state, event.consumer);
  if (consumer.inflightFetchId !== event.fetchId) return;
  const batches = collectFetch(ctx.state, consumer);
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
    const batches = collectFetch(ctx.state, consumer);
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

/** The fetched records reach the application: positions move past them. */
export function onFetchResponse(ctx: SimContext, event: FetchResponseEvent): void {
  const consumer = requireConsumer(ctx.state, event.consumer);
  if (consumer.inflightFetchId !== event.fetchId) return;
  consumer.inflightFetchId = -1;
  let delivered = 0;
  for (const batch of event.batches) {
    const tp = consumer.assignment.find((a) => a.topic === batch.topic && a.partition === batch.partition);
    const first = batch.records[0];
    const last = batch.records[batch.records.length - 1];
    // Drop data for partitions reassigned or repositioned while the fetch was out, as the client does.
    if (tp === undefined || first === undefined || last === undefined || first.offset < tp.position) continue;
    tp.position = last.offset + 1;
    delivered += batch.records.length;
    ctx.emit({
      kind: 'recordsFetched',
      level: 'message',
      actors: [`partition:${tpKey(batch.topic, batch.partition)}`, `consumer:${consumer.clientId}`],
      consumer: consumer.clientId,
      topic: batch.topic,
      partition: batch.partition,
      firstOffset: first.offset,
      lastOffset: last.offset,
      count: batch.records.length,
      position: tp.position,
    });
  }
  consumer.fetchedCount += delivered;
  if (delivered === 0) {
    ctx.emit({ kind: 'fetchReturnedEmpty', level: 'internal', actors: [`consumer:${consumer.clientId}`], consumer: consumer.clientId, waitedMs: consumer.config['fetch.max.wait.ms'] });
  }
  if (consumer.loop === null) return;
  if (delivered > 0) ctx.schedule(consumer.loop.processingMsPerRecord * delivered, { type: 'processingDone', consumer: consumer.clientId });
  else poll(ctx, consumer);
}

export function onProcessingDone(ctx: SimContext, event: ProcessingDoneEvent): void {
  const consumer = requireConsumer(ctx.state, event.consumer);
  if (consumer.loop === null) return;
  if (consumer.loop.commitAfterProcessing && consumer.config['group.id'] !== null) {
    // commitSync: the loop polls again once the commit is answered.
    sendCommit(ctx, consumer, currentPositions(consumer), { isAutoCommit: false, resumeLoop: true });
  } else {
    poll(ctx, consumer);
  }
}

function currentPositions(consumer: ConsumerState): CommitCommand['offsets'] & object {
  return consumer.assignment.filter((tp) => tp.position >= 0).map(({ topic, partition, position }) => ({ topic, partition, offset: position }));
}

/** KafkaConsumer.commitSync(offsets): the committed offset is the next offset to read. */
export function commit(ctx: SimContext, command: CommitCommand): void {
  const consumer = requireConsumer(ctx.state, command.consumer);
  if (consumer.config['group.id'] === null) {
    fail('INVALID_GROUP_ID', 'To use the group management or offset commit APIs, you must provide a valid group.id in the consumer configuration.');
  }
  const offsets = command.offsets ?? currentPositions(consumer);
  for (const o of offsets) {
    requirePartition(ctx.state, o.topic, o.partition);
    if (!Number.isInteger(o.offset) || o.offset < 0) fail('SIM_INVALID_ARGUMENT', `Invalid offset ${String(o.offset)} for ${tpKey(o.topic, o.partition)}: a committed offset is the next offset to read, 0 or more.`);
  }
  sendCommit(ctx, consumer, offsets, { isAutoCommit: false, resumeLoop: false });
}

function sendCommit(ctx: SimContext, consumer: ConsumerState, offsets: NonNullable<CommitCommand['offsets']>, opts: { isAutoCommit: boolean; resumeLoop: boolean }): void {
  const groupId = consumer.config['group.id'];
  if (groupId === null || offsets.length === 0) {
    if (opts.resumeLoop) poll(ctx, consumer);
    return;
  }
  ctx.schedule(ctx.state.network.latencyMs, { type: 'offsetCommitArrived', consumer: consumer.clientId, groupId, offsets, ...opts });
}

/** The group coordinator stores the offsets (latest commit wins) and answers. */
export function onOffsetCommitArrived(ctx: SimContext, event: OffsetCommitArrivedEvent): void {
  const { state } = ctx;
  let group = getOwn(state.groups, event.groupId);
  if (group === undefined) {
    group = { groupId: event.groupId, offsets: {} };
    setOwn(state.groups, event.groupId, group);
  }
  for (const o of event.offsets) {
    const key = tpKey(o.topic, o.partition);
    setOwn(group.offsets, key, { offset: o.offset, metadata: '', commitTimestamp: state.time });
    ctx.emit({
      kind: 'offsetCommitted',
      level: 'message',
      actors: [`consumer:${event.consumer}`, `group:${event.groupId}`, `partition:${key}`],
      consumer: event.consumer,
      groupId: event.groupId,
      topic: o.topic,
      partition: o.partition,
      offset: o.offset,
      isAutoCommit: event.isAutoCommit,
    });
  }
  ctx.schedule(state.network.latencyMs, { type: 'offsetCommitResponse', consumer: event.consumer, resumeLoop: event.resumeLoop });
}

export function onOffsetCommitResponse(ctx: SimContext, event: OffsetCommitResponseEvent): void {
  const consumer = requireConsumer(ctx.state, event.consumer);
  if (event.resumeLoop && consumer.loop !== null) poll(ctx, consumer);
}

/** Starts the application's poll loop: poll, process each record, commit if configured, repeat. */
export function startConsumerLoop(ctx: SimContext, command: StartConsumerLoopCommand): void {
  const consumer = requireConsumer(ctx.state, command.consumer);
  if (!Number.isFinite(command.processingMsPerRecord) || command.processingMsPerRecord < 0) {
    fail('SIM_INVALID_ARGUMENT', `processingMsPerRecord must be 0 or more, got ${String(command.processingMsPerRecord)}.`);
  }
  consumer.loop = { processingMsPerRecord: command.processingMsPerRecord, commitAfterProcessing: command.commitAfterProcessing };
  poll(ctx, consumer);
}
