/**
 * Trace entries of a produce, from send() to the answer: the record sent, its batch on the way, the
 * leader appending it (or refusing it, or recognising a duplicate), the acknowledgement, and the
 * Sender's retries, waits for a leader, epoch bumps, lost requests and answers, and failures.
 */
import type { EntryBase } from '../../kernel/traceEntryBase';

export interface RecordSentEntry extends EntryBase {
  kind: 'recordSent';
  producer: string;
  topic: string;
  partition: number;
  key: string | null;
  partitionedBy: 'explicit' | 'key-hash' | 'sticky';
}

export interface BatchSentEntry extends EntryBase {
  kind: 'batchSent';
  producer: string;
  topic: string;
  partition: number;
  count: number;
  requestId: number;
  leader: number;
}

export interface RecordAppendedEntry extends EntryBase {
  kind: 'recordAppended';
  producer: string;
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  value: string | null;
  leader: number;
  partitionedBy: 'explicit' | 'key-hash' | 'sticky';
}

export interface ProduceAcknowledgedEntry extends EntryBase {
  kind: 'produceAcknowledged';
  producer: string;
  topic: string;
  partition: number;
  baseOffset: number;
  count: number;
}

/** The partition leader refused a produce batch (e.g. INVALID_RECORD: a null key on a compacted topic). */
export interface ProduceRejectedEntry extends EntryBase {
  kind: 'produceRejected';
  producer: string;
  topic: string;
  partition: number;
  count: number;
  error: string;
  message: string;
}

/** A produce request reached a broker that is down or no longer the leader: no answer comes. */
export interface ProduceRequestLostEntry extends EntryBase {
  kind: 'produceRequestLost';
  producer: string;
  topic: string;
  partition: number;
  broker: number;
  count: number;
}

/** A retriable error or request.timeout.ms without an answer: the producer will send the batch again after a backoff. */
export interface ProduceRetriedEntry extends EntryBase {
  kind: 'produceRetried';
  producer: string;
  topic: string;
  partition: number;
  /** The attempt that comes next (2 for the first retry). */
  attempt: number;
  reason: string;
  /** retry.backoff.ms doubled per retry, at most retry.backoff.max.ms, with jitter. */
  backoffMs: number;
}

/** The producer cannot reach a leader of the partition (none, or its broker is down): its batches wait. */
export interface ProducerAwaitingLeaderEntry extends EntryBase {
  kind: 'producerAwaitingLeader';
  producer: string;
  topic: string;
  partition: number;
  /** The leader its metadata names, or -1 when the partition has none. */
  leader: number;
  batches: number;
}

/** KIP-360: an idempotent producer gave up on records of unknown fate and numbers from 0 under a new epoch. */
export interface ProducerEpochBumpedEntry extends EntryBase {
  kind: 'producerEpochBumped';
  producer: string;
  producerId: number;
  producerEpoch: number;
  reason: string;
  /** Records the producer gave up on since the last bump. */
  recordsGivenUp: number;
}

/** The producer gave up on a batch: the send() callback gets this error. */
export interface ProduceFailedEntry extends EntryBase {
  kind: 'produceFailed';
  producer: string;
  topic: string;
  partition: number;
  count: number;
  error: string;
}

/** Idempotence: the leader recognised a retried batch it already has and appended nothing. */
export interface DuplicateBatchIgnoredEntry extends EntryBase {
  kind: 'duplicateBatchIgnored';
  producer: string;
  topic: string;
  partition: number;
  baseOffset: number;
  count: number;
  firstSequence: number;
}

/** Experiment: a produce answer was lost on the way back to the producer. */
export interface ProduceResponseLostEntry extends EntryBase {
  kind: 'produceResponseLost';
  producer: string;
  topic: string;
  partition: number;
  baseOffset: number;
  count: number;
}
