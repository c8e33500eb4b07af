/**
 * A share-partition's state (KIP-932): one (share group, topic-partition) pair, kept by the partition's
 * leader (Kafka's SharePartition) as plain data. Records between SPSO and SPEO are "in flight": each has
 * a state and a delivery count. sharePartition.ts acts on it.
 */

/** Kafka's RecordState (AVAILABLE 0, ACQUIRED 1, ACKNOWLEDGED 2, ARCHIVED 4). The last two are terminal. */
export type ShareRecordState = 'AVAILABLE' | 'ACQUIRED' | 'ACKNOWLEDGED' | 'ARCHIVED';

import type { AcknowledgeType } from '../../shared/shareTypes';

export type { AcknowledgeType };

/** One offset's state once its batch has split (Kafka's InFlightState). */
export interface InFlightState {
  state: ShareRecordState;
  /** Times the record was acquired (it goes up on every acquisition, never down). */
  deliveryCount: number;
  /** The member holding it while ACQUIRED, else ''. */
  memberId: string;
  /** Simulated time its acquisition lock runs out while ACQUIRED, else -1. */
  lockExpiresAt: number;
}

/**
 * Kafka's InFlightBatch: offsets first..last acquired together share one state until one of them
 * changes on its own; then the batch splits into one InFlightState per offset.
 */
export interface InFlightBatch extends InFlightState {
  firstOffset: number;
  lastOffset: number;
  /** One state per offset (index = offset - firstOffset) once the batch has split, else null. */
  offsetStates: InFlightState[] | null;
}

export interface SharePartitionState {
  topic: string;
  partition: number;
  /** SPSO: every offset below it is finished (acknowledged or archived). */
  startOffset: number;
  /** SPEO as Kafka keeps it: the last offset in the cache, or the next offset to fetch when the cache is empty (then equal to SPSO). */
  endOffset: number;
  /** In-flight batches in offset order, covering every offset from SPSO to SPEO when not empty. */
  batches: InFlightBatch[];
}

/** Offsets first..last handed to a member, all with the same delivery count (ShareFetch's AcquiredRecords). */
export interface AcquiredRange {
  firstOffset: number;
  lastOffset: number;
  deliveryCount: number;
}

/** An acknowledgement of offsets first..last, all of one type. */
export interface AcknowledgementBatch {
  firstOffset: number;
  lastOffset: number;
  type: AcknowledgeType;
}

/** What the share-partition needs from the group's configs. */
export interface ShareLimits {
  /** group.share.record.lock.duration.ms (30,000). */
  lockDurationMs: number;
  /** group.share.delivery.count.limit (5): a record going back to AVAILABLE at this count is ARCHIVED instead. */
  deliveryCountLimit: number;
  /** group.share.partition.max.record.locks (2,000): new records are acquired only while SPEO - SPSO + 1 is below it. */
  maxRecordLocks: number;
}
