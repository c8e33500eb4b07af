/**
 * What the invariant checks remember between two calls: some invariants are over time (the high
 * watermark never goes back) and some need what the trace or the sender said earlier.
 */
export interface InvariantMemory {
  /** Explicit sends per "producer/topic/partition/key", in send order. */
  readonly sent: Map<string, string[]>;
  /** Per partition, by tpKey. */
  readonly lastHighWatermark: Map<string, number>;
  readonly lastStableOffset: Map<string, number>;
  /** Partitions the log cleaner has compacted (by tpKey): their offsets may have gaps. */
  readonly cleaned: Set<string>;
  /** What acks=all producers were told is stored: tpKey → offset → value. */
  readonly acknowledged: Map<string, Map<number, string | null>>;
  /** Records the plain-data walk has seen: the engine never changes a record, so each is walked once. */
  readonly checkedRecords: WeakSet<object>;
  /** The first trace entry not yet read. */
  nextTraceId: number;
}

export function emptyMemory(): InvariantMemory {
  return {
    sent: new Map(),
    lastHighWatermark: new Map(),
    lastStableOffset: new Map(),
    cleaned: new Set(),
    acknowledged: new Map(),
    checkedRecords: new WeakSet(),
    nextTraceId: 0,
  };
}
