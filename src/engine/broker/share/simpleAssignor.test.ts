/**
 * The share group SimpleAssignor. The first block retells Kafka's SimpleAssignorTest in its 4.1+ form
 * (traceyyoshima/kafka@0f7eda9da5f92af5536e79019f887389da27232c, a fork of apache/kafka,
 * group-coordinator/src/test/java/org/apache/kafka/coordinator/group/assignor/SimpleAssignorTest.java). Kafka's
 * expectations there are mostly "every partition is assigned", because its member order is a HashMap's; with the
 * fixed order here the exact assignments are asserted too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TopicPartition } from '../../shared/topicPartition';
import { assignorGroupArb, holding, sizes, tp, tps, type Assignment } from '../testing';
import { assignShareGroup, type ShareAssignorMember } from './simpleAssignor';

const member = (memberId: string, subscribedTopics: string[], current: TopicPartition[] = []): ShareAssignorMember => ({ memberId, subscribedTopics, current });
const members = (ids: string[], topics: string[]): ShareAssignorMember[] => ids.map((id) => member(id, topics));

/** How many members hold each partition, keyed "topic-partition". */
function sharing(assignment: Assignment): Map<string, number> {
  const counts = new Map<string, number>();
  for (const list of Object.values(assignment)) for (const p of list) counts.set(`${p.topic}-${p.partition}`, (counts.get(`${p.topic}-${p.partition}`) ?? 0) + 1);
  return counts;
}
const t1 = 'topic1';
const t2 = 'topic2';
const t3 = 'topic3';
const t4 = 'topic4';

describe('SimpleAssignorTest (Kafka 4.1+)', () => {
  it('testAssignWithEmptyMembers: nothing to assign', () => {
    expect(assignShareGroup([], {})).toEqual({});
  });

  it('testAssignWithNoSubscribedTopic: the member is present with nothing (Kafka leaves it out of the map)', () => {
    expect(assignShareGroup([member('A', [])], { [t1]: 3 })).toEqual({ A: [] });
  });

  it('testAssignWithSubscribedToNonExistentTopic: ignored here (Kafka throws PartitionAssignorException)', () => {
    expect(assignShareGroup([member('A', [t2])], { [t1]: 3 })).toEqual({ A: [] });
  });

  it('testAssignWithTwoMembersAndTwoTopicsHomogeneous: 5 partitions, 3 and 2, none shared', () => {
    const result = assignShareGroup(members(['A', 'B'], [t1, t3]), { [t1]: 3, [t3]: 2 });
    expect(result).toEqual({ A: [...tps(t1, 0, 2), tp(t3, 1)], B: [tp(t1, 1), tp(t3, 0)] });
    expect(sharing(result).size).toBe(5);
  });

  it('testAssignWithThreeMembersThreeTopicsHeterogeneous: each topic balanced among its own subscribers', () => {
    const result = assignShareGroup([member('A', [t1, t2]), member('B', [t3]), member('C', [t2, t3])], { [t1]: 3, [t2]: 3, [t3]: 2 });
    expect(result).toEqual({ A: [...tps(t1, 0, 1, 2), ...tps(t2, 0, 2)], B: [tp(t3, 0)], C: [tp(t2, 1), tp(t3, 1)] });
    expect(sharing(result).size).toBe(8);
  });

  it('testAssignWithThreeMembersThreeTopicsHeterogeneousWithNonAssignableTopic: topic3 absent here, same expectation as Kafka', () => {
    const result = assignShareGroup([member('A', [t1, t2]), member('B', [t3]), member('C', [t2, t3])], { [t1]: 3, [t2]: 3 });
    expect(result).toEqual({ A: [...tps(t1, 0, 1, 2), ...tps(t2, 0, 2)], B: [], C: [tp(t2, 1)] });
  });

  it('testAssignWithOneMemberNoAssignedTopicHeterogeneous', () => {
    const result = assignShareGroup([member('A', [t1, t2]), member('B', [])], { [t1]: 3, [t2]: 2 });
    expect(result).toEqual({ A: [...tps(t1, 0, 1, 2), ...tps(t2, 0, 1)], B: [] });
  });

  it('testIncrementalAssignmentIncreasingMembersHomogeneous: 24 partitions, members M0..M100 join one at a time', () => {
    let group: ShareAssignorMember[] = [];
    for (let m = 0; m < 101; m++) {
      group = [...group, member(`M${m}`, [t1])];
      const result = assignShareGroup(group, { [t1]: 24 });
      expectEvenlyShared(result, group.length, 24);
      group = holding(group, result);
    }
  });

  it('testIncrementalAssignmentDecreasingMembersHomogeneous: 101 members leave one at a time down to M0', () => {
    let group = members(
      Array.from({ length: 101 }, (_, m) => `M${m}`),
      [t1],
    );
    group = holding(group, assignShareGroup(group, { [t1]: 24 }));
    for (let m = 100; m > 0; m--) {
      group = group.filter((g) => g.memberId !== `M${m}`);
      const result = assignShareGroup(group, { [t1]: 24 });
      expectEvenlyShared(result, group.length, 24);
      group = holding(group, result);
    }
  });

  it('testAssignWithCurrentAssignmentHeterogeneous: subscriptions and topics change; kept partitions stay put', () => {
    const first = assignShareGroup([member('A', [t1, t2]), member('B', [t3]), member('C', [t2, t3])], { [t1]: 3, [t2]: 3, [t3]: 2 });
    expect(sharing(first).size).toBe(8);
    // Kafka's second round starts from a given assignment, not from the first round's result.
    const second = assignShareGroup([member('A', [t1, t2, t3], [...tps(t1, 0, 1, 2), ...tps(t2, 0, 2)]), member('B', [t3, t4], tps(t3, 0, 1))], { [t1]: 3, [t2]: 3, [t3]: 2, [t4]: 1 });
    expect(second).toEqual({ A: [...tps(t1, 0, 1, 2), ...tps(t2, 0, 1, 2), tp(t3, 1)], B: [tp(t3, 0), tp(t4, 0)] });
    expect(sharing(second).size).toBe(9);
  });

  // Kafka's heterogeneous incremental tests: 24 partitions over three topics, members cycling through four subscriptions.
  const heterogeneousCounts = { [t1]: 12, [t2]: 8, [t3]: 4 };
  const subscriptionOf = (m: number): string[] => [[t1, t2, t3], [t2], [t3], [t1, t2]][m % 4]!;

  it('testIncrementalAssignmentIncreasingMembersHeterogeneous', () => {
    let group: ShareAssignorMember[] = [];
    for (let m = 0; m < 101; m++) {
      group = [...group, member(`M${m}`, subscriptionOf(m))];
      const result = assignShareGroup(group, heterogeneousCounts);
      expect(sharing(result).size).toBe(24);
      expectSubscribedOnly(group, result);
      group = holding(group, result);
    }
  });

  it('testIncrementalAssignmentDecreasingMembersHeterogeneous', () => {
    let group = Array.from({ length: 101 }, (_, m) => member(`M${m}`, subscriptionOf(m)));
    group = holding(group, assignShareGroup(group, heterogeneousCounts));
    for (let m = 100; m > 0; m--) {
      group = group.filter((g) => g.memberId !== `M${m}`);
      const result = assignShareGroup(group, heterogeneousCounts);
      expect(sharing(result).size).toBe(24);
      expectSubscribedOnly(group, result);
      group = holding(group, result);
    }
  });
});

describe('worked examples (kafka-facts-next 1.12)', () => {
  it('3 members, 10 partitions: 4/3/3, none shared', () => {
    expect(assignShareGroup(members(['A', 'B', 'C'], ['t']), { t: 10 })).toEqual({ A: tps('t', 0, 3, 6, 9), B: tps('t', 1, 4, 7), C: tps('t', 2, 5, 8) });
  });

  it('2 members, 10 partitions: 5/5', () => {
    expect(assignShareGroup(members(['A', 'B'], ['t']), { t: 10 })).toEqual({ A: tps('t', 0, 2, 4, 6, 8), B: tps('t', 1, 3, 5, 7, 9) });
  });

  it('3 members, 3 partitions: 1/1/1', () => {
    expect(assignShareGroup(members(['A', 'B', 'C'], ['t']), { t: 3 })).toEqual({ A: tps('t', 0), B: tps('t', 1), C: tps('t', 2) });
  });

  it('5 members, 3 partitions: 2/1/1/1/1 and every partition has 2 members', () => {
    const result = assignShareGroup(members(['A', 'B', 'C', 'D', 'E'], ['t']), { t: 3 });
    expect(result).toEqual({ A: tps('t', 0, 2), B: tps('t', 0), C: tps('t', 1), D: tps('t', 1), E: tps('t', 2) });
    expect([...sharing(result).values()]).toEqual([2, 2, 2]);
  });

  it('7 members, 29 partitions: exactly 29 slots in integers (Java doubles make 30: 5,4,4,4,4,4,5)', () => {
    const result = assignShareGroup(members(['A', 'B', 'C', 'D', 'E', 'F', 'G'], ['t']), { t: 29 });
    expect(sizes(result)).toEqual([5, 4, 4, 4, 4, 4, 4]);
    expect([...sharing(result).values()]).toEqual(new Array(29).fill(1));
  });

  it('members are ordered by id with `<`, not by the order given nor by locale', () => {
    const ids = ['b', 'B', 'a', 'A'];
    const result = assignShareGroup(members(ids, ['t']), { t: 6 });
    // Code-unit order A < B < a < b (localeCompare would give a, A, b, B). Targets 2,1,2,1: A and a take the extras.
    expect(Object.keys(result)).toEqual(['A', 'B', 'a', 'b']);
    expect(result).toEqual({ A: tps('t', 0, 4), B: tps('t', 1), a: tps('t', 2, 5), b: tps('t', 3) });
    expect(assignShareGroup(members([...ids].reverse(), ['t']), { t: 6 })).toEqual(result);
  });
});

describe('stickiness', () => {
  const abc = { A: tps('t', 0, 3, 6, 9), B: tps('t', 1, 4, 7), C: tps('t', 2, 5, 8) };

  it('a member leaving moves only its partitions', () => {
    const result = assignShareGroup([member('A', ['t'], abc.A), member('C', ['t'], abc.C)], { t: 10 });
    expect(result).toEqual({ A: tps('t', 0, 1, 3, 6, 9), C: tps('t', 2, 4, 5, 7, 8) });
  });

  it('a member joining takes partitions from the fullest', () => {
    const result = assignShareGroup([member('A', ['t'], tps('t', 0, 1, 2, 3, 4, 5)), member('B', ['t'], tps('t', 6, 7, 8)), member('C', ['t'])], { t: 9 });
    expect(result).toEqual({ A: tps('t', 0, 1, 2), B: tps('t', 6, 7, 8), C: tps('t', 3, 4, 5) });
  });

  it('a member joining takes one from each member now over its target, and nothing else moves', () => {
    const current = { A: tps('t', 0, 3, 6), B: tps('t', 1, 4, 7), C: tps('t', 2, 5, 8) };
    const result = assignShareGroup([...Object.entries(current).map(([id, held]) => member(id, ['t'], held)), member('D', ['t'])], { t: 9 });
    // Targets for 4 members on 9 partitions: 3,2,2,2.
    expect(result).toEqual({ A: tps('t', 0, 3, 6), B: tps('t', 1, 4), C: tps('t', 2, 5), D: tps('t', 7, 8) });
  });

  it('balance wins: an over-filled member gives up partitions even though it holds them', () => {
    const result = assignShareGroup([member('A', ['t'], tps('t', 0, 1, 2, 3)), member('B', ['t'])], { t: 4 });
    expect(result).toEqual({ A: tps('t', 0, 1), B: tps('t', 2, 3) });
  });

  it('an over-filled member gives up an over-shared partition first, settling both excesses with one move', () => {
    // 3 members, 3 partitions: one each. A holds t-0 and t-1, B also holds t-1.
    const result = assignShareGroup([member('A', ['t'], tps('t', 0, 1)), member('B', ['t'], tps('t', 1)), member('C', ['t'])], { t: 3 });
    expect(result).toEqual({ A: tps('t', 0), B: tps('t', 1), C: tps('t', 2) });
  });

  it('drops partitions of topics no longer subscribed, of deleted topics, and beyond the partition count', () => {
    const result = assignShareGroup([member('A', ['t'], [tp('t', 0), tp('t', 7), tp('old', 0), tp('gone', 1)]), member('B', ['t'])], { t: 2, old: 1 });
    expect(result).toEqual({ A: tps('t', 0), B: tps('t', 1) });
  });

  it('running again on its own result changes nothing', () => {
    const group = members(['A', 'B', 'C', 'D', 'E'], ['t', 'u']);
    const first = assignShareGroup(group, { t: 2, u: 1 });
    expect(assignShareGroup(holding(group, first), { t: 2, u: 1 })).toEqual(first);
  });
});

describe('more members than partitions: sharing', () => {
  it('a sixth member on 3 partitions: still 2 per partition, now one partition per member', () => {
    const five = assignShareGroup(members(['A', 'B', 'C', 'D', 'E'], ['t']), { t: 3 });
    const group = [...holding(members(['A', 'B', 'C', 'D', 'E'], ['t']), five), member('F', ['t'])];
    expect(assignShareGroup(group, { t: 3 })).toEqual({ A: tps('t', 0), B: tps('t', 0), C: tps('t', 1), D: tps('t', 1), E: tps('t', 2), F: tps('t', 2) });
  });

  it('a partition held by more than desiredSharing members keeps its first holders', () => {
    const group = ['A', 'B', 'C', 'D'].map((id) => member(id, ['t'], tps('t', 0)));
    expect(assignShareGroup(group, { t: 2 })).toEqual({ A: tps('t', 0), B: tps('t', 0), C: tps('t', 1), D: tps('t', 1) });
  });

  it('when the hand-out is stuck (the only short member holds the short partition), a swap fills every slot', () => {
    // 3 members, 2 partitions: 2 per partition, targets 2,1,1. A holds t-0; B and C hold t-1. Only A is short, and
    // only t-0 needs a member. Kafka would stop there (t-0 with one member); B gives t-1 to A and takes t-0.
    const result = assignShareGroup([member('A', ['t'], tps('t', 0)), member('B', ['t'], tps('t', 1)), member('C', ['t'], tps('t', 1))], { t: 2 });
    expect(result).toEqual({ A: tps('t', 0, 1), B: tps('t', 0), C: tps('t', 1) });
  });
});

describe('edges', () => {
  it('zero members', () => {
    expect(assignShareGroup([], { t: 3 })).toEqual({});
  });

  it('a member subscribing to no existing topic gets nothing; the others share everything', () => {
    expect(assignShareGroup([member('A', ['t']), member('B', ['missing'])], { t: 2 })).toEqual({ A: tps('t', 0, 1), B: [] });
  });

  it('topics and members named __proto__, constructor or toString are ordinary names', () => {
    const counts = JSON.parse('{"__proto__": 2, "constructor": 1}') as Record<string, number>;
    const result = assignShareGroup([member('__proto__', ['__proto__', 'constructor']), member('toString', ['__proto__', 'constructor', 'hasOwnProperty'])], counts);
    expect(Object.keys(result)).toEqual(['__proto__', 'toString']);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    const own = new Map(Object.entries(result));
    expect(own.get('__proto__')).toEqual([tp('__proto__', 0), tp('constructor', 0)]);
    expect(own.get('toString')).toEqual([tp('__proto__', 1)]);
  });

  it('is pure: inputs are not changed', () => {
    const group = [member('B', ['t'], tps('t', 2, 0, 1)), member('A', ['t'])];
    const counts = { t: 3 };
    const before = structuredClone({ group, counts });
    assignShareGroup(Object.freeze(group), Object.freeze(counts));
    expect({ group, counts }).toEqual(before);
  });

  it('rejects a member listed twice', () => {
    expect(() => assignShareGroup([member('A', ['t']), member('A', ['t'])], { t: 1 })).toThrow(/"A" is listed twice/);
  });
});

describe('properties', () => {
  const groupArb = assignorGroupArb({ maxPartitions: 6, maxMembers: 12 });

  it('homogeneous (one or two topics, up to 12 partitions): exactly ceil(M/P) members per partition, counts within 1, stable', () => {
    fc.assert(
      fc.property(groupArb({ min: 1, max: 2 }), ({ topics, counts, group }) => {
        const list = group.map((g) => member(g.memberId, topics, g.current));
        const result = assignShareGroup(list, counts);
        const partitionTotal = Object.values(counts).reduce((n, c) => n + c, 0);
        const desiredSharing = Math.ceil(list.length / partitionTotal);
        expect(Object.keys(result).sort()).toEqual(list.map((m) => m.memberId).sort());
        const shared = sharing(result);
        expect(shared.size).toBe(partitionTotal);
        for (const n of shared.values()) {
          expect(n).toBeGreaterThanOrEqual(1);
          expect(n).toBeLessThanOrEqual(desiredSharing);
          if (list.length <= partitionTotal) expect(n).toBe(1);
        }
        expect(Math.max(...sizes(result)) - Math.min(...sizes(result))).toBeLessThanOrEqual(1);
        expect(sizes(result).reduce((n, s) => n + s, 0)).toBe(desiredSharing * partitionTotal);
        expectSorted(result);
        expect(assignShareGroup(holding(list, result), counts)).toEqual(result);
      }),
      { numRuns: 300 },
    );
  });

  it('heterogeneous: subscribed topics only, every partition of a subscribed topic covered, per-topic balance, stable', () => {
    fc.assert(
      fc.property(groupArb({ min: 2, max: 3 }), ({ topics, counts, group }) => {
        const list = group.map((g) =>
          member(
            g.memberId,
            topics.filter((_, j) => ((g.bits >> j) & 1) === 1),
          ),
        );
        const withCurrent = list.map((m, i) => ({ ...m, current: group[i]!.current }));
        const result = assignShareGroup(withCurrent, counts);
        expectSubscribedOnly(list, result);
        expectSorted(result);
        const homogeneous = list.every((m) => m.subscribedTopics.join() === list[0]!.subscribedTopics.join());
        for (const topic of topics) {
          const subscribers = list.filter((m) => m.subscribedTopics.includes(topic));
          if (subscribers.length === 0) continue;
          const partitions = counts[topic]!;
          const desiredSharing = Math.ceil(subscribers.length / partitions);
          for (let p = 0; p < partitions; p++) {
            const holders = subscribers.filter((m) => result[m.memberId]!.some((q) => q.topic === topic && q.partition === p)).length;
            expect(holders).toBeGreaterThanOrEqual(1);
            expect(holders).toBeLessThanOrEqual(desiredSharing);
          }
          // A group whose subscriptions happen to be equal is balanced across all its partitions instead.
          const perTopic = subscribers.map((m) => result[m.memberId]!.filter((q) => q.topic === topic).length);
          if (!homogeneous) expect(Math.max(...perTopic) - Math.min(...perTopic)).toBeLessThanOrEqual(1);
        }
        expect(assignShareGroup(holding(withCurrent, result), counts)).toEqual(result);
      }),
      { numRuns: 300 },
    );
  });
});

/** Every partition of one topic held by exactly ceil(M/P) members, and member counts within one of each other. */
function expectEvenlyShared(result: Assignment, memberCount: number, partitions: number): void {
  const desiredSharing = Math.ceil(memberCount / partitions);
  expect([...sharing(result).values()]).toEqual(new Array(partitions).fill(desiredSharing));
  expect(Math.max(...sizes(result)) - Math.min(...sizes(result))).toBeLessThanOrEqual(1);
}

function expectSubscribedOnly(list: readonly ShareAssignorMember[], result: Assignment): void {
  for (const m of list) for (const p of result[m.memberId]!) expect(m.subscribedTopics).toContain(p.topic);
}

function expectSorted(result: Assignment): void {
  for (const list of Object.values(result)) {
    const sorted = [...list].sort((x, y) => (x.topic < y.topic ? -1 : x.topic > y.topic ? 1 : x.partition - y.partition));
    expect(list).toEqual(sorted);
  }
}
