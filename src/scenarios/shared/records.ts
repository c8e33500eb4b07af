/** Reading a scenario's own topics from the engine state: records, headers and JSON values. */
import type { DeepReadonly, LogRecord, ReadState } from '../../engine';

export type ReadRecord = DeepReadonly<LogRecord>;

/** Every data record still in the topic's logs (markers left out), partition by partition. */
export function topicRecords(state: ReadState, topic: string): { partition: number; record: ReadRecord }[] {
  const t = state.topics[topic];
  if (t === undefined) return [];
  return t.partitions.flatMap((p) => p.log.records.filter((r) => r.controlType === null).map((record) => ({ partition: p.partition, record })));
}

/** Whether the topic's logs hold at least `count` data records; stops counting there. */
export function holdsRecords(state: ReadState, topic: string, count: number): boolean {
  let seen = 0;
  for (const p of state.topics[topic]?.partitions ?? []) {
    for (const r of p.log.records) {
      if (r.controlType === null && ++seen >= count) return true;
    }
  }
  return false;
}

/** Data records in a partition's log (markers left out), without copying it. */
export function dataRecordCount(records: readonly ReadRecord[]): number {
  let n = 0;
  for (const r of records) if (r.controlType === null) n++;
  return n;
}

/** For each of `keys`, the first data record with that key in `topics` (in the order given), in one pass. */
export function firstRecordByKey(state: ReadState, topics: readonly string[], keys: ReadonlySet<string>): Map<string, { topic: string; partition: number; record: ReadRecord }> {
  const found = new Map<string, { topic: string; partition: number; record: ReadRecord }>();
  for (const topic of topics) {
    for (const p of state.topics[topic]?.partitions ?? []) {
      for (const record of p.log.records) {
        if (record.controlType === null && record.key !== null && keys.has(record.key) && !found.has(record.key)) found.set(record.key, { topic, partition: p.partition, record });
      }
    }
  }
  return found;
}

export function headerValue(headers: readonly { key: string; value: string | null }[], key: string): string | null {
  return headers.find((h) => h.key === key)?.value ?? null;
}

const parsed = new Map<string, unknown>();

/**
 * A record's JSON value, parsed once: records never change once written, so a cache keyed by the
 * value text is safe across steps and restores. Returns null for tombstones and non-JSON values.
 */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the shape it expects
export function jsonValue<T>(value: string | null): T | null {
  if (value === null) return null;
  if (!parsed.has(value)) {
    if (parsed.size > 50_000) parsed.clear();
    parsed.set(value, parseOrNull(value));
  }
  return parsed.get(value) as T | null;
}

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
