/**
 * The shared workload: the same keys and values go through the engine and the bare-array baseline.
 * Built once, outside every timed section, so neither side pays for string formatting.
 */

export interface Workload {
  /** Number of records. */
  records: number;
  partitions: number;
  /** Records sent before the simulation is advanced (engine) or read back (baseline). */
  burst: number;
  /** Simulated ms the engine is advanced after each burst. */
  burstIntervalMs: number;
  /** The consumer's max.poll.records; the baseline reads in chunks of this size. */
  maxPollRecords: number;
  keys: string[];
  values: string[];
}

export const TOPIC = 'bench';
export const PRODUCER = 'bench-producer';
export const CONSUMER = 'bench-consumer';
export const GROUP = 'bench-group';

/** Distinct keys: enough that every partition gets a fair share, few enough that keys repeat. */
const DISTINCT_KEYS = 10_000;

export function buildWorkload(records: number, options: Partial<Omit<Workload, 'records' | 'keys' | 'values'>> = {}): Workload {
  const keys: string[] = new Array<string>(records);
  const values: string[] = new Array<string>(records);
  for (let i = 0; i < records; i++) {
    // Multiplying by a prime scatters consecutive records over the key space.
    keys[i] = `customer-${String((i * 7919) % DISTINCT_KEYS).padStart(5, '0')}`;
    values[i] = `{"order":${i},"amount":${(i * 37) % 1000}.${String(i % 100).padStart(2, '0')}}`;
  }
  return {
    records,
    partitions: options.partitions ?? 6,
    burst: options.burst ?? 1_000,
    burstIntervalMs: options.burstIntervalMs ?? 10,
    maxPollRecords: options.maxPollRecords ?? 500,
    keys,
    values,
  };
}
