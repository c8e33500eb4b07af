/**
 * Choosing a record's partition, in the Java client's precedence.
 *
 * Models: KafkaProducer.partition() and BuiltInPartitioner (KIP-794): an explicit partition wins; else
 * a key is hashed with murmur2 over all partitions; else (or with partitioner.ignore.keys) the uniform
 * sticky partitioner keeps one partition per topic until batch.size bytes went to it, then picks a new
 * one at random among the partitions that have a leader (possibly the same one again, as Kafka does).
 * Simplified: Kafka defers the switch until the partition's current batch is full (up to 2 x batch.size);
 * here the switch happens as soon as batch.size bytes went to it. Adaptive partitioning (weighting by
 * queue length) is not modelled: with one simulated producer per client the queues stay equal.
 */
import type { SimContext } from '../../kernel/context';
import { getOwn, setOwn } from '../../kernel/ownMap';
import { nextPositiveInt } from '../../kernel/rng';
import type { PendingRecord, ProducerState, TopicState } from '../../state';
import { partitionForKey } from '../../shared/murmur2';

export interface PartitionChoice {
  partition: number;
  partitionedBy: PendingRecord['partitionedBy'];
}

export function choosePartition(ctx: SimContext, producer: ProducerState, topic: TopicState, key: string | null, explicitPartition: number | undefined): PartitionChoice {
  if (explicitPartition !== undefined) return { partition: explicitPartition, partitionedBy: 'explicit' };
  if (key !== null && !producer.config['partitioner.ignore.keys']) {
    return { partition: partitionForKey(key, topic.partitions.length), partitionedBy: 'key-hash' };
  }
  return { partition: currentStickyPartition(ctx, producer, topic).partition, partitionedBy: 'sticky' };
}

function currentStickyPartition(ctx: SimContext, producer: ProducerState, topic: TopicState) {
  let info = getOwn(producer.sticky, topic.name);
  if (info === undefined) {
    info = { partition: nextStickyPartition(ctx, topic), producedBytes: 0 };
    setOwn(producer.sticky, topic.name, info);
  }
  return info;
}

/** BuiltInPartitioner.nextPartition without load stats: a random partition that has a leader. */
function nextStickyPartition(ctx: SimContext, topic: TopicState): number {
  const random = nextPositiveInt(ctx.state.rng);
  const available = topic.partitions.filter((p) => p.leader >= 0);
  if (available.length > 0) return available[random % available.length]!.partition;
  return random % topic.partitions.length;
}

/** After a sticky-partitioned record joined a batch: count its bytes and switch once batch.size went there. */
export function updateStickyPartition(ctx: SimContext, producer: ProducerState, topic: TopicState, appendedBytes: number): void {
  const info = currentStickyPartition(ctx, producer, topic);
  info.producedBytes += appendedBytes;
  if (info.producedBytes >= producer.config['batch.size']) {
    setOwn(producer.sticky, topic.name, { partition: nextStickyPartition(ctx, topic), producedBytes: 0 });
  }
}
