/**
 * What reaches a group member on the consumer's side: the coordinator's answers to JoinGroup, SyncGroup
 * and Heartbeat, the heartbeat thread's timer, and a retry after the coordinator was unavailable.
 * member.ts applies them.
 */
import type { AssignorName } from '../../config';
import type { EventBase } from '../../kernel/eventBase';
import type { GroupErrorCode } from '../../shared/groupErrors';
import type { TopicPartition } from '../../shared/topicPartition';

/** A consumer retries a group request after retry.backoff.ms (the coordinator was unavailable). */
export interface GroupRetryEvent extends EventBase {
  type: 'groupRetry';
  consumer: string;
  incarnation: number;
}

/** A member's subscription as the JoinGroup carries it (and the leader receives it). */
export interface JoinGroupMemberMetadata {
  memberId: string;
  groupInstanceId: string | null;
  topics: string[];
  ownedPartitions: TopicPartition[];
  generation: number;
}

/** The JoinGroup response reaches the member: the new generation, or an error. */
export interface JoinGroupResponseEvent extends EventBase {
  type: 'joinGroupResponse';
  consumer: string;
  incarnation: number;
  error: GroupErrorCode;
  memberId: string;
  generation: number;
  protocol: AssignorName | null;
  leaderId: string;
  /** Every member's subscription for the leader; empty for followers. */
  members: JoinGroupMemberMetadata[];
  /** A static member rejoining a Stable group: no rebalance, take the stored assignment. */
  isStaticRejoin: boolean;
}

export interface SyncGroupResponseEvent extends EventBase {
  type: 'syncGroupResponse';
  consumer: string;
  incarnation: number;
  error: GroupErrorCode;
  generation: number;
  assignment: TopicPartition[];
}

/** The consumer's background heartbeat thread wakes up (every heartbeat.interval.ms). */
export interface HeartbeatTimerEvent extends EventBase {
  type: 'heartbeatTimer';
  consumer: string;
  incarnation: number;
}

export interface HeartbeatResponseEvent extends EventBase {
  type: 'heartbeatResponse';
  consumer: string;
  incarnation: number;
  generation: number;
  error: GroupErrorCode;
}
