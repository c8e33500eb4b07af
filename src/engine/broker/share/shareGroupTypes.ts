/**
 * A share group (KIP-932) as its coordinator keeps it: members with their epochs and assignments, the
 * group epoch, and (kept here for simplicity, though Kafka keeps them on each partition's leader) the
 * share-partitions the group reads.
 */
import type { TopicPartition } from '../../shared/topicPartition';
import type { SharePartitionState } from './sharePartitionTypes';

/** Kafka's ShareGroupState: Empty with no members, else Stable (there is no rebalance state). */
export type ShareGroupStateName = 'Empty' | 'Stable';

export interface ShareGroupMember {
  memberId: string;
  /** The share consumer's client id. */
  consumer: string;
  /** The epoch the member last acknowledged (it takes the group's target on its next heartbeat). */
  memberEpoch: number;
  subscribedTopics: string[];
  /** The partitions the member works on (several members may share one when members outnumber partitions). */
  assignment: TopicPartition[];
  /** Simulated time of its last heartbeat, for group.share.session.timeout.ms. */
  lastHeartbeatAt: number;
}

export interface ShareGroupState {
  groupId: string;
  state: ShareGroupStateName;
  /** Goes up when a member joins or leaves or is fenced, or when its subscribed topics change. */
  groupEpoch: number;
  /** Members sorted by member id (the assignor's fixed order). */
  members: ShareGroupMember[];
  /** share.auto.offset.reset (a group config): where a share-partition starts when first read. */
  autoOffsetReset: 'latest' | 'earliest';
  /** Share-partitions by topic-partition key (orders-0), created on the group's first fetch from each. */
  sharePartitions: Record<string, SharePartitionState>;
}
