/**
 * A partition's log on its leader: append with offsets assigned by the leader, read from an offset.
 *
 * Models: offsets assigned at append (batch base offset = log end offset, +1 per record), CreateTime
 * versus LogAppendTime timestamps, the positions logStartOffset <= lastStableOffset <= highWatermark <=
 * logEndOffset, and reads bounded by the high watermark (read_uncommitted) or the LSO (read_committed).
 * Segments roll on append (segments.ts); retention (retention.ts) and the cleaner (cleaner.ts) remove
 * records, leaving offset gaps.
 * The high watermark is moved by replication (cluster/replication.ts), not here; the LSO stays below
 * open transactions and markers not yet replicated (broker/txn/coordinator.ts writes the markers).
 */
import type { TopicConfig } from '../config';
import type { LogRecord, PartitionLog, PendingRecord } from '../state';
import { deleteOwn, getOwn, setOwn } from '../kernel/ownMap';
import { RECORD_BATCH_OVERHEAD_BYTES } from './recordSize';
import { activeSegment, emptySegment, roll, rollReason, type RollReason } from './segments';

export function newPartitionLog(): PartitionLog {
  return {
    records: [],
    logStartOffset: 0,
    logEndOffset: 0,
    highWatermark: 0,
    lastStableOffset: 0,
    segments: [emptySegment(0)],
    firstDirtyOffset: 0,
    openTransactions: {},
    pendingMarkers: [],
    abortedTransactions: [],
  };
}

export interface AppendInfo {
  producerId: number;
  producerEpoch: number;
  /** The batch's first sequence (-1 without idempotence); the records follow it one by one. */
  baseSequence: number;
  clientId: string;
  /** Broker clock at append, used for LogAppendTime. */
  appendTime: number;
  useLogAppendTime: boolean;
  isTransactional: boolean;
}

export interface AppendResult {
  records: LogRecord[];
  /** Set when the append first rolled the active segment: why, and the new segment's base offset. */
  rolled: { reason: RollReason; baseOffset: number } | null;
}

/** Appends a batch at the log end offset (rolling the active segment first if due) and returns the records as stored. */
export function appendBatch(log: PartitionLog, batch: readonly PendingRecord[], info: AppendInfo, configs: Pick<TopicConfig, 'segment.bytes' | 'segment.ms'>): AppendResult {
  const appended: LogRecord[] = [];
  let batchBytes = RECORD_BATCH_OVERHEAD_BYTES;
  let maxTimestamp = -1;
  for (const pending of batch) {
    batchBytes += pending.sizeBytes;
    maxTimestamp = Math.max(maxTimestamp, info.useLogAppendTime ? info.appendTime : pending.timestamp);
  }
  const reason = rollReason(log, configs, batchBytes, maxTimestamp);
  const rolled = reason === null ? null : { reason, baseOffset: roll(log).baseOffset };
  const segment = activeSegment(log);
  if (segment.firstBatchTimestamp < 0) segment.firstBatchTimestamp = maxTimestamp;
  segment.sizeBytes += RECORD_BATCH_OVERHEAD_BYTES;
  for (let i = 0; i < batch.length; i++) {
    const pending = batch[i]!;
    const record: LogRecord = {
      offset: log.logEndOffset,
      timestamp: info.useLogAppendTime ? info.appendTime : pending.timestamp,
      key: pending.key,
      value: pending.value,
      headers: pending.headers,
      producerId: info.producerId,
      producerEpoch: info.producerEpoch,
      sequence: info.baseSequence < 0 ? -1 : (info.baseSequence + i) % 0x80000000,
      clientId: info.clientId,
      sizeBytes: pending.sizeBytes,
      isTransactional: info.isTransactional,
      controlType: null,
      deleteHorizonMs: -1,
    };
    if (info.isTransactional && getOwn(log.openTransactions, String(info.producerId)) === undefined) {
      // The producer's first transactional record here opens its transaction and pins the LSO.
      setOwn(log.openTransactions, String(info.producerId), record.offset);
    }
    log.records.push(record);
    log.logEndOffset++;
    segment.sizeBytes += record.sizeBytes;
    if (record.timestamp > segment.largestTimestamp) segment.largestTimestamp = record.timestamp;
    appended.push(record);
  }
  // The high watermark moves when the ISR has the records (cluster/replication.ts).
  return { records: appended, rolled };
}

/**
 * LSO = the first offset of the earliest transaction that is open or whose marker is not replicated yet,
 * else the high watermark (UnifiedLog.lastStableOffset, ProducerStateManager.firstUnstableOffset).
 */
export function refreshLastStableOffset(log: PartitionLog): void {
  let lso = log.highWatermark;
  for (const first of Object.values(log.openTransactions)) lso = Math.min(lso, first);
  for (const m of log.pendingMarkers) if (m.firstOffset >= 0) lso = Math.min(lso, m.firstOffset);
  log.lastStableOffset = Math.max(log.logStartOffset, lso);
}

/**
 * Appends a transaction marker: one control record taking one offset. It closes the producer's open
 * transaction here; an ABORT also goes into the aborted transaction index.
 */
export function appendControlRecord(
  log: PartitionLog,
  producerId: number,
  producerEpoch: number,
  type: 'COMMIT' | 'ABORT',
  time: number,
  configs: Pick<TopicConfig, 'segment.bytes' | 'segment.ms'>,
): AppendResult {
  const reason = rollReason(log, configs, RECORD_BATCH_OVERHEAD_BYTES + CONTROL_RECORD_BYTES, time);
  const rolled = reason === null ? null : { reason, baseOffset: roll(log).baseOffset };
  const segment = activeSegment(log);
  if (segment.firstBatchTimestamp < 0) segment.firstBatchTimestamp = time;
  const record: LogRecord = {
    offset: log.logEndOffset,
    timestamp: time,
    key: null,
    value: null,
    headers: [],
    producerId,
    producerEpoch,
    sequence: -1,
    clientId: '',
    sizeBytes: CONTROL_RECORD_BYTES,
    isTransactional: true,
    controlType: type,
    deleteHorizonMs: -1,
  };
  log.records.push(record);
  log.logEndOffset++;
  segment.sizeBytes += RECORD_BATCH_OVERHEAD_BYTES + CONTROL_RECORD_BYTES;
  segment.largestTimestamp = Math.max(segment.largestTimestamp, time);
  const firstOffset = getOwn(log.openTransactions, String(producerId));
  if (firstOffset !== undefined) {
    deleteOwn(log.openTransactions, String(producerId));
    if (type === 'ABORT') log.abortedTransactions.push({ producerId, firstOffset, lastOffset: record.offset });
  }
  refreshLastStableOffset(log);
  return { records: [record], rolled };
}

/** A control record's modelled size: version, type and the coordinator epoch (Kafka's EndTransactionMarker). */
const CONTROL_RECORD_BYTES = 7 + 4 + 6;

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

/** Where a consumer may read up to: the high watermark, or the last stable offset for read_committed. */
export function readableEnd(log: PartitionLog, isolationLevel: 'read_committed' | 'read_uncommitted'): number {
  return isolationLevel === 'read_committed' ? log.lastStableOffset : log.highWatermark;
}
