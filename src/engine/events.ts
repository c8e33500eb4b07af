/**
 * Everything that can happen later is a scheduled event: plain data in the queue, applied by
 * `applyEvent` (dispatch.ts). Names say what arrives or fires.
 */
import type { Command } from './commands';
import type { AssignorName } from './config';
import type { GroupOffsets, LogRecord, PendingRecord, TopicPartition, TopicPartitionOffset } from './state';

/** Error codes the group coordinator answers with (Kafka's names). */
export type GroupErrorCode =
  | 'NONE'
  | 'MEMBER_ID_REQUIRED'
  | 'UNKNOWN_MEMBER_ID'
  | 'ILLEGAL_GENERATION'
  | 'REBALANCE_IN_PROGRESS'
  | 'INCONSISTENT_GROUP_PROTOCOL'
  | 'INVALID_SESSION_TIMEOUT'
  | 'FENCED_INSTANCE_ID'
  | 'COORDINATOR_NOT_AVAILABLE';

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

/** The controller's periodic preferred-leader check (auto.leader.rebalance.enable). */
export interface LeaderImbalanceCheckEvent extends EventBase {
  type: 'leaderImbalanceCheck';
}

/** A consumer retries a group request after retry.backoff.ms (the coordinator was unavailable). */
export interface GroupRetryEvent extends EventBase {
  type: 'groupRetry';
  consumer: string;
  incarnation: number;
}

/** InitProducerId for a transactional.id reaches its transaction coordinator. */
export interface InitProducerIdArrivedEvent extends EventBase {
  type: 'initProducerIdArrived';
  transactionalId: string;
  producer: string;
  timeoutMs: number;
}

export interface InitProducerIdResponseEvent extends EventBase {
  type: 'initProducerIdResponse';
  producer: string;
  producerId: number;
  producerEpoch: number;
}

/** AddPartitionsToTxn (a partition) or AddOffsetsToTxn + TxnOffsetCommit (a group's offsets). */
export interface AddToTxnArrivedEvent extends EventBase {
  type: 'addToTxnArrived';
  transactionalId: string;
  producer: string;
  producerId: number;
  producerEpoch: number;
  partition: { topic: string; partition: number } | null;
  offsets: GroupOffsets | null;
}

export interface EndTxnArrivedEvent extends EventBase {
  type: 'endTxnArrived';
  transactionalId: string;
  producer: string;
  producerId: number;
  producerEpoch: number;
  commit: boolean;
}

export interface EndTxnResponseEvent extends EventBase {
  type: 'endTxnResponse';
  producer: string;
  commit: boolean;
  error: 'NONE' | 'PRODUCER_FENCED';
}

/** WriteTxnMarkers: the coordinator's marker reaches a partition leader. */
export interface TxnMarkerArrivedEvent extends EventBase {
  type: 'txnMarkerArrived';
  transactionalId: string;
  topic: string;
  partition: number;
  producerId: number;
  producerEpoch: number;
  marker: 'COMMIT' | 'ABORT';
}

/** The leader confirms a marker to the coordinator. */
export interface TxnMarkerWrittenEvent extends EventBase {
  type: 'txnMarkerWritten';
  transactionalId: string;
}

/** Every 10 s the coordinator aborts transactions open longer than their transaction.timeout.ms. */
export interface TxnTimeoutCheckEvent extends EventBase {
  type: 'txnTimeoutCheck';
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
export type ProduceError = 'NONE' | 'INVALID_RECORD' | 'NOT_ENOUGH_REPLICAS' | 'NOT_ENOUGH_REPLICAS_AFTER_APPEND' | 'NOT_LEADER_OR_FOLLOWER' | 'INVALID_PRODUCER_EPOCH' | 'OUT_OF_ORDER_SEQUENCE_NUMBER' | 'UNKNOWN_PRODUCER_ID' | 'NETWORK_EXCEPTION';

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

/** A follower's Fetch reaches the partition leader. */
export interface ReplicaFetchArrivedEvent extends EventBase {
  type: 'replicaFetchArrived';
  topic: string;
  partition: number;
  brokerId: number;
  fetchId: number;
  fetchOffset: number;
  /** The follower broker's incarnation when it sent the fetch. */
  incarnation: number;
}

/** The leader's answer reaches the follower: the records [fromOffset, toOffset) and the leader's high watermark. */
export interface ReplicaFetchResponseEvent extends EventBase {
  type: 'replicaFetchResponse';
  topic: string;
  partition: number;
  brokerId: number;
  fetchId: number;
  fromOffset: number;
  toOffset: number;
  leaderHighWatermark: number;
  incarnation: number;
  /** The answering leader and its incarnation: a response from a broker that crashed since is lost. */
  leader: number;
  leaderIncarnation: number;
}

/** The controller fences a broker whose heartbeats stopped for broker.session.timeout.ms. */
export interface BrokerFenceCheckEvent extends EventBase {
  type: 'brokerFenceCheck';
  brokerId: number;
  incarnation: number;
}

/** Every replica.lag.time.max.ms / 2 each leader checks its followers (ReplicaManager "isr-expiration"). */
export interface IsrExpirationCheckEvent extends EventBase {
  type: 'isrExpirationCheck';
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

/** A member's subscription as the JoinGroup carries it (and the leader receives it). */
export interface JoinGroupMemberMetadata {
  memberId: string;
  groupInstanceId: string | null;
  topics: string[];
  ownedPartitions: TopicPartition[];
  generation: number;
}

/** A JoinGroup request reaches the group coordinator. */
export interface JoinGroupArrivedEvent extends EventBase {
  type: 'joinGroupArrived';
  groupId: string;
  consumer: string;
  incarnation: number;
  clientId: string;
  memberId: string;
  groupInstanceId: string | null;
  protocols: AssignorName[];
  subscription: string[];
  ownedPartitions: TopicPartition[];
  memberGeneration: number;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
}

/** The JoinGroup response reaches the member: the new generation, or an error. */
export interface JoinGroupResponseEvent extends EventBase {
  type: 'joinGroupResponse';
  consumer: string;
  incarnation: number;
  error: GroupErrorCode;
  memberId: string;
  generation: number;
  protocol: AssignorName | null;
  leaderId: string;
  /** Every member's subscription for the leader; empty for followers. */
  members: JoinGroupMemberMetadata[];
  /** A static member rejoining a Stable group: no rebalance, take the stored assignment. */
  isStaticRejoin: boolean;
}

/** A SyncGroup request reaches the coordinator; the leader's carries everyone's assignment. */
export interface SyncGroupArrivedEvent extends EventBase {
  type: 'syncGroupArrived';
  groupId: string;
  consumer: string;
  incarnation: number;
  memberId: string;
  generation: number;
  assignments: Record<string, TopicPartition[]> | null;
}

export interface SyncGroupResponseEvent extends EventBase {
  type: 'syncGroupResponse';
  consumer: string;
  incarnation: number;
  error: GroupErrorCode;
  generation: number;
  assignment: TopicPartition[];
}

/** The consumer's background heartbeat thread wakes up (every heartbeat.interval.ms). */
export interface HeartbeatTimerEvent extends EventBase {
  type: 'heartbeatTimer';
  consumer: string;
  incarnation: number;
}

export interface HeartbeatArrivedEvent extends EventBase {
  type: 'heartbeatArrived';
  groupId: string;
  consumer: string;
  incarnation: number;
  memberId: string;
  generation: number;
}

export interface HeartbeatResponseEvent extends EventBase {
  type: 'heartbeatResponse';
  consumer: string;
  incarnation: number;
  generation: number;
  error: GroupErrorCode;
}

/** A LeaveGroup request reaches the coordinator. */
export interface LeaveGroupArrivedEvent extends EventBase {
  type: 'leaveGroupArrived';
  groupId: string;
  consumer: string;
  memberId: string;
  reason: 'close' | 'max.poll.interval.ms' | 'unsubscribe';
}

/** The coordinator checks whether a member's session ran out. */
export interface SessionTimeoutCheckEvent extends EventBase {
  type: 'sessionTimeoutCheck';
  groupId: string;
  memberId: string;
}

/** The join phase's timer: the initial rebalance delay of an empty group, or the rebalance timeout. */
export interface JoinTimerEvent extends EventBase {
  type: 'joinTimer';
  groupId: string;
  reason: 'initial-delay' | 'rebalance-timeout';
}

/** Every log.retention.check.interval.ms the brokers apply retention to every log (LogManager.cleanupLogs). */
export interface RetentionCheckEvent extends EventBase {
  type: 'retentionCheck';
}

/** The log cleaner thread wakes up to look for the dirtiest compacted log. */
export interface CleanerWakeupEvent extends EventBase {
  type: 'cleanerWakeup';
}

/** A traffic source produces its next record. */
export interface TrafficTickEvent extends EventBase {
  type: 'trafficTick';
  source: string;
}

/** A service's ticker fires. */
export interface AppTickEvent extends EventBase {
  type: 'appTick';
  ticker: string;
}

/** A command scheduled for later (a scenario's or a learner's action at a given time). */
export interface ScheduledCommandEvent extends EventBase {
  type: 'scheduledCommand';
  command: Command;
}

export type SimEvent =
  | AppTickEvent
  | LingerExpiredEvent
  | ProduceArrivedEvent
  | ProduceResponseEvent
  | FetchArrivedEvent
  | FetchExpiredEvent
  | FetchResponseEvent
  | RecordProcessedEvent
  | OffsetCommitArrivedEvent
  | OffsetCommitResponseEvent
  | JoinGroupArrivedEvent
  | JoinGroupResponseEvent
  | SyncGroupArrivedEvent
  | SyncGroupResponseEvent
  | HeartbeatTimerEvent
  | HeartbeatArrivedEvent
  | HeartbeatResponseEvent
  | LeaveGroupArrivedEvent
  | SessionTimeoutCheckEvent
  | JoinTimerEvent
  | TrafficTickEvent
  | RetentionCheckEvent
  | CleanerWakeupEvent
  | ReplicaFetchArrivedEvent
  | ReplicaFetchResponseEvent
  | IsrExpirationCheckEvent
  | BrokerFenceCheckEvent
  | ProduceRequestTimeoutEvent
  | LeaderImbalanceCheckEvent
  | InitProducerIdArrivedEvent
  | InitProducerIdResponseEvent
  | AddToTxnArrivedEvent
  | EndTxnArrivedEvent
  | EndTxnResponseEvent
  | TxnMarkerArrivedEvent
  | TxnMarkerWrittenEvent
  | TxnTimeoutCheckEvent
  | GroupRetryEvent
  | ProducerWakeupEvent
  | ScheduledCommandEvent;

/** The brokers' background work: it never ends, so it does not keep a run from being idle. */
export function isHousekeeping(event: Pick<SimEvent, 'type'>): boolean {
  // A produce request's timeout is a timer, not work: most requests are answered long before it fires.
  return event.type === 'retentionCheck' || event.type === 'cleanerWakeup' || event.type === 'isrExpirationCheck' || event.type === 'produceRequestTimeout' || event.type === 'leaderImbalanceCheck' || event.type === 'txnTimeoutCheck';
}

/** An event before the queue stamps its time and sequence number. */
export type NewEvent = SimEvent extends infer E ? (E extends SimEvent ? Omit<E, 'time' | 'seq'> : never) : never;
