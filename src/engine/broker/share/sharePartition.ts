/**
 * A share-partition's rules (KIP-932, Kafka's SharePartition): acquiring records for a member under an
 * acquisition lock, acknowledgements (ACCEPT / RELEASE / REJECT, all or nothing), releasing what a
 * departed member held, lock timeouts, archiving at the delivery count limit, and moving SPSO past
 * finished records. Pure functions on plain data; broker/share/shareFetch.ts runs them at the leader.
 *
 * Simplifications, each with its reason:
 * - Records are acquired one offset at a time up to max.poll.records (Kafka's `record_limit` acquire
 *   mode): the log here keeps records, not the producer's batches, so there are no whole batches to
 *   hand out as `batch_optimized` does. A fetch's new records still form one in-flight batch.
 * - An offset that is not a record to deliver (compacted away, a transaction marker) is ARCHIVED as it
 *   enters the cache, so SPSO can pass it; Kafka's client reports such holes as GAP acknowledgements.
 */
import type { AcknowledgementBatch, AcquiredRange, InFlightBatch, InFlightState, ShareLimits, ShareRecordState, SharePartitionState } from './sharePartitionTypes';

/** A share-partition that starts at `startOffset` (from share.auto.offset.reset: the high watermark for `latest`, the log start for `earliest`). */
export function newSharePartition(topic: string, partition: number, startOffset: number): SharePartitionState {
  return { topic, partition, startOffset, endOffset: startOffset, batches: [] };
}

const isTerminal = (state: ShareRecordState) => state === 'ACKNOWLEDGED' || state === 'ARCHIVED';

function stateAt(batch: InFlightBatch, offset: number): InFlightState {
  return batch.offsetStates === null ? batch : batch.offsetStates[offset - batch.firstOffset]!;
}

/** Gives the batch one state per offset, so one offset can change alone (InFlightBatch.maybeInitializeOffsetStateUpdate). */
function split(batch: InFlightBatch): InFlightState[] {
  if (batch.offsetStates === null) {
    const { state, deliveryCount, memberId, lockExpiresAt } = batch;
    batch.offsetStates = Array.from({ length: batch.lastOffset - batch.firstOffset + 1 }, () => ({ state, deliveryCount, memberId, lockExpiresAt }));
  }
  return batch.offsetStates;
}

/** The states of offsets first..last of `batch`, splitting it only when the range is not the whole batch. */
function statesIn(batch: InFlightBatch, first: number, last: number): InFlightState[] {
  if (batch.offsetStates === null && first <= batch.firstOffset && last >= batch.lastOffset) return [batch];
  const states = split(batch);
  const from = Math.max(first, batch.firstOffset) - batch.firstOffset;
  const to = Math.min(last, batch.lastOffset) - batch.firstOffset;
  return states.slice(from, to + 1);
}

/** Every offset's state, in offset order. */
function* eachOffset(sp: SharePartitionState): Generator<[number, InFlightState, InFlightBatch]> {
  for (const batch of sp.batches) {
    for (let offset = batch.firstOffset; offset <= batch.lastOffset; offset++) yield [offset, stateAt(batch, offset), batch];
  }
}

/** The offset the next share fetch reads from: the lowest AVAILABLE one in the cache, else the one after SPEO. */
export function nextFetchOffset(sp: SharePartitionState): number {
  for (const [offset, s] of eachOffset(sp)) if (offset >= sp.startOffset && s.state === 'AVAILABLE') return offset;
  return afterCache(sp);
}

function acquireState(s: InFlightState, memberId: string, lockExpiresAt: number): void {
  s.state = 'ACQUIRED';
  s.deliveryCount += 1;
  s.memberId = memberId;
  s.lockExpiresAt = lockExpiresAt;
}

/**
 * An ACQUIRED record given back (release, lock timeout, member gone): AVAILABLE again, or ARCHIVED at the
 * delivery limit or when the log start has passed it (the log no longer has it).
 */
function releaseState(s: InFlightState, isBelowStart: boolean, limits: ShareLimits): void {
  s.state = isBelowStart || s.deliveryCount >= limits.deliveryCountLimit ? 'ARCHIVED' : 'AVAILABLE';
  s.memberId = '';
  s.lockExpiresAt = -1;
}

function addRange(ranges: AcquiredRange[], offset: number, deliveryCount: number): void {
  const last = ranges.at(-1);
  if (last !== undefined && last.lastOffset === offset - 1 && last.deliveryCount === deliveryCount) last.lastOffset = offset;
  else ranges.push({ firstOffset: offset, lastOffset: offset, deliveryCount });
}

/**
 * A share fetch by `memberId`: acquires up to `maxRecords` records, first those AVAILABLE again in the
 * cache (released or timed out), then new ones from the log below `readableEnd` (the high watermark) while
 * the in-flight window is below max.record.locks. `isRecord(offset)` says whether the log holds a record
 * to deliver there. Returns what was acquired, as ranges with their delivery counts.
 */
export function acquire(sp: SharePartitionState, memberId: string, readableEnd: number, isRecord: (offset: number) => boolean, maxRecords: number, now: number, limits: ShareLimits): AcquiredRange[] {
  const acquired: AcquiredRange[] = [];
  const lockExpiresAt = now + limits.lockDurationMs;
  let left = maxRecords;
  // Records offered again, oldest first. A whole AVAILABLE batch that fits keeps its single state.
  for (const batch of sp.batches) {
    if (left === 0) break;
    if (batch.offsetStates === null) {
      if (batch.state !== 'AVAILABLE') continue;
      const size = batch.lastOffset - batch.firstOffset + 1;
      if (size <= left) {
        acquireState(batch, memberId, lockExpiresAt);
        for (let o = batch.firstOffset; o <= batch.lastOffset; o++) addRange(acquired, o, batch.deliveryCount);
        left -= size;
        continue;
      }
    }
    for (let offset = batch.firstOffset; offset <= batch.lastOffset && left > 0; offset++) {
      if (stateAt(batch, offset).state !== 'AVAILABLE') continue;
      const s = split(batch)[offset - batch.firstOffset]!;
      acquireState(s, memberId, lockExpiresAt);
      addRange(acquired, offset, s.deliveryCount);
      left -= 1;
    }
  }
  // New records past SPEO, one batch per run of records; a hole is archived as it is cached.
  let next = afterCache(sp);
  while (left > 0 && next < readableEnd && next - sp.startOffset + 1 <= limits.maxRecordLocks) {
    const holeOrRecord = isRecord(next);
    let last = next;
    while (last + 1 < readableEnd && last + 1 - sp.startOffset + 1 <= limits.maxRecordLocks && isRecord(last + 1) === holeOrRecord && (!holeOrRecord || last + 1 - next + 1 <= left)) last++;
    if (holeOrRecord) {
      sp.batches.push({ firstOffset: next, lastOffset: last, state: 'ACQUIRED', deliveryCount: 1, memberId, lockExpiresAt, offsetStates: null });
      for (let o = next; o <= last; o++) addRange(acquired, o, 1);
      left -= last - next + 1;
    } else {
      sp.batches.push({ firstOffset: next, lastOffset: last, state: 'ARCHIVED', deliveryCount: 0, memberId: '', lockExpiresAt: -1, offsetStates: null });
    }
    sp.endOffset = last;
    next = last + 1;
  }
  advanceStartOffset(sp);
  return acquired;
}

/** Why a member's acknowledgement was refused, or null when every offset in it was ACQUIRED by that member. */
export function checkAcknowledgements(sp: SharePartitionState, memberId: string, acks: readonly AcknowledgementBatch[]): string | null {
  const seen = new Set<number>();
  for (const ack of acks) {
    if (!Number.isSafeInteger(ack.firstOffset) || !Number.isSafeInteger(ack.lastOffset) || ack.lastOffset < ack.firstOffset) {
      return `offsets ${ack.firstOffset}..${ack.lastOffset} are not a range`;
    }
    for (let offset = ack.firstOffset; offset <= ack.lastOffset; offset++) {
      // Two ranges naming one offset would apply twice (ACCEPT then RELEASE would hand an accepted record out again).
      if (seen.has(offset)) return `offset ${offset} is acknowledged twice in one request`;
      seen.add(offset);
      const batch = batchOf(sp, offset);
      const s = batch === undefined ? undefined : stateAt(batch, offset);
      if (s === undefined || s.state !== 'ACQUIRED') return `offset ${offset} is ${s === undefined ? 'not in flight' : s.state}, not ACQUIRED`;
      if (s.memberId !== memberId) return `offset ${offset} is held by another member`;
    }
  }
  return null;
}

function batchOf(sp: SharePartitionState, offset: number): InFlightBatch | undefined {
  return sp.batches.find((b) => b.firstOffset <= offset && offset <= b.lastOffset);
}

/**
 * Applies a member's acknowledgements, all or nothing (Kafka validates every batch first): returns
 * INVALID_RECORD_STATE's reason when one offset is not ACQUIRED by this member, else null.
 */
export function acknowledge(sp: SharePartitionState, memberId: string, acks: readonly AcknowledgementBatch[], limits: ShareLimits): string | null {
  const problem = checkAcknowledgements(sp, memberId, acks);
  if (problem !== null) return problem;
  for (const ack of acks) {
    for (const batch of sp.batches) {
      if (batch.lastOffset < ack.firstOffset || batch.firstOffset > ack.lastOffset) continue;
      const first = Math.max(ack.firstOffset, batch.firstOffset);
      statesIn(batch, ack.firstOffset, ack.lastOffset).forEach((s, i) => {
        if (ack.type === 'RELEASE') {
          releaseState(s, first + i < sp.startOffset, limits);
        } else {
          s.state = ack.type === 'ACCEPT' ? 'ACKNOWLEDGED' : 'ARCHIVED';
          s.memberId = '';
          s.lockExpiresAt = -1;
        }
      });
    }
  }
  advanceStartOffset(sp);
  return null;
}

/** Gives back every record that `matches`; returns the offsets released, as ranges with their states after. */
function releaseWhere(sp: SharePartitionState, matches: (s: InFlightState) => boolean, limits: ShareLimits): { firstOffset: number; lastOffset: number; state: ShareRecordState }[] {
  const released: { firstOffset: number; lastOffset: number; state: ShareRecordState }[] = [];
  const note = (first: number, last: number, state: ShareRecordState) => {
    const prev = released.at(-1);
    if (prev !== undefined && prev.lastOffset === first - 1 && prev.state === state) prev.lastOffset = last;
    else released.push({ firstOffset: first, lastOffset: last, state });
  };
  for (const batch of sp.batches) {
    if (batch.offsetStates === null) {
      if (batch.state === 'ACQUIRED' && matches(batch)) {
        if (batch.firstOffset < sp.startOffset && batch.lastOffset >= sp.startOffset) {
          // Straddles SPSO after the log start moved: its offsets go different ways.
          split(batch);
        } else {
          releaseState(batch, batch.lastOffset < sp.startOffset, limits);
          note(batch.firstOffset, batch.lastOffset, batch.state);
          continue;
        }
      } else {
        continue;
      }
    }
    if (batch.offsetStates === null) continue;
    batch.offsetStates.forEach((s, i) => {
      if (s.state !== 'ACQUIRED' || !matches(s)) return;
      releaseState(s, batch.firstOffset + i < sp.startOffset, limits);
      note(batch.firstOffset + i, batch.firstOffset + i, s.state);
    });
  }
  if (released.length > 0) advanceStartOffset(sp);
  return released;
}

/** The member left or its session ended: everything it held is released at once (SharePartition.releaseAcquiredRecords). The delivery count is kept. */
export function releaseAcquiredRecords(sp: SharePartitionState, memberId: string, limits: ShareLimits) {
  return releaseWhere(sp, (s) => s.memberId === memberId, limits);
}

/** Acquisition locks that ran out by `now` release their records (AcquisitionLockTimerTask). */
export function expireLocks(sp: SharePartitionState, now: number, limits: ShareLimits) {
  return releaseWhere(sp, (s) => s.lockExpiresAt >= 0 && s.lockExpiresAt <= now, limits);
}

/**
 * The log start moved past SPSO (retention, DeleteRecords): SPSO jumps to it, AVAILABLE records below it
 * are archived, and records still ACQUIRED below it stay with their holder until released or timed out,
 * when they are archived too (SharePartition.updateCacheAndOffsets).
 */
export function moveToLogStart(sp: SharePartitionState, logStartOffset: number): void {
  if (logStartOffset <= sp.startOffset) return;
  for (const batch of sp.batches) {
    if (batch.firstOffset >= logStartOffset) break;
    for (const s of statesIn(batch, batch.firstOffset, logStartOffset - 1)) if (s.state === 'AVAILABLE') s.state = 'ARCHIVED';
  }
  sp.startOffset = logStartOffset;
  if (sp.endOffset < logStartOffset) sp.endOffset = logStartOffset;
  advanceStartOffset(sp);
}

const holdsAcquired = (batch: InFlightBatch) => (batch.offsetStates ?? [batch]).some((s) => s.state === 'ACQUIRED');

/** The offset after the cache: SPEO + 1, or SPEO itself when nothing at or after SPSO is cached (Kafka's nextFetchOffset). */
function afterCache(sp: SharePartitionState): number {
  const last = sp.batches.at(-1);
  return last === undefined || last.lastOffset < sp.startOffset ? sp.endOffset : sp.endOffset + 1;
}

/**
 * SPSO moves to one past the run of finished records that starts at it, and batches wholly below it
 * leave the cache (unless a member still holds records there, after the log start moved); when every
 * cached record is finished the cache empties and SPSO = SPEO = last + 1
 * (SharePartition.maybeUpdateCachedStateAndOffsets).
 */
export function advanceStartOffset(sp: SharePartitionState): void {
  let start = sp.startOffset;
  for (const [offset, s] of eachOffset(sp)) {
    if (offset < start) continue;
    if (offset > start || !isTerminal(s.state)) break;
    start = offset + 1;
  }
  const moved = start !== sp.startOffset;
  sp.startOffset = start;
  const kept = sp.batches.filter((b) => b.lastOffset >= start || holdsAcquired(b));
  if (moved || kept.length !== sp.batches.length) sp.batches = kept;
  if (sp.batches.length === 0 || sp.endOffset < start) sp.endOffset = start;
}
