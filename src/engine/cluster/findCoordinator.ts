/**
 * FindCoordinator for groups and transactional ids. Models: the coordinator is the leader of partition
 * `Utils.abs(groupId.hashCode()) % offsets.topic.num.partitions` of `__consumer_offsets`
 * [group-coordinator GroupCoordinatorService.partitionFor], and the internal topic is created on first
 * use with offsets.topic.num.partitions partitions, replication factor
 * min(offsets.topic.replication.factor, brokers) and cleanup.policy=compact; a transactional id's
 * coordinator leads partition abs(hashCode(transactional.id)) % 50 of `__transaction_state`.
 * Simplified: the lookup is instant (no FindCoordinator round trip), and commits are kept in the
 * group's state rather than written as records into the internal topic.
 */
import { CONSUMER_OFFSETS_TOPIC } from './topics';
import { createTopic } from './topicCreation';
import type { SimContext } from '../kernel/context';
import { getOwn } from '../kernel/ownMap';
import { javaAbs, javaStringHashCode } from '../shared/murmur2';
import type { PartitionState } from '../state';

export function coordinatorPartitionFor(groupId: string, numPartitions: number): number {
  return javaAbs(javaStringHashCode(groupId)) % numPartitions;
}

/**
 * The partition of an internal topic (`__consumer_offsets`, `__transaction_state`) whose leader
 * coordinates `key` (a group id or a transactional id), creating the compacted topic on first use with
 * replication factor min(configured, live brokers). Null while it cannot be created because no broker
 * is up: FindCoordinator then answers COORDINATOR_NOT_AVAILABLE and the client retries.
 */
export function internalTopicPartition(ctx: SimContext, name: string, key: string, numPartitions: number, replicationFactor: number): PartitionState | null {
  let topic = getOwn(ctx.state.topics, name);
  if (topic === undefined) {
    const liveBrokers = ctx.state.brokers.filter((b) => b.isAlive).length;
    if (liveBrokers === 0) return null;
    topic = createTopic(ctx, { name, partitions: numPartitions, replicationFactor: Math.max(1, Math.min(replicationFactor, liveBrokers)), configs: { 'cleanup.policy': 'compact' } }, false, true);
  }
  return topic.partitions[coordinatorPartitionFor(key, topic.partitions.length)]!;
}

/** The `__consumer_offsets` partition whose leader coordinates the group, creating the topic on first use (null: not yet possible). */
export function coordinatorPartition(ctx: SimContext, groupId: string): PartitionState | null {
  const config = ctx.state.brokerConfig;
  return internalTopicPartition(ctx, CONSUMER_OFFSETS_TOPIC, groupId, config['offsets.topic.num.partitions'], config['offsets.topic.replication.factor']);
}

/** The coordinator broker's id, or -1 when there is none (no broker up to create or lead its partition). */
export function coordinatorBroker(ctx: SimContext, groupId: string): number {
  return coordinatorPartition(ctx, groupId)?.leader ?? -1;
}

/** Kafka's internal topic of transaction state. */
export const TRANSACTION_STATE_TOPIC = '__transaction_state';

/** The coordinator broker for a transactional.id (transaction.state.log.num.partitions = 50, replication factor 3). */
export function transactionCoordinator(ctx: SimContext, transactionalId: string): number {
  return internalTopicPartition(ctx, TRANSACTION_STATE_TOPIC, transactionalId, 50, 3)?.leader ?? -1;
}
