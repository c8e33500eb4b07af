/**
 * RoundRobinAssignor [clients consumer/RoundRobinAssignor.java]: every partition of every subscribed
 * topic (topics by name, partitions ascending) dealt around the members in Kafka's member order,
 * skipping members not subscribed to that topic; the circle carries on across topics.
 */
import { compareStrings } from '../../../shared/javaOrder';
import { sortedMembers } from './members';
import type { Assignment, AssignorMember, PartitionsPerTopic } from './types';

export function roundRobinAssign(members: readonly AssignorMember[], partitionsPerTopic: PartitionsPerTopic, assignment: Assignment): void {
  const circle = sortedMembers(members);
  if (circle.length === 0) return;
  const topics = [...new Set(members.flatMap((m) => m.topics))].filter((t) => Object.hasOwn(partitionsPerTopic, t)).sort(compareStrings);
  let next = 0;
  for (const topic of topics) {
    for (let partition = 0; partition < partitionsPerTopic[topic]!; partition++) {
      while (!circle[next % circle.length]!.topics.includes(topic)) next++;
      assignment[circle[next % circle.length]!.memberId]!.push({ topic, partition });
      next++;
    }
  }
}
