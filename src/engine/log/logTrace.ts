/**
 * Trace entries of a partition's log: segments rolled and deleted, the log start offset moved by
 * DeleteRecords, and the log cleaner's passes.
 */
import type { EntryBase } from '../kernel/traceEntryBase';

/** An append rolled the active segment: a new, empty active segment starts at `baseOffset`. */
export interface SegmentRolledEntry extends EntryBase {
  kind: 'segmentRolled';
  topic: string;
  partition: number;
  baseOffset: number;
  reason: 'segment.bytes' | 'segment.ms' | 'retention';
}

/** Retention (or DeleteRecords) deleted whole segments from the oldest end. */
export interface SegmentsDeletedEntry extends EntryBase {
  kind: 'segmentsDeleted';
  topic: string;
  partition: number;
  reason: 'retention.ms' | 'retention.bytes' | 'log-start-offset';
  segments: { baseOffset: number; endOffset: number; records: number; sizeBytes: number; largestTimestamp: number }[];
  logStartOffset: number;
}

/** DeleteRecords (kafka-delete-records) moved the log start offset. */
export interface RecordsDeletedEntry extends EntryBase {
  kind: 'recordsDeleted';
  topic: string;
  partition: number;
  logStartOffset: number;
  previousLogStartOffset: number;
}

/** One pass of the log cleaner over a compacted partition. */
export interface LogCleanedEntry extends EntryBase {
  kind: 'logCleaned';
  topic: string;
  partition: number;
  /** Dirty bytes / total bytes when the cleaner chose this log. */
  dirtyRatio: number;
  /** The cleaned range was [logStartOffset, cleanedUpTo); the next pass starts its dirty part there. */
  firstDirtyOffset: number;
  cleanedUpTo: number;
  /** Offsets removed because a later record has the same key. */
  removedOffsets: number[];
  /** Records of aborted transactions, dropped whole. */
  abortedRemoved: number[];
  /** Records without a key (written before cleanup.policy became compact), discarded. */
  keylessRemoved: number[];
  /** Tombstones removed because their delete horizon had passed. */
  tombstonesRemoved: number[];
  /** Tombstones kept and given a delete horizon on this pass. */
  tombstonesStamped: { offset: number; deleteHorizonMs: number }[];
  /** COMMIT / ABORT markers removed: no data of their transaction left and their horizon passed. */
  markersRemoved: number[];
  /** Markers whose transaction has no data left, given a delete horizon on this pass. */
  markersStamped: { offset: number; deleteHorizonMs: number }[];
  segmentsAfter: number;
}
