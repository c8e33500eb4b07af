/**
 * Group requests reaching the group coordinator (JoinGroup, SyncGroup, Heartbeat, LeaveGroup) and its
 * own timers (session expiry, the join phase). coordinator.ts applies them.
 */
import type { AssignorName } from '../../config';
import type { EventBase } from '../../kernel/eventBase';
import type { TopicPartition } from '../../shared/topicPartition';

/** A JoinGroup request reaches the group coordinator. */
export interface JoinGroupArrivedEvent extends EventBase {
  type: 'joinGroupArrived';
  groupId: string;
  consumer: string;
  incarnation: number;
  clientId: string;
  memberId: string;
  groupInstanceId: string | null;
  protocols: AssignorName[];
  subscription: string[];
  ownedPartitions: TopicPartition[];
  memberGeneration: number;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
}

/** A SyncGroup request reaches the coordinator; the leader's carries everyone's assignment. */
export interface SyncGroupArrivedEvent extends EventBase {
  type: 'syncGroupArrived';
  groupId: string;
  consumer: string;
  incarnation: number;
  memberId: string;
  generation: number;
  assignments: Record<string, TopicPartition[]> | null;
}

export interface HeartbeatArrivedEvent extends EventBase {
  type: 'heartbeatArrived';
  groupId: string;
  consumer: string;
  incarnation: number;
  memberId: string;
  generation: number;
}

/** A LeaveGroup request reaches the coordinator. */
export interface LeaveGroupArrivedEvent extends EventBase {
  type: 'leaveGroupArrived';
  groupId: string;
  consumer: string;
  memberId: string;
  reason: 'close' | 'max.poll.interval.ms' | 'unsubscribe';
}

/** The coordinator checks whether a member's session ran out. */
export interface SessionTimeoutCheckEvent extends EventBase {
  type: 'sessionTimeoutCheck';
  groupId: string;
  memberId: string;
}

/** The join phase's timer: the initial rebalance delay of an empty group, or the rebalance timeout. */
export interface JoinTimerEvent extends EventBase {
  type: 'joinTimer';
  groupId: string;
  reason: 'initial-delay' | 'rebalance-timeout';
}
