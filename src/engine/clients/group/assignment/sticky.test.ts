/**
 * Cases ported from Kafka's AbstractStickyAssignorTest (run there for both StickyAssignor and
 * CooperativeStickyAssignor), no-rack configuration, generation 1 as in the Java tests. Exact
 * assignments where Kafka asserts them (some depend on java.util.HashMap's iteration order, which
 * javaOrder.ts reproduces); validity and balance via a port of verifyValidityAndBalance.
 */
import { describe, expect, it } from 'vitest';
import { assign } from './index';
import { tp, validityAndBalanceProblems } from './testing';
import type { AssignorMember } from './types';

const [topic, topic1, topic2] = ['topic', 'topic1', 'topic2'];
const [consumer1, consumer2, consumer3] = ['consumer1', 'consumer2', 'consumer3'];
const generationId = 1;

function member(memberId: string, topics: string[], owned: ReturnType<typeof tp>[] = [], generation = generationId): AssignorMember {
  return { memberId, topics, ownedPartitions: owned, generation };
}

function subscriptionsOf(members: AssignorMember[]): Record<string, string[]> {
  return Object.fromEntries(members.map((m) => [m.memberId, m.topics]));
}

describe('sticky (AbstractStickyAssignorTest)', () => {
  it('testOneConsumerNoTopic / testOneConsumerNonexistentTopic / testOnlyAssignsPartitionsFromSubscribedTopics', () => {
    expect(assign('sticky', [member('consumer', [])], {})).toEqual({ consumer: [] });
    expect(assign('sticky', [member('consumer', [topic])], { [topic]: 0 })).toEqual({ consumer: [] });
    const owned = [tp(topic, 0), tp(topic, 1), tp('other', 0), tp('other', 1)];
    expect(assign('sticky', [member('consumer', [topic], owned)], { [topic]: 2 })).toEqual({ consumer: [tp(topic, 0), tp(topic, 1)] });
  });

  it('testTwoConsumersOneTopicTwoPartitions', () => {
    expect(assign('sticky', [member(consumer1, [topic]), member(consumer2, [topic])], { [topic]: 2 })).toEqual({ consumer1: [tp(topic, 0)], consumer2: [tp(topic, 1)] });
  });

  it('testMultipleConsumersMixedTopicSubscriptions (the general path)', () => {
    const members = [member(consumer1, [topic1]), member(consumer2, [topic1, topic2]), member(consumer3, [topic1])];
    const ppt = { [topic1]: 3, [topic2]: 2 };
    const result = assign('sticky', members, ppt);
    expect(result).toEqual({ consumer1: [tp(topic1, 0), tp(topic1, 2)], consumer2: [tp(topic2, 0), tp(topic2, 1)], consumer3: [tp(topic1, 1)] });
    expect(validityAndBalanceProblems(subscriptionsOf(members), result, ppt)).toEqual([]);
  });

  it('testTwoConsumersTwoTopicsSixPartitions: a first assignment equals round-robin', () => {
    const result = assign('sticky', [member(consumer1, [topic1, topic2]), member(consumer2, [topic1, topic2])], { [topic1]: 3, [topic2]: 3 });
    expect(result).toEqual({ consumer1: [tp(topic1, 0), tp(topic1, 2), tp(topic2, 1)], consumer2: [tp(topic1, 1), tp(topic2, 0), tp(topic2, 2)] });
  });

  it('testConsumerOwningMinQuotaExpectedMaxQuota', () => {
    const topics = [topic1, topic2];
    const result = assign('sticky', [member(consumer1, topics, [tp(topic1, 0), tp(topic2, 1)]), member(consumer2, topics, [tp(topic1, 1), tp(topic2, 2)])], { [topic1]: 2, [topic2]: 3 });
    expect(result).toEqual({ consumer1: [tp(topic1, 0), tp(topic2, 0), tp(topic2, 1)], consumer2: [tp(topic1, 1), tp(topic2, 2)] });
  });

  it('testMaxQuotaConsumerMoreThanNumExpectedMaxCapacityMembers: HashMap order decides who keeps maxQuota', () => {
    const topics = [topic1, topic2];
    const members = [member(consumer1, topics, [tp(topic1, 0), tp(topic2, 0)]), member(consumer2, topics, [tp(topic1, 1), tp(topic2, 1)]), member(consumer3, topics, [])];
    const ppt = { [topic1]: 2, [topic2]: 2 };
    expect(assign('sticky', members, ppt)).toEqual({ consumer1: [tp(topic1, 0)], consumer2: [tp(topic1, 1), tp(topic2, 1)], consumer3: [tp(topic2, 0)] });
    // Cooperative: t2-0 moves from consumer1 to consumer3, so this round gives it to nobody.
    expect(assign('cooperative-sticky', members, ppt)).toEqual({ consumer1: [tp(topic1, 0)], consumer2: [tp(topic1, 1), tp(topic2, 1)], consumer3: [] });
  });

  it('testAllConsumersAreUnderMinQuota', () => {
    const topics = [topic1, topic2];
    const members = [member(consumer1, topics, [tp(topic1, 0)]), member(consumer2, topics, [tp(topic1, 1)]), member(consumer3, topics, [])];
    expect(assign('sticky', members, { [topic1]: 2, [topic2]: 3 })).toEqual({
      consumer1: [tp(topic1, 0), tp(topic2, 1)],
      consumer2: [tp(topic1, 1), tp(topic2, 2)],
      consumer3: [tp(topic2, 0)],
    });
  });

  it('testAddRemoveConsumerOneTopic: a new member takes only what must move', () => {
    const ppt = { [topic]: 3 };
    const first = assign('sticky', [member(consumer1, [topic])], ppt);
    expect(first).toEqual({ consumer1: [tp(topic, 0), tp(topic, 1), tp(topic, 2)] });
    const second = assign('sticky', [member(consumer1, [topic], first.consumer1), member(consumer2, [topic], [])], ppt);
    expect(second).toEqual({ consumer1: [tp(topic, 0), tp(topic, 1)], consumer2: [tp(topic, 2)] });
    // consumer1 leaves: consumer2 keeps its partition and takes the rest.
    const third = assign('sticky', [member(consumer2, [topic], second.consumer2)], ppt);
    expect(third).toEqual({ consumer2: [tp(topic, 0), tp(topic, 1), tp(topic, 2)] });
  });

  it('a partition claimed by two members of the same generation goes to neither as owned; the higher generation wins a double claim', () => {
    const ppt = { [topic]: 2 };
    const sameGeneration = assign('sticky', [member(consumer1, [topic], [tp(topic, 0)]), member(consumer2, [topic], [tp(topic, 0)])], ppt);
    expect(validityAndBalanceProblems({ consumer1: [topic], consumer2: [topic] }, sameGeneration, ppt)).toEqual([]);
    const newer = assign('sticky', [member(consumer1, [topic], [tp(topic, 0), tp(topic, 1)], 1), member(consumer2, [topic], [tp(topic, 0)], 2)], ppt);
    expect(newer).toEqual({ consumer1: [tp(topic, 1)], consumer2: [tp(topic, 0)] });
  });
});
