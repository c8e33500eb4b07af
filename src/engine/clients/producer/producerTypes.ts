/**
 * The producer client's state: records waiting in the accumulator, open and closed batches per
 * partition, the sticky partitioner, idempotence sequences and epoch, and the counters the views show.
 * Plain data; producer.ts and sender.ts act on it.
 */
import type { ProducerConfig } from '../../config';
import type { RecordHeader } from '../../log/logTypes';
import type { ProducerTxnState } from '../txn/txnClientTypes';

/** A record waiting in the producer's accumulator or travelling to the broker. */
export interface PendingRecord {
  key: string | null;
  value: string | null;
  headers: RecordHeader[];
  timestamp: number;
  sizeBytes: number;
  /** How the partition was chosen, for narration. */
  partitionedBy: 'explicit' | 'key-hash' | 'sticky';
}

/** An open batch for one partition in the producer's RecordAccumulator. */
export interface OpenBatch {
  topic: string;
  partition: number;
  records: PendingRecord[];
  sizeBytes: number;
  createdAt: number;
  /** Seq of the linger event that will send this batch if it does not fill first. */
  lingerEventSeq: number;
}

/** The uniform sticky partitioner's state for one topic (KIP-794). */
export interface StickyPartitionInfo {
  partition: number;
  producedBytes: number;
}

export interface ProducerState {
  clientId: string;
  config: ProducerConfig;
  producerId: number;
  producerEpoch: number;
  /** Next sequence number per "topic-partition" key, given to a batch when it is first sent. */
  nextSequence: Record<string, number>;
  /** Open batches per "topic-partition" key. */
  accumulator: Record<string, OpenBatch>;
  sticky: Record<string, StickyPartitionInfo>;
  nextRequestId: number;
  /**
   * Closed batches not yet acknowledged or given up, per "topic-partition" key, oldest first: waiting for
   * a leader, on their way, or waiting to be retried (the RecordAccumulator's deques and the in-flight
   * requests of Kafka's Sender together).
   */
  batches: Record<string, ProducerBatch[]>;
  /** How many batches `batches` holds, so idleness is one comparison. */
  unfinishedBatchCount: number;
  /** Batches in flight per "topic-partition" key (max.in.flight.requests.per.connection), kept with isInFlight. */
  inFlightCount: Record<string, number>;
  /** Time of the earliest producerWakeup already scheduled (retry backoff, waiting for a leader), or -1. */
  wakeupAt: number;
  /** Consecutive wake-ups that found a partition without a usable leader (metadata backoff grows with them). */
  leaderWaits: number;
  /** Partitions ("topic-partition") whose batches wait for a leader; narrated once per wait. */
  awaitingLeader: string[];
  /**
   * Idempotent producers: why the epoch must be bumped (a batch expired after it was sent, or the broker
   * answered OUT_OF_ORDER_SEQUENCE_NUMBER / UNKNOWN_PRODUCER_ID), or null. Nothing is sent until it is.
   */
  epochBumpReason: string | null;
  /** Records given up since the last epoch bump, for its narration. */
  recordsGivenUp: number;
  /** Experiment hook: the next produce answer to this producer is lost on the network. */
  dropNextResponse: boolean;
  /** The client's transaction state, or null without transactional.id. */
  txn: ProducerTxnState | null;
  /** Topics it has sent to, in first-send order (the canvas draws an edge to each). */
  topicsWritten: string[];
  /** Counters for views and narration. */
  sentCount: number;
  ackedCount: number;
  failedCount: number;
}

/** A closed batch the producer has not finished with. */
export interface ProducerBatch {
  /** Also the request id its produce requests carry. */
  id: number;
  topic: string;
  partition: number;
  records: PendingRecord[];
  /** When the batch was created: delivery.timeout.ms counts from here. */
  createdAt: number;
  /** Sends so far (0 until the first); answers and timeouts name the attempt they belong to. */
  attempt: number;
  isTransactional: boolean;
  /** Idempotence: the first record's sequence and the epoch it was numbered in; -1 until the first send. */
  baseSequence: number;
  producerEpoch: number;
  /** A request for it is travelling or waiting at the leader. */
  isInFlight: boolean;
  /** After a retriable error: not sent again before this time (retry.backoff.ms, exponential). */
  retryNotBefore: number;
}
