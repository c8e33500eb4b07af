/**
 * Event time across partitions, as Kafka Streams keeps it for a task: each partition's newest record
 * timestamp, and the watermark, the oldest of those. Records are stamped when produced and each
 * partition's timestamps only grow, so every record stamped before the watermark has arrived: a window
 * or a verdict that needs "everything before t" can be decided once the watermark passes t, whatever
 * order the partitions were read in (live, or a replay that reads one partition after another).
 * Kept in an instance's memory (plain data, lost with the process).
 */
import type { AppData } from '../../engine';

/** Notes a record's timestamp for its partition. */
export function noteEventTime(memory: AppData, partition: number, timestamp: number): void {
  const latest = (memory.latest ??= {}) as Record<string, number>;
  latest[partition] = Math.max(latest[partition] ?? Number.NEGATIVE_INFINITY, timestamp);
}

/** The oldest newest-timestamp over `partitions` partitions (-Infinity until each has shown a record). */
export function watermark(memory: AppData, partitions: number): number {
  const latest = (memory.latest ?? {}) as Record<string, number>;
  let min = Number.POSITIVE_INFINITY;
  for (let p = 0; p < partitions; p++) min = Math.min(min, latest[p] ?? Number.NEGATIVE_INFINITY);
  return min;
}
