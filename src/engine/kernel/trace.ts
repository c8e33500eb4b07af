/**
 * The trace: one structured, past-tense entry per change, with a level. The UI animates and narrates
 * from the trace and never guesses.
 * - `message`: a record moves (appended, fetched, committed).
 * - `control`: the cluster or a group changes (topic created, partitions assigned, position reset).
 * - `internal`: plumbing a learner may toggle on (a batch sent, an acknowledgement, an empty fetch).
 */

export type TraceLevel = 'message' | 'control' | 'internal';

interface EntryBase {
  /** Increasing id over the whole run. */
  id: number;
  /** Events processed before this entry was written (commands between steps share the step count). */
  step: number;
  /** Simulated time in ms. */
  time: number;
  level: TraceLevel;
  /** Who took part, as 'broker:1', 'producer:order-service', 'consumer:analytics', 'partition:orders-2'. */
  actors: string[];
}

export interface TopicCreatedEntry extends EntryBase {
  kind: 'topicCreated';
  topic: string;
  partitions: number;
  replicationFactor: number;
  autoCreated: boolean;
}

export interface ClientCreatedEntry extends EntryBase {
  kind: 'producerCreated' | 'consumerCreated';
  clientId: string;
}

export interface RecordSentEntry extends EntryBase {
  kind: 'recordSent';
  producer: string;
  topic: string;
  partition: number;
  key: string | null;
  partitionedBy: 'explicit' | 'key-hash' | 'sticky';
}

export interface BatchSentEntry extends EntryBase {
  kind: 'batchSent';
  producer: string;
  topic: string;
  partition: number;
  count: number;
  requestId: number;
  leader: number;
}

export interface RecordAppendedEntry extends EntryBase {
  kind: 'recordAppended';
  producer: string;
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  value: string | null;
  leader: number;
  partitionedBy: 'explicit' | 'key-hash' | 'sticky';
}

export interface ProduceAcknowledgedEntry extends EntryBase {
  kind: 'produceAcknowledged';
  producer: string;
  topic: string;
  partition: number;
  baseOffset: number;
  count: number;
}

export interface PartitionsAssignedEntry extends EntryBase {
  kind: 'partitionsAssigned';
  consumer: string;
  partitions: { topic: string; partition: number }[];
}

export interface PositionResetEntry extends EntryBase {
  kind: 'positionReset';
  consumer: string;
  topic: string;
  partition: number;
  offset: number;
  reason: 'committed' | 'earliest' | 'latest';
}

export interface NoOffsetEntry extends EntryBase {
  kind: 'noOffsetForPartition';
  consumer: string;
  topic: string;
  partition: number;
}

export interface FetchSentEntry extends EntryBase {
  kind: 'fetchSent';
  consumer: string;
  fetchId: number;
}

export interface RecordsFetchedEntry extends EntryBase {
  kind: 'recordsFetched';
  consumer: string;
  topic: string;
  partition: number;
  firstOffset: number;
  lastOffset: number;
  count: number;
  /** Offset of the next record to read after these. */
  position: number;
}

export interface FetchEmptyEntry extends EntryBase {
  kind: 'fetchReturnedEmpty';
  consumer: string;
  waitedMs: number;
}

export interface OffsetsCommittedEntry extends EntryBase {
  kind: 'offsetCommitted';
  consumer: string;
  groupId: string;
  topic: string;
  partition: number;
  offset: number;
  isAutoCommit: boolean;
}

export interface TrafficSourceFinishedEntry extends EntryBase {
  kind: 'trafficSourceFinished';
  source: string;
  count: number;
}

/** A scheduled command was rejected when its time came (the run goes on). */
export interface CommandFailedEntry extends EntryBase {
  kind: 'commandFailed';
  command: string;
  code: string;
  message: string;
}

export type TraceEntry =
  | TopicCreatedEntry
  | ClientCreatedEntry
  | RecordSentEntry
  | BatchSentEntry
  | RecordAppendedEntry
  | ProduceAcknowledgedEntry
  | PartitionsAssignedEntry
  | PositionResetEntry
  | NoOffsetEntry
  | FetchSentEntry
  | RecordsFetchedEntry
  | FetchEmptyEntry
  | OffsetsCommittedEntry
  | TrafficSourceFinishedEntry
  | CommandFailedEntry;

export type TraceKind = TraceEntry['kind'];

/** An entry before the kernel stamps id, step and time. */
export type NewTraceEntry = TraceEntry extends infer E ? (E extends TraceEntry ? Omit<E, 'id' | 'step' | 'time'> : never) : never;
