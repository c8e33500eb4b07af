/**
 * Kafka Sim's engine: a deterministic, in-memory simulation of an Apache Kafka cluster and its
 * clients. This file is the only import path for the UI, the scenarios, the tests and outside checks.
 *
 * @example
 * const sim = createSimulation({ seed: 42 });
 * sim.createTopic({ name: 'orders', partitions: 3 });
 * sim.createProducer({ clientId: 'order-service' });
 * sim.send({ producer: 'order-service', topic: 'orders', key: 'alice', value: 'pizza' }); // { topic: 'orders', partition: ... }
 * sim.runUntilIdle();
 */

export { murmur2, toPositive, partitionForKey, javaStringHashCode, javaAbs, utf8Bytes } from './shared/murmur2';
export { createSimulation, restoreSimulation, restoreCheckpoint } from './engine';
export { Simulation } from './kernel/simulation';
export type { StateCheckpoint } from './kernel/checkpoint';
export type { DeepReadonly, RunResult } from './kernel/simulation';
export type { CommandResult } from './dispatch';
export type { SendReceipt } from './clients/producer/producer';
export { KafkaSimError } from './errors';
export type { KafkaErrorCode } from './errors';
export { stateHash } from './kernel/stateHash';
export { validateTopicName, MAX_TOPIC_NAME_LENGTH } from './cluster/topics';
export { recordSizeBytes, RECORD_BATCH_OVERHEAD_BYTES, RECORD_OVERHEAD_BYTES } from './log/recordSize';
export { topicView, partitionView, producerView, consumerView, committedOffset, consumerLag, groupView, describeGroup, keysMovedByGrowth, clusterMetadata } from './views';
export type { PartitionLag, GroupDescription, GroupMemberDescription, GroupPartitionDescription, ClusterMetadata, PartitionMetadata } from './views';
export { consumerPosition, offsetsForTimes } from './clients/consumer/positions';
export type { OffsetAndTimestamp, OffsetForTime, TimestampToSearch } from './clients/consumer/positions';
export { assign, ASSIGNOR_NAMES } from './clients/group/assignment';
export type { AssignorMember } from './clients/group/assignment';
export { groupMachine, type GroupStateName } from './broker/group/groupMachine';
export { memberMachine, type MemberStateName } from './clients/group/memberMachine';
export { txnMachine, type TxnStateName } from './broker/txn/txnMachine';
export { coordinatorPartitionFor } from './cluster/findCoordinator';
export { DEFAULT_BROKER_CONFIG, DEFAULT_TOPIC_CONFIG, DEFAULT_PRODUCER_CONFIG, DEFAULT_CONSUMER_CONFIG } from './config';
export type { BrokerConfig, TopicConfig, ProducerConfig, ConsumerConfig, Acks, AutoOffsetReset, AssignorName } from './config';
export type * from './commands';
export type { GroupErrorCode } from './events';
export type * from './kernel/trace';
export type {
  SimState,
  TopicState,
  PartitionState,
  PartitionLog,
  LogRecord,
  RecordHeader,
  SegmentInfo,
  ProducerState,
  ConsumerState,
  ConsumerPartitionState,
  TopicPartition,
  TopicPartitionOffset,
  GroupOffsets,
  TrafficSourceState,
  GroupState,
  GroupMemberState,
  DeliveryState,
  ConsumerLoop,
  CommitMode,
  PolledRecord,
  CommittedOffset,
  ReadState,
  ShareConsumerState,
  ShareGroupState,
  ShareGroupMember,
  SharePartitionState,
  ShareRecordState,
  InFlightBatch,
  InFlightState,
  AcknowledgeType,
  ShareDeliveredRecord,
} from './state';
export { shareRecordStates, shareConsumerRows } from './views';
export type { ShareRecordView, ShareConsumerRow } from './views';
export { tpKey, parseTpKey } from './shared/topicPartition';
export { actorId, anyActor, parseActorId, ACTOR_KINDS } from './shared/actorId';
export type { ActorKind, ParsedActorId } from './shared/actorId';
export type { AppHandler, AppHandlers, AppContext, AppData, AppValue, HandledRecord } from './apps/appTypes';
