/**
 * The cluster's state: brokers, and topics with their partitions' replicas, leader, ISR, each replica's
 * fetch progress and the acks=all requests waiting for the high watermark. Plain data; topics.ts,
 * replication.ts and brokers.ts act on it.
 */
import type { TopicConfig } from '../config';
import type { PartitionLog, ProducerStateEntry } from '../log/logTypes';

/** One replica of a partition, as its broker and the leader see it. */
export interface ReplicaState {
  brokerId: number;
  /** The replica's own log end offset (the leader's is the log's). */
  logEndOffset: number;
  /** The high watermark this replica knows (a follower learns it one fetch late). */
  highWatermark: number;
  /** The leader's view: the offset this follower last fetched from, i.e. its LEO as of that fetch. */
  fetchOffset: number;
  /** Replica.lastCaughtUpTimeMs: the ISR drops a follower not caught up for replica.lag.time.max.ms. */
  lastCaughtUpTime: number;
  lastFetchTime: number;
  lastFetchLeaderLogEndOffset: number;
  /** Id of the follower's fetch in flight or parked at the leader, -1 when none. */
  fetchId: number;
  /** The fetch found nothing new and waits at the leader until data arrives. */
  isFetchParked: boolean;
}

/** An acks=all ProduceRequest the leader answers once the high watermark passes its last offset. */
export interface PendingAck {
  producer: string;
  requestId: number;
  attempt: number;
  baseOffset: number;
  count: number;
}

export interface PartitionState {
  topic: string;
  partition: number;
  /** Broker ids in assignment order; the first is the preferred leader. */
  replicas: number[];
  /** Per replica, in `replicas` order. */
  replicaStates: ReplicaState[];
  pendingAcks: PendingAck[];
  /** Idempotence: per producer id, its epoch and last batches (log/producerState.ts). */
  producerStates: Record<string, ProducerStateEntry>;
  /** Broker id of the leader, or -1 when the partition is offline. */
  leader: number;
  leaderEpoch: number;
  isr: number[];
  log: PartitionLog;
}

export interface TopicState {
  name: string;
  topicId: string;
  configs: TopicConfig;
  partitions: PartitionState[];
  /** True when a producer created it through auto.create.topics.enable. */
  autoCreated: boolean;
  /** Kafka's own topics (__consumer_offsets): not drawn as application topics. */
  isInternal: boolean;
}

export interface BrokerState {
  id: number;
  isAlive: boolean;
  /** Bumped on crash and restart: requests to or from an older incarnation are lost. */
  incarnation: number;
}
