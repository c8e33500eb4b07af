/**
 * The path of one record on the canvas: the producer that appended it and every consumer that fetched
 * it since, redeliveries included (a consumer that fetched it twice, or a second instance after a
 * rebalance). Read from the UI's per-step trace history, as the Inspector's provenance is.
 */
import type { TraceEntry } from '../../engine';

export interface RecordPath {
  producer: string | null;
  /** Consumers in the order they first fetched it, with how many times each did. */
  fetches: { consumer: string; times: number }[];
}

/** `history`: every entry of each UI step, oldest step first. */
export function recordPath(history: Iterable<readonly TraceEntry[]>, topic: string, partition: number, offset: number): RecordPath {
  let producer: string | null = null;
  let fetches = new Map<string, number>();
  for (const entries of history) {
    for (const e of entries) {
      if (e.kind === 'recordAppended' && e.topic === topic && e.partition === partition && e.offset === offset) {
        // An offset cut by a leader change is given to the next record: the newest append is this record.
        producer = e.producer;
        fetches = new Map();
      } else if (e.kind === 'recordsFetched' && e.topic === topic && e.partition === partition && e.firstOffset <= offset && offset <= e.lastOffset) {
        fetches.set(e.consumer, (fetches.get(e.consumer) ?? 0) + 1);
      }
    }
  }
  return { producer, fetches: [...fetches.entries()].map(([consumer, times]) => ({ consumer, times })) };
}
