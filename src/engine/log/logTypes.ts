/**
 * The state of a partition's log on its leader: records as the v2 format holds them, segments, the
 * offsets that bound what consumers may read (log start, last stable, high watermark, log end), open
 * transactions and their markers, and per producer id the batches idempotence checks a retry against.
 * Plain data; partitionLog.ts, segments.ts, retention.ts, cleaner.ts and producerState.ts act on it.
 */

export interface RecordHeader {
  key: string;
  value: string | null;
}

/** One record in a partition log, as a consumer would see it. */
export interface LogRecord {
  offset: number;
  /** CreateTime (the producer's clock at send) or LogAppendTime, per `message.timestamp.type`. */
  timestamp: number;
  key: string | null;
  value: string | null;
  headers: RecordHeader[];
  /** Producer id from InitProducerId, or -1 for a non-idempotent producer (as in Kafka's batch header). */
  producerId: number;
  producerEpoch: number;
  /** Sequence number of the record for its producer and partition, or -1 without idempotence. */
  sequence: number;
  /** Simulator annotation, not part of Kafka's format: which client wrote the record. */
  clientId: string;
  /** Modelled size of the record in the log (see log/recordSize.ts). */
  sizeBytes: number;
  /** Written inside a transaction (the batch's isTransactional flag). */
  isTransactional: boolean;
  /** A transaction marker (control record): COMMIT or ABORT; null for data. Consumers never get markers. */
  controlType: 'COMMIT' | 'ABORT' | null;
  /**
   * For a tombstone the cleaner has kept once: the time after which a later pass may drop it
   * (KIP-534; Kafka stamps it on the batch), else -1.
   */
  deleteHorizonMs: number;
}

/** A segment of a partition log: it holds offsets from its base up to the next segment's base. The last one is active. */
export interface SegmentInfo {
  baseOffset: number;
  sizeBytes: number;
  /** Largest record timestamp in the segment, or -1 when empty (retention.ms compares against it). */
  largestTimestamp: number;
  /** Max timestamp of the first batch appended, or -1 when empty (segment.ms compares against it). */
  firstBatchTimestamp: number;
}

/** The leader replica's log. Offsets satisfy logStartOffset <= lastStableOffset <= highWatermark <= logEndOffset. */
export interface PartitionLog {
  /** Records in offset order; records[i] is not necessarily offset i once compaction or retention runs. */
  records: LogRecord[];
  logStartOffset: number;
  logEndOffset: number;
  highWatermark: number;
  lastStableOffset: number;
  segments: SegmentInfo[];
  /** The log cleaner's checkpoint: offsets below it are the clean part, compacted at least once. */
  firstDirtyOffset: number;
  /** Open transactions: producer id → offset of its first record in this partition (pins the LSO). */
  openTransactions: Record<string, number>;
  /**
   * Markers appended but not yet below the high watermark. Their transactions still pin the LSO, as
   * Kafka's ProducerStateManager keeps them in unreplicatedTxns until the marker is replicated.
   */
  pendingMarkers: PendingMarker[];
  /** The aborted transaction index (.txnindex): read_committed consumers skip these producers' records in range. */
  abortedTransactions: { producerId: number; firstOffset: number; lastOffset: number }[];
}

/** A batch the leader remembers for a producer (the last 5), to recognise a retried duplicate. */
export interface ProducerBatchInfo {
  firstSeq: number;
  lastSeq: number;
  baseOffset: number;
  count: number;
}

export interface ProducerStateEntry {
  epoch: number;
  batches: ProducerBatchInfo[];
}

/**
 * A transaction marker the leader appended and the ISR does not hold yet. WriteTxnMarkers appends with
 * acks=all: the coordinator counts the marker written only once the high watermark passes it, and sends
 * it again if a leader change truncates it away.
 */
export interface PendingMarker {
  transactionalId: string;
  producerId: number;
  producerEpoch: number;
  marker: 'COMMIT' | 'ABORT';
  offset: number;
  /** Where the transaction began in this partition (to reopen it if the marker is lost), or -1. */
  firstOffset: number;
}
