/**
 * The producer client and the leader's side of a produce.
 *
 * Models: send() choosing the partition at once (partitioner.ts), the RecordAccumulator keeping one
 * open batch per partition that is sent when it is full or when linger.ms has passed since it opened,
 * the ProduceRequest travelling to the partition leader, the leader assigning offsets at append, and
 * the ProduceResponse (none for acks=0). Idempotent producers get a producer id and per-partition
 * sequence numbers, as InitProducerId and the batch header give them (KIP-98, on by default since 3.0).
 * Idempotence is silently off when acks is not all and enable.idempotence was not set, and an explicit
 * enable.idempotence=true with another acks is a config error, as ProducerConfig checks.
 * Sending, retries, expiry and the idempotent producer's recovery are the Sender's (sender.ts).
 * Simplified: an idempotent producer's InitProducerId is instant; no buffer.memory limit.
 */
import { rejectUnknownConfigs } from '../../clientConfig';
import { createTopic, requireTopic } from '../../cluster/topics';
import type { CreateProducerCommand, DropNextProduceResponseCommand, SendCommand, SendOffsetsToTransactionCommand, TransactionCommand } from '../../commands';
import { addPartitionIfNew, onEndTxnResponse, onInitProducerIdResponse, sendOffsetsToTransaction, transactionCall } from '../txn/client';
import { DEFAULT_PRODUCER_CONFIG, type ProducerConfig } from '../../config';
import { fail } from '../../errors';
import type { EndTxnResponseEvent, InitProducerIdResponseEvent, LingerExpiredEvent, ProduceArrivedEvent, ProduceError } from '../../events';
import type { SimContext } from '../../kernel/context';
import { getOwn, setOwn } from '../../kernel/ownMap';
import { appendBatch } from '../../log/partitionLog';
import { checkSequence, recordBatch } from '../../log/producerState';
import { effectiveMinIsr, maybeIncrementHighWatermark, wakeParkedReplicaFetches } from '../../cluster/replication';
import { brokerIncarnation, isBrokerAlive } from '../../cluster/brokerLookup';
import { RECORD_BATCH_OVERHEAD_BYTES, recordSizeBytes } from '../../log/recordSize';
import { tpKey, type PendingRecord, type RecordHeader, type ProducerState, type SimState } from '../../state';
import { choosePartition, updateStickyPartition } from './partitioner';
import { closeBatch } from './sender';

function resolveProducerConfig(given: Partial<ProducerConfig> | undefined): ProducerConfig {
  rejectUnknownConfigs('producer', given, DEFAULT_PRODUCER_CONFIG);
  const config: ProducerConfig = { ...DEFAULT_PRODUCER_CONFIG, ...given };
  if (!Number.isInteger(config['max.request.size']) || config['max.request.size'] < 1) fail('INVALID_CONFIG', `Invalid value ${String(config['max.request.size'])} for configuration max.request.size: Value must be at least 1`);
  if (!['all', '1', '0'].includes(config.acks)) fail('INVALID_CONFIG', `Invalid value ${config.acks} for configuration acks: String must be one of: all, -1, 0, 1`);
  for (const name of ['linger.ms', 'batch.size', 'retry.backoff.ms', 'retry.backoff.max.ms'] as const) {
    if (!Number.isInteger(config[name]) || config[name] < 0) fail('INVALID_CONFIG', `Invalid value ${String(config[name])} for configuration ${name}: Value must be at least 0`);
  }
  const maxInFlight = config['max.in.flight.requests.per.connection'];
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1) fail('INVALID_CONFIG', `Invalid value ${String(maxInFlight)} for configuration max.in.flight.requests.per.connection: Value must be at least 1`);
  if (config.acks !== 'all') {
    if (given?.['enable.idempotence'] === true) fail('INVALID_CONFIG', 'Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.');
    config['enable.idempotence'] = false;
  }
  if (maxInFlight > 5) {
    if (given?.['enable.idempotence'] === true) fail('INVALID_CONFIG', 'Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer.');
    config['enable.idempotence'] = false;
  }
  return config;
}

export function createProducer(ctx: SimContext, command: CreateProducerCommand): ProducerState {
  const { state } = ctx;
  if (command.clientId.length === 0) fail('SIM_INVALID_ARGUMENT', 'A producer needs a client id.');
  if (getOwn(state.producers, command.clientId) !== undefined) fail('SIM_DUPLICATE_CLIENT', `A producer named '${command.clientId}' already exists.`);
  const config = resolveProducerConfig(command.config);
  const isTransactional = config['transactional.id'] !== null;
  const isIdempotent = config['enable.idempotence'] && !isTransactional;
  const producer: ProducerState = {
    clientId: command.clientId,
    config,
    producerId: isIdempotent ? state.nextProducerId++ : -1,
    producerEpoch: isIdempotent ? 0 : -1,
    nextSequence: {},
    accumulator: {},
    sticky: {},
    nextRequestId: 0,
    batches: {},
    unfinishedBatchCount: 0,
    inFlightCount: {},
    wakeupAt: -1,
    leaderWaits: 0,
    awaitingLeader: [],
    epochBumpReason: null,
    recordsGivenUp: 0,
    dropNextResponse: false,
    txn: isTransactional ? { state: 'UNINITIALIZED', partitions: [], abortableError: null } : null,
    sentCount: 0,
    topicsWritten: [],
    ackedCount: 0,
    failedCount: 0,
  };
  setOwn(state.producers, command.clientId, producer);
  ctx.emit({ kind: 'producerCreated', level: 'control', actors: [`producer:${command.clientId}`], clientId: command.clientId });
  return producer;
}

export function requireProducer(state: SimState, clientId: string): ProducerState {
  const producer = getOwn(state.producers, clientId);
  if (producer === undefined) fail('SIM_UNKNOWN_CLIENT', `There is no producer named '${clientId}'.`);
  return producer;
}

export interface SendReceipt {
  topic: string;
  partition: number;
}

const NO_HEADERS: RecordHeader[] = [];

/** KafkaProducer.send(): picks the partition and adds the record to that partition's open batch. */
export function send(ctx: SimContext, command: SendCommand): SendReceipt {
  const { state } = ctx;
  const producer = requireProducer(state, command.producer);
  // ProducerRecord's timestamp (CreateTime), checked before anything happens; send() time when not given.
  const timestamp = command.timestamp ?? state.time;
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) fail('SIM_INVALID_ARGUMENT', `Invalid timestamp: ${String(timestamp)}. Timestamp should always be non-negative or null (a whole number of ms).`);
  const topic = getOwn(state.topics, command.topic) ?? autoCreateTopic(ctx, command.topic);
  const key = command.key ?? null;
  // Copied so a caller changing its array later cannot change the log. Records never change once written
  // (kernel/checkpoint.ts), so every record without headers shares one empty list: a new one per record
  // was 4 % of the engine's time in the bench.
  const headers = command.headers === undefined || command.headers.length === 0 ? NO_HEADERS : command.headers.map((h) => ({ key: h.key, value: h.value }));
  if (command.partition !== undefined && !(Number.isInteger(command.partition) && command.partition >= 0 && command.partition < topic.partitions.length)) {
    fail('SIM_INVALID_ARGUMENT', `Invalid partition given with record: ${String(command.partition)} is not in the range [0...${topic.partitions.length}).`);
  }
  if (key === null && topic.configs['cleanup.policy'].includes('compact')) {
    fail('INVALID_RECORD', `Compacted topic cannot accept message without key in topic partition ${topic.name}: a record sent to a compacted topic needs a key.`);
  }

  if (producer.txn !== null && producer.txn.state !== 'IN_TRANSACTION') {
    fail('SIM_ILLEGAL_STATE', `Cannot send with ${producer.clientId} outside a transaction (state ${producer.txn.state}): call ${producer.txn.state === 'UNINITIALIZED' ? 'initTransactions() and ' : ''}beginTransaction() first.`);
  }
  const { partition, partitionedBy } = choosePartition(ctx, producer, topic, key, command.partition);
  const key2 = tpKey(topic.name, partition);
  addPartitionIfNew(ctx, producer, topic.name, partition);
  const sizeBytes = recordSizeBytes(key, command.value, headers);
  if (sizeBytes > producer.config['max.request.size']) {
    fail('MESSAGE_TOO_LARGE', `The message is ${sizeBytes} bytes when serialized which is larger than ${producer.config['max.request.size']}, which is the value of the max.request.size configuration.`);
  }
  const record: PendingRecord = { key, value: command.value, headers, timestamp, sizeBytes, partitionedBy };
  addToAccumulator(ctx, producer, topic.name, partition, record);
  if (partitionedBy === 'sticky') updateStickyPartition(ctx, producer, topic, sizeBytes);
  producer.sentCount++;
  if (!producer.topicsWritten.includes(topic.name)) producer.topicsWritten.push(topic.name);
  ctx.emit({
    kind: 'recordSent',
    level: 'internal',
    actors: [`producer:${producer.clientId}`, `partition:${key2}`],
    producer: producer.clientId,
    topic: topic.name,
    partition,
    key,
    partitionedBy,
  });
  return { topic: topic.name, partition };
}

function autoCreateTopic(ctx: SimContext, name: string) {
  const config = ctx.state.brokerConfig;
  if (!config['auto.create.topics.enable']) {
    fail('UNKNOWN_TOPIC_OR_PARTITION', `Topic '${name}' does not exist and auto.create.topics.enable is false. A real producer would wait max.block.ms (60 s) for its metadata and then fail with "Topic ${name} not present in metadata after 60000 ms."`);
  }
  return createTopic(ctx, { name, partitions: config['num.partitions'], replicationFactor: config['default.replication.factor'] }, true);
}

/** RecordAccumulator.append: join the partition's open batch if the record fits, else open a new one. */
function addToAccumulator(ctx: SimContext, producer: ProducerState, topic: string, partition: number, record: PendingRecord): void {
  const key = tpKey(topic, partition);
  const batchSize = producer.config['batch.size'];
  let batch = getOwn(producer.accumulator, key);
  if (batch !== undefined && batch.sizeBytes + record.sizeBytes > batchSize) {
    closeBatch(ctx, producer, batch);
    batch = undefined;
  }
  if (batch === undefined) {
    const lingerEventSeq = ctx.schedule(producer.config['linger.ms'], { type: 'lingerExpired', producer: producer.clientId, topic, partition });
    batch = { topic, partition, records: [], sizeBytes: RECORD_BATCH_OVERHEAD_BYTES, createdAt: ctx.state.time, lingerEventSeq };
    setOwn(producer.accumulator, key, batch);
  }
  batch.records.push(record);
  batch.sizeBytes += record.sizeBytes;
  // A full batch (or a record bigger than batch.size, which gets a batch of its own) goes at once.
  if (batch.sizeBytes >= batchSize) closeBatch(ctx, producer, batch);
}

export function onLingerExpired(ctx: SimContext, event: LingerExpiredEvent): void {
  const producer = requireProducer(ctx.state, event.producer);
  const batch = getOwn(producer.accumulator, tpKey(event.topic, event.partition));
  // The batch this timer was set for may have filled and gone already.
  if (batch !== undefined && batch.lingerEventSeq === event.seq) closeBatch(ctx, producer, batch);
}

/** The partition leader appends the batch, assigning offsets, and answers unless acks=0. */
export function onProduceArrived(ctx: SimContext, event: ProduceArrivedEvent): void {
  const { state } = ctx;
  const producer = requireProducer(state, event.producer);
  const topic = requireTopic(state, event.topic);
  const partition = topic.partitions[event.partition]!;
  const key = tpKey(event.topic, event.partition);
  if (!isBrokerAlive(state, event.leader) || brokerIncarnation(state, event.leader) !== event.leaderIncarnation) {
    // The broker went down under the request: the connection closes and the producer retries.
    ctx.emit({ kind: 'produceRequestLost', level: 'control', actors: [`producer:${producer.clientId}`, `partition:${key}`], producer: producer.clientId, topic: event.topic, partition: event.partition, broker: event.leader, count: event.records.length });
    respond(ctx, producer, event, 'NETWORK_EXCEPTION');
    return;
  }
  if (partition.leader !== event.leader) {
    rejectBatch(ctx, producer, event, event.leader, 'NOT_LEADER_OR_FOLLOWER', `Broker ${event.leader} is not the leader of ${key} any more.`);
    return;
  }
  if (topic.configs['cleanup.policy'].includes('compact') && event.records.some((r) => r.key === null)) {
    // LogValidator: a compacted topic needs a key on every record; the whole batch is refused.
    rejectBatch(ctx, producer, event, partition.leader, 'INVALID_RECORD', `Compacted topic cannot accept message without key in topic partition ${key}.`);
    return;
  }
  if (producer.config.acks === 'all' && partition.isr.length < effectiveMinIsr(topic, partition)) {
    // Checked before the append, for acks=all producers only.
    rejectBatch(ctx, producer, event, partition.leader, 'NOT_ENOUGH_REPLICAS', `The in-sync replicas of ${key} (${partition.isr.join(', ')}) are fewer than min.insync.replicas = ${topic.configs['min.insync.replicas']}.`);
    return;
  }
  const first = event.records[0];
  const lastRecord = event.records[event.records.length - 1];
  const lastSequence = (event.baseSequence + event.records.length - 1) % 0x80000000;
  const check = first === undefined || lastRecord === undefined ? { result: 'append' as const } : checkSequence(partition, event.producerId, event.producerEpoch, event.baseSequence, lastSequence);
  if (check.result === 'duplicate') {
    // A retry of a batch already in the log: answer with the original offsets, append nothing.
    ctx.emit({ kind: 'duplicateBatchIgnored', level: 'control', actors: [`producer:${producer.clientId}`, `partition:${key}`], producer: producer.clientId, topic: event.topic, partition: event.partition, baseOffset: check.baseOffset, count: event.records.length, firstSequence: event.baseSequence });
    if (producer.config.acks === 'all' && check.baseOffset + event.records.length > partition.log.highWatermark) {
      // Still an acks=all write: answered once the high watermark covers the original (DelayedProduce).
      partition.pendingAcks.push({ producer: producer.clientId, requestId: event.requestId, attempt: event.attempt, baseOffset: check.baseOffset, count: event.records.length });
    } else {
      respond(ctx, producer, event, 'NONE', check.baseOffset, event.records.length);
    }
    return;
  }
  if (check.result === 'error') {
    rejectBatch(ctx, producer, event, partition.leader, check.error, check.message);
    return;
  }
  const { records: appended, rolled } = appendBatch(partition.log, event.records, {
    producerId: event.producerId,
    producerEpoch: event.producerEpoch,
    baseSequence: event.baseSequence,
    clientId: producer.clientId,
    appendTime: state.time,
    useLogAppendTime: topic.configs['message.timestamp.type'] === 'LogAppendTime',
    isTransactional: event.isTransactional,
  }, topic.configs);
  if (first !== undefined && appended[0] !== undefined) {
    recordBatch(partition, event.producerId, event.producerEpoch, { firstSeq: event.baseSequence, lastSeq: lastSequence, baseOffset: appended[0].offset, count: appended.length });
  }
  if (rolled !== null) {
    ctx.emit({
      kind: 'segmentRolled',
      level: 'control',
      actors: [`broker:${partition.leader}`, `partition:${key}`],
      topic: event.topic,
      partition: event.partition,
      baseOffset: rolled.baseOffset,
      reason: rolled.reason,
    });
  }
  // One actors list for the batch's entries (entries are read-only): built per record it was a tenth of a send.
  const actors = [`producer:${producer.clientId}`, `broker:${partition.leader}`, `partition:${key}`];
  for (let i = 0; i < appended.length; i++) {
    const record = appended[i]!;
    ctx.emit({
      kind: 'recordAppended',
      level: 'message',
      actors,
      producer: producer.clientId,
      topic: event.topic,
      partition: event.partition,
      offset: record.offset,
      key: record.key,
      value: record.value,
      leader: partition.leader,
      partitionedBy: event.records[i]!.partitionedBy,
    });
  }
  if (producer.config.acks === 'all') {
    // Answered once the high watermark passes the batch (right away with a single replica).
    partition.pendingAcks.push({ producer: producer.clientId, requestId: event.requestId, attempt: event.attempt, baseOffset: appended[0]?.offset ?? -1, count: appended.length });
  } else {
    respond(ctx, producer, event, 'NONE', appended[0]?.offset ?? -1, appended.length);
  }
  // Consumers wake when the high watermark moves (maybeIncrementHighWatermark); followers wake on the append.
  maybeIncrementHighWatermark(ctx, topic, partition);
  wakeParkedReplicaFetches(ctx, partition);
}

/** The ProduceResponse, unless acks=0 (then the producer hears nothing). */
function respond(ctx: SimContext, producer: ProducerState, event: ProduceArrivedEvent, error: ProduceError, baseOffset = -1, count = 0): void {
  if (producer.config.acks === '0') return;
  ctx.schedule(ctx.state.network.latencyMs, { type: 'produceResponse', producer: producer.clientId, requestId: event.requestId, topic: event.topic, partition: event.partition, baseOffset, count, error, attempt: event.attempt });
}

function rejectBatch(ctx: SimContext, producer: ProducerState, event: ProduceArrivedEvent, leader: number, error: 'INVALID_RECORD' | 'NOT_ENOUGH_REPLICAS' | 'NOT_LEADER_OR_FOLLOWER' | 'INVALID_PRODUCER_EPOCH' | 'OUT_OF_ORDER_SEQUENCE_NUMBER', message: string): void {
  ctx.emit({
    kind: 'produceRejected',
    level: 'control',
    actors: [`producer:${producer.clientId}`, `broker:${leader}`, `partition:${tpKey(event.topic, event.partition)}`],
    producer: producer.clientId,
    topic: event.topic,
    partition: event.partition,
    count: event.records.length,
    error,
    message,
  });
  respond(ctx, producer, event, error);
}

/** Experiment hook: lose the next produce answer to this producer (it will time out and retry). */
export function dropNextProduceResponse(ctx: SimContext, command: DropNextProduceResponseCommand): void {
  const producer = requireProducer(ctx.state, command.producer);
  producer.dropNextResponse = true;
}

/** commitTransaction() and friends: the transactional API, with this module's flush. */
export function transactionCommand(ctx: SimContext, command: TransactionCommand): void {
  const producer = requireProducer(ctx.state, command.producer);
  transactionCall(ctx, producer, command, () => {
    for (const batch of Object.values(producer.accumulator)) closeBatch(ctx, producer, batch);
  });
}

export function sendOffsets(ctx: SimContext, command: SendOffsetsToTransactionCommand): void {
  sendOffsetsToTransaction(ctx, requireProducer(ctx.state, command.producer), command);
}

export function onInitProducerIdResponseEvent(ctx: SimContext, event: InitProducerIdResponseEvent): void {
  onInitProducerIdResponse(ctx, requireProducer(ctx.state, event.producer), event);
}

export function onEndTxnResponseEvent(ctx: SimContext, event: EndTxnResponseEvent): void {
  onEndTxnResponse(ctx, requireProducer(ctx.state, event.producer), event);
}
