/**
 * The whole simulation state: plain data only (objects, arrays, strings, finite numbers, booleans and
 * null; no class instances, Maps, functions or undefined). That makes a snapshot a structuredClone and
 * a JSON round trip, which step-back and share links depend on. Behaviour lives in the modules that
 * take this state; nothing here has methods.
 */
import type { AppData } from './apps/appTypes';
import type { AssignorName, BrokerConfig, ConsumerConfig, NetworkConfig, ProducerConfig, TopicConfig } from './config';
import type { SimEvent } from './events';
import type { GroupStateName } from './broker/group/groupMachine';
import type { MemberStateName } from './clients/group/memberMachine';
import type { TxnStateName } from './broker/txn/txnMachine';
import type { DeepReadonly } from './kernel/deepReadonly';
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
  /** Written inside a transaction (the batch's isTransactional flag). */
  isTransactional: boolean;
  /** A transaction marker (control record): COMMIT or ABORT; null for data. Consumers never get markers. */
  controlType: 'COMMIT' | 'ABORT' | null;
  /**
   * For a tombstone the cleaner has kept once: the time after which a later pass may drop it
   * (KIP-534; Kafka stamps it on the batch), else -1.
   */
  deleteHorizonMs: number;
}

/** A segment of a partition log: it holds offsets from its base up to the next segment's base. The last one is active. */
export interface SegmentInfo {
  baseOffset: number;
  sizeBytes: number;
  /** Largest record timestamp in the segment, or -1 when empty (retention.ms compares against it). */
  largestTimestamp: number;
  /** Max timestamp of the first batch appended, or -1 when empty (segment.ms compares against it). */
  firstBatchTimestamp: number;
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
  /** The log cleaner's checkpoint: offsets below it are the clean part, compacted at least once. */
  firstDirtyOffset: number;
  /** Open transactions: producer id → offset of its first record in this partition (pins the LSO). */
  openTransactions: Record<string, number>;
  /**
   * Markers appended but not yet below the high watermark. Their transactions still pin the LSO, as
   * Kafka's ProducerStateManager keeps them in unreplicatedTxns until the marker is replicated.
   */
  pendingMarkers: PendingMarker[];
  /** The aborted transaction index (.txnindex): read_committed consumers skip these producers' records in range. */
  abortedTransactions: { producerId: number; firstOffset: number; lastOffset: number }[];
}

/** One replica of a partition, as its broker and the leader see it. */
export interface ReplicaState {
  brokerId: number;
  /** The replica's own log end offset (the leader's is the log's). */
  logEndOffset: number;
  /** The high watermark this replica knows (a follower learns it one fetch late). */
  highWatermark: number;
  /** The leader's view: the offset this follower last fetched from, i.e. its LEO as of that fetch. */
  fetchOffset: number;
  /** Replica.lastCaughtUpTimeMs: the ISR drops a follower not caught up for replica.lag.time.max.ms. */
  lastCaughtUpTime: number;
  lastFetchTime: number;
  lastFetchLeaderLogEndOffset: number;
  /** Id of the follower's fetch in flight or parked at the leader, -1 when none. */
  fetchId: number;
  /** The fetch found nothing new and waits at the leader until data arrives. */
  isFetchParked: boolean;
}

/** A batch the leader remembers for a producer (the last 5), to recognise a retried duplicate. */
export interface ProducerBatchInfo {
  firstSeq: number;
  lastSeq: number;
  baseOffset: number;
  count: number;
}

export interface ProducerStateEntry {
  epoch: number;
  batches: ProducerBatchInfo[];
}

/** An acks=all ProduceRequest the leader answers once the high watermark passes its last offset. */
export interface PendingAck {
  producer: string;
  requestId: number;
  attempt: number;
  baseOffset: number;
  count: number;
}

/**
 * A transaction marker the leader appended and the ISR does not hold yet. WriteTxnMarkers appends with
 * acks=all: the coordinator counts the marker written only once the high watermark passes it, and sends
 * it again if a leader change truncates it away.
 */
export interface PendingMarker {
  transactionalId: string;
  producerId: number;
  producerEpoch: number;
  marker: 'COMMIT' | 'ABORT';
  offset: number;
  /** Where the transaction began in this partition (to reopen it if the marker is lost), or -1. */
  firstOffset: number;
}

export interface PartitionState {
  topic: string;
  partition: number;
  /** Broker ids in assignment order; the first is the preferred leader. */
  replicas: number[];
  /** Per replica, in `replicas` order. */
  replicaStates: ReplicaState[];
  pendingAcks: PendingAck[];
  /** Idempotence: per producer id, its epoch and last batches (log/producerState.ts). */
  producerStates: Record<string, ProducerStateEntry>;
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
  /** Kafka's own topics (__consumer_offsets): not drawn as application topics. */
  isInternal: boolean;
}

export interface BrokerState {
  id: number;
  isAlive: boolean;
  /** Bumped on crash and restart: requests to or from an older incarnation are lost. */
  incarnation: number;
}

/** A record waiting in the producer's accumulator or travelling to the broker. */
export interface PendingRecord {
  key: string | null;
  value: string | null;
  headers: RecordHeader[];
  timestamp: number;
  sizeBytes: number;
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
  /** Next sequence number per "topic-partition" key, given to a batch when it is first sent. */
  nextSequence: Record<string, number>;
  /** Open batches per "topic-partition" key. */
  accumulator: Record<string, OpenBatch>;
  sticky: Record<string, StickyPartitionInfo>;
  nextRequestId: number;
  /**
   * Closed batches not yet acknowledged or given up, per "topic-partition" key, oldest first: waiting for
   * a leader, on their way, or waiting to be retried (the RecordAccumulator's deques and the in-flight
   * requests of Kafka's Sender together).
   */
  batches: Record<string, ProducerBatch[]>;
  /** How many batches `batches` holds, so idleness is one comparison. */
  unfinishedBatchCount: number;
  /** Batches in flight per "topic-partition" key (max.in.flight.requests.per.connection), kept with isInFlight. */
  inFlightCount: Record<string, number>;
  /** Time of the earliest producerWakeup already scheduled (retry backoff, waiting for a leader), or -1. */
  wakeupAt: number;
  /** Consecutive wake-ups that found a partition without a usable leader (metadata backoff grows with them). */
  leaderWaits: number;
  /** Partitions ("topic-partition") whose batches wait for a leader; narrated once per wait. */
  awaitingLeader: string[];
  /**
   * Idempotent producers: why the epoch must be bumped (a batch expired after it was sent, or the broker
   * answered OUT_OF_ORDER_SEQUENCE_NUMBER / UNKNOWN_PRODUCER_ID), or null. Nothing is sent until it is.
   */
  epochBumpReason: string | null;
  /** Records given up since the last epoch bump, for its narration. */
  recordsGivenUp: number;
  /** Experiment hook: the next produce answer to this producer is lost on the network. */
  dropNextResponse: boolean;
  /** The client's transaction state, or null without transactional.id. */
  txn: ProducerTxnState | null;
  /** Topics it has sent to, in first-send order (the canvas draws an edge to each). */
  topicsWritten: string[];
  /** Counters for views and narration. */
  sentCount: number;
  ackedCount: number;
  failedCount: number;
}

/** A transactional producer as its client sees it. */
export interface ProducerTxnState {
  state: 'UNINITIALIZED' | 'INITIALIZING' | 'READY' | 'IN_TRANSACTION' | 'COMMITTING' | 'ABORTING' | 'ABORTABLE_ERROR' | 'FENCED';
  /** Partitions added to the current transaction ("topic-partition" keys). */
  partitions: string[];
  /** Why the current transaction can only be aborted (a send in it failed), or null. */
  abortableError: string | null;
}

/** A closed batch the producer has not finished with. */
export interface ProducerBatch {
  /** Also the request id its produce requests carry. */
  id: number;
  topic: string;
  partition: number;
  records: PendingRecord[];
  /** When the batch was created: delivery.timeout.ms counts from here. */
  createdAt: number;
  /** Sends so far (0 until the first); answers and timeouts name the attempt they belong to. */
  attempt: number;
  isTransactional: boolean;
  /** Idempotence: the first record's sequence and the epoch it was numbered in; -1 until the first send. */
  baseSequence: number;
  producerEpoch: number;
  /** A request for it is travelling or waiting at the leader. */
  isInFlight: boolean;
  /** After a retriable error: not sent again before this time (retry.backoff.ms, exponential). */
  retryNotBefore: number;
}

export interface TopicPartition {
  topic: string;
  partition: number;
}

/** An offset to commit for a partition: the next offset to read. */
export interface TopicPartitionOffset extends TopicPartition {
  offset: number;
}

/** Offsets to commit for one group (sendOffsetsToTransaction). */
export interface GroupOffsets {
  groupId: string;
  offsets: TopicPartitionOffset[];
}

export interface ConsumerPartitionState extends TopicPartition {
  /** Offset of the next record to read, or -1 until it is initialised from a commit or auto.offset.reset. */
  position: number;
}

/**
 * When the poll loop commits, besides auto-commit:
 * - `after-processing`: commitSync once a poll's records are processed (at-least-once);
 * - `before-processing`: commitSync as soon as poll returns, then process (at-most-once);
 * - `none`: only auto-commit (enable.auto.commit) or nothing.
 */
export type CommitMode = 'after-processing' | 'before-processing' | 'none';

/** The consumer application's poll loop: poll, process each record, maybe commit, poll again. */
export interface ConsumerLoop {
  /** Simulated processing time per record, in ms. */
  processingMsPerRecord: number;
  commitMode: CommitMode;
  /** Consume-transform-produce: each processed record is written to `topic` by `producer`. */
  forwardTo: ForwardTo | null;
  /** The learner paused the application: its handler hangs on the next record, so poll() is not called. */
  isPaused: boolean;
  /** A record's processing is hanging because of the pause; resuming finishes it. */
  isHung: boolean;
  /** The service handler each processed record goes to, or null. */
  app: LoopApp | null;
}

/**
 * Where a consume-transform-produce loop writes. With `exactlyOnce` each poll's output and the
 * consumer's offsets commit in one transaction (poll → begin → produce → send offsets → commit);
 * without it the output is sent and the consumer commits afterwards (at-least-once).
 */
export interface ForwardTo {
  producer: string;
  topic: string;
  exactlyOnce: boolean;
}

/** A record poll() returned that the application has not finished processing. */
export interface PolledRecord {
  topic: string;
  partition: number;
  record: LogRecord;
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
  /** Records the last poll returned, processed one at a time in order. */
  pending: PolledRecord[];
  /** True while a commitSync of the poll loop waits for its answer. */
  isAwaitingCommit: boolean;
  fetchedCount: number;
  processedCount: number;
  /** Bumped on crash and restart; events of an older incarnation are ignored (the process is gone). */
  incarnation: number;
  /** Group membership as the client sees it (memberMachine.ts). */
  memberState: MemberStateName;
  /** Topics from subscribe(), or null for manual assign() or no subscription. */
  subscription: string[] | null;
  /** Given by the coordinator ('' until the first JoinGroup answers). */
  memberId: string;
  /** Generation of the last successful join, -1 when none. */
  generation: number;
  /** The assignor the group chose, once joined. */
  protocol: AssignorName | null;
  isLeader: boolean;
  /** Set when the coordinator asked for a rejoin; the client rejoins inside its next poll(). */
  needsRejoin: boolean;
  /** Seq of the next heartbeat timer event, -1 when the heartbeat thread is off. */
  heartbeatEventSeq: number;
  /** Simulated time of the last poll() call, for max.poll.interval.ms. */
  lastPollAt: number;
  /** A SyncGroup result that arrived while the application was busy; applied inside the next poll(). */
  deferredAssignment: { generation: number; partitions: TopicPartition[] } | null;
}

export interface CommittedOffset {
  offset: number;
  metadata: string;
  commitTimestamp: number;
}

/** A member as the group coordinator knows it (classic protocol, ClassicGroupMember). */
export interface GroupMemberState {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  /** Simulator: where responses go, and which incarnation of that consumer joined. */
  consumer: string;
  incarnation: number;
  /** Assignors in the member's preference order (its JoinGroup protocols). */
  protocols: AssignorName[];
  subscription: string[];
  /** What the member owned when it joined (subscription userData / ownedPartitions), for sticky assignors. */
  ownedPartitions: TopicPartition[];
  /** The generation the member last held, sent with ownedPartitions (-1 when none). */
  memberGeneration: number;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  /** The coordinator removes the member if no heartbeat (or join) arrives before this time. */
  sessionDeadline: number;
  /** Rejoined during the current PreparingRebalance phase. */
  isAwaitingJoin: boolean;
  /** Sent a SyncGroup that waits for the leader's assignment. */
  isAwaitingSync: boolean;
  /** The assignment of the current generation. */
  assignment: TopicPartition[];
}

/** Which records of a partition a group has had delivered and processed, to find redeliveries and skips. */
export interface DeliveryState {
  /** One past the highest offset any member of the group has been given, -1 when none. */
  deliveredUpTo: number;
  /** One past the highest offset any member has finished processing, -1 when none. */
  processedUpTo: number;
  redeliveredCount: number;
  processedTwiceCount: number;
  skippedCount: number;
}

/** What the group coordinator holds for a group: membership, generation and committed offsets. */
export interface GroupState {
  groupId: string;
  state: GroupStateName;
  generationId: number;
  /** Always "consumer" for consumer groups. */
  protocolType: string;
  /** The assignor the group voted for in the current generation. */
  protocolName: AssignorName | null;
  leaderId: string | null;
  /** Members by id; `memberOrder` keeps the order they were added in (the first is the leader). */
  members: Record<string, GroupMemberState>;
  memberOrder: string[];
  /** group.instance.id → member id of the live static member. */
  staticMembers: Record<string, string>;
  /** The pending join-phase timer (initial rebalance delay or rebalance timeout), or null. */
  joinTimer: { seq: number; reason: 'initial-delay' | 'rebalance-timeout' } | null;
  /** Member ids handed out with MEMBER_ID_REQUIRED that have not joined yet (KIP-394). */
  pendingMemberIds: string[];
  /** When the current join phase began (the initial delay is capped by the rebalance timeout from here). */
  joinPhaseStartedAt: number;
  /** A new member arrived while the initial rebalance delay was running: wait again. */
  hasNewMemberSinceDelay: boolean;
  offsets: Record<string, CommittedOffset>;
  delivery: Record<string, DeliveryState>;
}

/** What the transaction coordinator holds for a transactional.id (TransactionMetadata). */
export interface TransactionState {
  transactionalId: string;
  producerId: number;
  producerEpoch: number;
  state: TxnStateName;
  partitions: TopicPartition[];
  /** sendOffsetsToTransaction: offsets that become the group's committed offsets only on COMMIT. */
  pendingOffsets: GroupOffsets[];
  /** When the first partition was added: transaction.timeout.ms counts from here. */
  startedAt: number;
  timeoutMs: number;
  /** Markers written so far are awaited for this many partitions. */
  pendingMarkers: number;
  /** The producer client to answer when the markers are written (EndTxn), or null (timeout abort). */
  endTxnRequester: string | null;
  /** An InitProducerId waiting for the fenced transaction's abort to finish. */
  pendingInit: string | null;
}

/** A scenario service: its shared store and each instance's in-memory state (see apps/appTypes.ts). */
export interface ServiceState {
  name: string;
  store: AppData;
  /** By instance client id. */
  memory: Record<string, AppData>;
}

/** A service's timer: calls a handler every `intervalMs` (customers placing orders, a queue processor). */
export interface TickerState {
  id: string;
  service: string;
  instance: string;
  handler: string;
  /** The producer the handler's produce() uses, or null. */
  producer: string | null;
  intervalMs: number;
  isRunning: boolean;
  /** Seq of the tick event that continues this ticker; stale ticks are ignored. */
  nextTickSeq: number;
  tickCount: number;
}

/** How a poll loop's processing runs the service's handler (see StartConsumerLoopCommand.app). */
export interface LoopApp {
  service: string;
  handler: string;
  producer: string | null;
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
  version: 2;
  seed: number;
  /** The simulated clock in ms since the start of the run. */
  time: number;
  /** Events processed so far. */
  stepCount: number;
  /** Next event sequence number: the queue's tie-breaker. */
  nextEventSeq: number;
  nextTraceId: number;
  nextProducerId: number;
  /** Events in the queue that are the brokers' background work (retention checks, the log cleaner): they don't keep a run from being idle. */
  housekeepingEventCount: number;
  rng: RngState;
  queue: SimEvent[];
  network: NetworkConfig;
  brokerConfig: BrokerConfig;
  brokers: BrokerState[];
  topics: Record<string, TopicState>;
  producers: Record<string, ProducerState>;
  consumers: Record<string, ConsumerState>;
  groups: Record<string, GroupState>;
  transactions: Record<string, TransactionState>;
  trafficSources: Record<string, TrafficSourceState>;
  services: Record<string, ServiceState>;
  tickers: Record<string, TickerState>;
}

/** The state as the views, the scenarios and the UI read it: the live state, typed read-only. */
export type ReadState = DeepReadonly<SimState>;

/** The key used for per-partition maps: "orders-2", as Kafka prints a TopicPartition. */
export function tpKey(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}
