/**
 * A partition's log on its leader: append with offsets assigned by the leader, read from an offset.
 *
 * Models: offsets assigned at append (batch base offset = log end offset, +1 per record), CreateTime
 * versus LogAppendTime timestamps, the positions logStartOffset <= lastStableOffset <= highWatermark <=
 * logEndOffset, and reads bounded by the high watermark (read_uncommitted) or the LSO (read_committed).
 * Simplified: one active segment that never rolls (segments, retention and compaction are issue 4);
 * the high watermark follows the leader's log end offset because follower replication is issue 5;
 * no transactions yet, so the LSO equals the high watermark (issue 6).
 */
import type { LogRecord, PartitionLog, PendingRecord } from '../state';

export function newPartitionLog(): PartitionLog {
  return {
    records: [],
    logStartOffset: 0,
    logEndOffset: 0,
    highWatermark: 0,
    lastStableOffset: 0,
    segments: [{ baseOffset: 0, sizeBytes: 0, largestTimestamp: -1 }],
  };
}

export interface AppendInfo {
  producerId: number;
  producerEpoch: number;
  clientId: string;
  /** Broker clock at append, used for LogAppendTime. */
  appendTime: number;
  useLogAppendTime: boolean;
}

/** Appends a batch at the log end offset and returns the records as stored. */
export function appendBatch(log: PartitionLog, batch: readonly PendingRecord[], info: AppendInfo): LogRecord[] {
  const appended: LogRecord[] = [];
  const segment = log.segments[log.segments.length - 1]!;
  for (const pending of batch) {
    const record: LogRecord = {
      offset: log.logEndOffset,
      timestamp: info.useLogAppendTime ? info.appendTime : pending.timestamp,
      key: pending.key,
      value: pending.value,
      headers: pending.headers,
      producerId: info.producerId,
      producerEpoch: info.producerEpoch,
      sequence: pending.sequence,
      clientId: info.clientId,
      sizeBytes: pending.sizeBytes,
    };
    log.records.push(record);
    log.logEndOffset++;
    segment.sizeBytes += record.sizeBytes;
    if (record.timestamp > segment.largestTimestamp) segment.largestTimestamp = record.timestamp;
    appended.push(record);
  }
  // Until follower replication exists (issue 5) every append is immediately on all in-sync replicas.
  log.highWatermark = log.logEndOffset;
  log.lastStableOffset = log.highWatermark;
  return appended;
}

/** Index in `log.records` of the first record with offset >= `offset` (records may have gaps later). */
export function indexOfOffset(log: PartitionLog, offset: number): number {
  const records = log.records;
  let lo = 0;
  let hi = records.length;
  // Fast path: no gaps below `offset`.
  const guess = offset - (records[0]?.offset ?? 0);
  if (guess >= 0 && guess < records.length && records[guess]!.offset === offset) return guess;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (records[mid]!.offset < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Records from `fromOffset` up to (not including) `upToOffset`, at most `maxRecords` of them. */
export function readRecords(log: PartitionLog, fromOffset: number, upToOffset: number, maxRecords: number): LogRecord[] {
  const out: LogRecord[] = [];
  if (maxRecords <= 0 || fromOffset >= upToOffset) return out;
  const records = log.records;
  for (let i = indexOfOffset(log, fromOffset); i < records.length && out.length < maxRecords; i++) {
    const record = records[i]!;
    if (record.offset >= upToOffset) break;
    out.push(record);
  }
  return out;
}
