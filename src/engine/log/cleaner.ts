/**
 * The log cleaner (compaction), for topics with cleanup.policy compact or compact,delete.
 * Models [storage LogCleanerManager.grabFilthiestCompactedLog, cleanableOffsets; Cleaner.doClean,
 * cleanInto, shouldRetainRecord; CleanedTransactionMetadata; KIP-58, KIP-354, KIP-534]: the cleaner
 * wakes every log.cleaner.backoff.ms (and at once again after cleaning something); the dirty part of a
 * log is [firstDirtyOffset, firstUncleanable), where firstUncleanable = min(active segment base, LSO,
 * base of the first dirty segment younger than min.compaction.lag.ms); it picks the log with the
 * highest dirty ratio (dirty bytes / total bytes, whole segments) above min.cleanable.dirty.ratio, or
 * one with a dirty segment older than max.compaction.lag.ms; one pass maps each key in the dirty part
 * to its highest offset (aborted data not counted), then rewrites everything from the log start to the
 * end of the mapped range:
 * - a record whose key has a higher offset in the map is dropped; so is a record without a key (there
 *   can be some from before cleanup.policy became compact) and every record of an aborted transaction;
 * - a tombstone is kept with a delete horizon (now + delete.retention.ms) stamped by the first pass
 *   that keeps it, and dropped by a later pass once now >= horizon (kept only while now < horizon);
 * - a COMMIT or ABORT marker is kept as is by every pass that reads data of its transaction (data
 *   that pass may itself drop); the first pass that finds none gets it a delete horizon, and a later
 *   pass once now >= horizon drops it; an aborted transaction leaves the aborted transaction index once
 *   a pass finds none of its data;
 * offsets never change (gaps appear); the log start offset never moves; small cleaned segments are
 * merged up to segment.bytes; firstDirtyOffset moves to the end of the mapped range.
 * Simplified: the offset map never fills (log.cleaner.dedupe.buffer.size is ignored); there are no
 * batches, so the horizon is stamped per record rather than per batch, and Kafka's empty batches kept
 * for an active producer's last sequence or epoch are not modelled (in Kafka such an empty batch of a
 * transaction keeps its marker too); records at or past the end of the mapped range are never touched
 * (Kafka cleans whole segments); a cleaned segment's size counts one batch header per run of
 * consecutive surviving offsets.
 */
import type { SimContext } from '../kernel/context';
import { RECORD_BATCH_OVERHEAD_BYTES } from './recordSize';
import type { LogRecord, PartitionLog, PartitionState, SegmentInfo, TopicState } from '../state';

interface StampedOffset {
  offset: number;
  deleteHorizonMs: number;
}
import type { TopicConfig } from '../config';
import { activeSegment, segmentEnd } from './segments';
import { actorId } from '../shared/actorId';

export interface Cleanable {
  firstDirtyOffset: number;
  firstUncleanableOffset: number;
  cleanBytes: number;
  dirtyBytes: number;
  dirtyRatio: number;
  /** A dirty segment is older than max.compaction.lag.ms: clean whatever the ratio. */
  isForced: boolean;
}

function overlappingBytes(log: PartitionLog, from: number, to: number): number {
  let bytes = 0;
  for (let i = 0; i < log.segments.length; i++) {
    if (log.segments[i]!.baseOffset < to && segmentEnd(log, i) > from) bytes += log.segments[i]!.sizeBytes;
  }
  return bytes;
}

/**
 * LogCleanerManager.cleanableOffsets and the dirty ratio, for one partition. Nothing at or past the LSO
 * is cleaned, which keeps a transaction whose marker is not replicated yet whole.
 */
export function cleanableOf(log: PartitionLog, configs: TopicConfig, now: number): Cleanable {
  const firstDirtyOffset = Math.max(log.firstDirtyOffset, log.logStartOffset);
  let firstUncleanableOffset = Math.min(activeSegment(log).baseOffset, log.lastStableOffset);
  let isForced = false;
  for (let i = 0; i < log.segments.length - 1; i++) {
    const s = log.segments[i]!;
    if (segmentEnd(log, i) <= firstDirtyOffset || s.sizeBytes === 0) continue;
    if (configs['min.compaction.lag.ms'] > 0 && s.largestTimestamp > now - configs['min.compaction.lag.ms']) {
      firstUncleanableOffset = Math.min(firstUncleanableOffset, s.baseOffset);
      break;
    }
    if (s.firstBatchTimestamp >= 0 && s.firstBatchTimestamp < now - configs['max.compaction.lag.ms']) isForced = true;
  }
  firstUncleanableOffset = Math.max(firstUncleanableOffset, firstDirtyOffset);
  const cleanBytes = overlappingBytes(log, log.logStartOffset, firstDirtyOffset);
  const dirtyBytes = firstUncleanableOffset > firstDirtyOffset ? overlappingBytes(log, firstDirtyOffset, firstUncleanableOffset) : 0;
  const total = cleanBytes + dirtyBytes;
  return { firstDirtyOffset, firstUncleanableOffset, cleanBytes, dirtyBytes, dirtyRatio: total === 0 ? 0 : dirtyBytes / total, isForced: isForced && dirtyBytes > 0 };
}

export function onCleanerWakeup(ctx: SimContext): void {
  const cleaned = cleanFilthiestLog(ctx);
  // After cleaning a log the thread looks again at once; with nothing to do it sleeps log.cleaner.backoff.ms.
  ctx.schedule(cleaned === null ? ctx.state.brokerConfig['log.cleaner.backoff.ms'] : 0, { type: 'cleanerWakeup' });
}

/** One look of the cleaner thread: cleans the filthiest eligible log, if any, and says which. */
export function cleanFilthiestLog(ctx: SimContext): { topic: string; partition: number } | null {
  const filthiest = grabFilthiestLog(ctx);
  if (filthiest === null) return null;
  cleanPartition(ctx, filthiest.topic, filthiest.partition, filthiest.cleanable);
  return { topic: filthiest.topic.name, partition: filthiest.partition.partition };
}

function grabFilthiestLog(ctx: SimContext): { topic: TopicState; partition: PartitionState; cleanable: Cleanable } | null {
  let best: { topic: TopicState; partition: PartitionState; cleanable: Cleanable } | null = null;
  for (const topic of Object.values(ctx.state.topics)) {
    if (!topic.configs['cleanup.policy'].includes('compact')) continue;
    for (const partition of topic.partitions) {
      const cleanable = cleanableOf(partition.log, topic.configs, ctx.state.time);
      const isEligible = cleanable.dirtyBytes > 0 && (cleanable.isForced || cleanable.dirtyRatio > topic.configs['min.cleanable.dirty.ratio']);
      if (isEligible && (best === null || cleanable.dirtyRatio > best.cleanable.dirtyRatio)) best = { topic, partition, cleanable };
    }
  }
  return best;
}

/**
 * One cleaner pass over a partition (Cleaner.doClean, cleanInto, shouldRetainRecord, with
 * CleanedTransactionMetadata deciding about transaction markers).
 */
export function cleanPartition(ctx: SimContext, topic: TopicState, partition: PartitionState, cleanable: Cleanable): void {
  const log = partition.log;
  const now = ctx.state.time;
  const deleteRetentionMs = topic.configs['delete.retention.ms'];
  const latest = new Map<string, number>();
  let lastMapped = -1;
  const isAborted = (r: LogRecord) =>
    r.isTransactional && r.controlType === null && log.abortedTransactions.some((t) => t.producerId === r.producerId && r.offset >= t.firstOffset && r.offset <= t.lastOffset);
  for (const r of log.records) {
    if (r.offset < cleanable.firstDirtyOffset) continue;
    if (r.offset >= cleanable.firstUncleanableOffset) break;
    // Aborted data never counts as a key's latest value (LogCleaner skips aborted batches).
    if (r.key !== null && !isAborted(r)) latest.set(r.key, r.offset);
    lastMapped = r.offset;
  }
  if (lastMapped < 0) return;
  const cleanedUpTo = lastMapped + 1;
  const removedOffsets: number[] = [];
  const abortedRemoved: number[] = [];
  const keylessRemoved: number[] = [];
  const tombstonesRemoved: number[] = [];
  const tombstonesStamped: StampedOffset[] = [];
  const markersRemoved: number[] = [];
  const markersStamped: StampedOffset[] = [];
  const kept: LogRecord[] = [];
  // A new record, not an edit: checkpoints share record objects (kernel/checkpoint.ts).
  const stamp = (r: LogRecord, into: StampedOffset[]) => {
    const stamped = { ...r, deleteHorizonMs: now + deleteRetentionMs };
    into.push({ offset: r.offset, deleteHorizonMs: stamped.deleteHorizonMs });
    kept.push(stamped);
  };
  // CleanedTransactionMetadata: producers whose transactional data this pass has read since their last
  // marker (the data of the transaction the producer's next marker ends), and the ABORT markers whose
  // aborted data this pass read (and drops), which stay in the aborted transaction index for now.
  const withDataRead = new Set<number>();
  const abortsWithDataRead = new Set<number>();
  for (const r of log.records) {
    if (r.offset >= cleanedUpTo) {
      kept.push(r);
      continue;
    }
    if (r.controlType !== null) {
      // onControlBatchRead: a marker stays while data of its transaction was read in this pass; only
      // then does it get a delete horizon (like a tombstone), and a later pass at or after it removes it.
      if (withDataRead.delete(r.producerId)) {
        if (r.controlType === 'ABORT') abortsWithDataRead.add(r.offset);
        kept.push(r);
      } else if (r.deleteHorizonMs < 0) {
        stamp(r, markersStamped);
      } else if (now >= r.deleteHorizonMs) {
        markersRemoved.push(r.offset);
      } else {
        kept.push(r);
      }
      continue;
    }
    if (r.isTransactional) withDataRead.add(r.producerId); // onBatchRead
    const newest = r.key === null ? undefined : latest.get(r.key);
    if (isAborted(r)) {
      abortedRemoved.push(r.offset); // batches of aborted transactions are dropped whole
    } else if (r.key === null) {
      keylessRemoved.push(r.offset); // shouldRetainRecord: a record without a key is discarded
    } else if (newest !== undefined && newest > r.offset) {
      removedOffsets.push(r.offset);
    } else if (r.value === null && r.deleteHorizonMs >= 0 && now >= r.deleteHorizonMs) {
      tombstonesRemoved.push(r.offset); // kept only while currentTime < deleteHorizonMs
    } else if (r.value === null && r.deleteHorizonMs < 0) {
      stamp(r, tombstonesStamped);
    } else {
      kept.push(r);
    }
  }
  log.records = kept;
  // The cleaned transaction index keeps an aborted transaction only while its marker had data to drop.
  if (log.abortedTransactions.some((t) => t.lastOffset < cleanedUpTo && !abortsWithDataRead.has(t.lastOffset))) {
    log.abortedTransactions = log.abortedTransactions.filter((t) => t.lastOffset >= cleanedUpTo || abortsWithDataRead.has(t.lastOffset));
  }
  remeasureAndMerge(log, cleanedUpTo, topic.configs['segment.bytes']);
  log.firstDirtyOffset = cleanedUpTo;
  ctx.emit({
    kind: 'logCleaned',
    level: 'control',
    actors: [actorId.partition(topic.name, partition.partition), actorId.broker(partition.leader)],
    topic: topic.name,
    partition: partition.partition,
    dirtyRatio: cleanable.dirtyRatio,
    firstDirtyOffset: cleanable.firstDirtyOffset,
    cleanedUpTo,
    removedOffsets,
    abortedRemoved,
    keylessRemoved,
    tombstonesRemoved,
    tombstonesStamped,
    markersRemoved,
    markersStamped,
    segmentsAfter: log.segments.length,
  });
}

/** Re-measures the cleaned segments and merges neighbours whose total fits in segment.bytes (groupSegmentsBySize). */
function remeasureAndMerge(log: PartitionLog, cleanedUpTo: number, segmentBytes: number): void {
  const cleaned: SegmentInfo[] = [];
  let i = 0;
  for (; i < log.segments.length - 1 && segmentEnd(log, i) <= cleanedUpTo; i++) cleaned.push(log.segments[i]!);
  const rest = log.segments.slice(i);
  let r = 0;
  for (let s = 0; s < cleaned.length; s++) {
    const seg = cleaned[s]!;
    const end = (cleaned[s + 1] ?? rest[0])?.baseOffset ?? log.logEndOffset;
    let size = 0;
    let largest = -1;
    let previousOffset = -2;
    while (r < log.records.length && log.records[r]!.offset < end) {
      const rec = log.records[r]!;
      if (rec.offset < seg.baseOffset) {
        r++;
        continue;
      }
      if (rec.offset !== previousOffset + 1) size += RECORD_BATCH_OVERHEAD_BYTES;
      size += rec.sizeBytes;
      largest = Math.max(largest, rec.timestamp);
      previousOffset = rec.offset;
      r++;
    }
    seg.sizeBytes = size;
    seg.largestTimestamp = largest;
  }
  const merged: SegmentInfo[] = [];
  for (const seg of cleaned) {
    const last = merged[merged.length - 1];
    if (last !== undefined && last.sizeBytes + seg.sizeBytes <= segmentBytes) {
      last.sizeBytes += seg.sizeBytes;
      last.largestTimestamp = Math.max(last.largestTimestamp, seg.largestTimestamp);
    } else {
      merged.push(seg);
    }
  }
  log.segments = [...merged, ...rest];
}
