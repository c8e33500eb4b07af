/** Shapes of the pure `assign()` function (fixed by DESIGN.md, checked from outside). */
import type { AssignorName } from '../../../config';

export type { AssignorName };

export interface TopicPartitionRef {
  topic: string;
  partition: number;
}

/** One group member as the leader sees it in the JoinGroup response. */
export interface AssignorMember {
  memberId: string;
  topics: string[];
  /** Static members (KIP-345) sort first in range and roundrobin. */
  groupInstanceId?: string;
  /** What the member owned before this rebalance (sticky family). */
  ownedPartitions?: TopicPartitionRef[];
  /** The generation those owned partitions belong to; -1 (the default) = none. */
  generation?: number;
}

/** Member id → its partitions, sorted by topic then partition; every member present. */
export type Assignment = Record<string, TopicPartitionRef[]>;

/** partitions per topic; a topic missing here does not exist. */
export type PartitionsPerTopic = Record<string, number>;
