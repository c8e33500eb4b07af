/**
 * Log invariants: offsets increase, holes only where the cleaner compacted, logStartOffset <= LSO <= HW
 * <= LEO, the high watermark and LSO never go back, and acks=all records stay as acknowledged
 * (NoAcknowledgedLoss and MonotonicHighWatermark, as Kafka's RaftEventSimulationTest names them).
 */
import type { Simulation, TraceEntry } from '../index';
import type { InvariantMemory } from './memory';
import { partitionOf, recordAt, type PartitionLogView } from './stateReads';
import type { Violations } from './violations';
import { tpKey } from '../shared/topicPartition';

/**
 * Notes the partitions cleaned in `entries`. Read before anything else in them: when a stretch ran
 * unchecked (an outage), a cleaner pass written after an acknowledgement may already have removed the
 * acknowledged record.
 */
export function noteCleanerPasses(entries: readonly TraceEntry[], memory: InvariantMemory): void {
  for (const e of entries) {
    if (e.kind === 'logCleaned') memory.cleaned.add(tpKey(e.topic, e.partition));
  }
}

/** acks=all is answered at the high watermark: the records are stored and replicated (though retention,
 * DeleteRecords or the cleaner may have removed them before the answer arrived). Remembers their values. */
export function checkAcknowledgements(sim: Simulation, entries: readonly TraceEntry[], memory: InvariantMemory, found: Violations): void {
  for (const e of entries) {
    if (e.kind !== 'produceAcknowledged') continue;
    if (sim.state.producers[e.producer]?.config.acks !== 'all') continue;
    const at = () => ` (trace entry ${e.id}, step ${sim.stepCount}, time ${sim.time})`;
    const log = partitionOf(sim, e.topic, e.partition)?.log;
    if (log === undefined) {
      found.report(`${e.producer} was acknowledged on the unknown ${e.topic}-${e.partition}${at()}`);
      continue;
    }
    const key = tpKey(e.topic, e.partition);
    let acked = memory.acknowledged.get(key);
    if (acked === undefined) memory.acknowledged.set(key, (acked = new Map<number, string | null>()));
    const keptFrom = Math.max(log.logStartOffset, log.records[0]?.offset ?? log.logEndOffset);
    for (let offset = e.baseOffset; offset < e.baseOffset + e.count; offset++) {
      const stored = recordAt(log.records, offset);
      found.check(offset < log.highWatermark, () => `${e.producer} was acknowledged offset ${offset} of ${e.topic}-${e.partition} above the HW ${log.highWatermark}${at()}`);
      found.check(
        stored !== undefined || offset < keptFrom || memory.cleaned.has(key),
        () => `${e.producer} was acknowledged offset ${offset} of ${e.topic}-${e.partition}, HW ${log.highWatermark}, but it is not stored${at()}`,
      );
      if (stored !== undefined) acked.set(offset, stored.record.value);
    }
  }
}

/** Every invariant of one partition's log; `key` is its tpKey, `where` names it in messages. */
export function checkPartitionLog(key: string, log: PartitionLogView, where: string, memory: InvariantMemory, found: Violations): void {
  const { logStartOffset, lastStableOffset, highWatermark, logEndOffset, records } = log;
  const offsets = () => `${where}: logStartOffset ${logStartOffset}, LSO ${lastStableOffset}, HW ${highWatermark}, LEO ${logEndOffset}`;
  found.check(0 <= logStartOffset && logStartOffset <= lastStableOffset && lastStableOffset <= highWatermark && highWatermark <= logEndOffset, offsets);
  const isCompacted = memory.cleaned.has(key);
  let previous = -1;
  let bytes = 0;
  for (const r of records) {
    found.check(r.offset > previous, () => `${where}: offset ${r.offset} after ${previous}`);
    previous = r.offset;
    bytes += r.sizeBytes;
    // Checkpoints share log records (kernel/checkpoint.ts): once appended, a record never changes. A
    // frozen record makes any later write by the engine throw (modules are strict).
    if (!Object.isFrozen(r)) Object.freeze(Object.freeze(r).headers);
  }
  const first = records[0]?.offset;
  if (first === undefined) {
    // Only the cleaner can empty a log short of its end (the latest record of every key stays, but
    // tombstones past their horizon and aborted transactions with their markers go).
    found.check(logStartOffset === logEndOffset || isCompacted, () => `${offsets()}, but no records stored`);
  } else {
    found.check(previous === logEndOffset - 1, () => `${where}: last offset ${previous}, LEO ${logEndOffset}`);
    found.check(log.segments[0] !== undefined && log.segments[0].baseOffset <= first, () => `${where}: first record ${first} below the first segment`);
    if (!isCompacted) {
      // Retention deletes whole segments, DeleteRecords only moves the log start offset: nothing else
      // leaves a hole, so an uncompacted log holds every offset from its first record on.
      found.check(first <= logStartOffset, () => `${offsets()}, but the first record stored is ${first}`);
      found.check(records.length === logEndOffset - first, () => `${offsets()}: ${records.length} records from offset ${first}`);
    }
  }
  const segmentBytes = log.segments.reduce((n, s) => n + s.sizeBytes, 0);
  // Segments count the records plus a batch header per batch.
  found.check(segmentBytes >= bytes, () => `${where}: segments hold ${segmentBytes} bytes, records ${bytes}`);
  checkNeverGoesBack(key, log, where, memory, found);
  checkAcknowledgedKept(key, log, where, memory, found);
}

/** MonotonicHighWatermark; the LSO follows it. */
function checkNeverGoesBack(key: string, log: PartitionLogView, where: string, memory: InvariantMemory, found: Violations): void {
  const lastHw = memory.lastHighWatermark.get(key) ?? 0;
  found.check(log.highWatermark >= lastHw, () => `${where}: high watermark went back from ${lastHw} to ${log.highWatermark}`);
  memory.lastHighWatermark.set(key, log.highWatermark);
  const lastLso = memory.lastStableOffset.get(key) ?? 0;
  found.check(log.lastStableOffset >= lastLso, () => `${where}: last stable offset went back from ${lastLso} to ${log.lastStableOffset}`);
  memory.lastStableOffset.set(key, log.lastStableOffset);
}

/** NoAcknowledgedLoss: with clean elections (unclean.leader.election.enable stays false in the model). */
function checkAcknowledgedKept(key: string, log: PartitionLogView, where: string, memory: InvariantMemory, found: Violations): void {
  const acked = memory.acknowledged.get(key);
  if (acked === undefined) return;
  const isCompacted = memory.cleaned.has(key);
  const keptFrom = Math.max(log.logStartOffset, log.records[0]?.offset ?? log.logEndOffset);
  for (const [offset, value] of acked) {
    found.check(offset < log.highWatermark, () => `${where}: acknowledged offset ${offset} is above the high watermark ${log.highWatermark}`);
    if (offset < keptFrom || isCompacted) continue;
    const stored = recordAt(log.records, offset);
    found.check(stored?.record.value === value, () => `${where}: acknowledged offset ${offset} held ${String(value)}, now ${stored === undefined ? 'nothing' : String(stored.record.value)}`);
  }
}
