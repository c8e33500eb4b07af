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
  return `${topic}-${partition}`;
}

/** A key made by tpKey, split back at its last '-' (topic names may hold '-'). */
export function parseTpKey(key: string): TopicPartition {
  const dash = key.lastIndexOf('-');
  return { topic: key.slice(0, dash), partition: Number(key.slice(dash + 1)) };
}
