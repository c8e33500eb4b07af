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
  /** Per share-partition, by share group id and tpKey (shareInvariants.ts's key): the SPSO seen last. */
  readonly lastShareStartOffset: Map<string, number>;
  /** Per share group id: the group epoch seen last. */
  readonly lastShareGroupEpoch: Map<string, number>;
  /**
   * Per share group id: the partition counts of its members' topics when its current group epoch was
   * first seen, which the SimpleAssignor used (a topic that grows is picked up at the next epoch).
   */
  readonly shareAssignmentBasis: Map<string, { groupEpoch: number; partitionCounts: Map<string, number> }>;
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
    lastShareStartOffset: new Map(),
    lastShareGroupEpoch: new Map(),
    shareAssignmentBasis: new Map(),
    nextTraceId: 0,
  };
}
