/** Helpers for assignor tests ported from Kafka's Java tests. */
import { tpKey } from '../../../shared/topicPartition';
import type { TopicPartitionRef } from './types';

export function tp(topic: string, partition: number): TopicPartitionRef {
  return { topic, partition };
}

/** Kafka's AbstractStickyAssignorTest.verifyValidityAndBalance, for our output shape. */
export function validityAndBalanceProblems(subscriptions: Record<string, string[]>, assignment: Record<string, TopicPartitionRef[]>, partitionsPerTopic: Record<string, number>): string[] {
  const problems: string[] = [];
  const members = Object.keys(subscriptions).sort();
  const owner = new Map<string, string>();
  for (const m of members) {
    for (const p of assignment[m] ?? []) {
      if (!subscriptions[m]!.includes(p.topic)) problems.push(`${m} got ${p.topic}-${p.partition} of a topic it does not subscribe to`);
      const key = tpKey(p.topic, p.partition);
      if (owner.has(key)) problems.push(`${key} assigned to ${owner.get(key)!} and ${m}`);
      owner.set(key, m);
    }
  }
  for (const [topic, n] of Object.entries(partitionsPerTopic)) {
    if (!members.some((m) => subscriptions[m]!.includes(topic))) continue;
    for (let p = 0; p < n; p++) if (!owner.has(tpKey(topic, p))) problems.push(`${topic}-${p} unassigned`);
  }
  // Balance: a member with fewer partitions (by 2+) could take one from a fuller member it shares a topic with.
  for (const a of members) {
    for (const b of members) {
      const la = assignment[a]!.length;
      const lb = assignment[b]!.length;
      if (la + 1 >= lb) continue;
      const movable = assignment[b]!.find((p) => subscriptions[a]!.includes(p.topic));
      if (movable !== undefined) problems.push(`${a} (${la}) could take ${movable.topic}-${movable.partition} from ${b} (${lb})`);
    }
  }
  return problems;
}
