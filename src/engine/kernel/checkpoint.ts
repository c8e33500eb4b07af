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

/** structuredClone of `state`, except that every log's records are the same objects in new arrays. */
export function cloneSharingRecords(state: SimState): SimState {
  const logs = logsOf(state);
  const records = logs.map((log) => log.records);
  for (const log of logs) log.records = [];
  let copy: SimState;
  try {
    copy = structuredClone(state);
  } finally {
    logs.forEach((log, i) => { log.records = records[i]!; });
  }
  // structuredClone keeps key order, so the copy's logs come in the same order.
  logsOf(copy).forEach((log, i) => { log.records = records[i]!.slice(); });
  return copy;
}
