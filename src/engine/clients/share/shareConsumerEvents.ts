/** A share consumer's timers and the answers it gets (ShareGroupHeartbeat, ShareFetch). */
import type { EventBase } from '../../kernel/eventBase';
import type { ShareDeliveredRecord } from '../../shared/shareTypes';
import type { TopicPartition } from '../../shared/topicPartition';

export interface ShareHeartbeatTimerEvent extends EventBase {
  type: 'shareHeartbeatTimer';
  consumer: string;
  incarnation: number;
}

export interface ShareGroupHeartbeatResponseEvent extends EventBase {
  type: 'shareGroupHeartbeatResponse';
  consumer: string;
  incarnation: number;
  error: 'NONE' | 'FENCED_MEMBER_EPOCH' | 'UNKNOWN_MEMBER_ID' | 'GROUP_ID_NOT_FOUND';
  memberEpoch: number;
  assignment: TopicPartition[];
  heartbeatIntervalMs: number;
}

/** One partition's part of a ShareFetch response. */
export interface ShareFetchPartitionResponse extends TopicPartition {
  records: ShareDeliveredRecord[];
  /** Why the acknowledgements for this partition were refused (INVALID_RECORD_STATE), or null. */
  acknowledgeError: string | null;
}

export interface ShareFetchResponseEvent extends EventBase {
  type: 'shareFetchResponse';
  consumer: string;
  incarnation: number;
  requestId: number;
  partitions: ShareFetchPartitionResponse[];
}

/** The share consumer's application finished a record. */
export interface ShareRecordProcessedEvent extends EventBase {
  type: 'shareRecordProcessed';
  consumer: string;
  incarnation: number;
}
