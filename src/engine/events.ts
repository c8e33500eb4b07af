/**
 * Everything that can happen later is a scheduled event: plain data in the queue, applied by
 * `applyEvent` (kernel/dispatch.ts). Names say what arrives or fires.
 */
import type { Command } from './commands';
import type { LogRecord, PendingRecord } from './state';

interface EventBase {
  time: number;
  seq: number;
}

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
}

/** The ProduceResponse reaches the producer. */
export interface ProduceResponseEvent extends EventBase {
  type: 'produceResponse';
  producer: string;
  requestId: number;
  topic: string;
  partition: number;
  baseOffset: number;
  count: number;
}

/** A FetchRequest reaches the brokers. */
export interface FetchArrivedEvent extends EventBase {
  type: 'fetchArrived';
  consumer: string;
  fetchId: number;
}

/** A parked fetch (nothing to read) times out after fetch.max.wait.ms and answers empty. */
export interface FetchExpiredEvent extends EventBase {
  type: 'fetchExpired';
  consumer: string;
  fetchId: number;
}

export interface FetchedBatch {
  topic: string;
  partition: number;
  records: LogRecord[];
  highWatermark: number;
}

/** The FetchResponse reaches the consumer. */
export interface FetchResponseEvent extends EventBase {
  type: 'fetchResponse';
  consumer: string;
  fetchId: number;
  batches: FetchedBatch[];
}

/** The consumer application finished processing what its last poll returned. */
export interface ProcessingDoneEvent extends EventBase {
  type: 'processingDone';
  consumer: string;
}

/** An OffsetCommit request reaches the group coordinator. */
export interface OffsetCommitArrivedEvent extends EventBase {
  type: 'offsetCommitArrived';
  consumer: string;
  groupId: string;
  offsets: { topic: string; partition: number; offset: number }[];
  isAutoCommit: boolean;
  /** commitSync inside the poll loop: poll again when the answer arrives. */
  resumeLoop: boolean;
}

/** The OffsetCommit response reaches the consumer. */
export interface OffsetCommitResponseEvent extends EventBase {
  type: 'offsetCommitResponse';
  consumer: string;
  resumeLoop: boolean;
}

/** A traffic source produces its next record. */
export interface TrafficTickEvent extends EventBase {
  type: 'trafficTick';
  source: string;
}

/** A command scheduled for later (a scenario's or a learner's action at a given time). */
export interface ScheduledCommandEvent extends EventBase {
  type: 'scheduledCommand';
  command: Command;
}

export type SimEvent =
  | LingerExpiredEvent
  | ProduceArrivedEvent
  | ProduceResponseEvent
  | FetchArrivedEvent
  | FetchExpiredEvent
  | FetchResponseEvent
  | ProcessingDoneEvent
  | OffsetCommitArrivedEvent
  | OffsetCommitResponseEvent
  | TrafficTickEvent
  | ScheduledCommandEvent;

/** An event before the queue stamps its time and sequence number. */
export type NewEvent = SimEvent extends infer E ? (E extends SimEvent ? Omit<E, 'time' | 'seq'> : never) : never;
