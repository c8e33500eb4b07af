/**
 * The whole simulation state: plain data only (objects, arrays, strings, finite numbers, booleans and
 * null; no class instances, Maps, functions or undefined). That makes a snapshot a structuredClone and
 * a JSON round trip, which step-back and share links depend on. Behaviour lives in the modules that
 * take this state; nothing here has methods.
 */
import type { BrokerConfig, ConsumerConfig, NetworkConfig, ProducerConfig, TopicConfig } from './config';
import type { SimEvent } from './events';
import type { RngState } from './kernel/rng';

export interface RecordHeader {
  key: string;
  value: string | null;
}

/** One record in a partition log, as a consumer would see it. */
export interface LogRecord {
  offset: number;
  /** CreateTime (the producer's clock at send) or LogAppendTime, per `message.timestamp.type`. */
  timestamp: number;
  key: string | null;
  value: string | null;
  headers: RecordHeader[];
  /** Producer id from InitProducerId, or -1 for a non-idempotent producer (as in Kafka's batch header). */
  producerId: number;
  producerEpoch: number;
  /** Sequence number of the record for its producer and partition, or -1 without idempotence. */
  sequence: number;
  /** Simulator annotation, not part of Kafka's format: which client wrote the record. */
  clientId: string;
  /** Modelled size of the record in the log (see log/recordSize.ts). */
  sizeBytes: number;
}

/** A segment of a partition log. Issue 4 adds rolling; for now every log has one active segment. */
export interface SegmentInfo {
  baseOffset: number;
  sizeBytes: number;
  /** Largest record timestamp in the segment, or -1 when empty. */
  largestTimestamp: number;
}

/** The leader replica's log. Offsets satisfy logStartOffset <= lastStableOffset <= highWatermark <= logEndOffset. */
export interface PartitionLog {
  /** Records in offset order; records[i] is not necessarily offset i once compaction or retention runs. */
  records: LogRecord[];
  logStartOffset: number;
  logEndOffset: number;
  highWatermark: number;
  lastStableOffset: number;
  segments: SegmentInfo[];
}

export interface PartitionState {
  topic: string;
  partition: number;
  /** Broker ids in assignment order; the first is the preferred leader. */
  replicas: number[];
  /** Broker id of the leader, or -1 when the partition is offline. */
  leader: number;
  leaderEpoch: number;
  isr: number[];
  log: PartitionLog;
}

export interface TopicState {
  name: string;
  topicId: string;
  configs: TopicConfig;
  partitions: PartitionState[];
  /** True when a producer created it through auto.create.topics.enable. */
  autoCreated: boolean;
}

export interface BrokerState {
  id: number;
  isAlive: boolean;
}

/** A record waiting in the producer's accumulator or travelling to the broker. */
export interface PendingRecord {
  key: string | null;
  value: string | null;
  headers: RecordHeader[];
  timestamp: number;
  sizeBytes: number;
  sequence: number;
  /** How the partition was chosen, for narration. */
  partitionedBy: 'explicit' | 'key-hash' | 'sticky';
}

/** An open batch for one partition in the producer's RecordAccumulator. */
export interface OpenBatch {
  topic: string;
  partition: number;
  records: PendingRecord[];
  sizeBytes: number;
  createdAt: number;
  /** Seq of the linger event that will send this batch if it does not fill first. */
  lingerEventSeq: number;
}

/** The uniform sticky partitioner's state for one topic (KIP-794). */
export interface StickyPartitionInfo {
  partition: number;
  producedBytes: number;
}

export interface ProducerState {
  clientId: string;
  config: ProducerConfig;
  producerId: number;
  producerEpoch: number;
  /** Next sequence number per "topic-partition" key. */
  nextSequence: Record<string, number>;
  /** Open batches per "topic-partition" key. */
  accumulator: Record<string, OpenBatch>;
  sticky: Record<string, StickyPartitionInfo>;
  nextRequestId: number;
  /** Counters for views and narration. */
  sentCount: number;
  ackedCount: number;
}

export interface TopicPartition {
  topic: string;
  partition: number;
}

export interface ConsumerPartitionState extends TopicPartition {
  /** Offset of the next record to read, or -1 until it is initialised from a commit or auto.offset.reset. */
  position: number;
}

/** The consumer application's poll loop: poll, process each record, maybe commit, poll again. */
export interface ConsumerLoop {
  /** Simulated processing time per record, in ms. */
  processingMsPerRecord: number;
  /** With enable.auto.commit=false: commitSync after processing each poll's records. */
  commitAfterProcessing: boolean;
}

export interface ConsumerState {
  clientId: string;
  config: ConsumerConfig;
  assignment: ConsumerPartitionState[];
  /** Rotates which partition a fetch starts with, so no partition starves. */
  fetchCursor: number;
  /** The id of the fetch in flight or parked at the broker, or -1 when none. */
  inflightFetchId: number;
  /** True while the fetch found nothing and waits at the broker (long poll). */
  isFetchParked: boolean;
  nextRequestId: number;
  nextAutoCommitAt: number;
  loop: ConsumerLoop | null;
  fetchedCount: number;
}

export interface CommittedOffset {
  offset: number;
  metadata: string;
  commitTimestamp: number;
}

/** What the group coordinator stores for a group: committed offsets per "topic-partition" key. */
export interface GroupOffsetsState {
  groupId: string;
  offsets: Record<string, CommittedOffset>;
}

/** A seeded generator of records: "a customer places an order every 400 ms". */
export interface TrafficSourceState {
  id: string;
  producer: string;
  topic: string;
  intervalMs: number;
  /** Keys to draw from with the seeded PRNG, or null for keyless records. */
  keys: string[] | null;
  /** Values are `${valuePrefix}-${n}`. */
  valuePrefix: string;
  /** Stop after this many records (-1 for no limit). */
  limit: number;
  sentCount: number;
  isRunning: boolean;
  /** Seq of the tick event that continues this source; stale ticks are ignored. */
  nextTickSeq: number;
}

export interface SimState {
  /** Shape version, bumped when the shape changes (snapshots and share links record it). */
  version: 1;
  seed: number;
  /** The simulated clock in ms since the start of the run. */
  time: number;
  /** Events processed so far. */
  stepCount: number;
  /** Next event sequence number: the queue's tie-breaker. */
  nextEventSeq: number;
  nextTraceId: number;
  nextProducerId: number;
  rng: RngState;
  queue: SimEvent[];
  network: NetworkConfig;
  brokerConfig: BrokerConfig;
  brokers: BrokerState[];
  topics: Record<string, TopicState>;
  producers: Record<string, ProducerState>;
  consumers: Record<string, ConsumerState>;
  groups: Record<string, GroupOffsetsState>;
  trafficSources: Record<string, TrafficSourceState>;
}

/** The key used for per-partition maps: "orders-2", as Kafka prints a TopicPartition. */
export function tpKey(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}
