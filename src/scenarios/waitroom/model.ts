/**
 * The waitroom domain (seeds/waitroom.md): topics with the document's partition counts, the messages,
 * and the state the service keeps in Redis (sessions hash, the queue sorted set, the processing set).
 */

export const TOPICS = {
  joined: 'QUEUE_JOINED',
  left: 'QUEUE_LEFT',
  ready: 'QUEUE_READY',
  completed: 'CHECKOUT_COMPLETED',
  failed: 'CHECKOUT_FAILED',
  expired: 'CHECKOUT_EXPIRED',
} as const;

export const PARTITIONS: Record<string, number> = {
  [TOPICS.joined]: 5,
  [TOPICS.left]: 5,
  [TOPICS.ready]: 10,
  [TOPICS.completed]: 10,
  [TOPICS.failed]: 10,
  [TOPICS.expired]: 10,
};

export const CHECKOUT_TOPICS = [TOPICS.completed, TOPICS.failed, TOPICS.expired];
export const EVENT_ID = 'concert-2024';
/** How many users may be in checkout at once (the processing set's capacity). */
export const CHECKOUT_SLOTS = 4;

export type SessionStatus = 'queued' | 'ready' | 'completed' | 'failed' | 'expired' | 'left';

/** HSET sessions:<id> */
export interface Session {
  id: string;
  user_id: string;
  status: SessionStatus;
  joined_at: number;
  /** When it was admitted to checkout, or -1. */
  admitted_at: number;
}

/**
 * Redis as a process that is up or down (a consumer that never subscribes, drawn as a service card, as
 * the HTTP services of "Why Kafka" are); its data is the waitroom service's store.
 */
export const REDIS = 'redis';

/** What the service keeps in Redis (the scenario's service store). */
export interface WaitroomRedis {
  sessions: Record<string, Session>;
  /** ZADD waitroom:concert-2024:queue: session ids by join time (kept sorted by joined_at). */
  queue: string[];
  /** The processing set: session id → admitted at. */
  processing: Record<string, number>;
  nextUser: number;
  /** Checkout results that arrived for a session whose slot was already free (a redelivery). */
  doubleFrees: string[];
}

/** The QUEUE_JOINED message, with the document's field names. */
export interface QueueJoined {
  session_id: string;
  user_id: string;
  event_id: string;
  position: number;
  joined_at: number;
}
