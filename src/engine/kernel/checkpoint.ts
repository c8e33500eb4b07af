/**
 * Cheap copies of the state to come back to (step back, seek). A deep clone of a long run is mostly its
 * log records, and the engine never changes a log record after appending it (the cleaner replaces a
 * tombstone it stamps instead of editing it), so a checkpoint shares the record objects with the state
 * it was taken from and copies only the arrays that hold them. Everything else is cloned as usual.
 */
import type { PartitionLog, SimState } from '../state';

/** A state to restore with restoreCheckpoint(); opaque: it shares records with other states, never edit it. */
export interface StateCheckpoint {
  readonly sharedRecordsState: SimState;
}

function logsOf(state: SimState): PartitionLog[] {
  const logs: PartitionLog[] = [];
  for (const topic of Object.values(state.topics)) for (const p of topic.partitions) logs.push(p.log);
  return logs;
}

/**
 * A deep copy of plain data (what the state is: objects, arrays and primitives, see state.ts). About
 * twice as fast as structuredClone on a long run's state, whose service stores and idempotence tables
 * are many small objects; a checkpoint is taken every 20 steps, so this is on the step's path. Also
 * copies what a service logs (far cheaper than structuredClone for the small objects it is given).
 */
export function copyPlainData<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copyPlainData(value[i] as unknown);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const copy = copyPlainData((value as Record<string, unknown>)[key]);
    // A key may be any name a learner gave (a topic called '__proto__' is legal in Kafka): an own property, never the prototype.
    if (key === '__proto__') Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true });
    else out[key] = copy;
  }
  return out as T;
}

/** A deep copy of `state`, except that every log's records are the same objects in new arrays. */
export function cloneSharingRecords(state: SimState): SimState {
  const logs = logsOf(state);
  const records = logs.map((log) => log.records);
  for (const log of logs) log.records = [];
  let copy: SimState;
  try {
    copy = copyPlainData(state);
  } finally {
    logs.forEach((log, i) => {
      log.records = records[i]!;
    });
  }
  // The copy keeps key order, so its logs come in the same order.
  logsOf(copy).forEach((log, i) => {
    log.records = records[i]!.slice();
  });
  return copy;
}
