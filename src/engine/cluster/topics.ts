/**
 * Topics and their partitions by name, and the checks CreateTopics and AlterConfigs make.
 *
 * Models: topic name and config validation with Kafka's rules (clients: common/internals/Topic.java;
 * the controller's INVALID_PARTITIONS / INVALID_REPLICATION_FACTOR checks). Creating a topic is
 * topicCreation.ts's.
 */
import { DEFAULT_TOPIC_CONFIG, type TopicConfig } from '../config';
import { fail } from '../errors';
import { getOwn } from '../kernel/ownMap';
import type { PartitionState, SimState, TopicState } from '../state';

export const MAX_TOPIC_NAME_LENGTH = 249;
const LEGAL_TOPIC_NAME = /^[a-zA-Z0-9._-]+$/;

/** Throws INVALID_TOPIC_EXCEPTION with Kafka's reason when `name` is not a legal topic name. */
export function validateTopicName(name: string): void {
  if (name.length === 0) fail('INVALID_TOPIC_EXCEPTION', "Topic name is illegal, it can't be empty");
  if (name === '.' || name === '..') fail('INVALID_TOPIC_EXCEPTION', 'Topic name cannot be "." or ".."');
  if (name.length > MAX_TOPIC_NAME_LENGTH) {
    fail('INVALID_TOPIC_EXCEPTION', `Topic name is illegal, it can't be longer than ${MAX_TOPIC_NAME_LENGTH} characters, topic name: ${name.slice(0, 40)}…`);
  }
  if (!LEGAL_TOPIC_NAME.test(name)) {
    fail('INVALID_TOPIC_EXCEPTION', `Topic name "${name}" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`);
  }
}

export function validateConfigs(configs: Partial<TopicConfig>): void {
  for (const [name, value] of Object.entries(configs)) {
    if (!Object.hasOwn(DEFAULT_TOPIC_CONFIG, name)) fail('INVALID_CONFIG', `Unknown topic config name: ${name}`);
    if (typeof value === 'number' && !Number.isFinite(value)) fail('INVALID_CONFIG', `Invalid value ${String(value)} for configuration ${name}`);
  }
  const policy = configs['cleanup.policy'];
  if (policy !== undefined && !['delete', 'compact', 'compact,delete'].includes(policy)) {
    fail('INVALID_CONFIG', `Invalid value ${policy} for configuration cleanup.policy: String must be one of: delete, compact, compact,delete`);
  }
  const segmentBytes = configs['segment.bytes'];
  if (segmentBytes !== undefined && (!Number.isInteger(segmentBytes) || segmentBytes < 14)) {
    fail('INVALID_CONFIG', `Invalid value ${String(segmentBytes)} for configuration segment.bytes: Value must be at least 14`);
  }
  for (const name of ['segment.ms', 'delete.retention.ms', 'min.compaction.lag.ms', 'max.compaction.lag.ms'] as const) {
    const v = configs[name];
    if (v !== undefined && (!Number.isInteger(v) || v < (name === 'segment.ms' || name === 'max.compaction.lag.ms' ? 1 : 0))) {
      fail('INVALID_CONFIG', `Invalid value ${String(v)} for configuration ${name}: Value must be at least ${name === 'segment.ms' || name === 'max.compaction.lag.ms' ? 1 : 0}`);
    }
  }
  for (const name of ['retention.ms', 'retention.bytes'] as const) {
    const v = configs[name];
    if (v !== undefined && (!Number.isInteger(v) || v < -1)) fail('INVALID_CONFIG', `Invalid value ${String(v)} for configuration ${name}: Value must be at least -1`);
  }
  const ratio = configs['min.cleanable.dirty.ratio'];
  if (ratio !== undefined && (ratio < 0 || ratio > 1)) fail('INVALID_CONFIG', `Invalid value ${String(ratio)} for configuration min.cleanable.dirty.ratio: Value must be between 0 and 1`);
  const unclean = configs['unclean.leader.election.enable'];
  if (unclean !== undefined && typeof unclean !== 'boolean')
    fail('INVALID_CONFIG', `Invalid value ${String(unclean)} for configuration unclean.leader.election.enable: Expected value to be either true or false`);
  const minIsr = configs['min.insync.replicas'];
  if (minIsr !== undefined && (!Number.isInteger(minIsr) || minIsr < 1)) {
    fail('INVALID_CONFIG', `Invalid value ${minIsr} for configuration min.insync.replicas: Value must be at least 1`);
  }
}

export interface TopicSpec {
  name: string;
  partitions: number;
  replicationFactor: number;
  configs?: Partial<TopicConfig>;
}

/** Kafka's internal topic of committed offsets and group metadata. */
export const CONSUMER_OFFSETS_TOPIC = '__consumer_offsets';

/** The topic, or UNKNOWN_TOPIC_OR_PARTITION. */
export function requireTopic(state: SimState, name: string): TopicState {
  const topic = getOwn(state.topics, name);
  if (topic === undefined) {
    fail('UNKNOWN_TOPIC_OR_PARTITION', `This server does not host this topic-partition: topic '${name}' does not exist.`);
  }
  return topic;
}

export function requirePartition(state: SimState, topic: string, partition: number): PartitionState {
  const p = requireTopic(state, topic).partitions[partition];
  if (p === undefined) fail('UNKNOWN_TOPIC_OR_PARTITION', `This server does not host this topic-partition: ${topic}-${partition}.`);
  return p;
}
