/**
 * The trace: one structured, past-tense entry per change, with a level. The UI animates and narrates
 * from the trace and never guesses.
 * - `message`: a record moves (appended, fetched, committed).
 * - `control`: the cluster or a group changes (topic created, partitions assigned, position reset).
 * - `internal`: plumbing a learner may toggle on (a batch sent, an acknowledgement, an empty fetch).
 * Each concern declares its entries beside its code (clients/producer/producerTrace.ts,
 * cluster/clusterTrace.ts...); this file assembles TraceEntry and re-exports them.
 */
import type { AppEventEntry, AppHandlerFailedEntry, TrafficSourceFinishedEntry } from '../apps/appTrace';
import type { GroupCoordinatorMovedEntry, GroupOffsetsResetEntry, GroupStateChangedEntry, MemberRemovedEntry, RecordRangeEntry } from '../broker/group/groupTrace';
import type { TransactionStateChangedEntry, TxnMarkerWrittenEntry } from '../broker/txn/txnTrace';
import type { ClientCreatedEntry } from '../clients/clientTrace';
import type {
  ConsumerLifecycleEntry,
  FetchEmptyEntry,
  FetchSentEntry,
  NoOffsetEntry,
  OffsetCommitFailedEntry,
  OffsetOutOfRangeEntry,
  OffsetsCommittedEntry,
  PartitionsAssignedEntry,
  PositionResetEntry,
  ProcessingPausedEntry,
  RecordProcessedEntry,
  RecordsFetchedEntry,
} from '../clients/consumer/consumerTrace';
import type {
  AssignmentComputedEntry,
  GroupJoinedEntry,
  HeartbeatEntry,
  JoinGroupSentEntry,
  PartitionsLostEntry,
  PartitionsRevokedEntry,
  PollIntervalExceededEntry,
  SyncGroupFailedEntry,
} from '../clients/group/memberTrace';
import type {
  BatchSentEntry,
  DuplicateBatchIgnoredEntry,
  ProduceAcknowledgedEntry,
  ProduceFailedEntry,
  ProduceRejectedEntry,
  ProduceRequestLostEntry,
  ProduceResponseLostEntry,
  ProduceRetriedEntry,
  ProducerAwaitingLeaderEntry,
  ProducerEpochBumpedEntry,
  RecordAppendedEntry,
  RecordSentEntry,
} from '../clients/producer/producerTrace';
import type { TransactionClientEntry } from '../clients/txn/txnClientTrace';
import type {
  BrokerLifecycleEntry,
  HighWatermarkAdvancedEntry,
  IsrChangedEntry,
  LeaderElectedEntry,
  LogCleanerRanNowEntry,
  PartitionsAddedEntry,
  ReplicaFetchedEntry,
  ReplicaTruncatedEntry,
  RetentionCheckRanNowEntry,
  SegmentRollForcedEntry,
  TopicConfigAlteredEntry,
  TopicCreatedEntry,
} from '../cluster/clusterTrace';
import type { LogCleanedEntry, RecordsDeletedEntry, SegmentRolledEntry, SegmentsDeletedEntry } from '../log/logTrace';
import type { CommandFailedEntry } from './commandTrace';
import type {
  ShareAcknowledgementRejectedEntry,
  ShareAssignmentComputedEntry,
  ShareMemberChangedEntry,
  ShareRecordsAcknowledgedEntry,
  ShareRecordsAcquiredEntry,
  ShareRecordsReleasedEntry,
} from '../broker/share/shareTrace';
import type { ShareAssignmentReceivedEntry, ShareConsumerCreatedEntry, ShareProcessingPausedEntry, ShareRecordProcessedEntry } from '../clients/share/shareConsumerTrace';

export type { TraceLevel } from './traceEntryBase';
export type * from '../cluster/clusterTrace';
export type * from '../clients/clientTrace';
export type * from '../clients/producer/producerTrace';
export type * from '../clients/consumer/consumerTrace';
export type * from '../clients/group/memberTrace';
export type * from '../broker/group/groupTrace';
export type * from '../apps/appTrace';
export type * from '../log/logTrace';
export type * from '../broker/txn/txnTrace';
export type * from '../clients/txn/txnClientTrace';
export type * from './commandTrace';
export type * from '../broker/share/shareTrace';
export type * from '../clients/share/shareConsumerTrace';

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
  | RetentionCheckRanNowEntry
  | ShareMemberChangedEntry
  | ShareAssignmentComputedEntry
  | ShareRecordsAcquiredEntry
  | ShareRecordsAcknowledgedEntry
  | ShareAcknowledgementRejectedEntry
  | ShareRecordsReleasedEntry
  | ShareConsumerCreatedEntry
  | ShareAssignmentReceivedEntry
  | ShareRecordProcessedEntry
  | ShareProcessingPausedEntry;

export type TraceKind = TraceEntry['kind'];

/** An entry before the kernel stamps id, step and time. */
export type NewTraceEntry = TraceEntry extends infer E ? (E extends TraceEntry ? Omit<E, 'id' | 'step' | 'time'> : never) : never;

/**
 * A placeholder for id, step and time in an entry built on a per-record path. The simulation stamps
 * those three on every entry as it is written; an entry built with them already in place (last, in
 * that order, as stamping would add them) is filled in place, while one without them grows three
 * properties, which costs V8 a new property store per entry (three entries a record in the bench).
 */
export const UNSTAMPED = -1;
