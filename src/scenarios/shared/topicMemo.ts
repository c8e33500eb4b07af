/**
 * Derived views of a topic's records that the story, the checks and the tables recompute after every
 * UI step. Recomputing them from every record made a step cost O(records) (about 9 ms at 10,000 records
 * in food ordering). A record never changes once appended, and a partition's records array only grows
 * at the end, loses records at the front (retention, DeleteRecords) or the end (truncation), or is
 * replaced whole (the cleaner, a restore), so each call maps only the records appended since the last.
 */
import type { ReadState } from '../../engine';
import type { ReadRecord } from './records';

interface PartitionMemo<T> {
  /** The records array this memo follows, and its records and outputs as of the last call, aligned. */
  array: readonly ReadRecord[];
  records: ReadRecord[];
  outputs: (T | null)[];
}

interface TopicMemo<T> {
  partitions: PartitionMemo<T>[];
  result: T[];
}

const memos = new WeakMap<object, Map<string, TopicMemo<unknown>>>();

function isUnchanged<T>(memo: PartitionMemo<T> | undefined, array: readonly ReadRecord[]): boolean {
  return memo !== undefined && memo.array === array && memo.records.length === array.length && memo.records[0] === array[0] && memo.records.at(-1) === array.at(-1);
}

function follow<T>(memo: PartitionMemo<T> | undefined, array: readonly ReadRecord[], map: (record: ReadRecord) => T | null): PartitionMemo<T> {
  const apply = (r: ReadRecord) => (r.controlType === null ? map(r) : null);
  const rebuilt = (): PartitionMemo<T> => ({ array, records: [...array], outputs: array.map(apply) });
  if (memo === undefined || memo.array !== array) return rebuilt();
  // Records gone from the front (retention, DeleteRecords).
  const start = array[0]?.offset ?? Number.POSITIVE_INFINITY;
  let dropped = 0;
  while (dropped < memo.records.length && memo.records[dropped]!.offset < start) dropped++;
  if (dropped > 0) {
    memo.records.splice(0, dropped);
    memo.outputs.splice(0, dropped);
  }
  // Anything else but appends (a truncated and rewritten tail): start over.
  const kept = memo.records.length;
  if (kept > array.length || (kept > 0 && (memo.records[0] !== array[0] || memo.records[kept - 1] !== array[kept - 1]))) return rebuilt();
  for (let i = kept; i < array.length; i++) {
    memo.records.push(array[i]!);
    memo.outputs.push(apply(array[i]!));
  }
  return memo;
}

/**
 * `map` over every data record of `topic`, partition by partition (markers left out, nulls dropped).
 * The same array comes back while the topic's logs are unchanged, so callers can memoize on it.
 * `map` must be a module-level function: results are remembered per function.
 */
export function mapTopicRecords<T>(state: ReadState, topic: string, map: (record: ReadRecord) => T | null): readonly T[] {
  const t = state.topics[topic];
  if (t === undefined) return [];
  let byTopic = memos.get(map);
  if (byTopic === undefined) memos.set(map, (byTopic = new Map<string, TopicMemo<unknown>>()));
  const memo = byTopic.get(topic) as TopicMemo<T> | undefined;
  if (memo !== undefined && memo.partitions.length === t.partitions.length && t.partitions.every((p, i) => isUnchanged(memo.partitions[i], p.log.records))) {
    return memo.result;
  }
  const partitions = t.partitions.map((p, i) => follow(memo?.partitions[i], p.log.records, map));
  const result: T[] = [];
  for (const p of partitions) for (const o of p.outputs) if (o !== null) result.push(o);
  byTopic.set(topic, { partitions, result });
  return result;
}

/** `derive` of an array, remembered for as long as that array is (mapTopicRecords returns the same one while nothing changed). */
export function memoOnArray<A extends readonly unknown[], R>(derive: (input: A) => R): (input: A) => R {
  const cache = new WeakMap<A, R>();
  return (input) => {
    if (cache.has(input)) return cache.get(input)!;
    const output = derive(input);
    cache.set(input, output);
    return output;
  };
}
