/**
 * The whole simulation state: plain data only (objects, arrays, strings, finite numbers, booleans and
 * null; no class instances, Maps, functions or undefined). That makes a snapshot a structuredClone and
 * a JSON round trip, which step-back and share links depend on. Behaviour lives in the modules that
 * take this state; nothing here has methods. Each concern declares its part beside its code
 * (log/logTypes.ts, cluster/clusterTypes.ts, clients/producer/producerTypes.ts...); this file
 * assembles SimState and re-exports those types, so importers need not know where each one lives.
 */
import type { ServiceState, TickerState, TrafficSourceState } from './apps/appStateTypes';
import type { GroupState } from './broker/group/groupTypes';
import type { ShareGroupState } from './broker/share/shareGroupTypes';
import type { ShareConsumerState } from './clients/share/shareConsumerTypes';
import type { TransactionState } from './broker/txn/txnTypes';
import type { ConsumerState } from './clients/consumer/consumerTypes';
import type { ProducerState } from './clients/producer/producerTypes';
import type { BrokerState, TopicState } from './cluster/clusterTypes';
import type { BrokerConfig, NetworkConfig } from './config';
import type { SimEvent } from './events';
import type { DeepReadonly } from './kernel/deepReadonly';
import type { RngState } from './kernel/rng';

export type * from './shared/topicPartition';
export type * from './log/logTypes';
export type * from './cluster/clusterTypes';
export type * from './clients/producer/producerTypes';
export type * from './clients/txn/txnClientTypes';
export type * from './clients/consumer/consumerTypes';
export type * from './broker/group/groupTypes';
export type * from './broker/txn/txnTypes';
export type * from './broker/share/shareGroupTypes';
export type * from './broker/share/sharePartitionTypes';
export type * from './clients/share/shareConsumerTypes';
export type * from './shared/shareTypes';
export type * from './apps/appStateTypes';

export interface SimState {
  /** Shape version, bumped when the shape changes (snapshots and share links record it). */
  version: 3;
  seed: number;
  /** The simulated clock in ms since the start of the run. */
  time: number;
  /** Events processed so far. */
  stepCount: number;
  /** Next event sequence number: the queue's tie-breaker. */
  nextEventSeq: number;
  nextTraceId: number;
  nextProducerId: number;
  /** Events in the queue that are the brokers' background work (retention checks, the log cleaner): they don't keep a run from being idle. */
  housekeepingEventCount: number;
  rng: RngState;
  queue: SimEvent[];
  network: NetworkConfig;
  brokerConfig: BrokerConfig;
  brokers: BrokerState[];
  topics: Record<string, TopicState>;
  producers: Record<string, ProducerState>;
  consumers: Record<string, ConsumerState>;
  groups: Record<string, GroupState>;
  transactions: Record<string, TransactionState>;
  trafficSources: Record<string, TrafficSourceState>;
  services: Record<string, ServiceState>;
  tickers: Record<string, TickerState>;
  /** Share consumers (KIP-932), by client id: they share the consumers' name space. */
  shareConsumers: Record<string, ShareConsumerState>;
  /** Share groups by group id: they share the consumer groups' name space. */
  shareGroups: Record<string, ShareGroupState>;
}

/** The state as the views, the scenarios and the UI read it: the live state, typed read-only. */
export type ReadState = DeepReadonly<SimState>;
