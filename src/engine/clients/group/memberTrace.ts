/**
 * Trace entries of group membership on the consumer's side: JoinGroup sent and answered, the leader's
 * assignment, SyncGroup failures, heartbeats, partitions revoked or lost, and max.poll.interval.ms
 * running out.
 */
import type { AssignorName } from '../../config';
import type { EntryBase } from '../../kernel/traceEntryBase';
import type { GroupErrorCode } from '../../shared/groupErrors';
import type { TopicPartition as TP } from '../../shared/topicPartition';

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

/** The heartbeat thread found no poll() for max.poll.interval.ms. */
export interface PollIntervalExceededEntry extends EntryBase {
  kind: 'pollIntervalExceeded';
  consumer: string;
  groupId: string;
  sinceLastPollMs: number;
  maxPollIntervalMs: number;
}
