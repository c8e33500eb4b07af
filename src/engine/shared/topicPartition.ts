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
