/**
 * The consumer client's state: assignment and positions, the fetch in flight, the application's poll
 * loop and the records it has yet to process, and its group membership as the client sees it. Plain
 * data; consumer.ts, pollLoop.ts, commits.ts and group/member.ts act on it.
 */
import type { LoopApp } from '../../apps/appStateTypes';
import type { AssignorName, ConsumerConfig } from '../../config';
import type { LogRecord } from '../../log/logTypes';
import type { TopicPartition } from '../../shared/topicPartition';
import type { MemberStateName } from '../group/memberMachine';

export interface ConsumerPartitionState extends TopicPartition {
  /** Offset of the next record to read, or -1 until it is initialised from a commit or auto.offset.reset. */
  position: number;
}

/**
 * When the poll loop commits, besides auto-commit:
 * - `after-processing`: commitSync once a poll's records are processed (at-least-once);
 * - `before-processing`: commitSync as soon as poll returns, then process (at-most-once);
 * - `none`: only auto-commit (enable.auto.commit) or nothing.
 */
export type CommitMode = 'after-processing' | 'before-processing' | 'none';

/** The consumer application's poll loop: poll, process each record, maybe commit, poll again. */
export interface ConsumerLoop {
  /** Simulated processing time per record, in ms. */
  processingMsPerRecord: number;
  commitMode: CommitMode;
  /** Consume-transform-produce: each processed record is written to `topic` by `producer`. */
  forwardTo: ForwardTo | null;
  /** The learner paused the application: its handler hangs on the next record, so poll() is not called. */
  isPaused: boolean;
  /** A record's processing is hanging because of the pause; resuming finishes it. */
  isHung: boolean;
  /** The service handler each processed record goes to, or null. */
  app: LoopApp | null;
}

/**
 * Where a consume-transform-produce loop writes. With `exactlyOnce` each poll's output and the
 * consumer's offsets commit in one transaction (poll → begin → produce → send offsets → commit);
 * without it the output is sent and the consumer commits afterwards (at-least-once).
 */
export interface ForwardTo {
  producer: string;
  topic: string;
  exactlyOnce: boolean;
}

/** A record poll() returned that the application has not finished processing. */
export interface PolledRecord {
  topic: string;
  partition: number;
  record: LogRecord;
}

export interface ConsumerState {
  clientId: string;
  config: ConsumerConfig;
  assignment: ConsumerPartitionState[];
  /** Rotates which partition a fetch starts with, so no partition starves. */
  fetchCursor: number;
  /** The id of the fetch in flight or parked at the broker, or -1 when none. */
  inflightFetchId: number;
  /** True while the fetch found nothing and waits at the broker (long poll). */
  isFetchParked: boolean;
  nextRequestId: number;
  nextAutoCommitAt: number;
  loop: ConsumerLoop | null;
  /** Records the last poll returned, processed one at a time in order. */
  pending: PolledRecord[];
  /** True while a commitSync of the poll loop waits for its answer. */
  isAwaitingCommit: boolean;
  fetchedCount: number;
  processedCount: number;
  /** Bumped on crash and restart; events of an older incarnation are ignored (the process is gone). */
  incarnation: number;
  /** Group membership as the client sees it (memberMachine.ts). */
  memberState: MemberStateName;
  /** Topics from subscribe(), or null for manual assign() or no subscription. */
  subscription: string[] | null;
  /** Given by the coordinator ('' until the first JoinGroup answers). */
  memberId: string;
  /** Generation of the last successful join, -1 when none. */
  generation: number;
  /** The assignor the group chose, once joined. */
  protocol: AssignorName | null;
  isLeader: boolean;
  /** Set when the coordinator asked for a rejoin; the client rejoins inside its next poll(). */
  needsRejoin: boolean;
  /** Seq of the next heartbeat timer event, -1 when the heartbeat thread is off. */
  heartbeatEventSeq: number;
  /** Simulated time of the last poll() call, for max.poll.interval.ms. */
  lastPollAt: number;
  /** A SyncGroup result that arrived while the application was busy; applied inside the next poll(). */
  deferredAssignment: { generation: number; partitions: TopicPartition[] } | null;
}
