/**
 * The event queue: a binary min-heap ordered by (time, seq), as Kafka's own RaftEventSimulationTest
 * orders its events (deadline, ties broken by an increasing id). The heap is a plain array inside the
 * simulation state, so it snapshots with everything else.
 */

/** What every scheduled event carries; the rest of its fields depend on its type. */
export interface Scheduled {
  /** Simulated time in ms at which the event fires. */
  time: number;
  /** Tie-breaker: the order in which events were scheduled. */
  seq: number;
}

function before(a: Scheduled, b: Scheduled): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

/** A plain swap: the destructuring one allocated an array per swap (2 % of a replay). */
function swap(heap: unknown[], a: number, b: number): void {
  const held = heap[a]!;
  heap[a] = heap[b]!;
  heap[b] = held;
}

export function heapPush<E extends Scheduled>(heap: E[], event: E): void {
  heap.push(event);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i]!, heap[parent]!)) break;
    swap(heap, i, parent);
    i = parent;
  }
}

export function heapPop<E extends Scheduled>(heap: E[]): E | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (top === undefined || last === undefined || heap.length === 0) return top;
  heap[0] = last;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let smallest = i;
    if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
    if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
    if (smallest === i) return top;
    swap(heap, i, smallest);
    i = smallest;
  }
}

export function heapPeek<E extends Scheduled>(heap: readonly E[]): E | undefined {
  return heap[0];
}
