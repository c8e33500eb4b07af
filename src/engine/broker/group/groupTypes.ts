/**
 * What the group coordinator holds for a group: its state, generation, members and their assignments,
 * committed offsets, and the simulator's delivery bookkeeping. Plain data; coordinator.ts, delivery.ts,
 * resetOffsets.ts and the consumer's commits.ts act on it.
 */
import type { AssignorName } from '../../config';
import type { TopicPartition } from '../../shared/topicPartition';
import type { GroupStateName } from './groupMachine';

export interface CommittedOffset {
  offset: number;
  metadata: string;
  commitTimestamp: number;
}

/** A member as the group coordinator knows it (classic protocol, ClassicGroupMember). */
export interface GroupMemberState {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  /** Simulator: where responses go, and which incarnation of that consumer joined. */
  consumer: string;
  incarnation: number;
  /** Assignors in the member's preference order (its JoinGroup protocols). */
  protocols: AssignorName[];
  subscription: string[];
  /** What the member owned when it joined (subscription userData / ownedPartitions), for sticky assignors. */
  ownedPartitions: TopicPartition[];
  /** The generation the member last held, sent with ownedPartitions (-1 when none). */
  memberGeneration: number;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  /** The coordinator removes the member if no heartbeat (or join) arrives before this time. */
  sessionDeadline: number;
  /** Rejoined during the current PreparingRebalance phase. */
  isAwaitingJoin: boolean;
  /** Sent a SyncGroup that waits for the leader's assignment. */
  isAwaitingSync: boolean;
  /** The assignment of the current generation. */
  assignment: TopicPartition[];
}

/** Which records of a partition a group has had delivered and processed, to find redeliveries and skips. */
export interface DeliveryState {
  /** One past the highest offset any member of the group has been given, -1 when none. */
  deliveredUpTo: number;
  /** One past the highest offset any member has finished processing, -1 when none. */
  processedUpTo: number;
  redeliveredCount: number;
  processedTwiceCount: number;
  skippedCount: number;
}

/** What the group coordinator holds for a group: membership, generation and committed offsets. */
export interface GroupState {
  groupId: string;
  state: GroupStateName;
  generationId: number;
  /** Always "consumer" for consumer groups. */
  protocolType: string;
  /** The assignor the group voted for in the current generation. */
  protocolName: AssignorName | null;
  leaderId: string | null;
  /** Members by id; `memberOrder` keeps the order they were added in (the first is the leader). */
  members: Record<string, GroupMemberState>;
  memberOrder: string[];
  /** group.instance.id → member id of the live static member. */
  staticMembers: Record<string, string>;
  /** The pending join-phase timer (initial rebalance delay or rebalance timeout), or null. */
  joinTimer: { seq: number; reason: 'initial-delay' | 'rebalance-timeout' } | null;
  /** Member ids handed out with MEMBER_ID_REQUIRED that have not joined yet (KIP-394). */
  pendingMemberIds: string[];
  /** When the current join phase began (the initial delay is capped by the rebalance timeout from here). */
  joinPhaseStartedAt: number;
  /** A new member arrived while the initial rebalance delay was running: wait again. */
  hasNewMemberSinceDelay: boolean;
  offsets: Record<string, CommittedOffset>;
  delivery: Record<string, DeliveryState>;
}
