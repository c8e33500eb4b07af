/**
 * A record's life story from the trace: every entry that touched one offset of one partition, in
 * order, in plain words. Runs on click, in one pass over the run's history.
 */
import type { TraceEntry } from '../../engine';

export type ProvenanceKind =
  | 'appended'
  | 'replicated'
  | 'committed-to-isr'
  | 'acknowledged'
  | 'fetched'
  | 'processed'
  | 'redelivered'
  | 'skipped'
  | 'offset-committed'
  | 'handled'
  | 'compacted'
  | 'deleted'
  | 'truncated'
  | 'transaction-ended';

export interface ProvenanceEvent {
  step: number;
  time: number;
  kind: ProvenanceKind;
  text: string;
}

export interface RecordCoordinates {
  topic: string;
  partition: number;
  offset: number;
}

const HOW: Record<string, string> = { 'key-hash': 'murmur2(key) % partitions', sticky: 'the sticky partitioner (no key)', explicit: 'the partition set on the record' };

function inRange(offset: number, first: number, lastInclusive: number): boolean {
  return offset >= first && offset <= lastInclusive;
}

/** What one entry says about the record, or null when it does not touch it. */
interface Walk {
  committedBy: Set<string>;
  /** The transactional.id of the producer that appended it, once known. */
  transactionalId: string | null;
  transactionEnded: boolean;
  gone: boolean;
  transactionalIdOf: (producer: string) => string | null;
}

function describe(e: TraceEntry, r: RecordCoordinates, state: Walk): { kind: ProvenanceKind; text: string } | null {
  if (!('topic' in e) || e.topic !== r.topic || !('partition' in e) || e.partition !== r.partition) {
    if (e.kind === 'appEvent' && e.source !== null && e.source.topic === r.topic && e.source.partition === r.partition && e.source.offset === r.offset) {
      return { kind: 'handled', text: `${e.instance} (${e.service}): ${e.text}` };
    }
    return null;
  }
  switch (e.kind) {
    case 'recordAppended':
      if (e.offset !== r.offset) return null;
      state.transactionalId = state.transactionalIdOf(e.producer);
      return { kind: 'appended', text: `appended at offset ${e.offset} by ${e.producer} (key ${e.key ?? 'none'}, partition chosen by ${HOW[e.partitionedBy] ?? e.partitionedBy}) on leader broker ${e.leader}` };
    case 'replicaFetched':
      return e.fromOffset <= r.offset && r.offset < e.toOffset ? { kind: 'replicated', text: `replicated to broker ${e.brokerId}` } : null;
    case 'highWatermarkAdvanced':
      return e.from <= r.offset && r.offset < e.to ? { kind: 'committed-to-isr', text: `the high watermark passed it (${e.from} → ${e.to}): every in-sync replica has it, consumers may read it` } : null;
    case 'produceAcknowledged':
      return inRange(r.offset, e.baseOffset, e.baseOffset + e.count - 1) ? { kind: 'acknowledged', text: `acknowledged to ${e.producer}` } : null;
    case 'recordsFetched':
      return inRange(r.offset, e.firstOffset, e.lastOffset) ? { kind: 'fetched', text: `fetched by ${e.consumer}` } : null;
    case 'recordProcessed':
      if (e.offset !== r.offset) return null;
      return { kind: 'processed', text: e.isFirstTime ? `processed by ${e.consumer}${e.groupId === null ? '' : ` (group ${e.groupId})`}` : `processed AGAIN by ${e.consumer}: group ${e.groupId ?? ''} had processed it before` };
    case 'recordsRedelivered':
      return inRange(r.offset, e.firstOffset, e.lastOffset) ? { kind: 'redelivered', text: `delivered again to ${e.consumer}: group ${e.groupId}'s last commit was behind it` } : null;
    case 'recordsSkipped':
      return inRange(r.offset, e.firstOffset, e.lastOffset) ? { kind: 'skipped', text: `skipped for good by group ${e.groupId}: committed past it but never processed` } : null;
    case 'offsetCommitted':
      if (e.offset <= r.offset || state.committedBy.has(e.groupId)) return null;
      state.committedBy.add(e.groupId);
      return { kind: 'offset-committed', text: `group ${e.groupId} committed offset ${e.offset} (${e.consumer}${e.isAutoCommit ? ', auto-commit' : ''}): it will not be read again by that group` };
    case 'logCleaned':
      if (e.removedOffsets.includes(r.offset)) return { kind: 'compacted', text: 'removed by the log cleaner: a newer record has the same key' };
      if (e.tombstonesRemoved.includes(r.offset)) return { kind: 'compacted', text: 'tombstone removed by the log cleaner: its delete.retention.ms horizon had passed' };
      return null;
    case 'segmentsDeleted':
      if (state.gone || e.logStartOffset <= r.offset) return null;
      state.gone = true;
      return { kind: 'deleted', text: `deleted by retention (${e.reason}): its whole segment went` };
    case 'recordsDeleted':
      if (state.gone || e.logStartOffset <= r.offset || e.previousLogStartOffset > r.offset) return null;
      state.gone = true;
      return { kind: 'deleted', text: `deleted by DeleteRecords (log start offset moved to ${e.logStartOffset})` };
    case 'replicaTruncated':
      return e.to <= r.offset && r.offset < e.from ? { kind: 'truncated', text: `truncated from broker ${e.brokerId}'s log: it was not on the new leader` } : null;
    case 'txnMarkerWritten':
      // Its producer's first marker after it on this partition ends its transaction.
      if (state.transactionEnded || e.offset <= r.offset || state.transactionalId !== e.transactionalId) return null;
      state.transactionEnded = true;
      return { kind: 'transaction-ended', text: `its transaction ${e.marker === 'COMMIT' ? 'committed' : 'aborted'} (${e.marker} marker at offset ${e.offset})${e.marker === 'ABORT' ? ': read_committed consumers never see it' : ''}` };
    case 'recordSent': // before it has an offset
    case 'batchSent':
    case 'duplicateBatchIgnored':
    case 'isrChanged':
    case 'leaderElected':
    case 'noOffsetForPartition':
    case 'offsetOutOfRange':
    case 'positionReset':
    case 'produceFailed':
    case 'produceRejected':
    case 'produceRequestLost':
    case 'produceResponseLost':
    case 'produceRetried':
    case 'segmentRolled':
      return null;
  }
}

/** `transactionalIdOf` maps a producer's client id to its transactional.id (null when it has none). */
export function recordProvenance(
  history: readonly (readonly TraceEntry[])[],
  record: RecordCoordinates,
  transactionalIdOf: (producer: string) => string | null = () => null,
): ProvenanceEvent[] {
  const events: ProvenanceEvent[] = [];
  const state: Walk = { committedBy: new Set<string>(), transactionalId: null, transactionEnded: false, gone: false, transactionalIdOf };
  history.forEach((entries, step) => {
    for (const e of entries) {
      const found = describe(e, record, state);
      if (found !== null) events.push({ step, time: e.time, ...found });
    }
  });
  return events;
}

/** Like kcat -C -f '%t [%p] @%o key=%k value=%s headers=%h': nulls print as NULL. */
export function kcatLine(r: RecordCoordinates & { key: string | null; value: string | null; headers?: readonly { key: string; value: string | null }[] }): string {
  const headers = (r.headers ?? []).map((h) => `${h.key}=${h.value ?? 'NULL'}`).join(',');
  return `${r.topic} [${r.partition}] @${r.offset} key=${r.key ?? 'NULL'} value=${r.value ?? 'NULL'}${headers === '' ? '' : ` headers=${headers}`}`;
}
