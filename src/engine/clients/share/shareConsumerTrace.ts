/** Trace entries of share consumers: created, assignment taken, a record processed. */
import type { EntryBase } from '../../kernel/traceEntryBase';
import type { TopicPartition } from '../../shared/topicPartition';

export interface ShareConsumerCreatedEntry extends EntryBase {
  kind: 'shareConsumerCreated';
  clientId: string;
  groupId: string;
}

export interface ShareAssignmentReceivedEntry extends EntryBase {
  kind: 'shareAssignmentReceived';
  consumer: string;
  groupId: string;
  memberEpoch: number;
  partitions: TopicPartition[];
}

export interface ShareRecordProcessedEntry extends EntryBase {
  kind: 'shareRecordProcessed';
  consumer: string;
  groupId: string;
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  value: string | null;
  deliveryCount: number;
}

/** The learner hung or un-hung a share consumer's record handler (setProcessingPaused). */
export interface ShareProcessingPausedEntry extends EntryBase {
  kind: 'shareProcessingPaused' | 'shareProcessingResumed';
  consumer: string;
  groupId: string;
  /** group.share.record.lock.duration.ms: how long what it holds stays locked to it. */
  lockDurationMs: number;
}
