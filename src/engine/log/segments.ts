/**
 * Segments of a partition log, as metadata over the log's record array: segment i holds offsets from
 * its base up to segment i+1's base; the last one is the active segment, the only one that takes
 * appends.
 * Models [storage LogSegment.shouldRoll, UnifiedLog.roll]: an append rolls a non-empty active segment
 * when the batch would take it past segment.bytes, or when the batch's max timestamp is more than
 * segment.ms newer than the segment's first batch; the new segment's base offset is the log end offset.
 * Simplified: no indexes (segment.index.bytes never forces a roll), no segment.jitter.ms.
 */
import type { TopicConfig } from '../config';
import type { PartitionLog, SegmentInfo } from '../state';

export function emptySegment(baseOffset: number): SegmentInfo {
  return { baseOffset, sizeBytes: 0, largestTimestamp: -1, firstBatchTimestamp: -1 };
}

export function activeSegment(log: PartitionLog): SegmentInfo {
  return log.segments[log.segments.length - 1]!;
}

/** One past the last offset segment `i` can hold: the next segment's base, or the log end offset. */
export function segmentEnd(log: PartitionLog, i: number): number {
  return log.segments[i + 1]?.baseOffset ?? log.logEndOffset;
}

export function logSizeBytes(log: PartitionLog): number {
  let size = 0;
  for (const s of log.segments) size += s.sizeBytes;
  return size;
}

export type RollReason = 'segment.bytes' | 'segment.ms' | 'retention';

/** Why an append of `batchBytes` with max timestamp `batchMaxTimestamp` rolls the active segment, or null. */
export function rollReason(log: PartitionLog, configs: Pick<TopicConfig, 'segment.bytes' | 'segment.ms'>, batchBytes: number, batchMaxTimestamp: number): RollReason | null {
  const active = activeSegment(log);
  if (active.sizeBytes === 0) return null;
  if (active.sizeBytes + batchBytes > configs['segment.bytes']) return 'segment.bytes';
  if (active.firstBatchTimestamp >= 0 && batchMaxTimestamp - active.firstBatchTimestamp > configs['segment.ms']) return 'segment.ms';
  return null;
}

/** Starts a new empty active segment at the log end offset. */
export function roll(log: PartitionLog): SegmentInfo {
  const segment = emptySegment(log.logEndOffset);
  log.segments.push(segment);
  return segment;
}
