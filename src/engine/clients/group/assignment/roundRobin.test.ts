/** Cases ported from Kafka's RoundRobinAssignorTest, expected values as in Kafka. */
import { describe, expect, it } from 'vitest';
import { assign } from './index';
import { tp } from './testing';

const t1 = 'topic1';
const t2 = 'topic2';

describe('roundrobin (RoundRobinAssignorTest)', () => {
  it('testOneConsumerNoTopic / testOneConsumerNonexistentTopic / testOneConsumerOneTopic', () => {
    expect(assign('roundrobin', [{ memberId: 'consumer', topics: [] }], {})).toEqual({ consumer: [] });
    expect(assign('roundrobin', [{ memberId: 'consumer', topics: ['topic'] }], {})).toEqual({ consumer: [] });
    expect(assign('roundrobin', [{ memberId: 'consumer', topics: ['topic'] }], { topic: 3 })).toEqual({ consumer: [tp('topic', 0), tp('topic', 1), tp('topic', 2)] });
  });

  it('testOneConsumerMultipleTopics', () => {
    expect(assign('roundrobin', [{ memberId: 'consumer', topics: [t1, t2] }], { [t1]: 1, [t2]: 2 })).toEqual({ consumer: [tp(t1, 0), tp(t2, 0), tp(t2, 1)] });
  });

  it('testMultipleConsumersMixedTopics: members not subscribed to a topic are skipped in the circle', () => {
    const result = assign(
      'roundrobin',
      [
        { memberId: 'consumer1', topics: [t1] },
        { memberId: 'consumer2', topics: [t1, t2] },
        { memberId: 'consumer3', topics: [t1] },
      ],
      { [t1]: 3, [t2]: 2 },
    );
    expect(result).toEqual({ consumer1: [tp(t1, 0)], consumer2: [tp(t1, 1), tp(t2, 0), tp(t2, 1)], consumer3: [tp(t1, 2)] });
  });

  it('testTwoDynamicConsumersTwoTopicsSixPartitions: the circle carries on across topics', () => {
    const result = assign(
      'roundrobin',
      [
        { memberId: 'consumer1', topics: [t1, t2] },
        { memberId: 'consumer2', topics: [t1, t2] },
      ],
      { [t1]: 3, [t2]: 3 },
    );
    expect(result).toEqual({ consumer1: [tp(t1, 0), tp(t1, 2), tp(t2, 1)], consumer2: [tp(t1, 1), tp(t2, 0), tp(t2, 2)] });
  });

  it('testTwoStaticConsumersTwoTopicsSixPartitions / testOneStaticConsumerAndOneDynamicConsumer...', () => {
    const ppt = { [t1]: 3, [t2]: 3 };
    const first = [tp(t1, 0), tp(t1, 2), tp(t2, 1)];
    const second = [tp(t1, 1), tp(t2, 0), tp(t2, 2)];
    expect(
      assign(
        'roundrobin',
        [
          { memberId: 'consumer-b', topics: [t1, t2], groupInstanceId: 'instance1' },
          { memberId: 'consumer-a', topics: [t1, t2], groupInstanceId: 'instance2' },
        ],
        ppt,
      ),
    ).toEqual({ 'consumer-b': first, 'consumer-a': second });
    expect(
      assign(
        'roundrobin',
        [
          { memberId: 'consumer-b', topics: [t1, t2], groupInstanceId: 'instance1' },
          { memberId: 'consumer-a', topics: [t1, t2] },
        ],
        ppt,
      ),
    ).toEqual({ 'consumer-b': first, 'consumer-a': second });
  });

  it('testStaticMemberAssignmentPersistent', () => {
    const ppt = { [t1]: 3, [t2]: 3 };
    const statics = [1, 2, 3].map((i) => ({ memberId: `consumer${i}`, topics: [t1, t2], groupInstanceId: `instance${i}` }));
    const expected = { consumer1: [tp(t1, 0), tp(t2, 1)], consumer2: [tp(t1, 1), tp(t2, 2)], consumer3: [tp(t1, 2)] };
    expect(assign('roundrobin', [...statics, { memberId: 'consumer4', topics: [t1, t2] }], ppt)).toEqual({ ...expected, consumer4: [tp(t2, 0)] });
    expect(assign('roundrobin', [...statics, { memberId: 'consumer5', topics: [t1, t2] }], ppt)).toEqual({ ...expected, consumer5: [tp(t2, 0)] });
  });

  it('testStaticMemberAssignmentPersistentAfterMemberIdChanges: the assignment follows instance ids', () => {
    const ppt = { [t1]: 3, [t2]: 3 };
    const byInstance = (members: { memberId: string; instance: string }[]) => {
      const result = assign(
        'roundrobin',
        members.map((m) => ({ memberId: m.memberId, topics: [t1, t2], groupInstanceId: m.instance })),
        ppt,
      );
      return Object.fromEntries(members.map((m) => [m.instance, result[m.memberId]]));
    };
    const before = byInstance([
      { memberId: 'consumer1', instance: 'instance1' },
      { memberId: 'consumer2', instance: 'instance2' },
      { memberId: 'consumer3', instance: 'instance3' },
    ]);
    expect(before).toEqual({ instance1: [tp(t1, 0), tp(t2, 0)], instance2: [tp(t1, 1), tp(t2, 1)], instance3: [tp(t1, 2), tp(t2, 2)] });
    const after = byInstance([
      { memberId: 'consumer4', instance: 'instance1' },
      { memberId: 'consumer5', instance: 'instance2' },
      { memberId: 'consumer1', instance: 'instance3' },
    ]);
    expect(after).toEqual(before);
  });
});
