/**
 * Read-only views over the state for the UI, scenarios and tests. They copy nothing: what they return
 * is the live state typed as read-only, so read it now and don't keep it across steps.
 */
import { getOwn } from './kernel/ownMap';
import type { DeepReadonly } from './kernel/simulation';
import { tpKey, type ConsumerState, type PartitionState, type ProducerState, type SimState, type TopicState } from './state';

type ReadState = DeepReadonly<SimState>;

export function topicView(state: ReadState, name: string): DeepReadonly<TopicState> | undefined {
  return getOwn(state.topics, name);
}

export function partitionView(state: ReadState, topic: string, partition: number): DeepReadonly<PartitionState> | undefined {
  return topicView(state, topic)?.partitions[partition];
}

export function producerView(state: ReadState, clientId: string): DeepReadonly<ProducerState> | undefined {
  return getOwn(state.producers, clientId);
}

export function consumerView(state: ReadState, clientId: string): DeepReadonly<ConsumerState> | undefined {
  return getOwn(state.consumers, clientId);
}

/** The group's committed offset for a partition (the next offset to read), or null when none. */
export function committedOffset(state: ReadState, groupId: string, topic: string, partition: number): number | null {
  const group = getOwn(state.groups, groupId);
  return (group === undefined ? undefined : getOwn(group.offsets, tpKey(topic, partition)))?.offset ?? null;
}

export interface PartitionLag {
  topic: string;
  partition: number;
  /** Next offset the consumer will read, or -1 before its first poll. */
  position: number;
  /** The group's committed offset, or null. */
  committed: number | null;
  highWatermark: number;
  logEndOffset: number;
  /** The consumer's own records-lag: high watermark (LSO for read_committed) minus position. */
  lag: number;
  /** What kafka-consumer-groups --describe shows: high watermark minus committed offset (null without a commit). */
  committedLag: number | null;
}

/** Lag of each partition assigned to the consumer, as the client's metrics and the CLI compute it. */
export function consumerLag(state: ReadState, clientId: string): PartitionLag[] {
  const consumer = consumerView(state, clientId);
  if (consumer === undefined) return [];
  const groupId = consumer.config['group.id'];
  return consumer.assignment.map(({ topic, partition, position }) => {
    const log = partitionView(state, topic, partition)?.log;
    const highWatermark = log?.highWatermark ?? 0;
    const end = consumer.config['isolation.level'] === 'read_committed' ? (log?.lastStableOffset ?? 0) : highWatermark;
    const committed = groupId === null ? null : committedOffset(state, groupId, topic, partition);
    return {
      topic,
      partition,
      position,
      committed,
      highWatermark,
      logEndOffset: log?.logEndOffset ?? 0,
      lag: position < 0 ? end - (log?.logStartOffset ?? 0) : Math.max(0, end - position),
      committedLag: committed === null ? null : Math.max(0, highWatermark - committed),
    };
  });
}
