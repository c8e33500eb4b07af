/**
 * FindCoordinator for groups. Models: the coordinator is the leader of partition
 * `Utils.abs(groupId.hashCode()) % offsets.topic.num.partitions` of `__consumer_offsets`
 * [group-coordinator GroupCoordinatorService.partitionFor], and the internal topic is created on first
 * use with offsets.topic.num.partitions partitions, replication factor
 * min(offsets.topic.replication.factor, brokers) and cleanup.policy=compact.
 * Simplified: the lookup is instant (no FindCoordinator round trip), and commits are kept in the
 * group's state rather than written as records into the internal topic.
 */
import { createTopic, CONSUMER_OFFSETS_TOPIC } from '../cluster/topics';
import type { SimContext } from '../kernel/context';
import { getOwn } from '../kernel/ownMap';
import { javaAbs, javaStringHashCode } from '../producer/murmur2';
import type { PartitionState } from '../state';

export function coordinatorPartitionFor(groupId: string, numPartitions: number): number {
  return javaAbs(javaStringHashCode(groupId)) % numPartitions;
}

/** The `__consumer_offsets` partition whose leader coordinates the group, creating the topic on first use. */
export function coordinatorPartition(ctx: SimContext, groupId: string): PartitionState {
  const { state } = ctx;
  let topic = getOwn(state.topics, CONSUMER_OFFSETS_TOPIC);
  if (topic === undefined) {
    const liveBrokers = state.brokers.filter((b) => b.isAlive).length;
    topic = createTopic(ctx, {
      name: CONSUMER_OFFSETS_TOPIC,
      partitions: state.brokerConfig['offsets.topic.num.partitions'],
      replicationFactor: Math.max(1, Math.min(state.brokerConfig['offsets.topic.replication.factor'], liveBrokers)),
      configs: { 'cleanup.policy': 'compact' },
    }, false, true);
  }
  return topic.partitions[coordinatorPartitionFor(groupId, topic.partitions.length)]!;
}

/** The coordinator broker's id, for the trace and the canvas. */
export function coordinatorBroker(ctx: SimContext, groupId: string): number {
  return coordinatorPartition(ctx, groupId).leader;
}
