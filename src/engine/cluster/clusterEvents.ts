/**
 * Scheduled events of the cluster: followers' fetches from the leader and their answers, and the
 * periodic checks of the controller and the leaders (broker fencing, ISR expiration, preferred
 * leaders). replication.ts and brokers.ts apply them.
 */
import type { EventBase } from '../kernel/eventBase';

/** The controller's periodic preferred-leader check (auto.leader.rebalance.enable). */
export interface LeaderImbalanceCheckEvent extends EventBase {
  type: 'leaderImbalanceCheck';
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
