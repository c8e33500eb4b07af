/**
 * Changing a topic at runtime: kafka-configs --alter (IncrementalAlterConfigs) and kafka-topics
 * --alter --partitions (CreatePartitions).
 * Models: configs are validated as on creation and apply from the next append, retention check or
 * cleaner pass; partitions can only be added, new ones get replicas by the same striped placement
 * continued from the topic's last partition, and existing records stay where they are, so a key whose
 * hash % N changes now writes to another partition (per-key order across the change is lost); the
 * trace lists those keys.
 * A group subscribed to the topic rebalances (its leader notices the metadata change).
 * Simplified: clients see new partitions at once (no metadata.max.age.ms delay).
 */
import type { AlterTopicConfigsCommand, CreatePartitionsCommand } from '../commands';
import { fail } from '../errors';
import type { SimContext } from '../kernel/context';
import type { DeepReadonly } from '../kernel/deepReadonly';
import type { TopicState } from '../state';
import { newPartitionLog } from '../log/partitionLog';
import { partitionForKey } from '../shared/murmur2';
import { newReplicaState, startFollowers } from './replication';
import { requireTopic, validateConfigs } from './topics';
import { actorId } from '../shared/actorId';

export function alterTopicConfigs(ctx: SimContext, command: AlterTopicConfigsCommand): void {
  const topic = requireTopic(ctx.state, command.topic);
  if (topic.isInternal) fail('INVALID_CONFIG', `Cannot alter the configs of internal topic ${topic.name} here.`);
  validateConfigs(command.configs);
  const changes: { name: string; from: string | number | boolean; to: string | number | boolean }[] = [];
  for (const [name, value] of Object.entries(command.configs) as [keyof typeof topic.configs, string | number | boolean][]) {
    const from = topic.configs[name];
    if (from === value) continue;
    changes.push({ name, from, to: value });
    (topic.configs as unknown as Record<string, string | number | boolean>)[name] = value;
  }
  if (changes.length === 0) return;
  ctx.emit({ kind: 'topicConfigAltered', level: 'control', actors: [actorId.topic(topic.name)], topic: topic.name, changes });
}

export function createPartitions(ctx: SimContext, command: CreatePartitionsCommand): void {
  const topic = requireTopic(ctx.state, command.topic);
  const from = topic.partitions.length;
  if (!Number.isInteger(command.totalCount) || command.totalCount <= from) {
    fail('INVALID_PARTITIONS', `Topic currently has ${from} partitions, which is higher than or equal to the requested ${String(command.totalCount)}: partitions can only be added.`);
  }
  const last = topic.partitions[from - 1]!;
  const liveBrokers = ctx.state.brokers.filter((b) => b.isAlive).map((b) => b.id);
  const rf = last.replicas.length;
  if (rf > liveBrokers.length) fail('INVALID_REPLICATION_FACTOR', `Unable to replicate the new partitions ${rf} time(s): only ${liveBrokers.length} broker(s) are registered.`);
  const start = liveBrokers.indexOf(last.replicas[0]!) + 1;
  for (let p = from; p < command.totalCount; p++) {
    const replicas: number[] = [];
    for (let r = 0; r < rf; r++) replicas.push(liveBrokers[(start + (p - from) + r) % liveBrokers.length]!);
    const partition = {
      topic: topic.name,
      partition: p,
      replicas,
      leader: replicas[0]!,
      leaderEpoch: 0,
      isr: [...replicas],
      replicaStates: replicas.map((id) => newReplicaState(id, ctx.state.time)),
      pendingAcks: [],
      producerStates: {},
      log: newPartitionLog(),
    };
    topic.partitions.push(partition);
    startFollowers(ctx, partition);
  }
  const movedKeys = keysMovedByGrowth(topic, from, command.totalCount);
  ctx.emit({ kind: 'partitionsAdded', level: 'control', actors: [actorId.topic(topic.name)], topic: topic.name, from, to: command.totalCount, movedKeys });
}

/** Keys stored in the topic whose partition differs between `fromCount` and `toCount` partitions. */
export function keysMovedByGrowth(topic: DeepReadonly<TopicState>, fromCount: number, toCount: number): { key: string; from: number; to: number }[] {
  const keys = new Set<string>();
  for (const p of topic.partitions) for (const r of p.log.records) if (r.key !== null) keys.add(r.key);
  return [...keys]
    .sort()
    .map((key) => ({ key, from: partitionForKey(key, fromCount), to: partitionForKey(key, toCount) }))
    .filter((k) => k.from !== k.to);
}
