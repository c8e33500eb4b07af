/**
 * Java's iteration orders, which Kafka's assignors inherit: String.compareTo (UTF-16 code units, as
 * JavaScript's `<` compares) and java.util.HashMap/HashSet iteration (bucket by spread hash, then
 * insertion order). The sticky assignor walks HashMaps in a few places where the order decides
 * ties, so matching Kafka exactly means walking them in Java's order.
 * Not modelled: treeified buckets (8+ colliding keys in a table of 64+), which never occur at the
 * sizes a learner builds.
 */
import { javaStringHashCode } from './murmur2';

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** TopicPartition.hashCode(): 31 * (31 + partition) + topic.hashCode(), in int32. */
export function topicPartitionHash(topic: string, partition: number): number {
  return (Math.imul(31, 31 + partition) + javaStringHashCode(topic)) | 0;
}

/** HashMap's table size after `size` insertions into a default map (16, load factor 0.75). */
function tableSize(maxSize: number): number {
  let capacity = 16;
  while (maxSize > capacity * 0.75) capacity *= 2;
  return capacity;
}

function bucket(hash: number, capacity: number): number {
  return (hash ^ (hash >>> 16)) & (capacity - 1);
}

/** Keys in the order a default java.util.HashMap filled in `insertionOrder` iterates them. */
export function javaHashOrder<T>(insertionOrder: readonly T[], hashOf: (key: T) => number, maxSize = insertionOrder.length): T[] {
  const capacity = tableSize(maxSize);
  return insertionOrder
    .map((key, index) => ({ key, index, bucket: bucket(hashOf(key), capacity) }))
    .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
    .map((e) => e.key);
}

export function javaStringOrder(insertionOrder: readonly string[]): string[] {
  return javaHashOrder(insertionOrder, javaStringHashCode);
}
