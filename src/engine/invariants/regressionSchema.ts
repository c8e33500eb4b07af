/**
 * What a pinned regression file (regressions/*.json) holds: a model scenario that once broke the
 * engine or the checks, and what the run must show. Parsed with zod, so a malformed file fails with a
 * message naming the field. The op schema is typed z.ZodType<Op>: the compiler keeps it in step with
 * model/ops.ts.
 */
// eslint-disable-next-line no-restricted-imports -- test support (the engine never imports it); eslint.config.js's ENGINE_TEST_PACKAGES lacks zod
import { z } from 'zod';
import { DEFAULT_BROKER_CONFIG, type BrokerConfig, type Command, type SimulationOptions } from '../index';
import type { Op, StorageConfigs } from './model/ops';

/** Every engine command type (a Record, so the compiler asks for a new one): the engine ignores unknown types. */
const COMMAND_TYPES: Record<Command['type'], true> = {
  createTopic: true,
  createShareConsumer: true,
  shareSubscribe: true,
  sharePoll: true,
  shareAcknowledge: true,
  startShareConsumerLoop: true,
  alterShareGroupConfigs: true,
  createProducer: true,
  send: true,
  createConsumer: true,
  assign: true,
  poll: true,
  commit: true,
  startConsumerLoop: true,
  subscribe: true,
  crashConsumer: true,
  closeConsumer: true,
  restartConsumer: true,
  setProcessingPaused: true,
  seek: true,
  seekToBeginning: true,
  seekToEnd: true,
  rollSegment: true,
  runLogCleanerNow: true,
  runRetentionCheckNow: true,
  resetGroupOffsets: true,
  deleteRecords: true,
  alterTopicConfigs: true,
  createPartitions: true,
  crashBroker: true,
  restartBroker: true,
  shutdownBroker: true,
  electLeaders: true,
  dropNextProduceResponse: true,
  initTransactions: true,
  beginTransaction: true,
  commitTransaction: true,
  abortTransaction: true,
  sendOffsetsToTransaction: true,
  addTrafficSource: true,
  addTicker: true,
  setTickerRunning: true,
  setTrafficSourceRunning: true,
};

/** A raw engine command: its type is checked here, its fields by the engine (which rejects bad ones). */
const commandSchema = z.looseObject({ type: z.enum(Object.keys(COMMAND_TYPES) as [Command['type'], ...Command['type'][]]) }).transform((command) => command as Command);

/** JSON has no Infinity or NaN: a number field that must hold one says it as a string. */
const numberOrSpecial = z.union([z.number(), z.enum(['Infinity', '-Infinity', 'NaN']).transform(Number)]);

const int = z.int();
const topicPartition = z.strictObject({ topic: z.string(), partition: int });
const topicPartitionOffset = z.strictObject({ topic: z.string(), partition: int, offset: int });

const storageSchema: z.ZodType<StorageConfigs> = z.strictObject({
  cleanupPolicy: z.enum(['delete', 'compact', 'compact,delete']).nullable(),
  segmentBytes: z.number().nullable(),
  segmentMs: z.number().nullable(),
  retentionMs: z.number().nullable(),
  retentionBytes: z.number().nullable(),
  minCleanableDirtyRatio: z.number().nullable(),
  minCompactionLagMs: z.number().nullable(),
  deleteRetentionMs: z.number().nullable(),
  minInsyncReplicas: z.number().nullable(),
});

const opSchema: z.ZodType<Op> = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('createTopic'), name: z.string(), partitions: int, replicationFactor: int, logAppendTime: z.boolean(), storage: storageSchema.exactOptional() }),
  z.strictObject({
    op: z.literal('createProducer'),
    clientId: z.string(),
    acks: z.enum(['all', '1', '0']),
    lingerMs: z.number(),
    batchSize: z.number(),
    idempotence: z.boolean().nullable(),
    ignoreKeys: z.boolean(),
    transactionalId: z.string().nullable().exactOptional(),
    transactionTimeoutMs: z.number().exactOptional(),
  }),
  z.strictObject({ op: z.literal('send'), producer: z.string(), topic: z.string(), key: z.string().nullable(), partition: int.nullable(), tombstone: z.boolean().exactOptional() }),
  z.strictObject({
    op: z.literal('createConsumer'),
    clientId: z.string(),
    groupId: z.string().nullable(),
    reset: z.enum(['earliest', 'latest', 'none']),
    autoCommit: z.boolean(),
    autoCommitIntervalMs: z.number(),
    maxPollRecords: int,
    fetchMaxWaitMs: z.number(),
    readCommitted: z.boolean().exactOptional(),
  }),
  z.strictObject({ op: z.literal('assign'), consumer: z.string(), partitions: z.array(topicPartition) }),
  z.strictObject({ op: z.literal('poll'), consumer: z.string() }),
  z.strictObject({ op: z.literal('commit'), consumer: z.string(), offsets: z.array(topicPartitionOffset).nullable() }),
  z.strictObject({ op: z.literal('startLoop'), consumer: z.string(), processingMsPerRecord: z.number(), commitMode: z.enum(['after-processing', 'before-processing', 'none']) }),
  z.strictObject({ op: z.literal('traffic'), id: z.string(), producer: z.string(), topic: z.string(), intervalMs: z.number(), keys: z.array(z.string()).nullable(), limit: numberOrSpecial }),
  z.strictObject({ op: z.literal('trafficRunning'), source: z.string(), isRunning: z.boolean() }),
  z.strictObject({ op: z.literal('schedule'), delayMs: z.number(), what: z.enum(['send', 'createTopic', 'poll']), target: z.string(), name: z.string() }),
  z.strictObject({ op: z.literal('chaos'), command: commandSchema }),
  z.strictObject({ op: z.literal('txn'), producer: z.string(), action: z.enum(['initTransactions', 'beginTransaction', 'commitTransaction', 'abortTransaction']) }),
  z.strictObject({ op: z.literal('admin'), command: commandSchema }),
  z.strictObject({ op: z.literal('createShareConsumer'), clientId: z.string(), groupId: z.string(), explicit: z.boolean(), maxPollRecords: int, fetchMaxWaitMs: z.number() }),
  z.strictObject({ op: z.literal('shareAck'), consumer: z.string(), pick: int.min(0), held: z.boolean(), type: z.enum(['ACCEPT', 'RELEASE', 'REJECT']) }),
  z.strictObject({ op: z.literal('steps'), n: int }),
  z.strictObject({ op: z.literal('until'), dtMs: z.number() }),
  z.strictObject({ op: z.literal('outage'), brokers: z.array(int), dtMs: z.number() }),
]);

/** Only broker configs the engine knows, each with the type of its default. */
const brokerConfigSchema = z
  .strictObject(Object.fromEntries(Object.entries(DEFAULT_BROKER_CONFIG).map(([name, value]) => [name, (typeof value === 'number' ? z.number() : z.boolean()).exactOptional()])))
  .transform((configs) => configs as Partial<BrokerConfig>);

const optionsSchema: z.ZodType<SimulationOptions> = z.strictObject({
  seed: z.int(),
  brokers: z.int().min(1).exactOptional(),
  networkLatencyMs: z.number().min(0).exactOptional(),
  brokerConfig: brokerConfigSchema.exactOptional(),
});

/** A trace entry the run must write: its kind, fields it must hold (===), array fields it must hold non-empty. */
const traceMatchSchema = z.strictObject({
  kind: z.string(),
  fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).exactOptional(),
  nonEmpty: z.array(z.string()).min(1).exactOptional(),
});

const expectSchema = z.strictObject({
  /** Every model invariant after every event and every op, as the model test (d) checks them. */
  invariantsAfterEveryStep: z.boolean(),
  /** Shows the run still reaches the situation that once broke (so the file cannot pass vacuously). */
  traceHas: z.array(traceMatchSchema).min(1).exactOptional(),
  /**
   * At the end of the ops, snapshot -> JSON -> restore, run both on to `untilTimeMs`: same hash, and the
   * state is plain data. Skipped when op `unlessOpRejected` (index into ops) was refused with a KafkaSimError.
   */
  survivesJsonRoundTrip: z.strictObject({ untilTimeMs: z.number(), unlessOpRejected: z.int().min(0).exactOptional() }).exactOptional(),
});

export const regressionSchema = z
  .strictObject({
    /** The test's name in the loop. */
    name: z.string().min(1),
    /** One sentence: what broke once. */
    why: z.string().min(1),
    /** Where it was found, e.g. the deep run's sequence number and seed. */
    found: z.string().exactOptional(),
    /** Anything else a reader needs: how the sequence was cut down, what Kafka does. */
    note: z.string().exactOptional(),
    options: optionsSchema,
    expect: expectSchema,
    ops: z.array(opSchema).min(1),
  })
  .refine((r) => (r.expect.survivesJsonRoundTrip?.unlessOpRejected ?? 0) < r.ops.length, {
    message: 'expect.survivesJsonRoundTrip.unlessOpRejected is not the index of an op',
    path: ['expect', 'survivesJsonRoundTrip', 'unlessOpRejected'],
  });

export type Regression = z.infer<typeof regressionSchema>;

/** The regression in `json`, or an error naming the file and every field that is wrong. */
export function parseRegression(file: string, json: unknown): Regression {
  const parsed = regressionSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${file} is not a valid pinned regression:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
