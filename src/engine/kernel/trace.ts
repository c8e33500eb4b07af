/**
 * The trace: one structured, past-tense entry per change, with a level. The UI animates and narrates
 * from the trace and never guesses.
 * - `message`: a record moves (appended, fetched, committed).
 * - `control`: the cluster or a group changes (topic created, partitions assigned, position reset).
 * - `internal`: plumbing a learner may toggle on (a batch sent, an acknowledgement, an empty fetch).
 */
import type { AppData } from '../apps/appTypes';
import type { AssignorName } from '../config';
import type { GroupErrorCode } from '../events';
import type { GroupStateName } from '../broker/group/groupMachine';

export type TraceLevel = 'message' | 'control' | 'internal';

interface EntryBase {
  /** Increasing id over the whole run. */
  id: number;
  /** Events processed before this entry was written (commands between steps share the step count). */
  step: number;
  /** Simulated time in ms. */
  time: number;
  level: TraceLevel;
  /** Who took part, as 'broker:1', 'producer:order-service', 'consumer:analytics', 'partition:orders-2'. */
  actors: string[];
}

export interface TopicCreatedEntry extends EntryBase {
  kind: 'topicCreated';
  topic: string;
  partitions: number;
  replicationFactor: number;
  autoCreated: boolean;
}

export interface ClientCreatedEntry extends EntryBase {
  kind: 'producerCreated' | 'consumerCreated';
  clientId: string;
}

export interface RecordSentEntry extends EntryBase {
  kind: 'recordSent';
  producer: string;
  topic: string;
  partition: number;
  key: string | null;
  partitionedBy: 'explicit' | 'key-hash' | 'sticky';
}

export interface BatchSentEntry extends EntryBase {
  kind: 'batchSent';
  producer: string;
  topic: string;
  partition: number;
  count: number;
  requestId: number;
  leader: number;
}

export interface RecordAppendedEntry extends EntryBase {
  kind: 'recordAppended';
  producer: string;
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  value: string | null;
  leader: number;
  partitionedBy: 'explicit' | 'key-hash' | 'sticky';
}

export interface ProduceAcknowledgedEntry extends EntryBase {
  kind: 'produceAcknowledged';
  producer: string;
  topic: string;
  partition: number;
  baseOffset: number;
  count: number;
}

interface TP {
  topic: string;
  partition: number;
}

/** The consumer's assignment changed: `partitions` is the whole new assignment, `added` what is new in it. */
export interface PartitionsAssignedEntry extends EntryBase {
  kind: 'partitionsAssigned';
  consumer: string;
  /** null for manual assign(). */
  groupId: string | null;
  /** -1 for manual assign(). */
  generation: number;
  partitions: TP[];
  added: TP[];
}

/** onPartitionsRevoked: given up before a rebalance (eager: all; cooperative: only what moves). */
export interface PartitionsRevokedEntry extends EntryBase {
  kind: 'partitionsRevoked';
  consumer: string;
  groupId: string;
  generation: number;
  partitions: TP[];
  protocol: 'eager' | 'cooperative';
}

/** onPartitionsLost: the membership was lost, so the partitions may already belong to someone else. */
export interface PartitionsLostEntry extends EntryBase {
  kind: 'partitionsLost';
  consumer: string;
  groupId: string;
  partitions: TP[];
  error: GroupErrorCode;
}

export interface GroupStateChangedEntry extends EntryBase {
  kind: 'groupStateChanged';
  groupId: string;
  from: GroupStateName;
  to: GroupStateName;
  generation: number;
  /** Why, in words: "analytics-2 joined", "the session of analytics-2 timed out". */
  reason: string;
  /** The coordinator broker. */
  coordinator: number;
}

export interface JoinGroupSentEntry extends EntryBase {
  kind: 'joinGroupSent';
  consumer: string;
  groupId: string;
  memberId: string;
  coordinator: number;
}

/** The JoinGroup response: a new generation (or a member id to rejoin with, KIP-394). */
export interface GroupJoinedEntry extends EntryBase {
  kind: 'groupJoined';
  consumer: string;
  groupId: string;
  memberId: string;
  generation: number;
  leaderId: string;
  isLeader: boolean;
  protocol: AssignorName | null;
  error: GroupErrorCode;
}

/** The leader member ran the assignor (client side) and sends the result in its SyncGroup. */
export interface AssignmentComputedEntry extends EntryBase {
  kind: 'assignmentComputed';
  consumer: string;
  groupId: string;
  generation: number;
  protocol: AssignorName;
  assignments: { memberId: string; partitions: TP[] }[];
}

export interface SyncGroupFailedEntry extends EntryBase {
  kind: 'syncGroupFailed';
  consumer: string;
  groupId: string;
  error: GroupErrorCode;
}

export interface HeartbeatEntry extends EntryBase {
  kind: 'heartbeat';
  consumer: string;
  groupId: string;
  generation: number;
  error: GroupErrorCode;
}

export interface MemberRemovedEntry extends EntryBase {
  kind: 'memberRemoved';
  groupId: string;
  memberId: string;
  consumer: string;
  reason: 'session-timeout' | 'rebalance-timeout' | 'left-on-close' | 'left-poll-timeout' | 'left-unsubscribe' | 'replaced-static';
  /** The member's session.timeout.ms and rebalance timeout (its max.poll.interval.ms), for the narration. */
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
}

export interface ConsumerLifecycleEntry extends EntryBase {
  kind: 'consumerCrashed' | 'consumerRestarted' | 'consumerClosed';
  clientId: string;
  /** Its group.id; null for a process that is no group member (an HTTP service, Redis). */
  groupId: string | null;
}

/** Something a scenario service's handler did (AppContext.log): NOTIFIED, RETRY, FRAUD_ALERT, slot freed... */
export interface AppEventEntry extends EntryBase {
  kind: 'appEvent';
  service: string;
  instance: string;
  event: string;
  text: string;
  data: AppData;
  /** The record being handled, or null for a tick. */
  source: { topic: string; partition: number; offset: number } | null;
}

/** A handler threw: the scenario's code has a bug; the record counts as processed and the loop goes on. */
export interface AppHandlerFailedEntry extends EntryBase {
  kind: 'appHandlerFailed';
  service: string;
  instance: string;
  handler: string;
  message: string;
}

/** The learner paused or resumed a consumer application's processing (SetProcessingPausedCommand). */
export interface ProcessingPausedEntry extends EntryBase {
  kind: 'processingPaused' | 'processingResumed';
  consumer: string;
  maxPollIntervalMs: number;
}

/** The heartbeat thread found no poll() for max.poll.interval.ms. */
export interface PollIntervalExceededEntry extends EntryBase {
  kind: 'pollIntervalExceeded';
  consumer: string;
  groupId: string;
  sinceLastPollMs: number;
  maxPollIntervalMs: number;
}

export interface OffsetCommitFailedEntry extends EntryBase {
  kind: 'offsetCommitFailed';
  consumer: string;
  groupId: string;
  generation: number;
  error: GroupErrorCode;
  offsets: { topic: string; partition: number; offset: number }[];
}

/** The application finished processing one record. */
export interface RecordProcessedEntry extends EntryBase {
  kind: 'recordProcessed';
  consumer: string;
  groupId: string | null;
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  value: string | null;
  /** False when this group had already processed this record: a duplicate effect. */
  isFirstTime: boolean;
}

/**
 * A run of one partition's records and a member of a group:
 * - `recordsRedelivered`: given to it though the group had been given them before (after a crash or rebalance);
 * - `recordsSkipped`: given to the group but never processed, and now jumped over for good.
 */
export interface RecordRangeEntry extends EntryBase {
  kind: 'recordsRedelivered' | 'recordsSkipped';
  consumer: string;
  groupId: string;
  topic: string;
  partition: number;
  firstOffset: number;
  lastOffset: number;
  count: number;
}

/** kafka-consumer-groups --reset-offsets --execute. */
export interface GroupOffsetsResetEntry extends EntryBase {
  kind: 'groupOffsetsReset';
  groupId: string;
  strategy: string;
  offsets: { topic: string; partition: number; from: number | null; to: number }[];
}

export interface PositionResetEntry extends EntryBase {
  kind: 'positionReset';
  consumer: string;
  topic: string;
  partition: number;
  offset: number;
  reason: 'committed' | 'earliest' | 'latest' | 'seek';
}

export interface NoOffsetEntry extends EntryBase {
  kind: 'noOffsetForPartition';
  consumer: string;
  topic: string;
  partition: number;
}

export interface FetchSentEntry extends EntryBase {
  kind: 'fetchSent';
  consumer: string;
  fetchId: number;
}

export interface RecordsFetchedEntry extends EntryBase {
  kind: 'recordsFetched';
  consumer: string;
  topic: string;
  partition: number;
  firstOffset: number;
  lastOffset: number;
  count: number;
  /** Offset of the next record to read after these. */
  position: number;
}

export interface FetchEmptyEntry extends EntryBase {
  kind: 'fetchReturnedEmpty';
  consumer: string;
  waitedMs: number;
}

export interface OffsetsCommittedEntry extends EntryBase {
  kind: 'offsetCommitted';
  consumer: string;
  groupId: string;
  topic: string;
  partition: number;
  offset: number;
  isAutoCommit: boolean;
}

export interface TrafficSourceFinishedEntry extends EntryBase {
  kind: 'trafficSourceFinished';
  source: string;
  count: number;
}

/** The partition leader refused a produce batch (e.g. INVALID_RECORD: a null key on a compacted topic). */
export interface ProduceRejectedEntry extends EntryBase {
  kind: 'produceRejected';
  producer: string;
  topic: string;
  partition: number;
  count: number;
  error: string;
  message: string;
}

/** An append rolled the active segment: a new, empty active segment starts at `baseOffset`. */
export interface SegmentRolledEntry extends EntryBase {
  kind: 'segmentRolled';
  topic: string;
  partition: number;
  baseOffset: number;
  reason: 'segment.bytes' | 'segment.ms' | 'retention';
}

/** Retention (or DeleteRecords) deleted whole segments from the oldest end. */
export interface SegmentsDeletedEntry extends EntryBase {
  kind: 'segmentsDeleted';
  topic: string;
  partition: number;
  reason: 'retention.ms' | 'retention.bytes' | 'log-start-offset';
  segments: { baseOffset: number; endOffset: number; records: number; sizeBytes: number; largestTimestamp: number }[];
  logStartOffset: number;
}

/** DeleteRecords (kafka-delete-records) moved the log start offset. */
export interface RecordsDeletedEntry extends EntryBase {
  kind: 'recordsDeleted';
  topic: string;
  partition: number;
  logStartOffset: number;
  previousLogStartOffset: number;
}

/** One pass of the log cleaner over a compacted partition. */
export interface LogCleanedEntry extends EntryBase {
  kind: 'logCleaned';
  topic: string;
  partition: number;
  /** Dirty bytes / total bytes when the cleaner chose this log. */
  dirtyRatio: number;
  /** The cleaned range was [logStartOffset, cleanedUpTo); the next pass starts its dirty part there. */
  firstDirtyOffset: number;
  cleanedUpTo: number;
  /** Offsets removed because a later record has the same key. */
  removedOffsets: number[];
  /** Records of aborted transactions, dropped whole. */
  abortedRemoved: number[];
  /** Records without a key (written before cleanup.policy became compact), discarded. */
  keylessRemoved: number[];
  /** Tombstones removed because their delete horizon had passed. */
  tombstonesRemoved: number[];
  /** Tombstones kept and given a delete horizon on this pass. */
  tombstonesStamped: { offset: number; deleteHorizonMs: number }[];
  /** COMMIT / ABORT markers removed: no data of their transaction left and their horizon passed. */
  markersRemoved: number[];
  /** Markers whose transaction has no data left, given a delete horizon on this pass. */
  markersStamped: { offset: number; deleteHorizonMs: number }[];
  segmentsAfter: number;
}

/** A consumer's position fell outside the log (below the log start offset): auto.offset.reset decided. */
export interface OffsetOutOfRangeEntry extends EntryBase {
  kind: 'offsetOutOfRange';
  consumer: string;
  topic: string;
  partition: number;
  position: number;
  logStartOffset: number;
  /** Where the consumer went on, or -1 with auto.offset.reset=none. */
  resetTo: number;
  reset: 'earliest' | 'latest' | 'none';
  /** Offsets in [position, resetTo) the consumer never saw (deleted before it read them, or jumped over). */
  neverSeen: { from: number; to: number };
}

export interface TopicConfigAlteredEntry extends EntryBase {
  kind: 'topicConfigAltered';
  topic: string;
  changes: { name: string; from: string | number | boolean; to: string | number | boolean }[];
}

/** CreatePartitions: the topic grew; some keys now hash to a different partition. */
export interface PartitionsAddedEntry extends EntryBase {
  kind: 'partitionsAdded';
  topic: string;
  from: number;
  to: number;
  /** Keys already in the topic whose partition changes (their new records go elsewhere). */
  movedKeys: { key: string; from: number; to: number }[];
}

/** A follower copied records from the leader. */
export interface ReplicaFetchedEntry extends EntryBase {
  kind: 'replicaFetched';
  topic: string;
  partition: number;
  brokerId: number;
  fromOffset: number;
  toOffset: number;
}

export interface HighWatermarkAdvancedEntry extends EntryBase {
  kind: 'highWatermarkAdvanced';
  topic: string;
  partition: number;
  from: number;
  to: number;
}

export interface IsrChangedEntry extends EntryBase {
  kind: 'isrChanged';
  topic: string;
  partition: number;
  from: number[];
  to: number[];
  reason: string;
}

export interface BrokerLifecycleEntry extends EntryBase {
  kind: 'brokerCrashed' | 'brokerRestarted' | 'brokerFenced' | 'brokerShutdown';
  brokerId: number;
}

/** The controller chose a partition leader (or found none: leader -1, offline). */
export interface LeaderElectedEntry extends EntryBase {
  kind: 'leaderElected';
  topic: string;
  partition: number;
  previousLeader: number;
  leader: number;
  leaderEpoch: number;
  isUnclean: boolean;
  isr: number[];
  /** Records the new leader lacked: gone for good, their offsets reused by the next appends. */
  lostOffsets: { from: number; to: number } | null;
  /** acks=all requests waiting on the old leader that will never be answered. */
  unansweredRequests: number;
}

/** A returning replica cut its log back to the leader's before fetching again. */
export interface ReplicaTruncatedEntry extends EntryBase {
  kind: 'replicaTruncated';
  topic: string;
  partition: number;
  brokerId: number;
  from: number;
  to: number;
}

/** A produce request reached a broker that is down or no longer the leader: no answer comes. */
export interface ProduceRequestLostEntry extends EntryBase {
  kind: 'produceRequestLost';
  producer: string;
  topic: string;
  partition: number;
  broker: number;
  count: number;
}

/** A retriable error or request.timeout.ms without an answer: the producer will send the batch again after a backoff. */
export interface ProduceRetriedEntry extends EntryBase {
  kind: 'produceRetried';
  producer: string;
  topic: string;
  partition: number;
  /** The attempt that comes next (2 for the first retry). */
  attempt: number;
  reason: string;
  /** retry.backoff.ms doubled per retry, at most retry.backoff.max.ms, with jitter. */
  backoffMs: number;
}

/** The producer cannot reach a leader of the partition (none, or its broker is down): its batches wait. */
export interface ProducerAwaitingLeaderEntry extends EntryBase {
  kind: 'producerAwaitingLeader';
  producer: string;
  topic: string;
  partition: number;
  /** The leader its metadata names, or -1 when the partition has none. */
  leader: number;
  batches: number;
}

/** KIP-360: an idempotent producer gave up on records of unknown fate and numbers from 0 under a new epoch. */
export interface ProducerEpochBumpedEntry extends EntryBase {
  kind: 'producerEpochBumped';
  producer: string;
  producerId: number;
  producerEpoch: number;
  reason: string;
  /** Records the producer gave up on since the last bump. */
  recordsGivenUp: number;
}

/** The producer gave up on a batch: the send() callback gets this error. */
export interface ProduceFailedEntry extends EntryBase {
  kind: 'produceFailed';
  producer: string;
  topic: string;
  partition: number;
  count: number;
  error: string;
}

/** A group's coordinator moved with the leadership of its __consumer_offsets partition (-1: none available). */
export interface GroupCoordinatorMovedEntry extends EntryBase {
  kind: 'groupCoordinatorMoved';
  groupId: string;
  from: number;
  to: number;
}

/** Idempotence: the leader recognised a retried batch it already has and appended nothing. */
export interface DuplicateBatchIgnoredEntry extends EntryBase {
  kind: 'duplicateBatchIgnored';
  producer: string;
  topic: string;
  partition: number;
  baseOffset: number;
  count: number;
  firstSequence: number;
}

/** Experiment: a produce answer was lost on the way back to the producer. */
export interface ProduceResponseLostEntry extends EntryBase {
  kind: 'produceResponseLost';
  producer: string;
  topic: string;
  partition: number;
  baseOffset: number;
  count: number;
}

/** The transaction coordinator's state for a transactional.id changed. */
export interface TransactionStateChangedEntry extends EntryBase {
  kind: 'transactionStateChanged';
  transactionalId: string;
  producerId: number;
  producerEpoch: number;
  from: string;
  to: string;
  reason: string;
}

/** A COMMIT or ABORT marker took its offset in a partition. */
export interface TxnMarkerWrittenEntry extends EntryBase {
  kind: 'txnMarkerWritten';
  transactionalId: string;
  topic: string;
  partition: number;
  offset: number;
  marker: 'COMMIT' | 'ABORT';
}

/** A transactional producer call finished or failed (initTransactions, commit, abort, fenced). */
export interface TransactionClientEntry extends EntryBase {
  kind: 'transactionInitialized' | 'transactionCommitted' | 'transactionAborted' | 'producerFenced' | 'transactionAbortableError';
  producer: string;
  transactionalId: string;
  producerId: number;
  producerEpoch: number;
}

/**
 * Simulator control rollSegment: the partition's active segment was rolled on demand, as segment.bytes or
 * segment.ms would roll it later. An empty active segment is not rolled (Kafka replaces it with an equal
 * empty one), so `closed` is null then.
 */
export interface SegmentRollForcedEntry extends EntryBase {
  kind: 'segmentRollForced';
  topic: string;
  partition: number;
  /** The active segment's base offset after the call (the log end offset when it rolled). */
  baseOffset: number;
  /** The segment that stopped being active: offsets [baseOffset, endOffset), now eligible for retention and compaction. */
  closed: { baseOffset: number; endOffset: number; sizeBytes: number } | null;
}

/**
 * Simulator control runLogCleanerNow: the cleaner woke up at once and cleaned every compacted log that was
 * due (each pass also wrote a `logCleaned` entry); the others are listed with their dirty part and ratio.
 */
export interface LogCleanerRanNowEntry extends EntryBase {
  kind: 'logCleanerRanNow';
  cleaned: TP[];
  /**
   * Compacted partitions left alone: the dirty part [firstDirtyOffset, firstUncleanableOffset) is empty (the
   * active segment, the LSO or min.compaction.lag.ms holds it back) or its ratio is not above min.cleanable.dirty.ratio.
   */
  notCleaned: { topic: string; partition: number; dirtyRatio: number; minCleanableDirtyRatio: number; firstDirtyOffset: number; firstUncleanableOffset: number }[];
}

/** Simulator control runRetentionCheckNow: the retention check ran at once (`segmentsDeleted` entries give the details). */
export interface RetentionCheckRanNowEntry extends EntryBase {
  kind: 'retentionCheckRanNow';
  /** Partitions that lost segments, with how many and their new log start offset. */
  deleted: { topic: string; partition: number; segments: number; logStartOffset: number }[];
}

/** A scheduled command was rejected when its time came (the run goes on). */
export interface CommandFailedEntry extends EntryBase {
  kind: 'commandFailed';
  command: string;
  code: string;
  message: string;
}

export type TraceEntry =
  | TopicCreatedEntry
  | ClientCreatedEntry
  | RecordSentEntry
  | BatchSentEntry
  | RecordAppendedEntry
  | ProduceAcknowledgedEntry
  | PartitionsAssignedEntry
  | PartitionsRevokedEntry
  | PartitionsLostEntry
  | GroupStateChangedEntry
  | JoinGroupSentEntry
  | GroupJoinedEntry
  | AssignmentComputedEntry
  | SyncGroupFailedEntry
  | HeartbeatEntry
  | MemberRemovedEntry
  | ConsumerLifecycleEntry
  | ProcessingPausedEntry
  | AppEventEntry
  | AppHandlerFailedEntry
  | PollIntervalExceededEntry
  | OffsetCommitFailedEntry
  | RecordProcessedEntry
  | RecordRangeEntry
  | GroupOffsetsResetEntry
  | PositionResetEntry
  | NoOffsetEntry
  | FetchSentEntry
  | RecordsFetchedEntry
  | FetchEmptyEntry
  | OffsetsCommittedEntry
  | TrafficSourceFinishedEntry
  | CommandFailedEntry
  | ProduceRejectedEntry
  | SegmentRolledEntry
  | SegmentsDeletedEntry
  | RecordsDeletedEntry
  | LogCleanedEntry
  | OffsetOutOfRangeEntry
  | TopicConfigAlteredEntry
  | PartitionsAddedEntry
  | ReplicaFetchedEntry
  | HighWatermarkAdvancedEntry
  | IsrChangedEntry
  | BrokerLifecycleEntry
  | LeaderElectedEntry
  | ReplicaTruncatedEntry
  | ProduceRequestLostEntry
  | ProduceRetriedEntry
  | ProduceFailedEntry
  | ProducerAwaitingLeaderEntry
  | ProducerEpochBumpedEntry
  | GroupCoordinatorMovedEntry
  | DuplicateBatchIgnoredEntry
  | ProduceResponseLostEntry
  | TransactionStateChangedEntry
  | TxnMarkerWrittenEntry
  | TransactionClientEntry
  | SegmentRollForcedEntry
  | LogCleanerRanNowEntry
  | RetentionCheckRanNowEntry;

export type TraceKind = TraceEntry['kind'];

/** An entry before the kernel stamps id, step and time. */
export type NewTraceEntry = TraceEntry extends infer E ? (E extends TraceEntry ? Omit<E, 'id' | 'step' | 'time'> : never) : never;
