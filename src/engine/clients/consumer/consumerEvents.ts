/**
 * Scheduled events of a consumer: its fetch reaching the brokers, waiting there and expiring, the
 * answer coming back, the application finishing a record, and OffsetCommit there and back.
 * consumer.ts, pollLoop.ts and commits.ts apply them.
 */
import type { EventBase } from '../../kernel/eventBase';
import type { LogRecord } from '../../log/logTypes';
import type { GroupErrorCode } from '../../shared/groupErrors';
import type { TopicPartitionOffset } from '../../shared/topicPartition';

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
  /** The records the application gets (markers and, for read_committed, aborted records left out). */
  records: LogRecord[];
  /** One past the last offset read, skipped ones included: the consumer's next position. */
  nextOffset: number;
  highWatermark: number;
}

/** The FetchResponse reaches the consumer. */
export interface FetchResponseEvent extends EventBase {
  type: 'fetchResponse';
  consumer: string;
  fetchId: number;
  batches: FetchedBatch[];
}

/** The consumer application finished processing the first of its pending records. */
export interface RecordProcessedEvent extends EventBase {
  type: 'recordProcessed';
  consumer: string;
  incarnation: number;
}

/** An OffsetCommit request reaches the group coordinator. */
export interface OffsetCommitArrivedEvent extends EventBase {
  type: 'offsetCommitArrived';
  consumer: string;
  incarnation: number;
  groupId: string;
  /** '' and -1 for a consumer outside group management (assign()). */
  memberId: string;
  generation: number;
  offsets: TopicPartitionOffset[];
  isAutoCommit: boolean;
  /** commitSync inside the poll loop: the loop goes on when the answer arrives. */
  resumeLoop: boolean;
}

/** The OffsetCommit response reaches the consumer. */
export interface OffsetCommitResponseEvent extends EventBase {
  type: 'offsetCommitResponse';
  consumer: string;
  incarnation: number;
  error: GroupErrorCode;
  resumeLoop: boolean;
}
