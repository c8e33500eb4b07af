/**
 * Trace entries of the group coordinator: the group's state changes, members removed, the coordinator
 * moving, offsets reset by the admin tool, and the delivery bookkeeping's redelivered and skipped
 * records (delivery.ts).
 */
import type { EntryBase } from '../../kernel/traceEntryBase';
import type { GroupStateName } from './groupMachine';

export interface GroupStateChangedEntry extends EntryBase {
  kind: 'groupStateChanged';
  groupId: string;
  from: GroupStateName;
  to: GroupStateName;
  generation: number;
  /** Why, in words: "analytics-2 joined", "the session of analytics-2 timed out". */
  reason: string;
  /** The coordinator broker. */
  coordinator: number;
}

export interface MemberRemovedEntry extends EntryBase {
  kind: 'memberRemoved';
  groupId: string;
  memberId: string;
  consumer: string;
  reason: 'session-timeout' | 'rebalance-timeout' | 'left-on-close' | 'left-poll-timeout' | 'left-unsubscribe' | 'replaced-static';
  /** The member's session.timeout.ms and rebalance timeout (its max.poll.interval.ms), for the narration. */
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
}

/**
 * A run of one partition's records and a member of a group:
 * - `recordsRedelivered`: given to it though the group had been given them before (after a crash or rebalance);
 * - `recordsSkipped`: given to the group but never processed, and now jumped over for good.
 */
export interface RecordRangeEntry extends EntryBase {
  kind: 'recordsRedelivered' | 'recordsSkipped';
  consumer: string;
  groupId: string;
  topic: string;
  partition: number;
  firstOffset: number;
  lastOffset: number;
  count: number;
}

/** kafka-consumer-groups --reset-offsets --execute. */
export interface GroupOffsetsResetEntry extends EntryBase {
  kind: 'groupOffsetsReset';
  groupId: string;
  strategy: string;
  offsets: { topic: string; partition: number; from: number | null; to: number }[];
}

/** A group's coordinator moved with the leadership of its __consumer_offsets partition (-1: none available). */
export interface GroupCoordinatorMovedEntry extends EntryBase {
  kind: 'groupCoordinatorMoved';
  groupId: string;
  from: number;
  to: number;
}
