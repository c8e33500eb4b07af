/** Cases ported from Kafka's CooperativeStickyAssignorTest, with its verifyCooperativeValidity loop. */
import { describe, expect, it } from 'vitest';
import { tpKey } from '../../../shared/topicPartition';
import { assign } from './index';
import { tp, validityAndBalanceProblems } from './testing';
import type { Assignment, AssignorMember } from './types';

const topic = 'topic';
const generationId = 1;

/** Runs follow-up rebalances while partitions are revoked, checking none is revoked and reassigned in one round. */
function settle(members: AssignorMember[], ppt: Record<string, number>): { final: Assignment; rebalances: number } {
  let current = members;
  let result = assign('cooperative-sticky', current, ppt);
  let rebalances = 0;
  for (;;) {
    const added = new Set<string>();
    const revoked = new Set<string>();
    for (const m of current) {
      const owned = new Set((m.ownedPartitions ?? []).map((tp) => tpKey(tp.topic, tp.partition)));
      const assigned = new Set(result[m.memberId]!.map((tp) => tpKey(tp.topic, tp.partition)));
      for (const k of assigned) if (!owned.has(k)) added.add(k);
      for (const k of owned) if (!assigned.has(k)) revoked.add(k);
    }
    expect([...added].filter((k) => revoked.has(k))).toEqual([]);
    if (revoked.size === 0) return { final: result, rebalances };
    current = current.map((m) => ({ ...m, ownedPartitions: result[m.memberId]!, generation: generationId }));
    result = assign('cooperative-sticky', current, ppt);
    rebalances++;
    expect(rebalances).toBeLessThanOrEqual(4);
  }
}

describe('cooperative-sticky (CooperativeStickyAssignorTest)', () => {
  it('testAllConsumersHaveOwnedPartitionInvalidatedWhenClaimedByMultipleConsumersInSameGenerationWithEqualPartitionsPerConsumer', () => {
    const members = [
      { memberId: 'consumer1', topics: [topic], ownedPartitions: [tp(topic, 0), tp(topic, 1)], generation: generationId },
      { memberId: 'consumer2', topics: [topic], ownedPartitions: [tp(topic, 0), tp(topic, 2)], generation: generationId },
      { memberId: 'consumer3', topics: [topic], ownedPartitions: [], generation: generationId },
    ];
    const result = assign('cooperative-sticky', members, { [topic]: 3 });
    // topic-0 must be revoked by both claimants before anyone may have it.
    expect(result).toEqual({ consumer1: [tp(topic, 1)], consumer2: [tp(topic, 2)], consumer3: [] });
    const { final } = settle(members, { [topic]: 3 });
    expect(validityAndBalanceProblems({ consumer1: [topic], consumer2: [topic], consumer3: [topic] }, final, { [topic]: 3 })).toEqual([]);
  });

  it('...WithUnequalPartitionsPerConsumer', () => {
    const members = [
      { memberId: 'consumer1', topics: [topic], ownedPartitions: [tp(topic, 0), tp(topic, 1)], generation: generationId },
      { memberId: 'consumer2', topics: [topic], ownedPartitions: [tp(topic, 0), tp(topic, 2)], generation: generationId },
      { memberId: 'consumer3', topics: [topic], ownedPartitions: [], generation: generationId },
    ];
    expect(assign('cooperative-sticky', members, { [topic]: 4 })).toEqual({ consumer1: [tp(topic, 1), tp(topic, 3)], consumer2: [tp(topic, 2)], consumer3: [] });
  });

  it('testAssignorWithOldVersionSubscriptions: nothing moves, so nothing is withheld', () => {
    const members = [
      { memberId: 'consumer1', topics: ['topic1'], ownedPartitions: [tp('topic1', 0)], generation: generationId },
      { memberId: 'consumer2', topics: ['topic1'], ownedPartitions: [tp('topic1', 1)], generation: generationId },
      { memberId: 'consumer3', topics: ['topic1'], ownedPartitions: [], generation: generationId },
    ];
    expect(assign('cooperative-sticky', members, { topic1: 3 })).toEqual({ consumer1: [tp('topic1', 0)], consumer2: [tp('topic1', 1)], consumer3: [tp('topic1', 2)] });
  });

  it('adding a member: the first round revokes only what moves, the second hands it over, balanced', () => {
    const ppt = { [topic]: 6 };
    const start = assign(
      'cooperative-sticky',
      [
        { memberId: 'a', topics: [topic] },
        { memberId: 'b', topics: [topic] },
      ],
      ppt,
    );
    const members = [
      { memberId: 'a', topics: [topic], ownedPartitions: start.a!, generation: 1 },
      { memberId: 'b', topics: [topic], ownedPartitions: start.b!, generation: 1 },
      { memberId: 'c', topics: [topic], ownedPartitions: [], generation: -1 },
    ];
    const first = assign('cooperative-sticky', members, ppt);
    expect(first.c).toEqual([]);
    expect(first.a!.length + first.b!.length).toBe(4);
    expect(first.a!.every((p) => start.a!.some((q) => q.partition === p.partition))).toBe(true);
    const { final, rebalances } = settle(members, ppt);
    expect(rebalances).toBe(1);
    expect([final.a!.length, final.b!.length, final.c!.length]).toEqual([2, 2, 2]);
  });

  it('a partition whose owner left is assigned at once (no one to revoke it)', () => {
    const ppt = { [topic]: 2 };
    const result = assign('cooperative-sticky', [{ memberId: 'a', topics: [topic], ownedPartitions: [tp(topic, 0)], generation: 3 }], ppt);
    expect(result).toEqual({ a: [tp(topic, 0), tp(topic, 1)] });
  });
});
