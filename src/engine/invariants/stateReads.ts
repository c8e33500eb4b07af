/** Plain reads of the simulation state and trace that several invariant families share. */
import type { Simulation, TraceEntry } from '../index';

export type PartitionView = Simulation['state']['topics'][string]['partitions'][number];
export type PartitionLogView = PartitionView['log'];
export type LogRecords = PartitionLogView['records'];
export type LogRecordView = LogRecords[number];

/** A partition by name (own properties only: '__proto__' is a legal topic name), or undefined. */
export function partitionOf(sim: Simulation, topic: string, partition: number): PartitionView | undefined {
  const t = Object.hasOwn(sim.state.topics, topic) ? sim.state.topics[topic] : undefined;
  return t?.partitions[partition];
}

/** The record at `offset`, by binary search (offsets increase), or undefined when it is not stored. */
export function recordAt(records: LogRecords, offset: number): { record: LogRecordView; index: number } | undefined {
  let lo = 0;
  let hi = records.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = records[mid]!;
    if (r.offset === offset) return { record: r, index: mid };
    if (r.offset < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/** The trace entries from id `fromId` on (the ones no check has read yet). */
export function traceSince(sim: Simulation, fromId: number): readonly TraceEntry[] {
  const trace = sim.trace;
  const firstId = trace[0]?.id ?? 0;
  return trace.slice(Math.max(0, fromId - firstId));
}
