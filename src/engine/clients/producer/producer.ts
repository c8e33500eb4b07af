/**
 * The producer client: creation, send() and the accumulator.
 *
 * Models: send() choosing the partition at once (partitioner.ts), the RecordAccumulator keeping one
 * open batch per partition that is sent when it is full or when linger.ms has passed since it opened,
 * the ProduceRequest travelling to the partition leader (the leader's side is ../../broker/produce.ts). Idempotent producers get a producer id and per-partition
 * sequence numbers, as InitProducerId and the batch header give them (KIP-98, on by default since 3.0).
 * Idempotence is silently off when acks is not all and enable.idempotence was not set, and an explicit
 * enable.idempotence=true with another acks is a config error, as ProducerConfig checks.
 * Sending, retries, expiry and the idempotent producer's recovery are the Sender's (sender.ts).
 * Simplified: an idempotent producer's InitProducerId is instant; no buffer.memory limit.
 */
import { UNSTAMPED, type NewTraceEntry } from '../../kernel/trace';
import { rejectUnknownConfigs } from '../../clientConfig';
import { createTopic } from '../../cluster/topicCreation';
import type { CreateProducerCommand, DropNextProduceResponseCommand, SendCommand, SendOffsetsToTransactionCommand, TransactionCommand } from '../../commands';
import { addPartitionIfNew, onEndTxnResponse, onInitProducerIdResponse, sendOffsetsToTransaction, transactionCall } from '../txn/client';
import { DEFAULT_PRODUCER_CONFIG, type ProducerConfig } from '../../config';
import { fail } from '../../errors';
import type { EndTxnResponseEvent, InitProducerIdResponseEvent, LingerExpiredEvent } from '../../events';
import type { SimContext } from '../../kernel/context';
import { getOwn, setOwn } from '../../kernel/ownMap';
import { RECORD_BATCH_OVERHEAD_BYTES, recordSizeBytes } from '../../log/recordSize';
import type { PendingRecord, RecordHeader, ProducerState } from '../../state';
import { tpKey } from '../../shared/topicPartition';
import { actorId } from '../../shared/actorId';
import { choosePartition, updateStickyPartition } from './partitioner';
import { closeBatch } from './sender';
import { requireProducer } from '../../clientLookup';

function resolveProducerConfig(given: Partial<ProducerConfig> | undefined): ProducerConfig {
  rejectUnknownConfigs('producer', given, DEFAULT_PRODUCER_CONFIG);
  const config: ProducerConfig = { ...DEFAULT_PRODUCER_CONFIG, ...given };
  if (!Number.isInteger(config['max.request.size']) || config['max.request.size'] < 1)
    fail('INVALID_CONFIG', `Invalid value ${String(config['max.request.size'])} for configuration max.request.size: Value must be at least 1`);
  if (!['all', '1', '0'].includes(config.acks)) fail('INVALID_CONFIG', `Invalid value ${config.acks} for configuration acks: String must be one of: all, -1, 0, 1`);
  for (const name of ['linger.ms', 'batch.size', 'retry.backoff.ms', 'retry.backoff.max.ms'] as const) {
    if (!Number.isInteger(config[name]) || config[name] < 0) fail('INVALID_CONFIG', `Invalid value ${String(config[name])} for configuration ${name}: Value must be at least 0`);
  }
  const maxInFlight = config['max.in.flight.requests.per.connection'];
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1)
    fail('INVALID_CONFIG', `Invalid value ${String(maxInFlight)} for configuration max.in.flight.requests.per.connection: Value must be at least 1`);
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
  ctx.emit({ kind: 'producerCreated', level: 'control', actors: [actorId.producer(command.clientId)], clientId: command.clientId });
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
  if (!Number.isSafeInteger(timestamp) || timestamp < 0)
    fail('SIM_INVALID_ARGUMENT', `Invalid timestamp: ${String(timestamp)}. Timestamp should always be non-negative or null (a whole number of ms).`);
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
    fail(
      'SIM_ILLEGAL_STATE',
      `Cannot send with ${producer.clientId} outside a transaction (state ${producer.txn.state}): call ${producer.txn.state === 'UNINITIALIZED' ? 'initTransactions() and ' : ''}beginTransaction() first.`,
    );
  }
  const { partition, partitionedBy } = choosePartition(ctx, producer, topic, key, command.partition);
  addPartitionIfNew(ctx, producer, topic.name, partition);
  const sizeBytes = recordSizeBytes(key, command.value, headers);
  if (sizeBytes > producer.config['max.request.size']) {
    fail(
      'MESSAGE_TOO_LARGE',
      `The message is ${sizeBytes} bytes when serialized which is larger than ${producer.config['max.request.size']}, which is the value of the max.request.size configuration.`,
    );
  }
  const record: PendingRecord = { key, value: command.value, headers, timestamp, sizeBytes, partitionedBy };
  addToAccumulator(ctx, producer, topic.name, partition, record);
  if (partitionedBy === 'sticky') updateStickyPartition(ctx, producer, topic, sizeBytes);
  producer.sentCount++;
  if (!producer.topicsWritten.includes(topic.name)) producer.topicsWritten.push(topic.name);
  // Built only when someone reads it: one object per record was a sixth of a headless run's time.
  if (ctx.isTracing) {
    ctx.emit({
      kind: 'recordSent',
      level: 'internal',
      actors: [actorId.producer(producer.clientId), actorId.partition(topic.name, partition)],
      producer: producer.clientId,
      topic: topic.name,
      partition,
      key,
      partitionedBy,
      // Slots for the stamp (kernel/trace.ts: UNSTAMPED): filled in place, not added as new properties.
      id: UNSTAMPED,
      step: UNSTAMPED,
      time: UNSTAMPED,
    } as NewTraceEntry);
  } else {
    ctx.skipEntry(); // nobody reads it (a headless run)
  }
  return { topic: topic.name, partition };
}

function autoCreateTopic(ctx: SimContext, name: string) {
  const config = ctx.state.brokerConfig;
  if (!config['auto.create.topics.enable']) {
    fail(
      'UNKNOWN_TOPIC_OR_PARTITION',
      `Topic '${name}' does not exist and auto.create.topics.enable is false. A real producer would wait max.block.ms (60 s) for its metadata and then fail with "Topic ${name} not present in metadata after 60000 ms."`,
    );
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
