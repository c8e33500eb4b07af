/** Data carried by each kind of canvas node and edge (derived from the engine state, never stored). */
import type { ShareRecordState } from '../../engine';
import type { Edge, Node } from '@xyflow/react';
import type { Experiment } from '../experiments/experiments';

export interface RecordCell {
  offset: number;
  key: string | null;
  value: string | null;
  timestamp: number;
  isNew: boolean;
  isFetched: boolean;
  /** A record with a key and a null value: "delete this key" on a compacted topic. */
  isTombstone: boolean;
  /** The first offset of a segment (a segment boundary is drawn before it). */
  startsSegment: boolean;
  /** The record the Inspector shows. */
  isSelected: boolean;
  /** A retried copy: the value of its retryCount header (the seeds' retry convention), else null. */
  retryCount: number | null;
  /** Its state in a share group reading the partition (KIP-932), while in flight there; else null. */
  share: { state: ShareRecordState; deliveryCount: number } | null;
}

export interface ConsumerMark {
  consumer: string;
  position: number;
  committed: number | null;
}

export interface LaneData {
  partition: number;
  /** -1 when the partition is offline. */
  leader: number;
  /** In-sync replicas, listed when the partition has more than one replica. */
  isr: number[] | null;
  cells: RecordCell[];
  hiddenBefore: number;
  logStartOffset: number;
  highWatermark: number;
  logEndOffset: number;
  segmentCount: number;
  marks: ConsumerMark[];
}

/**
 * How much a card shows: 'compact' is the face read at the fitted zoom of a big scenario (a few lines,
 * text that stays readable), 'full' has every table (zoomed in, selected, or a small scenario).
 */
export type Detail = 'compact' | 'full';

/** Every node knows the layout direction and how much to show (the canvas sets `detail`). */
type Oriented = { isVertical: boolean; detail: Detail };

export type TopicNodeData = Oriented & { name: string; lanes: LaneData[]; cleanupPolicy: string; replicationFactor: number; experiments: Experiment[] };
export type ProducerNodeData = Oriented & {
  clientId: string;
  acks: string;
  lingerMs: number;
  isIdempotent: boolean;
  sentCount: number;
  ackedCount: number;
  lastRouting: { key: string | null; partition: number; how: string } | null;
  isActive: boolean;
  experiments: Experiment[];
};
export type ConsumerRow = { topic: string; partition: number; position: number; committed: number | null; lag: number };
/** A share consumer's side (KIP-932): its member epoch and, per assigned partition, what it holds. */
export type ShareFace = { memberEpoch: number; heldByPartition: Record<string, number> };
/** What a consumer instance is doing, in a learner's words. */
export type ConsumerStatus = 'running' | 'joining' | 'rebalancing' | 'consuming' | 'crashed' | 'closed';
export type ConsumerNodeData = Oriented & {
  clientId: string;
  groupId: string | null;
  status: ConsumerStatus;
  /** Generation of the group it last joined, -1 when none. */
  generation: number;
  isLeader: boolean;
  /** A crashed instance the coordinator still lists: when its session runs out (simulated ms), else null. */
  sessionDeadline: number | null;
  rows: ConsumerRow[];
  fetchedCount: number;
  processedCount: number;
  isActive: boolean;
  /** The learner hung its record handler (see the engine's setProcessingPaused). */
  isProcessingPaused: boolean;
  /** The same client id also produces (a service instance that reads and writes): its producer face. */
  producer: ProducerFace | null;
  /**
   * A share consumer: rows are its assigned partitions with `position` = the share-partition start offset
   * (SPSO), `committed` null and `lag` = records not yet acknowledged or archived; null for a classic consumer.
   */
  share: ShareFace | null;
  experiments: Experiment[];
};

/** What a consumer card shows of its instance's producer. */
export interface ProducerFace {
  acks: string;
  isIdempotent: boolean;
  sentCount: number;
  ackedCount: number;
  topics: string[];
}

/** One replica a broker holds, as `kcat -L` would list it for the partition. */
export interface HeldReplica {
  topic: string;
  partition: number;
  isLeader: boolean;
  isInSync: boolean;
}
export type BrokerNodeData = Oriented & {
  brokerId: number;
  isAlive: boolean;
  replicas: HeldReplica[];
  /** Consumer groups whose coordinator it is (it leads their __consumer_offsets partition). */
  coordinatorOf: string[];
  experiments: Experiment[];
};

/** Up, or down the way a consumer instance goes down (the engine models the service as one). */
export type ServiceStatus = 'up' | 'crashed' | 'closed';
/** A service that is not a Kafka client (a scenario's `http` services): a process that answers calls or not. */
export type ServiceNodeData = Oriented & {
  clientId: string;
  status: ServiceStatus;
  /** Requests it answered and failed, when its scenario's service store counts them; else null. */
  counts: { answered: number; failed: number } | null;
  /** The requests made to it ('POST /check'). */
  serves: string[];
  /** The services it calls, in the order it calls them. */
  calls: string[];
  isActive: boolean;
  experiments: Experiment[];
};

export type TopicFlowNode = Node<TopicNodeData, 'topic'>;
export type ProducerFlowNode = Node<ProducerNodeData, 'producer'>;
export type ConsumerFlowNode = Node<ConsumerNodeData, 'consumer'>;
export type BrokerFlowNode = Node<BrokerNodeData, 'broker'>;
export type ServiceFlowNode = Node<ServiceNodeData, 'service'>;
export type SimFlowNode = TopicFlowNode | ProducerFlowNode | ConsumerFlowNode | BrokerFlowNode | ServiceFlowNode;

export interface Pulse {
  id: string;
  color: string;
  /** Travel against the edge's direction (a commit goes from consumer back to the broker). */
  isReverse: boolean;
}
/** `points` is the route the layout gives the edge (layout/routeEdges.ts); empty until both cards are placed. */
export type RecordEdgeData = { pulses: Pulse[]; label: string; points?: { x: number; y: number }[]; bundle?: string };
export type RecordFlowEdge = Edge<RecordEdgeData, 'record'>;

/**
 * What a synchronous call gets, derived from who is up (httpCalls.ts): 'ok' is a 200; 'timeout' when
 * the callee is down; 'not-called' when an earlier call of the same request failed; 'caller-down' and
 * 'not-yet' when the caller makes no calls now or has made none so far.
 */
export type CallOutcome = 'ok' | 'timeout' | 'not-called' | 'caller-down' | 'not-yet';
/**
 * A synchronous HTTP call between two services. `label` is the slot the canvas blanks in compact
 * scenes; a call draws its `request` and `outcome` itself at every zoom, since they are what it is for.
 */
export type CallEdgeData = { request: string; outcome: CallOutcome; label: string; points?: { x: number; y: number }[] };
export type CallFlowEdge = Edge<CallEdgeData, 'call'>;
export type SimFlowEdge = RecordFlowEdge | CallFlowEdge;
