/**
 * A record's life story ("provenance") for the Inspector: every trace entry that touched one offset of
 * one partition, in order, as one plain-English line each with Kafka's names. It runs on click, in one
 * pass over the run's history (linear in the entries), and says only what the trace shows: where an
 * entry lacks the data to be sure, the line says less rather than guess.
 * An offset can hold two records in a run: when a leader election loses records, the next appends
 * reuse their offsets. The story then goes on with the new record and says so.
 */
import type { MemberRemovedEntry, RecordRangeEntry, RecordSentEntry, TraceEntry, TraceKind } from '../../engine';

export type ProvenanceKind =
  | 'sent'
  | 'appended'
  | 'duplicate-ignored'
  | 'response-lost'
  | 'replicated'
  | 'committed-to-isr'
  | 'acknowledged'
  | 'fetched'
  | 'redelivered'
  | 'processed'
  | 'handled'
  | 'handler-failed'
  | 'skipped'
  | 'never-seen'
  | 'offset-committed'
  | 'offset-commit-failed'
  | 'offsets-reset'
  | 'key-moved'
  | 'compacted'
  | 'tombstone-kept'
  | 'deleted'
  | 'truncated'
  | 'lost'
  | 'marker-written'
  | 'transaction-committed'
  | 'transaction-aborted'
  | 'share-acquired'
  | 'share-acknowledged'
  | 'share-released'
  | 'share-archived';

export interface ProvenanceEvent {
  /** The UI step (index into the history; 0 = scenario setup). */
  step: number;
  /** Simulated time in ms. */
  time: number;
  kind: ProvenanceKind;
  text: string;
}

export interface RecordCoordinates {
  topic: string;
  partition: number;
  offset: number;
}

/** What the trace does not say about a producer, read from the state by the caller. */
export interface ProducerFacts {
  acks?: string;
  transactionalId?: string | null;
}

/** Producer facts by client id; a plain string (or null) is its transactional.id. */
export type ProducerLookup = (producer: string) => ProducerFacts | string | null;

/** The record that holds the offset now (a lost record's offset is reused by the next append). */
interface Life {
  isMarker: boolean;
  /** Null when the history does not reach back to the append. */
  producer: string | null;
  key: string | null;
  transactionalId: string | null;
  transactionOutcome: 'COMMIT' | 'ABORT' | null;
  gone: 'compacted' | 'deleted' | 'lost' | null;
  hasPassedHighWatermark: boolean;
  /** Groups whose committed offset is past the record. */
  committedPast: Set<string>;
  failedCommitGroups: Set<string>;
  /** Per group, the member that last fetched it, and the one before (a redelivery names the one before). */
  holder: Map<string, string>;
  previousHolder: Map<string, string | undefined>;
  processedBy: Map<string, string>;
  /** Its last recordProcessed: an appHandlerFailed by the same instance in the same engine step is its handler's. */
  lastProcessed: { consumer: string; engineStep: number } | null;
  /** Later records with the same key: the log cleaner keeps the newest. */
  newerSameKey: { offset: number; isTransactional: boolean }[];
}

interface PendingSend {
  entry: RecordSentEntry;
  step: number;
  partitions: number | undefined;
}

/** A producer's sends to the record's partition, matched to its appends in order while nothing went wrong. */
interface SendQueue {
  sent: PendingSend[];
  appended: number;
  /** A failure, rejection, retry or loss can change the order or drop records: stop matching. */
  isAmbiguous: boolean;
}

interface Walk {
  r: RecordCoordinates;
  out: { id: number; event: ProvenanceEvent }[];
  /** The UI step being read. */
  step: number;
  life: Life;
  hasLife: boolean;
  partitionCounts: Map<string, number>;
  transactionalIds: Map<string, string>;
  groupOf: Map<string, string>;
  /** Consumers that crashed or left their group, with why, since they last got the record. */
  departed: Map<string, string>;
  sends: Map<string, SendQueue>;
  lookup: ProducerLookup;
}

function newLife(producer: string | null, key: string | null, transactionalId: string | null, isMarker: boolean): Life {
  return {
    isMarker,
    producer,
    key,
    transactionalId,
    transactionOutcome: null,
    gone: null,
    hasPassedHighWatermark: false,
    committedPast: new Set(),
    failedCommitGroups: new Set(),
    holder: new Map(),
    previousHolder: new Map(),
    processedBy: new Map(),
    lastProcessed: null,
    newerSameKey: [],
  };
}

function add(w: Walk, e: TraceEntry, kind: ProvenanceKind, text: string, step = w.step): void {
  w.out.push({ id: e.id, event: { step, time: e.time, kind, text } });
}

function isOurs(w: Walk, e: { topic: string; partition: number }): boolean {
  return e.topic === w.r.topic && e.partition === w.r.partition;
}

function covers(w: Walk, first: number, lastInclusive: number): boolean {
  return w.r.offset >= first && w.r.offset <= lastInclusive;
}

/** A data record still in the log: consumers and the cleaner can touch it. */
function isLiveData(w: Walk): boolean {
  return !w.life.isMarker && w.life.gone === null;
}

function factsOf(w: Walk, producer: string): ProducerFacts {
  const facts = w.lookup(producer);
  return facts === null ? {} : typeof facts === 'string' ? { transactionalId: facts } : facts;
}

function transactionalIdOf(w: Walk, producer: string): string | null {
  return w.transactionalIds.get(producer) ?? factsOf(w, producer).transactionalId ?? null;
}

function sendsOf(w: Walk, producer: string): SendQueue {
  let q = w.sends.get(producer);
  if (q === undefined) {
    q = { sent: [], appended: 0, isAmbiguous: false };
    w.sends.set(producer, q);
  }
  return q;
}

function noteTransactionalId(w: Walk, e: { producer: string; transactionalId: string }): void {
  w.transactionalIds.set(e.producer, e.transactionalId);
}

/** produceFailed, produceRejected, produceRequestLost, produceRetried: records dropped or reordered. */
function markSendsAmbiguous(w: Walk, e: { producer: string; topic: string; partition: number }): void {
  if (isOurs(w, e)) sendsOf(w, e.producer).isAmbiguous = true;
}

// --- producing -------------------------------------------------------------------------------------

function partitionChoice(partitionedBy: RecordSentEntry['partitionedBy'], partition: number, partitions: number | undefined): string {
  switch (partitionedBy) {
    case 'key-hash':
      return `murmur2(key) % ${partitions === undefined ? 'partitions' : String(partitions)} = ${partition}`;
    case 'sticky':
      return 'no key: the sticky partitioner chose it';
    case 'explicit':
      return 'partition set by the producer';
  }
}

function onSent(w: Walk, e: RecordSentEntry): void {
  if (isOurs(w, e)) sendsOf(w, e.producer).sent.push({ entry: e, step: w.step, partitions: w.partitionCounts.get(e.topic) });
}

function onAppended(w: Walk, e: TraceEntry & { kind: 'recordAppended' }): void {
  if (!isOurs(w, e)) return;
  const queue = sendsOf(w, e.producer);
  const sent = queue.sent[queue.appended];
  queue.appended++;
  const transactionalId = transactionalIdOf(w, e.producer);
  if (e.offset > w.r.offset) {
    if (e.key !== null && e.key === w.life.key) w.life.newerSameKey.push({ offset: e.offset, isTransactional: transactionalId !== null });
    return;
  }
  if (e.offset !== w.r.offset) return;
  const isReused = w.hasLife;
  w.hasLife = true;
  w.life = newLife(e.producer, e.key, transactionalId, false);
  const isMatched = sent !== undefined && !queue.isAmbiguous && sent.entry.key === e.key;
  if (isMatched) add(w, sent.entry, 'sent', `sent by ${e.producer} (send() put it in a batch for partition ${e.partition})`, sent.step);
  const choice = partitionChoice(e.partitionedBy, e.partition, isMatched ? sent.partitions : w.partitionCounts.get(e.topic));
  const notes = [
    e.value === null ? ': a tombstone (null value)' : '',
    transactionalId === null ? '' : `, inside a transaction of ${transactionalId}`,
    isReused ? '; it reuses the offset of a lost record' : '',
  ].join('');
  add(w, e, 'appended', `appended at offset ${e.offset} by ${e.producer} (${e.key === null ? '' : `key ${e.key}: `}${choice}) on leader broker ${e.leader}${notes}`);
}

function onProduceAnswer(w: Walk, e: TraceEntry & { kind: 'produceAcknowledged' | 'duplicateBatchIgnored' | 'produceResponseLost' }): void {
  if (!isOurs(w, e) || !covers(w, e.baseOffset, e.baseOffset + e.count - 1) || w.life.isMarker) return;
  switch (e.kind) {
    case 'produceAcknowledged': {
      const acks = factsOf(w, e.producer).acks;
      add(w, e, 'acknowledged', `acknowledged to ${e.producer}${acks === undefined ? '' : ` (acks=${acks})`}`);
      return;
    }
    case 'duplicateBatchIgnored':
      add(w, e, 'duplicate-ignored', `${e.producer} sent its batch again (a retry); the leader knew the sequence numbers and kept the one copy (idempotence)`);
      return;
    case 'produceResponseLost':
      add(w, e, 'response-lost', `the answer to ${e.producer} was lost on the way back: it will time out and send the batch again`);
      return;
  }
}

// --- replication -----------------------------------------------------------------------------------

function onReplicaFetched(w: Walk, e: TraceEntry & { kind: 'replicaFetched' }): void {
  if (isOurs(w, e) && w.life.gone === null && covers(w, e.fromOffset, e.toOffset - 1)) add(w, e, 'replicated', `replicated to broker ${e.brokerId}`);
}

function onHighWatermark(w: Walk, e: TraceEntry & { kind: 'highWatermarkAdvanced' }): void {
  if (!isOurs(w, e) || w.life.gone !== null || w.life.hasPassedHighWatermark || !covers(w, e.from, e.to - 1)) return;
  w.life.hasPassedHighWatermark = true;
  const readers = w.life.isMarker
    ? ''
    : w.life.transactionalId !== null && w.life.transactionOutcome === null
      ? '; read_uncommitted consumers can read it, read_committed ones wait for its transaction'
      : '; consumers can read it now';
  add(w, e, 'committed-to-isr', `the high watermark passed it (${e.from} → ${e.to}): committed to the in-sync replicas${readers}`);
}

function onReplicaTruncated(w: Walk, e: TraceEntry & { kind: 'replicaTruncated' }): void {
  if (isOurs(w, e) && covers(w, e.to, e.from - 1)) add(w, e, 'truncated', `truncated from broker ${e.brokerId} (its log ran past the new leader's: it diverged)`);
}

function onLeaderElected(w: Walk, e: TraceEntry & { kind: 'leaderElected' }): void {
  if (!isOurs(w, e) || e.lostOffsets === null || !covers(w, e.lostOffsets.from, e.lostOffsets.to - 1)) return;
  w.life.gone = 'lost';
  // Producers whose records were lost may send them again: their sends no longer match appends one to one.
  for (const q of w.sends.values()) q.isAmbiguous = true;
  add(w, e, 'lost', `lost: broker ${e.leader} became the leader (epoch ${e.leaderEpoch}${e.isUnclean ? ', an unclean election' : ''}) without it; the next append reuses offset ${w.r.offset}`);
}

// --- consuming -------------------------------------------------------------------------------------

const DEPARTED: Record<MemberRemovedEntry['reason'], string> = {
  'session-timeout': 'was removed from the group (no heartbeat for session.timeout.ms)',
  'rebalance-timeout': 'was removed from the group (it did not rejoin within the rebalance timeout)',
  'left-on-close': 'closed and left the group',
  'left-poll-timeout': 'left the group (no poll() for max.poll.interval.ms)',
  'left-unsubscribe': 'unsubscribed',
  'replaced-static': 'was replaced by a new instance with its group.instance.id',
};

/** Why a group got the record again: what happened to the member that had it before. */
function why(w: Walk, previous: string | undefined, consumer: string): string {
  if (previous === undefined) return '';
  const departed = w.departed.get(previous);
  if (departed !== undefined) return ` after ${previous} ${departed}`;
  return previous === consumer ? '' : ` after a rebalance moved partition ${w.r.partition} from ${previous}`;
}

function onFetched(w: Walk, e: TraceEntry & { kind: 'recordsFetched' }): void {
  if (!isOurs(w, e) || !isLiveData(w) || !covers(w, e.firstOffset, e.lastOffset)) return;
  const span = e.lastOffset - e.firstOffset + 1;
  if (w.life.transactionOutcome === 'ABORT' && e.count < span) {
    // The range has gaps; read_committed consumers drop aborted records and the trace does not say which this consumer is.
    add(w, e, 'fetched', `${e.consumer} fetched offsets ${e.firstOffset}–${e.lastOffset}; it got this record only if it reads read_uncommitted (its transaction aborted)`);
    return;
  }
  const group = w.groupOf.get(e.consumer);
  w.departed.delete(e.consumer);
  if (group !== undefined) {
    w.life.previousHolder.set(group, w.life.holder.get(group));
    w.life.holder.set(group, e.consumer);
  }
  add(w, e, 'fetched', `fetched by ${e.consumer}${group === undefined ? '' : ` (group ${group})`}`);
}

/** recordsRedelivered. */
function onRedelivered(w: Walk, e: RecordRangeEntry): void {
  if (!isOurs(w, e) || !isLiveData(w) || !covers(w, e.firstOffset, e.lastOffset)) return;
  const holder = w.life.holder.get(e.groupId);
  const previous = holder === e.consumer ? w.life.previousHolder.get(e.groupId) : holder;
  w.life.holder.set(e.groupId, e.consumer);
  const commit = w.life.committedPast.has(e.groupId) ? '' : `: group ${e.groupId} had not committed past it`;
  add(w, e, 'redelivered', `delivered again to ${e.consumer}${why(w, previous, e.consumer)}${commit}`);
}

function onProcessed(w: Walk, e: TraceEntry & { kind: 'recordProcessed' }): void {
  const life = w.life;
  if (!isOurs(w, e) || e.offset !== w.r.offset || life.isMarker) {
    // Another record finished by the same instance: a handler failure after this is not ours.
    if (life.lastProcessed?.consumer === e.consumer) life.lastProcessed = null;
    return;
  }
  life.lastProcessed = { consumer: e.consumer, engineStep: e.step };
  w.departed.delete(e.consumer);
  if (e.groupId === null) {
    add(w, e, 'processed', `processed by ${e.consumer}`);
    return;
  }
  w.groupOf.set(e.consumer, e.groupId);
  const previous = life.processedBy.get(e.groupId);
  life.processedBy.set(e.groupId, e.consumer);
  add(
    w,
    e,
    'processed',
    e.isFirstTime
      ? `processed by ${e.consumer} (first time in group ${e.groupId})`
      : `processed again by ${e.consumer}${why(w, previous, e.consumer)} (group ${e.groupId} had processed it already: a duplicate effect)`,
  );
}

// --- share groups (KIP-932): handed out under a lock, acknowledged, or given back ---------------------

function onShareAcquired(w: Walk, e: TraceEntry & { kind: 'shareRecordsAcquired' }): void {
  if (!isOurs(w, e) || !isLiveData(w)) return;
  const range = e.ranges.find((r) => covers(w, r.firstOffset, r.lastOffset));
  if (range === undefined) return;
  add(
    w,
    e,
    'share-acquired',
    `acquired by ${e.consumer} in share group ${e.groupId} (delivery ${range.deliveryCount}${range.deliveryCount > 1 ? ': handed out before' : ''}), locked to it for ${e.lockDurationMs / 1000} s`,
  );
}

function onShareAcknowledged(w: Walk, e: TraceEntry & { kind: 'shareRecordsAcknowledged' }): void {
  if (!isOurs(w, e)) return;
  const ack = e.offsets.find((o) => o.offset === w.r.offset);
  if (ack === undefined) return;
  const words = { ACCEPT: 'accepted: processed, never handed out again', RELEASE: 'released: offered again', REJECT: 'rejected: archived, never handed out again' } as const;
  add(w, e, 'share-acknowledged', `${e.consumer} acknowledged it in share group ${e.groupId}, ${words[ack.type]}`);
}

function onShareReleased(w: Walk, e: TraceEntry & { kind: 'shareRecordsReleased' }): void {
  if (!isOurs(w, e)) return;
  const range = e.ranges.find((r) => covers(w, r.firstOffset, r.lastOffset));
  if (range === undefined) return;
  const why = e.reason === 'lock-timeout' ? 'its acquisition lock ran out' : e.reason === 'session-closed' ? `${e.consumer}'s share session ended` : `share group ${e.groupId} removed ${e.consumer}`;
  if (range.state === 'ARCHIVED')
    add(w, e, 'share-archived', `archived in share group ${e.groupId} when ${why}: it reached the delivery count limit (${e.deliveryCountLimit}) and is never handed out again`);
  else add(w, e, 'share-released', `back to AVAILABLE in share group ${e.groupId}: ${why}`);
}

function onShareProcessed(w: Walk, e: TraceEntry & { kind: 'shareRecordProcessed' }): void {
  if (!isOurs(w, e) || e.offset !== w.r.offset || w.life.isMarker) {
    if (w.life.lastProcessed?.consumer === e.consumer) w.life.lastProcessed = null;
    return;
  }
  w.life.lastProcessed = { consumer: e.consumer, engineStep: e.step };
  add(
    w,
    e,
    'processed',
    `processed by ${e.consumer} in share group ${e.groupId} (delivery ${e.deliveryCount}${e.deliveryCount > 1 ? ': processed before, a duplicate effect if its first run finished' : ''})`,
  );
}

function onAppEvent(w: Walk, e: TraceEntry & { kind: 'appEvent' }): void {
  const s = e.source;
  if (s !== null && isOurs(w, s) && s.offset === w.r.offset) add(w, e, 'handled', `${e.instance} (${e.service}): ${e.text}`);
}

function onHandlerFailed(w: Walk, e: TraceEntry & { kind: 'appHandlerFailed' }): void {
  const last = w.life.lastProcessed;
  if (last === null || last.consumer !== e.instance || last.engineStep !== e.step) return;
  add(w, e, 'handler-failed', `the ${e.handler} handler of ${e.instance} threw "${e.message}"; the record still counts as processed`);
}

/** recordsSkipped. */
function onSkipped(w: Walk, e: RecordRangeEntry): void {
  if (isOurs(w, e) && isLiveData(w) && covers(w, e.firstOffset, e.lastOffset)) {
    add(w, e, 'skipped', `skipped for good by group ${e.groupId}: it was handed out but never processed, and ${e.consumer} now starts past it`);
  }
}

function onOffsetOutOfRange(w: Walk, e: TraceEntry & { kind: 'offsetOutOfRange' }): void {
  if (!isOurs(w, e) || w.life.isMarker || !covers(w, e.neverSeen.from, e.neverSeen.to - 1)) return;
  const text =
    w.life.gone === 'deleted'
      ? `${e.consumer} never read it: it was deleted before ${e.consumer} got to it (position ${e.position} was below the log start offset ${e.logStartOffset}; auto.offset.reset=${e.reset})`
      : `${e.consumer} jumped over it: position ${e.position} was out of range and auto.offset.reset=${e.reset} ${e.resetTo < 0 ? 'left it waiting for a seek' : `moved it to ${e.resetTo}`}`;
  add(w, e, 'never-seen', text);
}

// --- committed offsets -----------------------------------------------------------------------------

function onOffsetCommitted(w: Walk, e: TraceEntry & { kind: 'offsetCommitted' }): void {
  if (!isOurs(w, e) || w.life.isMarker) return;
  const past = w.life.committedPast;
  if (e.offset > w.r.offset && !past.has(e.groupId)) {
    past.add(e.groupId);
    add(w, e, 'offset-committed', `group ${e.groupId} committed offset ${e.offset} (past this record), by ${e.consumer}${e.isAutoCommit ? ' (auto-commit)' : ''}`);
  } else if (e.offset <= w.r.offset && past.has(e.groupId)) {
    past.delete(e.groupId);
    add(w, e, 'offset-committed', `group ${e.groupId} committed offset ${e.offset}, back before this record (by ${e.consumer}): the group will read it again`);
  }
}

function onOffsetCommitFailed(w: Walk, e: TraceEntry & { kind: 'offsetCommitFailed' }): void {
  if (w.life.isMarker || w.life.committedPast.has(e.groupId) || w.life.failedCommitGroups.has(e.groupId)) return;
  const o = e.offsets.find((x) => isOurs(w, x) && x.offset > w.r.offset);
  if (o === undefined) return;
  w.life.failedCommitGroups.add(e.groupId);
  add(w, e, 'offset-commit-failed', `${e.consumer} could not commit offset ${o.offset} for group ${e.groupId} (${e.error}): the group may get this record again`);
}

function onGroupOffsetsReset(w: Walk, e: TraceEntry & { kind: 'groupOffsetsReset' }): void {
  if (w.life.isMarker) return;
  const past = w.life.committedPast;
  for (const o of e.offsets) {
    if (o.topic !== w.r.topic || o.partition !== w.r.partition) continue;
    if (o.to > w.r.offset && !past.has(e.groupId)) {
      past.add(e.groupId);
      add(w, e, 'offsets-reset', `group ${e.groupId}'s offset was reset past it, to ${o.to} (${e.strategy}): the group will not read it`);
    } else if (o.to <= w.r.offset && past.has(e.groupId)) {
      past.delete(e.groupId);
      add(w, e, 'offsets-reset', `group ${e.groupId}'s offset was reset back to ${o.to} (${e.strategy}): the group will read it again`);
    }
  }
}

// --- the log: compaction, retention, DeleteRecords, growth -----------------------------------------

function compactionReason(w: Walk, cleanedUpTo: number): string {
  const life = w.life;
  if (life.producer === null) return ''; // the append is outside the history: the reason is unknown
  if (life.transactionOutcome === 'ABORT') return ' (its transaction aborted)';
  let newest: { offset: number; isTransactional: boolean } | undefined;
  for (const n of life.newerSameKey) if (n.offset < cleanedUpTo && (newest === undefined || n.offset > newest.offset)) newest = n;
  // A newer record that was itself transactional might have aborted (the cleaner ignores those): do not name it.
  if (newest !== undefined && !newest.isTransactional) return ` (offset ${newest.offset} has the same key ${life.key ?? ''})`;
  return ` (a newer record has the same key${life.key === null ? '' : ` ${life.key}`})`;
}

function onLogCleaned(w: Walk, e: TraceEntry & { kind: 'logCleaned' }): void {
  if (!isOurs(w, e) || w.life.gone !== null) return;
  const o = w.r.offset;
  if (e.removedOffsets.includes(o)) {
    w.life.gone = 'compacted';
    add(w, e, 'compacted', `removed by the log cleaner${compactionReason(w, e.cleanedUpTo)}`);
  } else if (e.abortedRemoved.includes(o)) {
    w.life.gone = 'compacted';
    add(w, e, 'compacted', 'removed by the log cleaner: its transaction was aborted');
  } else if (e.keylessRemoved.includes(o)) {
    w.life.gone = 'compacted';
    add(w, e, 'compacted', 'removed by the log cleaner: a compacted log keeps no record without a key');
  } else if (e.tombstonesRemoved.includes(o)) {
    w.life.gone = 'compacted';
    add(w, e, 'compacted', 'removed by the log cleaner: a tombstone past its delete horizon (delete.retention.ms)');
  } else {
    const stamped = e.tombstonesStamped.find((t) => t.offset === o);
    if (stamped !== undefined)
      add(w, e, 'tombstone-kept', `kept by the log cleaner as a tombstone until ${(stamped.deleteHorizonMs / 1000).toFixed(3)} s (delete.retention.ms), so consumers learn of the delete`);
  }
}

const SEGMENT_DELETED: Record<'retention.ms' | 'retention.bytes', string> = {
  'retention.ms': 'deleted by retention (retention.ms): the newest record of its segment was older than retention.ms',
  'retention.bytes': 'deleted by retention (retention.bytes): the partition was over retention.bytes and its segment was the oldest',
};

function onSegmentsDeleted(w: Walk, e: TraceEntry & { kind: 'segmentsDeleted' }): void {
  if (!isOurs(w, e) || w.life.gone === 'compacted' || w.life.gone === 'lost') return;
  const segment = e.segments.find((s) => covers(w, s.baseOffset, s.endOffset - 1));
  if (segment === undefined) return;
  const range = `[${segment.baseOffset}, ${segment.endOffset})`;
  const wasDeleted = w.life.gone === 'deleted';
  w.life.gone = 'deleted';
  if (e.reason === 'log-start-offset') {
    add(w, e, 'deleted', `${wasDeleted ? 'its segment' : 'deleted: its segment'} ${range} was removed from disk (it lay below the log start offset ${e.logStartOffset})`);
  } else if (!wasDeleted) {
    add(w, e, 'deleted', `${SEGMENT_DELETED[e.reason]} (segment ${range} deleted)`);
  }
}

function onRecordsDeleted(w: Walk, e: TraceEntry & { kind: 'recordsDeleted' }): void {
  if (!isOurs(w, e) || w.life.gone !== null || !covers(w, e.previousLogStartOffset, e.logStartOffset - 1)) return;
  w.life.gone = 'deleted';
  add(w, e, 'deleted', `deleted by DeleteRecords: the log start offset moved from ${e.previousLogStartOffset} to ${e.logStartOffset}`);
}

function onPartitionsAdded(w: Walk, e: TraceEntry & { kind: 'partitionsAdded' }): void {
  w.partitionCounts.set(e.topic, e.to);
  if (e.topic !== w.r.topic || !isLiveData(w) || w.life.key === null) return;
  const moved = e.movedKeys.find((m) => m.key === w.life.key && m.from === w.r.partition);
  if (moved !== undefined) {
    add(
      w,
      e,
      'key-moved',
      `${e.topic} grew from ${e.from} to ${e.to} partitions: new records with key ${moved.key} now go to partition ${moved.to}, so this one is no longer the latest for its key in order`,
    );
  }
}

// --- transactions ----------------------------------------------------------------------------------

function onMarker(w: Walk, e: TraceEntry & { kind: 'txnMarkerWritten' }): void {
  if (!isOurs(w, e)) return;
  if (e.offset === w.r.offset) {
    w.hasLife = true;
    w.life = newLife(null, null, e.transactionalId, true);
    add(w, e, 'marker-written', `${e.marker} marker of transaction ${e.transactionalId} written here (a control record: consumers step over it)`);
    return;
  }
  const life = w.life;
  // The first marker of its transactional.id after it ends its transaction.
  if (e.offset < w.r.offset || life.isMarker || life.gone === 'lost' || life.transactionOutcome !== null || life.transactionalId !== e.transactionalId) return;
  life.transactionOutcome = e.marker;
  if (e.marker === 'COMMIT') add(w, e, 'transaction-committed', `its transaction (${e.transactionalId}) committed: COMMIT marker at offset ${e.offset}; read_committed consumers can read it`);
  else add(w, e, 'transaction-aborted', `its transaction (${e.transactionalId}) aborted: ABORT marker at offset ${e.offset}; read_committed consumers never get it`);
}

// --- the walk --------------------------------------------------------------------------------------

type Handler<K extends TraceKind> = (w: Walk, e: TraceEntry & { kind: K }) => void;

/** What each kind of entry can say about one record; null for the kinds that never name a record's offset. */
const ON: { [K in TraceKind]: Handler<K> | null } = {
  topicCreated: (w, e) => w.partitionCounts.set(e.topic, e.partitions),
  partitionsAdded: onPartitionsAdded,
  transactionInitialized: noteTransactionalId,
  transactionCommitted: noteTransactionalId,
  transactionAborted: noteTransactionalId,
  producerFenced: noteTransactionalId,
  transactionAbortableError: noteTransactionalId,
  producerAwaitingLeader: null,
  producerEpochBumped: null,
  partitionsAssigned: (w, e) => {
    if (e.groupId !== null) w.groupOf.set(e.consumer, e.groupId);
  },
  groupJoined: (w, e) => w.groupOf.set(e.consumer, e.groupId),
  consumerCrashed: (w, e) => w.departed.set(e.clientId, 'crashed'),
  memberRemoved: (w, e) => {
    // A crash says more than the session timeout that follows it.
    if (!w.departed.has(e.consumer)) w.departed.set(e.consumer, DEPARTED[e.reason]);
  },
  recordSent: onSent,
  recordAppended: onAppended,
  produceFailed: markSendsAmbiguous,
  produceRejected: markSendsAmbiguous,
  produceRequestLost: markSendsAmbiguous,
  produceRetried: markSendsAmbiguous,
  produceAcknowledged: onProduceAnswer,
  duplicateBatchIgnored: onProduceAnswer,
  produceResponseLost: onProduceAnswer,
  replicaFetched: onReplicaFetched,
  highWatermarkAdvanced: onHighWatermark,
  replicaTruncated: onReplicaTruncated,
  leaderElected: onLeaderElected,
  recordsFetched: onFetched,
  recordsRedelivered: onRedelivered,
  recordProcessed: onProcessed,
  appEvent: onAppEvent,
  appHandlerFailed: onHandlerFailed,
  recordsSkipped: onSkipped,
  offsetOutOfRange: onOffsetOutOfRange,
  offsetCommitted: onOffsetCommitted,
  offsetCommitFailed: onOffsetCommitFailed,
  groupOffsetsReset: onGroupOffsetsReset,
  logCleaned: onLogCleaned,
  segmentsDeleted: onSegmentsDeleted,
  recordsDeleted: onRecordsDeleted,
  txnMarkerWritten: onMarker,
  producerCreated: null,
  consumerCreated: null,
  batchSent: null,
  partitionsRevoked: null,
  partitionsLost: null,
  groupStateChanged: null,
  joinGroupSent: null,
  assignmentComputed: null,
  syncGroupFailed: null,
  heartbeat: null,
  consumerRestarted: null,
  consumerClosed: null,
  processingPaused: null,
  processingResumed: null,
  pollIntervalExceeded: null,
  positionReset: null,
  noOffsetForPartition: null,
  fetchSent: null,
  fetchReturnedEmpty: null,
  trafficSourceFinished: null,
  commandFailed: null,
  segmentRolled: null,
  topicConfigAltered: null,
  isrChanged: null,
  brokerCrashed: null,
  brokerRestarted: null,
  brokerFenced: null,
  brokerShutdown: null,
  groupCoordinatorMoved: null,
  transactionStateChanged: null,
  segmentRollForced: null,
  logCleanerRanNow: null,
  retentionCheckRanNow: null,
  // Share groups (KIP-932): membership and assignment name no record.
  shareMemberJoined: null,
  shareMemberRemoved: null,
  shareAssignmentComputed: null,
  shareRecordsAcquired: onShareAcquired,
  shareRecordsAcknowledged: onShareAcknowledged,
  shareAcknowledgementRejected: null,
  shareRecordsReleased: onShareReleased,
  shareConsumerCreated: null,
  shareAssignmentReceived: null,
  shareRecordProcessed: onShareProcessed,
  shareProcessingPaused: null,
  shareProcessingResumed: null,
};

/**
 * The life story of the record at `record`, from `history` (every entry of each UI step; index = UI
 * step, 0 = setup), oldest first. `lookup` adds what the trace lacks about producers (acks); it may
 * return just the transactional.id, which the trace also gives once initTransactions() completes.
 */
export function recordProvenance(history: Iterable<readonly TraceEntry[]>, record: RecordCoordinates, lookup: ProducerLookup = () => null): ProvenanceEvent[] {
  const w: Walk = {
    r: record,
    out: [],
    step: 0,
    life: newLife(null, null, null, false),
    hasLife: false,
    partitionCounts: new Map(),
    transactionalIds: new Map(),
    groupOf: new Map(),
    departed: new Map(),
    sends: new Map(),
    lookup,
  };
  for (const entries of history) {
    for (const e of entries) (ON[e.kind] as Handler<TraceKind> | null)?.(w, e);
    w.step += 1;
  }
  // Entry ids order the run; only a 'sent' line, found when its append is, arrives out of order.
  return w.out.sort((a, b) => a.id - b.id).map((x) => x.event);
}

export { kcatCommand, kcatLine, KCAT_FORMAT, KCAT_FORMAT_WITH_TIMESTAMP, type KcatRecord } from './kcat';
