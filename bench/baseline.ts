/**
 * The bare-array baseline: the least work that does what the pipeline does, with the same keys. For
 * each record, the partition from the engine's own partitionForKey and a {offset, timestamp, key,
 * value} object pushed onto that partition's array; after each burst, every new record read back in
 * chunks of max.poll.records (partitions taken in turn, as the engine's fetch does) and the next
 * offset to read recorded as the committed offset of each partition a chunk touched.
 */
import { partitionForKey } from '../src/engine/index';
import type { Workload } from './workload';

interface BareRecord {
  offset: number;
  timestamp: number;
  key: string;
  value: string;
}

export interface BaselineRun {
  elapsedMs: number;
  logs: BareRecord[][];
  committed: number[];
  /** Sum over every record read of its offset and value length: what the reads produced, so they are not optimised away. */
  checksum: number;
}

export function runBaseline(w: Workload): BaselineRun {
  const { keys, values, partitions, maxPollRecords } = w;
  const start = performance.now();

  const logs: BareRecord[][] = Array.from({ length: partitions }, () => []);
  const positions: number[] = new Array<number>(partitions).fill(0);
  const committed: number[] = new Array<number>(partitions).fill(0);
  let cursor = 0;
  let checksum = 0;
  let clock = 0;

  for (let from = 0; from < w.records; from += w.burst) {
    const to = Math.min(w.records, from + w.burst);
    for (let i = from; i < to; i++) {
      const key = keys[i] ?? '';
      const log = logs[partitionForKey(key, partitions)] ?? [];
      log.push({ offset: log.length, timestamp: clock, key, value: values[i] ?? '' });
    }
    clock += w.burstIntervalMs;

    // Read back everything new, max.poll.records at a time; commit after processing each chunk.
    const touched: number[] = [];
    for (;;) {
      const chunk: BareRecord[] = [];
      touched.length = 0;
      for (let n = 0; n < partitions && chunk.length < maxPollRecords; n++) {
        const p = (cursor + n) % partitions;
        const log = logs[p] ?? [];
        let position = positions[p] ?? 0;
        if (position >= log.length) continue;
        while (position < log.length && chunk.length < maxPollRecords) {
          const record = log[position];
          if (record !== undefined) chunk.push(record);
          position++;
        }
        positions[p] = position;
        touched.push(p);
      }
      cursor = (cursor + 1) % partitions;
      if (chunk.length === 0) break;
      for (const record of chunk) checksum += record.offset + record.value.length;
      for (const p of touched) committed[p] = positions[p] ?? 0;
    }
  }

  return { elapsedMs: performance.now() - start, logs, committed, checksum };
}

/** Throws unless every record was stored, read back and committed. */
export function verifyBaseline(run: BaselineRun, w: Workload): void {
  const problems: string[] = [];
  let total = 0;
  let expectedChecksum = 0;
  run.logs.forEach((log, p) => {
    total += log.length;
    if (run.committed[p] !== log.length) problems.push(`partition ${p}: committed ${String(run.committed[p])} != ${log.length} records`);
    for (const record of log) expectedChecksum += record.offset + record.value.length;
  });
  if (total !== w.records) problems.push(`${total} records stored, ${w.records} given`);
  if (run.checksum !== expectedChecksum) problems.push(`read checksum ${run.checksum} != ${expectedChecksum}: some record was not read exactly once`);
  if (problems.length > 0) throw new Error(`Baseline verification failed:\n  ${problems.join('\n  ')}`);
}
