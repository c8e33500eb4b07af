/**
 * ConstrainedAssignmentBuilder (AbstractStickyAssignor), without racks: all members subscribe to the
 * same topics. minQuota = floor(P/C), maxQuota = ceil(P/C), and exactly P mod C members may hold
 * maxQuota.
 * 1. Each member (in HashMap order) keeps its owned partitions, sorted by partition then topic: all of
 *    them if fewer than minQuota; maxQuota if it owns that many and maxQuota slots remain; else minQuota.
 * 2. The rest (sorted by topic, partition) go round-robin to members under minQuota (sorted by id),
 *    then one each to members at minQuota until the maxQuota slots are used.
 * A partition that ends with a member other than its previous owner is "transferring ownership".
 */
import { tpKey } from '../../../shared/topicPartition';
import { compareStrings } from '../../../shared/javaOrder';
import type { StickyInput, StickyResult } from './sticky';
import { byTopicThenPartition } from './tp';
import type { TopicPartitionRef } from './types';

export function constrainedAssign(input: StickyInput, consumerToOwned: Map<string, TopicPartitionRef[]>, multiplyClaimed: Set<string>): StickyResult {
  const consumers = input.members.map((m) => m.memberId);
  const total = Object.values(input.partitionsPerTopic).reduce((a, b) => a + b, 0);
  const minQuota = Math.floor(total / consumers.length);
  const maxQuota = Math.ceil(total / consumers.length);
  const expectedOverMin = total % consumers.length;
  let currentOverMin = 0;

  const assignment = new Map<string, TopicPartitionRef[]>(consumers.map((c) => [c, []]));
  const assigned = new Set<string>();
  const revoked = new Set<string>();
  const transferring = new Map<string, { tp: TopicPartitionRef; consumer: string }>();
  const underMin: string[] = [];
  let exactlyMin: string[] = [];

  // 1. Reassign previously owned partitions, up to the expected number per member.
  for (const consumer of consumers) {
    const owned = (consumerToOwned.get(consumer) ?? [])
      .filter((tp) => !multiplyClaimed.has(tpKey(tp.topic, tp.partition)))
      .sort((a, b) => a.partition - b.partition || compareStrings(a.topic, b.topic));
    const mine = assignment.get(consumer)!;
    const keep = (n: number) => {
      for (const tp of owned.slice(0, n)) {
        mine.push(tp);
        assigned.add(tpKey(tp.topic, tp.partition));
      }
      for (const tp of owned.slice(n)) revoked.add(tpKey(tp.topic, tp.partition));
    };
    if (owned.length < minQuota) {
      keep(owned.length);
      underMin.push(consumer);
    } else if (owned.length >= maxQuota && currentOverMin < expectedOverMin) {
      currentOverMin++;
      if (currentOverMin === expectedOverMin) exactlyMin = [];
      keep(maxQuota);
    } else {
      keep(minQuota);
      if (currentOverMin < expectedOverMin) exactlyMin.push(consumer);
    }
  }

  const unassigned: TopicPartitionRef[] = [];
  for (const topic of Object.keys(input.partitionsPerTopic).sort(compareStrings)) {
    for (let p = 0; p < input.partitionsPerTopic[topic]!; p++) {
      const tp = { topic, partition: p };
      if (!assigned.has(tpKey(tp.topic, tp.partition))) unassigned.push(tp);
    }
  }
  underMin.sort(compareStrings);
  exactlyMin.sort(compareStrings);

  const assignNew = (tp: TopicPartitionRef, consumer: string): number => {
    const mine = assignment.get(consumer)!;
    mine.push(tp);
    const key = tpKey(tp.topic, tp.partition);
    if (revoked.has(key) || multiplyClaimed.has(key)) transferring.set(key, { tp, consumer });
    return mine.length;
  };

  // 2. Round-robin the rest: members under minQuota first, then those at minQuota up to maxQuota.
  let cursor = 0; // an iterator over underMin that supports remove()
  for (const tp of unassigned) {
    let consumer: string;
    let fromUnderMin = true;
    if (cursor < underMin.length) {
      consumer = underMin[cursor++]!;
    } else if (underMin.length === 0 && exactlyMin.length === 0) {
      throw new Error('No more unfilled consumers to be assigned.');
    } else if (underMin.length === 0) {
      consumer = exactlyMin.shift()!;
      fromUnderMin = false;
    } else {
      cursor = 0;
      consumer = underMin[cursor++]!;
    }
    const count = assignNew(tp, consumer);
    if (count === minQuota) {
      if (fromUnderMin) underMin.splice(--cursor, 1);
      exactlyMin.push(consumer);
    } else if (count === maxQuota) {
      currentOverMin++;
    }
  }

  for (const list of assignment.values()) list.sort(byTopicThenPartition);
  return { assignment, partitionsTransferringOwnership: transferring };
}
