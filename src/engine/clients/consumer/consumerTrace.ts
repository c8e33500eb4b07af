/**
 * Trace entries of a consumer: its assignment, its positions (reset, missing, out of range), fetches
 * and the records they bring, the application processing records or paused, offset commits, and the
 * process crashing, restarting or closing.
 */
import type { EntryBase } from '../../kernel/traceEntryBase';
import type { GroupErrorCode } from '../../shared/groupErrors';
import type { TopicPartition as TP } from '../../shared/topicPartition';

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

export interface ConsumerLifecycleEntry extends EntryBase {
  kind: 'consumerCrashed' | 'consumerRestarted' | 'consumerClosed';
  clientId: string;
  /** Its group.id; null for a process that is no group member (an HTTP service, Redis). */
  groupId: string | null;
}

/** The learner paused or resumed a consumer application's processing (SetProcessingPausedCommand). */
export interface ProcessingPausedEntry extends EntryBase {
  kind: 'processingPaused' | 'processingResumed';
  consumer: string;
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
