/**
 * Commands: what a learner, a scenario or a test asks the simulation to do, as plain data. Being data,
 * a run is fully described by its seed and the commands given at each step, which is what share links
 * record and replay.
 */
import type { BrokerConfig, ConsumerConfig, ProducerConfig, TopicConfig } from './config';
import type { RecordHeader, TopicPartition } from './state';

export interface CreateTopicCommand {
  type: 'createTopic';
  name: string;
  partitions: number;
  /** Defaults to the broker's default.replication.factor. */
  replicationFactor?: number;
  configs?: Partial<TopicConfig>;
}

export interface CreateProducerCommand {
  type: 'createProducer';
  clientId: string;
  config?: Partial<ProducerConfig>;
}

export interface SendCommand {
  type: 'send';
  producer: string;
  topic: string;
  key?: string | null;
  value: string | null;
  headers?: RecordHeader[];
  /** Set to bypass the partitioner, as ProducerRecord's partition field does. */
  partition?: number;
}

export interface CreateConsumerCommand {
  type: 'createConsumer';
  clientId: string;
  config?: Partial<ConsumerConfig>;
}

export interface AssignCommand {
  type: 'assign';
  consumer: string;
  partitions: TopicPartition[];
}

export interface PollCommand {
  type: 'poll';
  consumer: string;
}

export interface CommitCommand {
  type: 'commit';
  consumer: string;
  /** Offsets to commit (the next offset to read); defaults to the consumer's current positions. */
  offsets?: { topic: string; partition: number; offset: number }[];
}

export interface StartConsumerLoopCommand {
  type: 'startConsumerLoop';
  consumer: string;
  processingMsPerRecord: number;
  commitAfterProcessing: boolean;
}

export interface AddTrafficSourceCommand {
  type: 'addTrafficSource';
  id: string;
  producer: string;
  topic: string;
  intervalMs: number;
  keys: string[] | null;
  valuePrefix: string;
  /** Stop after this many records; -1 or omitted for no limit. */
  limit?: number;
}

export interface SetTrafficSourceRunningCommand {
  type: 'setTrafficSourceRunning';
  source: string;
  isRunning: boolean;
}

export type Command =
  | CreateTopicCommand
  | CreateProducerCommand
  | SendCommand
  | CreateConsumerCommand
  | AssignCommand
  | PollCommand
  | CommitCommand
  | StartConsumerLoopCommand
  | AddTrafficSourceCommand
  | SetTrafficSourceRunningCommand;

/** Options for a new simulation. */
export interface SimulationOptions {
  /** Seed of the PRNG: the same seed and commands give the same run. */
  seed: number;
  /** Number of brokers (ids 1..n, as node.id is commonly numbered). Default 3. */
  brokers?: number;
  brokerConfig?: Partial<BrokerConfig>;
  /** One-way network latency in simulated ms. Default 1. */
  networkLatencyMs?: number;
  /** How many recent trace entries the handle keeps (older ones are dropped). Default 10,000. */
  traceLimit?: number;
}
