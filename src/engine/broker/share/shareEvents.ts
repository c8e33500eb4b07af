/** Share group requests reaching the brokers (ShareGroupHeartbeat, ShareFetch) and their own timers. */
import type { EventBase } from '../../kernel/eventBase';
import type { PendingAcknowledgement } from '../../shared/shareTypes';
import type { TopicPartition } from '../../shared/topicPartition';

/** A ShareGroupHeartbeat reaches the coordinator: epoch 0 joins, -1 leaves, else the member's current epoch. */
export interface ShareGroupHeartbeatArrivedEvent extends EventBase {
  type: 'shareGroupHeartbeatArrived';
  groupId: string;
  consumer: string;
  incarnation: number;
  memberId: string;
  memberEpoch: number;
  subscribedTopics: string[];
}

/** The coordinator checks whether a share member's session ran out. */
export interface ShareSessionTimeoutCheckEvent extends EventBase {
  type: 'shareSessionTimeoutCheck';
  groupId: string;
  memberId: string;
}

/** A ShareFetch reaches the leaders of its partitions, with the acknowledgements riding on it. */
export interface ShareFetchArrivedEvent extends EventBase {
  type: 'shareFetchArrived';
  groupId: string;
  consumer: string;
  incarnation: number;
  memberId: string;
  requestId: number;
  partitions: TopicPartition[];
  acknowledgements: PendingAcknowledgement[];
  maxRecords: number;
  maxWaitMs: number;
}

/** An acquisition lock taken at a share-partition may have run out (one timer per acquisition, as Kafka's AcquisitionLockTimerTask). */
export interface ShareLockTimeoutEvent extends EventBase {
  type: 'shareLockTimeout';
  groupId: string;
  topic: string;
  partition: number;
}

/** A member's share session ended at the leaders: its connection dropped (a crash) or it closed. */
export interface ShareSessionClosedEvent extends EventBase {
  type: 'shareSessionClosed';
  groupId: string;
  memberId: string;
  consumer: string;
}
