/**
 * Commands: what a learner, a scenario or a test asks the simulation to do, as plain data. Being data,
 * a run is fully described by its seed and the commands given at each step, which is what share links
 * record and replay.
 */
import type { AppHandlers } from './apps/appTypes';
import type { BrokerConfig, ConsumerConfig, ProducerConfig, ShareConsumerConfig, TopicConfig } from './config';
import type { AcknowledgeType } from './shared/shareTypes';
import type { CommitMode, ForwardTo, RecordHeader, TopicPartition, TopicPartitionOffset } from './state';

export interface CreateTopicCommand {
  type: 'createTopic';
  name: string;
  partitions: number;
  /** Defaults to the broker's default.replication.factor. */
  replicationFactor?: number;
  configs?: Partial<TopicConfig>;
}

export interface CreateProducerCommand {
  type: 'createProducer';
  clientId: string;
  config?: Partial<ProducerConfig>;
}

export interface SendCommand {
  type: 'send';
  producer: string;
  topic: string;
  key?: string | null;
  value: string | null;
  headers?: RecordHeader[];
  /** Set to bypass the partitioner, as ProducerRecord's partition field does. */
  partition?: number;
  /**
   * ProducerRecord's timestamp (CreateTime), in simulated ms: a non-negative integer. Defaults to the
   * time of send(). A topic with message.timestamp.type=LogAppendTime replaces it with the broker's clock.
   */
  timestamp?: number;
}

export interface CreateConsumerCommand {
  type: 'createConsumer';
  clientId: string;
  config?: Partial<ConsumerConfig>;
}

export interface AssignCommand {
  type: 'assign';
  consumer: string;
  partitions: TopicPartition[];
}

export interface PollCommand {
  type: 'poll';
  consumer: string;
}

export interface CommitCommand {
  type: 'commit';
  consumer: string;
  /** Offsets to commit (the next offset to read); defaults to the consumer's current positions. */
  offsets?: TopicPartitionOffset[];
}

export interface StartConsumerLoopCommand {
  type: 'startConsumerLoop';
  consumer: string;
  processingMsPerRecord: number;
  /** When the loop commits besides auto-commit (see CommitMode). */
  commitMode: CommitMode;
  /** Consume-transform-produce: forward every processed record (see ForwardTo). */
  forwardTo?: ForwardTo;
  /** Run the named handler of a scenario service on every processed record (see apps/appTypes.ts). */
  app?: { service: string; handler: string; producer?: string };
}

/** A service's timer: run the named handler every `intervalMs` (customers placing orders, a queue processor). */
export interface AddTickerCommand {
  type: 'addTicker';
  id: string;
  service: string;
  /** The instance the handler runs as (its memory is this instance's). */
  instance: string;
  handler: string;
  intervalMs: number;
  /** The producer the handler's produce() uses. */
  producer?: string;
}

export interface SetTickerRunningCommand {
  type: 'setTickerRunning';
  ticker: string;
  isRunning: boolean;
}

/** KafkaConsumer.subscribe(topics): join the consumer's group.id and let the group assign partitions. */
export interface SubscribeCommand {
  type: 'subscribe';
  consumer: string;
  topics: string[];
}

/** The process dies: no LeaveGroup, no commit, no more heartbeats; the coordinator notices only at session.timeout.ms. */
export interface CrashConsumerCommand {
  type: 'crashConsumer';
  consumer: string;
}

/** KafkaConsumer.close(): commit if auto-commit is on, then LeaveGroup (dynamic members only). */
export interface CloseConsumerCommand {
  type: 'closeConsumer';
  consumer: string;
}

/**
 * The application's record handler hangs (a stuck call, a long GC) or resumes. Not KafkaConsumer.pause():
 * the loop stops calling poll(), so after max.poll.interval.ms the heartbeat thread leaves the group.
 */
export interface SetProcessingPausedCommand {
  type: 'setProcessingPaused';
  consumer: string;
  paused: boolean;
}

/** Start a crashed or closed consumer again with the same config, subscription and loop. */
export interface RestartConsumerCommand {
  type: 'restartConsumer';
  consumer: string;
}

/** KafkaConsumer.seek(tp, offset): moves the in-memory position only (no commit). */
export interface SeekCommand {
  type: 'seek';
  consumer: string;
  topic: string;
  partition: number;
  offset: number;
}

/**
 * KafkaConsumer.seekToBeginning(partitions): the position goes to the log start offset (ListOffsets
 * EARLIEST). Kafka resolves it lazily at the next poll() or position(); the simulator resolves it at once.
 * Omitted or empty `partitions`: every partition currently assigned.
 */
export interface SeekToBeginningCommand {
  type: 'seekToBeginning';
  consumer: string;
  partitions?: TopicPartition[];
}

/**
 * KafkaConsumer.seekToEnd(partitions): the position goes to the end offset (ListOffsets LATEST): the high
 * watermark, or the last stable offset for an isolation.level=read_committed consumer. Resolved at once
 * (Kafka: at the next poll() or position()). Omitted or empty `partitions`: every partition assigned.
 */
export interface SeekToEndCommand {
  type: 'seekToEnd';
  consumer: string;
  partitions?: TopicPartition[];
}

/** Simulator control (no Kafka API does this on demand): roll the partition's active segment now. */
export interface RollSegmentCommand {
  type: 'rollSegment';
  topic: string;
  partition: number;
}

/** Simulator control: wake the log cleaner now; it cleans every compacted log that is due, filthiest first. */
export interface RunLogCleanerNowCommand {
  type: 'runLogCleanerNow';
}

/** Simulator control: run the brokers' retention check now (not waiting for log.retention.check.interval.ms). */
export interface RunRetentionCheckNowCommand {
  type: 'runRetentionCheckNow';
}

/** The target of `kafka-consumer-groups --reset-offsets`. */
export type ResetOffsetsSpec =
  | { type: 'to-earliest' }
  | { type: 'to-latest' }
  | { type: 'to-current' }
  | { type: 'to-offset'; offset: number }
  | { type: 'shift-by'; shift: number }
  /** --to-datetime, as simulated ms since the start of the run. */
  | { type: 'to-datetime'; timestamp: number };

/**
 * `kafka-consumer-groups --reset-offsets --execute`: only while the group is Empty (or Dead), as the
 * tool requires; results are clamped to [log start offset, high watermark].
 */
export interface ResetGroupOffsetsCommand {
  type: 'resetGroupOffsets';
  groupId: string;
  topic: string;
  /** Partitions to reset; all of the topic's when omitted. */
  partitions?: number[];
  spec: ResetOffsetsSpec;
}

export interface AddTrafficSourceCommand {
  type: 'addTrafficSource';
  id: string;
  producer: string;
  topic: string;
  intervalMs: number;
  keys: string[] | null;
  valuePrefix: string;
  /** Stop after this many records; -1 or omitted for no limit. */
  limit?: number;
}

export interface SetTrafficSourceRunningCommand {
  type: 'setTrafficSourceRunning';
  source: string;
  isRunning: boolean;
}

/** kafka-delete-records: make offsets before `beforeOffset` unreadable (-1: up to the high watermark). */
export interface DeleteRecordsCommand {
  type: 'deleteRecords';
  topic: string;
  partition: number;
  beforeOffset: number;
}

/** kafka-configs --alter --entity-type topics: change topic configs at runtime. */
export interface AlterTopicConfigsCommand {
  type: 'alterTopicConfigs';
  topic: string;
  configs: Partial<TopicConfig>;
}

/** kafka-topics --alter --partitions N: partitions can only be added. */
export interface CreatePartitionsCommand {
  type: 'createPartitions';
  topic: string;
  totalCount: number;
}

/** Kill a broker: it stops at once; the controller notices after broker.session.timeout.ms without a heartbeat. */
export interface CrashBrokerCommand {
  type: 'crashBroker';
  brokerId: number;
}

/** Controlled shutdown: leaderships move away first, then the broker stops. */
export interface ShutdownBrokerCommand {
  type: 'shutdownBroker';
  brokerId: number;
}

/** Start a crashed broker again: its replicas truncate to the leader's log and catch up. */
export interface RestartBrokerCommand {
  type: 'restartBroker';
  brokerId: number;
}

/** kafka-leader-election --election-type PREFERRED (all partitions, one topic, or one partition). */
export interface ElectLeadersCommand {
  type: 'electLeaders';
  topic?: string;
  partition?: number;
}

/** Experiment: the next answer to this producer's produce requests is lost, so it times out and retries. */
export interface DropNextProduceResponseCommand {
  type: 'dropNextProduceResponse';
  producer: string;
}

/** The transactional producer API: initTransactions, beginTransaction, commitTransaction, abortTransaction. */
export interface TransactionCommand {
  type: 'initTransactions' | 'beginTransaction' | 'commitTransaction' | 'abortTransaction';
  producer: string;
}

/** producer.sendOffsetsToTransaction(offsets, groupMetadata): the offsets commit with the transaction. */
export interface SendOffsetsToTransactionCommand {
  type: 'sendOffsetsToTransaction';
  producer: string;
  groupId: string;
  offsets: TopicPartitionOffset[];
}

// Share groups (KIP-932).

export interface CreateShareConsumerCommand {
  type: 'createShareConsumer';
  clientId: string;
  /** group.id is required; the configs a share consumer does not support are refused, as Kafka's client does. */
  config: Partial<ShareConsumerConfig> & { 'group.id': string };
}

export interface ShareSubscribeCommand {
  type: 'shareSubscribe';
  consumer: string;
  topics: string[];
}

/** KafkaShareConsumer.poll(): one share fetch (carrying the acknowledgements due). */
export interface SharePollCommand {
  type: 'sharePoll';
  consumer: string;
}

/** KafkaShareConsumer.acknowledge(record, type), explicit mode: rides on the next poll. */
export interface ShareAcknowledgeCommand {
  type: 'shareAcknowledge';
  consumer: string;
  topic: string;
  partition: number;
  offset: number;
  acknowledgeType: AcknowledgeType;
}

/** The application's loop on a share consumer: poll, process each record for a while, poll again. */
export interface StartShareConsumerLoopCommand {
  type: 'startShareConsumerLoop';
  consumer: string;
  processingMsPerRecord: number;
  /** Run the named handler of a scenario service on every processed record (see apps/appTypes.ts). */
  app?: { service: string; handler: string; producer?: string };
}

/** kafka-configs --alter --entity-type groups: a share group's own configs (the group is created Empty if new). */
export interface AlterShareGroupConfigsCommand {
  type: 'alterShareGroupConfigs';
  groupId: string;
  configs: { 'share.auto.offset.reset': 'latest' | 'earliest' };
}

export type Command =
  | CreateTopicCommand
  | CreateProducerCommand
  | SendCommand
  | CreateConsumerCommand
  | AssignCommand
  | PollCommand
  | CommitCommand
  | StartConsumerLoopCommand
  | SubscribeCommand
  | CrashConsumerCommand
  | CloseConsumerCommand
  | RestartConsumerCommand
  | CreateShareConsumerCommand
  | ShareSubscribeCommand
  | SharePollCommand
  | ShareAcknowledgeCommand
  | StartShareConsumerLoopCommand
  | AlterShareGroupConfigsCommand
  | SetProcessingPausedCommand
  | SeekCommand
  | SeekToBeginningCommand
  | SeekToEndCommand
  | RollSegmentCommand
  | RunLogCleanerNowCommand
  | RunRetentionCheckNowCommand
  | ResetGroupOffsetsCommand
  | DeleteRecordsCommand
  | AlterTopicConfigsCommand
  | CreatePartitionsCommand
  | CrashBrokerCommand
  | RestartBrokerCommand
  | ShutdownBrokerCommand
  | ElectLeadersCommand
  | DropNextProduceResponseCommand
  | TransactionCommand
  | SendOffsetsToTransactionCommand
  | AddTrafficSourceCommand
  | AddTickerCommand
  | SetTickerRunningCommand
  | SetTrafficSourceRunningCommand;

/** Options for a new simulation. */
export interface SimulationOptions {
  /** Seed of the PRNG: the same seed and commands give the same run. */
  seed: number;
  /** Number of brokers (ids 1..n, as node.id is commonly numbered). Default 3. */
  brokers?: number;
  brokerConfig?: Partial<BrokerConfig>;
  /** One-way network latency in simulated ms. Default 1. */
  networkLatencyMs?: number;
  /** How many recent trace entries the handle keeps (older ones are dropped). Default 10,000. */
  traceLimit?: number;
  /** Scenario services' handlers by name (functions are not state: a restore needs them again). */
  handlers?: AppHandlers;
}
