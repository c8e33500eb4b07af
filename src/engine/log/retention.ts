/**
 * Retention, run for every log each log.retention.check.interval.ms.
 * Models [storage UnifiedLog.deleteOldSegments, deletableSegments, deleteSegments,
 * deleteRetentionMsBreachedSegments, deleteRetentionSizeBreachedSegments,
 * deleteLogStartOffsetBreachedSegments]: with cleanup.policy=delete, segments whose newest record is
 * older than retention.ms and the oldest segments while the partition is larger than retention.bytes;
 * with any policy, segments wholly below the log start offset, i.e. whose NEXT segment starts at or
 * below it (so this never deletes the active segment, even when DeleteRecords moved the log start
 * offset to the log end offset). Whole segments only, oldest first, stopping at the first that does not
 * qualify, and only segments wholly below the high watermark; a qualifying non-empty active segment
 * (retention.ms, retention.bytes) is rolled first (a new empty active segment at the log end offset)
 * and then deleted; the log start offset moves to the oldest surviving segment's base. DeleteRecords
 * (KIP-107) sets the log start offset to any offset up to the high watermark.
 * Simplified: deleted segments vanish at once (no .deleted files, no file.delete.delay.ms); the checks
 * run in the order retention.ms, retention.bytes, log start offset (Kafka 4.x checks the log start
 * offset first: the same segments go, only the reason in the trace can differ).
 */
import type { DeleteRecordsCommand } from '../commands';
import { requirePartition, requireTopic } from '../cluster/topics';
import { fail } from '../errors';
import type { SimContext } from '../kernel/context';
import type { SegmentsDeletedEntry } from '../kernel/trace';
import type { PartitionLog, PartitionState, SegmentInfo, TopicState } from '../state';
import { indexOfOffset, refreshLastStableOffset } from './partitionLog';
import { activeSegment, logSizeBytes, roll, segmentEnd } from './segments';
import { actorId } from '../shared/actorId';

type Reason = SegmentsDeletedEntry['reason'];

export function onRetentionCheck(ctx: SimContext): void {
  checkRetention(ctx);
  ctx.schedule(ctx.state.brokerConfig['log.retention.check.interval.ms'], { type: 'retentionCheck' });
}

/** One retention check over every log (LogManager.cleanupLogs). */
export function checkRetention(ctx: SimContext): void {
  for (const topic of Object.values(ctx.state.topics)) {
    for (const partition of topic.partitions) applyRetention(ctx, topic, partition);
  }
}

function applyRetention(ctx: SimContext, topic: TopicState, partition: PartitionState): void {
  const { configs } = topic;
  const isDeleteEnabled = configs['cleanup.policy'].includes('delete');
  const now = ctx.state.time;
  if (isDeleteEnabled && configs['retention.ms'] >= 0) {
    deleteOldSegments(ctx, topic, partition, 'retention.ms', (s) => now - s.largestTimestamp > configs['retention.ms']);
  }
  if (isDeleteEnabled && configs['retention.bytes'] >= 0) {
    let excess = logSizeBytes(partition.log) - configs['retention.bytes'];
    deleteOldSegments(ctx, topic, partition, 'retention.bytes', (s) => {
      if (excess - s.sizeBytes < 0) return false;
      excess -= s.sizeBytes;
      return true;
    });
  }
  // deleteLogStartOffsetBreachedSegments: only a segment with a next one, which starts at or below the log start offset.
  deleteOldSegments(ctx, topic, partition, 'log-start-offset', (_s, next) => next !== undefined && next.baseOffset <= partition.log.logStartOffset);
}

/** deletableSegments + deleteSegments: from the oldest, while `shouldDelete` holds and the segment is below the HW. */
function deleteOldSegments(ctx: SimContext, topic: TopicState, partition: PartitionState, reason: Reason, shouldDelete: (s: SegmentInfo, next: SegmentInfo | undefined) => boolean): void {
  const log = partition.log;
  let count = 0;
  for (let i = 0; i < log.segments.length; i++) {
    const segment = log.segments[i]!;
    const end = segmentEnd(log, i);
    const isActive = i === log.segments.length - 1;
    if (isActive && segment.sizeBytes === 0) break; // an empty active segment is never deleted
    if (log.highWatermark < end || !shouldDelete(segment, log.segments[i + 1])) break;
    count++;
  }
  if (count === 0) return;
  if (count === log.segments.length) {
    // The active segment qualifies: roll first so the log keeps an (empty) active segment.
    roll(log);
    ctx.emit({
      kind: 'segmentRolled',
      level: 'control',
      actors: [actorId.partition(topic.name, partition.partition)],
      topic: topic.name,
      partition: partition.partition,
      baseOffset: log.logEndOffset,
      reason: 'retention',
    });
  }
  const removed = log.segments.slice(0, count).map((s, i) => ({ segment: s, end: segmentEnd(log, i) }));
  log.segments.splice(0, count);
  const newStart = Math.max(log.logStartOffset, activeOrFirst(log).baseOffset);
  const cut = indexOfOffset(log, activeOrFirst(log).baseOffset);
  const droppedRecords = log.records.splice(0, cut);
  log.logStartOffset = newStart;
  log.firstDirtyOffset = Math.max(log.firstDirtyOffset, newStart);
  // An open transaction may start below the new log start: the LSO never stays below it (UnifiedLog.updateFirstUnstableOffset).
  refreshLastStableOffset(log);
  ctx.emit({
    kind: 'segmentsDeleted',
    level: 'control',
    actors: [actorId.partition(topic.name, partition.partition)],
    topic: topic.name,
    partition: partition.partition,
    reason,
    segments: removed.map(({ segment, end }) => ({
      baseOffset: segment.baseOffset,
      endOffset: end,
      records: droppedRecords.filter((r) => r.offset >= segment.baseOffset && r.offset < end).length,
      sizeBytes: segment.sizeBytes,
      largestTimestamp: segment.largestTimestamp,
    })),
    logStartOffset: log.logStartOffset,
  });
}

function activeOrFirst(log: PartitionLog): SegmentInfo {
  return log.segments[0] ?? activeSegment(log);
}

/** kafka-delete-records: moves the log start offset (up to the high watermark); whole segments below it go at the next retention check. */
export function deleteRecords(ctx: SimContext, command: DeleteRecordsCommand): void {
  requireTopic(ctx.state, command.topic);
  const partition = requirePartition(ctx.state, command.topic, command.partition);
  const log = partition.log;
  const target = command.beforeOffset === -1 ? log.highWatermark : command.beforeOffset;
  if (!Number.isInteger(target) || target < 0 || target > log.highWatermark) {
    fail(
      'OFFSET_OUT_OF_RANGE',
      `Cannot delete records of ${command.topic}-${command.partition} before offset ${String(command.beforeOffset)}: it must be from 0 to the high watermark ${log.highWatermark} (or -1 for the high watermark).`,
    );
  }
  if (target <= log.logStartOffset) return;
  const previous = log.logStartOffset;
  log.logStartOffset = target;
  // The records below the new start are no longer readable at once; their segments are deleted later.
  log.records.splice(0, indexOfOffset(log, target));
  log.firstDirtyOffset = Math.max(log.firstDirtyOffset, target);
  refreshLastStableOffset(log);
  ctx.emit({
    kind: 'recordsDeleted',
    level: 'control',
    actors: [actorId.partition(command.topic, command.partition)],
    topic: command.topic,
    partition: command.partition,
    logStartOffset: target,
    previousLogStartOffset: previous,
  });
}
