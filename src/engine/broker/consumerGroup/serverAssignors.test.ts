/**
 * The KIP-848 server-side assignors. Kafka's tests retold here are from group-coordinator/src/test/java/org/apache/
 * kafka/coordinator/group/assignor/ in traceyyoshima/kafka@0f7eda9 (a fork of apache/kafka, 4.1+):
 * UniformHomogeneousAssignmentBuilderTest.java and RangeAssignorTest.java. The heterogeneous cases borrow
 * UniformHeterogeneousAssignmentBuilderTest's method names for similar scenarios, but their inputs and expectations
 * were worked out here by hand from the ported builder (that test file was not retold line by line). Kafka's topic ids are random or fixed Uuids iterated through
 * HashSets, so where an exact expectation depends on that order the test asserts the properties (sizes, stickiness)
 * instead and says so; with names in `<` order the exact output here is asserted too where it is easy to check.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TopicPartition } from '../../shared/topicPartition';
import { assignorGroupArb, holding, sizes, tp, tps, type Assignment } from '../testing';
import { assignConsumerGroup, type ServerAssignorMember, type ServerAssignorName } from './serverAssignors';

const member = (memberId: string, subscribedTopics: string[], current: TopicPartition[] = [], instanceId?: string): ServerAssignorMember =>
  instanceId === undefined ? { memberId, subscribedTopics, current } : { memberId, subscribedTopics, current, instanceId };
const members = (ids: string[], topics: string[]): ServerAssignorMember[] => ids.map((id) => member(id, topics));
const uniform = (list: readonly ServerAssignorMember[], counts: Record<string, number>): Assignment => assignConsumerGroup('uniform', list, counts);
const range = (list: readonly ServerAssignorMember[], counts: Record<string, number>): Assignment => assignConsumerGroup('range', list, counts);
const t1 = 'topic1';
const t2 = 'topic2';
const t3 = 'topic3';

describe('uniform, homogeneous (UniformHomogeneousAssignmentBuilderTest, KAFKA-18688 form)', () => {
  it('testOneMemberNoTopicSubscription: the member is present with nothing (Kafka returns an empty map)', () => {
    expect(uniform([member('A', [])], { [t1]: 3 })).toEqual({ A: [] });
  });

  it('testOneMemberSubscribedToNonexistentTopic: ignored here (Kafka throws PartitionAssignorException)', () => {
    expect(uniform([member('A', [t2])], { [t1]: 3 })).toEqual({ A: [] });
  });

  it('testFirstAssignmentTwoMembersTwoTopicsNoMemberRacks: 2 and 3, the extra to the last member', () => {
    // Kafka expects A: topic3 0-1, B: topic1 0-2 (its HashSet put topic3 first); here topic1 comes first.
    const result = uniform(members(['A', 'B'], [t1, t3]), { [t1]: 3, [t3]: 2 });
    expect(result).toEqual({ A: tps(t1, 0, 1), B: [tp(t1, 2), ...tps(t3, 0, 1)] });
  });

  it('testFirstAssignmentNumMembersGreaterThanTotalNumPartitions: the first member gets nothing (exactly as Kafka)', () => {
    expect(uniform(members(['A', 'B', 'C'], [t3]), { [t3]: 2 })).toEqual({ A: [], B: tps(t3, 0), C: tps(t3, 1) });
  });

  it('testValidityAndBalanceForLargeSampleSet: 49 members, 100 topics of 3 partitions', () => {
    const topics = Array.from({ length: 100 }, (_, i) => `topic-${i + 1}`);
    const counts = Object.fromEntries(topics.map((t) => [t, 3]));
    const group = members(
      Array.from({ length: 49 }, (_, i) => `member${i + 1}`),
      topics,
    );
    const result = uniform(group, counts);
    expectExactlyOnce(result, counts, topics);
    expect(Math.max(...sizes(result)) - Math.min(...sizes(result))).toBeLessThanOrEqual(1);
  });

  it('testReassignmentForTwoMembersTwoTopicsGivenUnbalancedPrevAssignment (exactly as Kafka)', () => {
    const result = uniform([member('A', [t1, t2], [...tps(t1, 0, 1), ...tps(t2, 0, 1)]), member('B', [t1, t2], [tp(t1, 2), tp(t2, 2)])], { [t1]: 3, [t2]: 3 });
    expect(result).toEqual({ A: [...tps(t1, 0, 1), tp(t2, 0)], B: [tp(t1, 2), ...tps(t2, 1, 2)] });
  });

  it('testReassignmentWhenPartitionsAreAddedForTwoMembersTwoTopics: both keep everything, 5 and 6', () => {
    // Kafka hands A topic2 3-4 and B topic1 3-5 (topic2 first in its HashSet); here the new partitions go in name order.
    const result = uniform([member('A', [t1, t2], [...tps(t1, 0, 2), tp(t2, 0)]), member('B', [t1, t2], [tp(t1, 1), ...tps(t2, 1, 2)])], { [t1]: 6, [t2]: 5 });
    expect(result).toEqual({ A: [...tps(t1, 0, 2, 3, 4), tp(t2, 0)], B: [...tps(t1, 1, 5), ...tps(t2, 1, 2, 3, 4)] });
  });

  it('testReassignmentWhenOneMemberAddedAfterInitialAssignmentWithTwoMembersTwoTopics (exactly as Kafka)', () => {
    const result = uniform([member('A', [t1, t2], [...tps(t1, 0, 2), tp(t2, 0)]), member('B', [t1, t2], [tp(t1, 1), ...tps(t2, 1, 2)]), member('C', [t1, t2])], { [t1]: 3, [t2]: 3 });
    expect(result).toEqual({ A: tps(t1, 0, 2), B: [tp(t1, 1), tp(t2, 1)], C: tps(t2, 0, 2) });
  });

  it('testReassignmentWhenOneMemberRemovedAfterInitialAssignmentWithThreeMembersTwoTopics: C leaves, its partitions split', () => {
    const result = uniform([member('A', [t1, t2], [tp(t1, 0), tp(t2, 0)]), member('B', [t1, t2], [tp(t1, 1), tp(t2, 1)])], { [t1]: 3, [t2]: 3 });
    expect(result).toEqual({ A: [tp(t1, 0), tp(t1, 2), tp(t2, 0)], B: [tp(t1, 1), ...tps(t2, 1, 2)] });
  });

  it('testReassignmentWhenOneSubscriptionRemovedAfterInitialAssignmentWithTwoMembersTwoTopics: topic2 partitions dropped', () => {
    const result = uniform([member('A', [t2], [tp(t1, 0), tp(t2, 0)]), member('B', [t2], [tp(t1, 1), ...tps(t2, 1, 2)])], { [t1]: 2, [t2]: 3 });
    expect(result).toEqual({ A: tps(t2, 0), B: tps(t2, 1, 2) });
  });

  it('KAFKA-18688: a balanced assignment whose extra partitions sit on later members does not move', () => {
    // Before the fix the first member in order had to hold the extra: A would have taken one from C.
    const current = { A: tps('t', 0, 1), B: tps('t', 2, 3), C: tps('t', 4, 5, 6) };
    const group = Object.entries(current).map(([id, held]) => member(id, ['t'], held));
    expect(uniform(group, { t: 7 })).toEqual(current);
  });

  it('a member holding too much keeps its lowest partitions; the others take the rest', () => {
    expect(uniform([member('A', ['t'], tps('t', 0, 1, 2, 3, 4, 5)), member('B', ['t'])], { t: 6 })).toEqual({ A: tps('t', 0, 1, 2), B: tps('t', 3, 4, 5) });
  });
});

describe('uniform, heterogeneous (scenarios after UniformHeterogeneousAssignmentBuilderTest, expectations worked by hand)', () => {
  it('testTwoMembersNoTopicSubscription / one member with no topics: it gets nothing', () => {
    expect(uniform([member('A', [t1, t2]), member('B', [])], { [t1]: 3, [t2]: 2 })).toEqual({ A: [...tps(t1, 0, 1, 2), ...tps(t2, 0, 1)], B: [] });
  });

  it('testFirstAssignmentThreeMembersThreeTopicsDifferentSubscriptions: subscribed topics only, every partition once', () => {
    const group = [member('A', [t1, t2]), member('B', [t3]), member('C', [t2, t3])];
    const counts = { [t1]: 3, [t2]: 3, [t3]: 2 };
    const result = uniform(group, counts);
    // Topic order: topic1 (3 per subscriber), then topic2 (1.5), then topic3 (1). A takes topic1; topic2 goes to the
    // least-loaded C, round after round (A, at 3, never joins C's range before C reaches 3); topic3 goes to B. The
    // balancing pass finds each topic's subscribers within one of each other (A/C 3/3, B/C 2/3) and moves nothing.
    expect(result).toEqual({ A: tps(t1, 0, 1, 2), B: tps(t3, 0, 1), C: tps(t2, 0, 1, 2) });
    expectSubscribedOnly(group, result);
    expectExactlyOnce(result, counts, [t1, t2, t3]);
  });

  it('testFirstAssignmentNumMembersGreaterThanTotalNumPartitions: some members get nothing', () => {
    const group = [member('A', [t3]), member('B', [t3]), member('C', [t1, t3])];
    const result = uniform(group, { [t1]: 1, [t3]: 1 });
    expectExactlyOnce(result, { [t1]: 1, [t3]: 1 }, [t1, t3]);
    expect(sizes(result).filter((n) => n === 0)).toHaveLength(1);
  });

  it('testReassignmentWhenOneMemberAddedAndPartitionsAddedTwoMembersTwoTopics-style: kept partitions stay where balance allows', () => {
    const group = [member('A', [t1, t2], tps(t1, 0, 1, 2)), member('B', [t2], tps(t2, 0, 1)), member('C', [t1])];
    const result = uniform(group, { [t1]: 4, [t2]: 2 });
    expectSubscribedOnly(group, result);
    expectExactlyOnce(result, { [t1]: 4, [t2]: 2 }, [t1, t2]);
    // B keeps topic2; topic1's 4 partitions split 2/2 between A and C, A keeping the lowest two.
    expect(result).toEqual({ A: tps(t1, 0, 1), B: tps(t2, 0, 1), C: tps(t1, 2, 3) });
  });

  it('balance phase: the most-loaded subscriber gives its highest partitions to the least-loaded one', () => {
    // A holds all of topic2; topic2 (3 per subscriber) is balanced before topic1 (1 per subscriber).
    const group = [member('A', [t1, t2], tps(t2, 0, 1, 2, 3, 4, 5)), member('B', [t1]), member('C', [t2])];
    expect(uniform(group, { [t1]: 2, [t2]: 6 })).toEqual({ A: tps(t2, 0, 1, 2), B: tps(t1, 0, 1), C: tps(t2, 3, 4, 5) });
  });

  it('balance phase: a most-loaded member holding none of the topic is skipped (excludeMostLoadedMember)', () => {
    // topic1: A (6 partitions, all of topic2) is the most loaded subscriber but has no topic1 partition to give; D does.
    const group = [member('A', [t1, t2], tps(t2, 0, 1, 2, 3, 4, 5)), member('B', [t1]), member('D', [t1], tps(t1, 0, 1, 2, 3))];
    const result = uniform(group, { [t1]: 4, [t2]: 6 });
    expect(result).toEqual({ A: tps(t2, 0, 1, 2, 3, 4, 5), B: tps(t1, 2, 3), D: tps(t1, 0, 1) });
  });

  it('running again on its own result changes nothing', () => {
    const group = [member('A', [t1, t2]), member('B', [t3]), member('C', [t2, t3]), member('D', [t1])];
    const counts = { [t1]: 5, [t2]: 4, [t3]: 3 };
    const first = uniform(group, counts);
    expect(uniform(holding(group, first), counts)).toEqual(first);
  });
});

describe('range (RangeAssignorTest, 4.x: not sticky except through instance ids)', () => {
  it('testOneMemberNoTopic', () => {
    expect(range([member('A', [])], {})).toEqual({ A: [] });
  });

  it('testOneMemberSubscribedToNonExistentTopic: ignored here (Kafka throws)', () => {
    expect(range([member('A', [t2])], { [t1]: 3 })).toEqual({ A: [] });
  });

  it('testFirstAssignmentTwoMembersTwoTopicsSameSubscriptions (exactly as Kafka)', () => {
    expect(range(members(['A', 'B'], [t1, t3]), { [t1]: 3, [t3]: 2 })).toEqual({ A: [...tps(t1, 0, 1), tp(t3, 0)], B: [tp(t1, 2), tp(t3, 1)] });
  });

  it('testFirstAssignmentThreeMembersThreeTopicsDifferentSubscriptions (exactly as Kafka)', () => {
    const result = range([member('A', [t1, t2]), member('B', [t3]), member('C', [t2, t3])], { [t1]: 3, [t2]: 3, [t3]: 2 });
    expect(result).toEqual({ A: [...tps(t1, 0, 1, 2), ...tps(t2, 0, 1)], B: tps(t3, 0), C: [tp(t2, 2), tp(t3, 1)] });
  });

  it('testFirstAssignmentNumMembersGreaterThanNumPartitions (exactly as Kafka)', () => {
    expect(range(members(['A', 'B', 'C'], [t1, t3]), { [t1]: 3, [t3]: 2 })).toEqual({ A: [tp(t1, 0), tp(t3, 0)], B: [tp(t1, 1), tp(t3, 1)], C: tps(t1, 2) });
  });

  it('testStaticMembership: a static member rejoining under a new member id gets the same partitions', () => {
    const before = range([member('A', [t1], [], 'instanceA'), member('B', [t1], [], 'instanceB')], { [t1]: 3 });
    const after = range([member('memberA1', [t1], [], 'instanceA'), member('B', [t1], [], 'instanceB')], { [t1]: 3 });
    expect(after.memberA1).toEqual(before.A);
    expect(after.B).toEqual(before.B);
  });

  it('testMixedStaticMembership: static members first by instance id, then dynamic ones', () => {
    const before = range([member('A', [t1], [], 'instanceA'), member('C', [t1], [], 'instanceC'), member('B', [t1])], { [t1]: 5 });
    expect(before).toEqual({ A: tps(t1, 0, 1), B: tps(t1, 4), C: tps(t1, 2, 3) });
    const after = range([member('memberA1', [t1], [], 'instanceA'), member('C', [t1], [], 'instanceC'), member('B', [t1])], { [t1]: 5 });
    expect(after).toEqual({ B: before.B, C: before.C, memberA1: before.A });
  });

  it('testReassignmentNumMembersGreaterThanNumPartitionsWhenOneMemberAdded: C gets nothing, A and B keep theirs', () => {
    const result = range([member('A', [t1, t2], [tp(t1, 0), tp(t2, 0)]), member('B', [t1, t2], [tp(t1, 1), tp(t2, 1)]), member('C', [t1, t2])], { [t1]: 2, [t2]: 2 });
    expect(result).toEqual({ A: [tp(t1, 0), tp(t2, 0)], B: [tp(t1, 1), tp(t2, 1)], C: [] });
  });

  it('current holdings play no part: the same order gives the same ranges', () => {
    const fresh = range(members(['A', 'B'], ['t']), { t: 4 });
    expect(range([member('A', ['t'], tps('t', 2, 3)), member('B', ['t'], tps('t', 0, 1))], { t: 4 })).toEqual(fresh);
  });
});

describe('edges', () => {
  const both: ServerAssignorName[] = ['uniform', 'range'];

  it.each(both)('%s: zero members', (name) => {
    expect(assignConsumerGroup(name, [], { t: 3 })).toEqual({});
  });

  it.each(both)('%s: topics and members named __proto__, constructor or toString are ordinary names', (name) => {
    const counts = JSON.parse('{"__proto__": 2, "constructor": 1}') as Record<string, number>;
    const result = assignConsumerGroup(name, [member('__proto__', ['__proto__', 'constructor']), member('toString', ['__proto__', 'constructor', 'hasOwnProperty'])], counts);
    expect(Object.keys(result)).toEqual(['__proto__', 'toString']);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    const own = new Map(Object.entries(result));
    expect([...own.values()].flat()).toHaveLength(3);
    for (const list of own.values()) for (const p of list) expect(['__proto__', 'constructor']).toContain(p.topic);
  });

  it.each(both)('%s: is pure, and members are ordered by id with `<` whatever the input order', (name) => {
    const group = [member('b', ['t'], tps('t', 2, 0)), member('B', ['t']), member('a', ['t'])];
    const counts = { t: 5 };
    const before = structuredClone({ group, counts });
    const result = assignConsumerGroup(name, Object.freeze(group), Object.freeze(counts));
    expect({ group, counts }).toEqual(before);
    expect(Object.keys(result)).toEqual(['B', 'a', 'b']);
    expect(assignConsumerGroup(name, [...group].reverse(), counts)).toEqual(result);
  });

  it.each(both)('%s: rejects a member listed twice', (name) => {
    expect(() => assignConsumerGroup(name, [member('A', ['t']), member('A', ['t'])], { t: 1 })).toThrow(/"A" is listed twice/);
  });

  it('uniform drops stale holdings: other topics, deleted topics, partitions beyond the count, a partition held twice', () => {
    const result = uniform([member('A', ['t'], [tp('t', 0), tp('t', 9), tp('old', 0), tp('gone', 1)]), member('B', ['t'], [tp('t', 0), tp('t', 1)])], { t: 2, old: 1 });
    expect(result).toEqual({ A: tps('t', 0), B: tps('t', 1) });
  });
});

describe('properties', () => {
  const groupArb = assignorGroupArb({ maxPartitions: 8, maxMembers: 10 });

  it('uniform homogeneous: every partition exactly once, counts within 1, stable on its own output', () => {
    fc.assert(
      fc.property(groupArb({ min: 1, max: 3 }), ({ topics, counts, group }) => {
        const list = group.map((g) => member(g.memberId, topics, g.current));
        const result = uniform(list, counts);
        expect(Object.keys(result).sort()).toEqual(list.map((m) => m.memberId).sort());
        expectExactlyOnce(result, counts, topics);
        expect(Math.max(...sizes(result)) - Math.min(...sizes(result))).toBeLessThanOrEqual(1);
        expectSorted(result);
        expect(uniform(holding(list, result), counts)).toEqual(result);
      }),
      { numRuns: 300 },
    );
  });

  it('uniform homogeneous: a member keeps what it held, up to ⌊P/M⌋, when its holdings were valid and disjoint', () => {
    fc.assert(
      fc.property(groupArb({ min: 1, max: 2 }), ({ topics, counts, group }) => {
        const list = group.map((g) => member(g.memberId, topics, []));
        const first = uniform(list, counts);
        // One member leaves: everyone else keeps every partition it had.
        const rest = holding(list, first).slice(1);
        if (rest.length === 0) return;
        const second = uniform(rest, counts);
        for (const m of rest) for (const p of m.current) expect(second[m.memberId]).toContainEqual(p);
      }),
      { numRuns: 200 },
    );
  });

  it('uniform heterogeneous: subscribed topics only, every partition of a subscribed topic exactly once, stable', () => {
    fc.assert(
      fc.property(groupArb({ min: 2, max: 3 }), ({ topics, counts, group }) => {
        const list = group.map((g) =>
          member(
            g.memberId,
            topics.filter((_, j) => ((g.bits >> j) & 1) === 1),
            g.current,
          ),
        );
        const result = uniform(list, counts);
        expectSubscribedOnly(list, result);
        expectSorted(result);
        const subscribed = topics.filter((t) => list.some((m) => m.subscribedTopics.includes(t)));
        expectExactlyOnce(result, counts, subscribed);
        expect(uniform(holding(list, result), counts)).toEqual(result);
      }),
      { numRuns: 300 },
    );
  });

  it('range: per topic, contiguous ranges in member order, the first P mod M one larger; co-partitioned', () => {
    fc.assert(
      fc.property(groupArb({ min: 1, max: 3 }), ({ topics, counts, group }) => {
        const list = group.map((g) =>
          member(
            g.memberId,
            topics.filter((_, j) => ((g.bits >> j) & 1) === 1),
            g.current,
          ),
        );
        const result = range(list, counts);
        expectSubscribedOnly(list, result);
        expectSorted(result);
        const ordered = [...list].sort((x, y) => (x.memberId < y.memberId ? -1 : 1));
        for (const topic of topics) {
          const subscribers = ordered.filter((m) => m.subscribedTopics.includes(topic));
          const count = counts[topic]!;
          let next = 0;
          subscribers.forEach((m, i) => {
            const size = Math.floor(count / subscribers.length) + (i < count % subscribers.length ? 1 : 0);
            const expected = Array.from({ length: size }, (_, k) => next + k);
            expect(result[m.memberId]!.filter((p) => p.topic === topic).map((p) => p.partition)).toEqual(expected);
            next += size;
          });
        }
        // Co-partitioning: same subscriptions and equal counts give each member the same numbers from every topic.
        const homogeneous = list.every((m) => m.subscribedTopics.join() === topics.join());
        const equalCounts = topics.every((t) => counts[t] === counts[topics[0]!]);
        if (homogeneous && equalCounts) {
          for (const m of list) {
            const numbers = topics.map((t) => result[m.memberId]!.filter((p) => p.topic === t).map((p) => p.partition));
            for (const n of numbers) expect(n).toEqual(numbers[0]);
          }
        }
        // Not sticky by holdings: the same group without them gets the same assignment.
        expect(
          range(
            list.map((m) => ({ ...m, current: [] })),
            counts,
          ),
        ).toEqual(result);
      }),
      { numRuns: 300 },
    );
  });
});

/** Every partition of the given topics held by exactly one member, and nothing else held. */
function expectExactlyOnce(result: Assignment, counts: Record<string, number>, topics: readonly string[]): void {
  const seen = Object.values(result)
    .flat()
    .map((p) => `${p.topic}-${p.partition}`)
    .sort();
  const expected = topics.flatMap((t) => Array.from({ length: counts[t]! }, (_, p) => `${t}-${p}`)).sort();
  expect(seen).toEqual(expected);
}

function expectSubscribedOnly(list: readonly ServerAssignorMember[], result: Assignment): void {
  for (const m of list) for (const p of result[m.memberId]!) expect(m.subscribedTopics).toContain(p.topic);
}

function expectSorted(result: Assignment): void {
  for (const list of Object.values(result)) {
    const sorted = [...list].sort((x, y) => (x.topic < y.topic ? -1 : x.topic > y.topic ? 1 : x.partition - y.partition));
    expect(list).toEqual(sorted);
  }
}
