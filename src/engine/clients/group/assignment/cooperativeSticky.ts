/**
 * CooperativeStickyAssignor [clients consumer/CooperativeStickyAssignor.java]: the sticky assignment,
 * then adjustAssignment: a partition moving from one member to another is given to nobody in this
 * round. Its owner revokes it, rejoins, and the follow-up rebalance hands it over (KIP-429).
 */
import { tpKey } from '../../../shared/topicPartition';
import type { StickyResult } from './sticky';
import { removeTp } from './tp';
import type { AssignorMember, TopicPartitionRef } from './types';

export function cooperativeAdjust(result: StickyResult, members: readonly AssignorMember[]): Map<string, TopicPartitionRef[]> {
  const transferring = result.partitionsTransferringOwnership ?? computeTransfers(result.assignment, members);
  for (const { tp, consumer } of transferring.values()) removeTp(result.assignment.get(consumer)!, tp);
  return result.assignment;
}

/** computePartitionsTransferringOwnership: newly assigned to someone and revoked from someone else. */
function computeTransfers(assignment: Map<string, TopicPartitionRef[]>, members: readonly AssignorMember[]): Map<string, { tp: TopicPartitionRef; consumer: string }> {
  const added = new Map<string, { tp: TopicPartitionRef; consumer: string }>();
  const revoked = new Set<string>();
  const byId = new Map(members.map((m) => [m.memberId, m]));
  for (const [consumer, assigned] of assignment) {
    const owned = byId.get(consumer)?.ownedPartitions ?? [];
    const ownedKeys = new Set(owned.map((tp) => tpKey(tp.topic, tp.partition)));
    const assignedKeys = new Set(assigned.map((tp) => tpKey(tp.topic, tp.partition)));
    for (const tp of assigned) if (!ownedKeys.has(tpKey(tp.topic, tp.partition))) added.set(tpKey(tp.topic, tp.partition), { tp, consumer });
    for (const tp of owned) if (!assignedKeys.has(tpKey(tp.topic, tp.partition))) revoked.add(tpKey(tp.topic, tp.partition));
  }
  for (const key of [...added.keys()]) if (!revoked.has(key)) added.delete(key);
  return added;
}
