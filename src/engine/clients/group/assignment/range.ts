/**
 * RangeAssignor [clients consumer/RangeAssignor.java], without racks: per topic, independently, the
 * members subscribed to it in Kafka's member order take contiguous runs of partitions; the first
 * P mod C of them take one extra. So with C0 < C1 on two 3-partition topics, C0 gets p0,p1 of both.
 */
import { sortedMembers } from './members';
import type { Assignment, AssignorMember, PartitionsPerTopic } from './types';

export function rangeAssign(members: readonly AssignorMember[], partitionsPerTopic: PartitionsPerTopic, assignment: Assignment): void {
  const ordered = sortedMembers(members);
  const topics = new Set(members.flatMap((m) => m.topics));
  for (const topic of topics) {
    if (!Object.hasOwn(partitionsPerTopic, topic)) continue;
    const partitions = partitionsPerTopic[topic]!;
    const subscribers = ordered.filter((m) => m.topics.includes(topic));
    const base = Math.floor(partitions / subscribers.length);
    const extra = partitions % subscribers.length;
    subscribers.forEach((m, i) => {
      const start = base * i + Math.min(i, extra);
      const length = base + (i < extra ? 1 : 0);
      for (let p = start; p < start + length; p++) assignment[m.memberId]!.push({ topic, partition: p });
    });
  }
}
