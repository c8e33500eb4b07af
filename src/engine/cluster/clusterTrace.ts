/**
 * Trace entries of the cluster: topics created, altered and grown, replication (follower fetches, the
 * high watermark, the ISR), brokers going down and up, leader elections and truncation, and the
 * summaries of the simulator controls (simulatorControls.ts).
 */
import type { EntryBase } from '../kernel/traceEntryBase';
import type { TopicPartition as TP } from '../shared/topicPartition';

export interface TopicCreatedEntry extends EntryBase {
  kind: 'topicCreated';
  topic: string;
  partitions: number;
  replicationFactor: number;
  autoCreated: boolean;
}

export interface TopicConfigAlteredEntry extends EntryBase {
  kind: 'topicConfigAltered';
  topic: string;
  changes: { name: string; from: string | number | boolean; to: string | number | boolean }[];
}

/** CreatePartitions: the topic grew; some keys now hash to a different partition. */
export interface PartitionsAddedEntry extends EntryBase {
  kind: 'partitionsAdded';
  topic: string;
  from: number;
  to: number;
  /** Keys already in the topic whose partition changes (their new records go elsewhere). */
  movedKeys: { key: string; from: number; to: number }[];
}

/** A follower copied records from the leader. */
export interface ReplicaFetchedEntry extends EntryBase {
  kind: 'replicaFetched';
  topic: string;
  partition: number;
  brokerId: number;
  fromOffset: number;
  toOffset: number;
}

export interface HighWatermarkAdvancedEntry extends EntryBase {
  kind: 'highWatermarkAdvanced';
  topic: string;
  partition: number;
  from: number;
  to: number;
}

export interface IsrChangedEntry extends EntryBase {
  kind: 'isrChanged';
  topic: string;
  partition: number;
  from: number[];
  to: number[];
  reason: string;
}

export interface BrokerLifecycleEntry extends EntryBase {
  kind: 'brokerCrashed' | 'brokerRestarted' | 'brokerFenced' | 'brokerShutdown';
  brokerId: number;
}

/** The controller chose a partition leader (or found none: leader -1, offline). */
export interface LeaderElectedEntry extends EntryBase {
  kind: 'leaderElected';
  topic: string;
  partition: number;
  previousLeader: number;
  leader: number;
  leaderEpoch: number;
  isUnclean: boolean;
  isr: number[];
  /** Records the new leader lacked: gone for good, their offsets reused by the next appends. */
  lostOffsets: { from: number; to: number } | null;
  /** acks=all requests waiting on the old leader that will never be answered. */
  unansweredRequests: number;
}

/** A returning replica cut its log back to the leader's before fetching again. */
export interface ReplicaTruncatedEntry extends EntryBase {
  kind: 'replicaTruncated';
  topic: string;
  partition: number;
  brokerId: number;
  from: number;
  to: number;
}

/**
 * Simulator control rollSegment: the partition's active segment was rolled on demand, as segment.bytes or
 * segment.ms would roll it later. An empty active segment is not rolled (Kafka replaces it with an equal
 * empty one), so `closed` is null then.
 */
export interface SegmentRollForcedEntry extends EntryBase {
  kind: 'segmentRollForced';
  topic: string;
  partition: number;
  /** The active segment's base offset after the call (the log end offset when it rolled). */
  baseOffset: number;
  /** The segment that stopped being active: offsets [baseOffset, endOffset), now eligible for retention and compaction. */
  closed: { baseOffset: number; endOffset: number; sizeBytes: number } | null;
}

/**
 * Simulator control runLogCleanerNow: the cleaner woke up at once and cleaned every compacted log that was
 * due (each pass also wrote a `logCleaned` entry); the others are listed with their dirty part and ratio.
 */
export interface LogCleanerRanNowEntry extends EntryBase {
  kind: 'logCleanerRanNow';
  cleaned: TP[];
  /**
   * Compacted partitions left alone: the dirty part [firstDirtyOffset, firstUncleanableOffset) is empty (the
   * active segment, the LSO or min.compaction.lag.ms holds it back) or its ratio is not above min.cleanable.dirty.ratio.
   */
  notCleaned: { topic: string; partition: number; dirtyRatio: number; minCleanableDirtyRatio: number; firstDirtyOffset: number; firstUncleanableOffset: number }[];
}

/** Simulator control runRetentionCheckNow: the retention check ran at once (`segmentsDeleted` entries give the details). */
export interface RetentionCheckRanNowEntry extends EntryBase {
  kind: 'retentionCheckRanNow';
  /** Partitions that lost segments, with how many and their new log start offset. */
  deleted: { topic: string; partition: number; segments: number; logStartOffset: number }[];
}
