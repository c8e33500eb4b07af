/**
 * CreateTopics on the controller: a new topic's partitions get their replicas striped across the live
 * brokers from a random start (as Kafka's replica assignment does), a leader, empty logs and running
 * followers. Auto-creation by a producer's metadata request and the internal topics use it too.
 */
import { DEFAULT_TOPIC_CONFIG } from '../config';
import { fail } from '../errors';
import type { SimContext } from '../kernel/context';
import { getOwn, setOwn } from '../kernel/ownMap';
import { nextInt, nextUuid } from '../kernel/rng';
import { newReplicaState, startFollowers } from './replication';
import { newPartitionLog } from '../log/partitionLog';
import type { PartitionState, TopicState } from '../state';
import { type TopicSpec, validateConfigs, validateTopicName } from './topics';
import { actorId } from '../shared/actorId';

/** Creates a topic after checking it as Kafka's controller would; emits `topicCreated`. */
export function createTopic(ctx: SimContext, spec: TopicSpec, autoCreated: boolean, isInternal = false): TopicState {
  const { state } = ctx;
  validateTopicName(spec.name);
  if (getOwn(state.topics, spec.name) !== undefined) fail('TOPIC_ALREADY_EXISTS', `Topic '${spec.name}' already exists.`);
  if (!Number.isInteger(spec.partitions) || spec.partitions < 1) {
    fail('INVALID_PARTITIONS', `Number of partitions must be larger than 0, got ${String(spec.partitions)}.`);
  }
  const liveBrokers = state.brokers.filter((b) => b.isAlive).map((b) => b.id);
  if (!Number.isInteger(spec.replicationFactor) || spec.replicationFactor < 1) {
    fail('INVALID_REPLICATION_FACTOR', `Replication factor must be larger than 0, got ${String(spec.replicationFactor)}.`);
  }
  if (spec.replicationFactor > liveBrokers.length) {
    fail(
      'INVALID_REPLICATION_FACTOR',
      `Unable to replicate the partition ${spec.replicationFactor} time(s): The target replication factor of ${spec.replicationFactor} cannot be reached because only ${liveBrokers.length} broker(s) are registered.`,
    );
  }
  const configs = spec.configs ?? {};
  validateConfigs(configs);

  const start = nextInt(state.rng, liveBrokers.length);
  const partitions: PartitionState[] = [];
  for (let p = 0; p < spec.partitions; p++) {
    const replicas = stripedReplicas(liveBrokers, start + p, spec.replicationFactor);
    partitions.push({
      topic: spec.name,
      partition: p,
      replicas,
      leader: replicas[0]!,
      leaderEpoch: 0,
      isr: [...replicas],
      replicaStates: replicas.map((id) => newReplicaState(id, state.time)),
      pendingAcks: [],
      producerStates: {},
      log: newPartitionLog(),
    });
  }
  const topic: TopicState = {
    name: spec.name,
    topicId: nextUuid(state.rng),
    configs: { ...DEFAULT_TOPIC_CONFIG, ...configs },
    partitions,
    autoCreated,
    isInternal,
  };
  setOwn(state.topics, spec.name, topic);
  for (const p of partitions) startFollowers(ctx, p);
  ctx.emit({
    kind: 'topicCreated',
    level: 'control',
    actors: [actorId.topic(spec.name)],
    topic: spec.name,
    partitions: spec.partitions,
    replicationFactor: spec.replicationFactor,
    autoCreated,
  });
  return topic;
}

/** Replicas for one partition: consecutive live brokers from `offset`, so preferred leaders spread evenly. */
function stripedReplicas(brokerIds: number[], offset: number, replicationFactor: number): number[] {
  const replicas: number[] = [];
  for (let r = 0; r < replicationFactor; r++) replicas.push(brokerIds[(offset + r) % brokerIds.length]!);
  return replicas;
}
