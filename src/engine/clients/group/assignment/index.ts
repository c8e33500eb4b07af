/**
 * `assign()`: one round of one of Kafka's four client-side assignors, as the group leader's client
 * computes it (classic protocol), exact to Kafka's Java implementation without racks.
 *
 * @example
 * assign('range', [{ memberId: 'c0', topics: ['t'] }, { memberId: 'c1', topics: ['t'] }], { t: 3 });
 * // { c0: [t-0, t-1], c1: [t-2] }
 */
import { cooperativeAdjust } from './cooperativeSticky';
import { rangeAssign } from './range';
import { roundRobinAssign } from './roundRobin';
import { stickyAssign } from './sticky';
import { byTopicThenPartition } from './tp';
import type { Assignment, AssignorMember, AssignorName, PartitionsPerTopic } from './types';

export type { Assignment, AssignorMember, AssignorName, PartitionsPerTopic, TopicPartitionRef } from './types';

export const ASSIGNOR_NAMES = ['range', 'roundrobin', 'sticky', 'cooperative-sticky'] as const satisfies readonly AssignorName[];

export function assign(strategy: AssignorName, members: AssignorMember[], partitionsPerTopic: PartitionsPerTopic): Assignment {
  const result: Assignment = Object.create(null) as Assignment;
  for (const m of members) result[m.memberId] = [];
  if (members.length === 0) return result;
  switch (strategy) {
    case 'range':
      rangeAssign(members, partitionsPerTopic, result);
      break;
    case 'roundrobin':
      roundRobinAssign(members, partitionsPerTopic, result);
      break;
    case 'sticky':
    case 'cooperative-sticky': {
      const sticky = stickyAssign(members, partitionsPerTopic);
      const assignment = strategy === 'sticky' ? sticky.assignment : cooperativeAdjust(sticky, members);
      for (const [memberId, tps] of assignment) result[memberId] = tps.map(({ topic, partition }) => ({ topic, partition }));
      break;
    }
    default:
      throw new Error(`Unknown assignor "${String(strategy)}": expected one of ${ASSIGNOR_NAMES.join(', ')}.`);
  }
  for (const memberId of Object.keys(result)) result[memberId]!.sort(byTopicThenPartition);
  return result;
}
