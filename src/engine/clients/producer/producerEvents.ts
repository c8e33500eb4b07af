/**
 * Scheduled events of a produce: the producer's linger and request timers and its wake-ups, the
 * ProduceRequest reaching the leader, and the ProduceResponse coming back. producer.ts and sender.ts
 * apply them.
 */
import type { EventBase } from '../../kernel/eventBase';
import type { PendingRecord } from './producerTypes';

/** The producer's linger.ms ran out for an open batch: send it. */
export interface LingerExpiredEvent extends EventBase {
  type: 'lingerExpired';
  producer: string;
  topic: string;
  partition: number;
}

/** A ProduceRequest reaches the partition leader. */
export interface ProduceArrivedEvent extends EventBase {
  type: 'produceArrived';
  producer: string;
  requestId: number;
  topic: string;
  partition: number;
  records: PendingRecord[];
  /** The idempotence fields of the batch header (-1 without idempotence). */
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  /** The broker the producer sent it to (its metadata's leader) and that broker's incarnation. */
  leader: number;
  leaderIncarnation: number;
  /** 1 for the first try, then 2, 3... for retries of the same request. */
  attempt: number;
  /** Part of a transaction: the records carry the transactional flag. */
  isTransactional: boolean;
}

/** request.timeout.ms passed without an answer to this attempt. */
export interface ProduceRequestTimeoutEvent extends EventBase {
  type: 'produceRequestTimeout';
  producer: string;
  requestId: number;
  topic: string;
  partition: number;
  attempt: number;
}

/** The producer's sender looks again: a retry's backoff is over, or it checks for a partition's new leader. */
export interface ProducerWakeupEvent extends EventBase {
  type: 'producerWakeup';
  producer: string;
}

/** What a ProduceResponse can say; NETWORK_EXCEPTION stands for the connection closing under the request. */
export type ProduceError =
  | 'NONE'
  | 'INVALID_RECORD'
  | 'NOT_ENOUGH_REPLICAS'
  | 'NOT_ENOUGH_REPLICAS_AFTER_APPEND'
  | 'NOT_LEADER_OR_FOLLOWER'
  | 'INVALID_PRODUCER_EPOCH'
  | 'OUT_OF_ORDER_SEQUENCE_NUMBER'
  | 'UNKNOWN_PRODUCER_ID'
  | 'NETWORK_EXCEPTION';

/** The ProduceResponse reaches the producer. */
export interface ProduceResponseEvent extends EventBase {
  type: 'produceResponse';
  producer: string;
  requestId: number;
  topic: string;
  partition: number;
  baseOffset: number;
  count: number;
  error: ProduceError;
  attempt: number;
}
