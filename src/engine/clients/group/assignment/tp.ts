/** TopicPartition helpers: equality, and Kafka's two sort orders (map and set keys are tpKey, shared/topicPartition.ts). */
import { compareStrings } from '../../../shared/javaOrder';
import type { TopicPartitionRef } from './types';

export function sameTp(a: TopicPartitionRef, b: TopicPartitionRef): boolean {
  return a.topic === b.topic && a.partition === b.partition;
}

/** By topic, then partition. */
export function byTopicThenPartition(a: TopicPartitionRef, b: TopicPartitionRef): number {
  return compareStrings(a.topic, b.topic) || a.partition - b.partition;
}

/** List.remove(Object): drops the first equal element; returns whether one was found. */
export function removeTp(list: TopicPartitionRef[], tp: TopicPartitionRef): boolean {
  const i = list.findIndex((x) => sameTp(x, tp));
  if (i < 0) return false;
  list.splice(i, 1);
  return true;
}
