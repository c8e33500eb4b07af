/** Trace entries of share groups at the brokers: membership, assignment, records acquired, acknowledged and released. */
import type { EntryBase } from '../../kernel/traceEntryBase';
import type { AcknowledgeType } from '../../shared/shareTypes';
import type { TopicPartition } from '../../shared/topicPartition';
import type { AcquiredRange, ShareRecordState } from './sharePartitionTypes';

export interface ShareMemberChangedEntry extends EntryBase {
  kind: 'shareMemberJoined' | 'shareMemberRemoved';
  groupId: string;
  consumer: string;
  memberId: string;
  /** The group epoch after the change. */
  groupEpoch: number;
  reason: 'joined' | 'left' | 'session-timeout';
  /** The group's group.share.session.timeout.ms, for the narration. */
  sessionTimeoutMs: number;
}

export interface ShareAssignmentComputedEntry extends EntryBase {
  kind: 'shareAssignmentComputed';
  groupId: string;
  groupEpoch: number;
  /** Consumer -> its partitions. */
  assignment: { consumer: string; partitions: TopicPartition[] }[];
}

export interface ShareRecordsAcquiredEntry extends EntryBase {
  kind: 'shareRecordsAcquired';
  groupId: string;
  consumer: string;
  topic: string;
  partition: number;
  ranges: AcquiredRange[];
  count: number;
  lockDurationMs: number;
}

export interface ShareRecordsAcknowledgedEntry extends EntryBase {
  kind: 'shareRecordsAcknowledged';
  groupId: string;
  consumer: string;
  topic: string;
  partition: number;
  offsets: { offset: number; type: AcknowledgeType }[];
  /** SPSO after the acknowledgement. */
  startOffset: number;
}

export interface ShareAcknowledgementRejectedEntry extends EntryBase {
  kind: 'shareAcknowledgementRejected';
  groupId: string;
  consumer: string;
  topic: string;
  partition: number;
  reason: string;
}

export interface ShareRecordsReleasedEntry extends EntryBase {
  kind: 'shareRecordsReleased';
  groupId: string;
  /** The member's consumer whose records came back, or '' for a lock timeout (whoever held them). */
  consumer: string;
  topic: string;
  partition: number;
  reason: 'lock-timeout' | 'member-removed' | 'session-closed';
  /** What each run of offsets became: AVAILABLE again, or ARCHIVED at the delivery count limit. */
  ranges: { firstOffset: number; lastOffset: number; state: ShareRecordState }[];
  deliveryCountLimit: number;
}
