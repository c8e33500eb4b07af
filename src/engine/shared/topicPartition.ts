/**
 * Naming a partition, and an offset in it, as Kafka's TopicPartition and the offset maps of commits do.
 * Both halves use them: clients address partitions this way and the coordinators store them.
 */

export interface TopicPartition {
  topic: string;
  partition: number;
}

/** An offset to commit for a partition: the next offset to read. */
export interface TopicPartitionOffset extends TopicPartition {
  offset: number;
}

/**
 * The key of a partition in maps, sets and actor ids: "orders-2", as Kafka prints a TopicPartition.
 * One key per partition: the partition number (never negative) holds no '-', so the last '-' ends the topic.
 */
export function tpKey(topic: string, partition: number): string {
  let keys = keysByTopic.get(topic);
  if (keys === undefined) {
    if (keysByTopic.size >= MAX_CACHED_TOPICS) keysByTopic.clear();
    keys = [];
    keysByTopic.set(topic, keys);
  }
  return (keys[partition] ??= `${topic}-${partition}`);
}

/**
 * Each key is built once and then reused: a reused string keeps its hash, so the maps keyed by it (a
 * producer's accumulator, per record) find it without hashing a fresh string each time. Plain strings,
 * so results are identical; the cache only bounds its size (a run rarely has more than a few topics).
 */
const keysByTopic = new Map<string, string[]>();
const MAX_CACHED_TOPICS = 1_000;

/** A key made by tpKey, split back at its last '-' (topic names may hold '-'). */
export function parseTpKey(key: string): TopicPartition {
  const dash = key.lastIndexOf('-');
  return { topic: key.slice(0, dash), partition: Number(key.slice(dash + 1)) };
}
