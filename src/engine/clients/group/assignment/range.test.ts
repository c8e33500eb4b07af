/** Cases ported from Kafka's RangeAssignorTest (no-rack configuration), expected values as in Kafka. */
import { describe, expect, it } from 'vitest';
import { assign } from './index';
import { tp } from './testing';

const t1 = 'topic1';
const t2 = 'topic2';

describe('range (RangeAssignorTest)', () => {
  it('testOneConsumerNoTopic / testOneConsumerNonexistentTopic: the member is present with nothing', () => {
    expect(assign('range', [{ memberId: 'consumer1', topics: [] }], {})).toEqual({ consumer1: [] });
    expect(assign('range', [{ memberId: 'consumer1', topics: [t1] }], {})).toEqual({ consumer1: [] });
  });

  it('testOnlyAssignsPartitionsFromSubscribedTopics', () => {
    expect(assign('range', [{ memberId: 'consumer1', topics: [t1] }], { [t1]: 3, other: 3 })).toEqual({ consumer1: [tp(t1, 0), tp(t1, 1), tp(t1, 2)] });
  });

  it('testOneConsumerMultipleTopics', () => {
    expect(assign('range', [{ memberId: 'consumer1', topics: [t1, t2] }], { [t1]: 1, [t2]: 2 })).toEqual({ consumer1: [tp(t1, 0), tp(t2, 0), tp(t2, 1)] });
  });

  it('testTwoConsumersOneTopicOnePartition and ...TwoPartitions', () => {
    const two = [
      { memberId: 'consumer1', topics: [t1] },
      { memberId: 'consumer2', topics: [t1] },
    ];
    expect(assign('range', two, { [t1]: 1 })).toEqual({ consumer1: [tp(t1, 0)], consumer2: [] });
    expect(assign('range', two, { [t1]: 2 })).toEqual({ consumer1: [tp(t1, 0)], consumer2: [tp(t1, 1)] });
  });

  it('testMultipleConsumersMixedTopics', () => {
    const result = assign(
      'range',
      [
        { memberId: 'consumer1', topics: [t1] },
        { memberId: 'consumer2', topics: [t1, t2] },
        { memberId: 'consumer3', topics: [t1] },
      ],
      { [t1]: 3, [t2]: 2 },
    );
    expect(result).toEqual({ consumer1: [tp(t1, 0)], consumer2: [tp(t1, 1), tp(t2, 0), tp(t2, 1)], consumer3: [tp(t1, 2)] });
  });

  it('testTwoConsumersTwoTopicsSixPartitions: the same first member gets the extra partition of every topic', () => {
    const result = assign(
      'range',
      [
        { memberId: 'consumer1', topics: [t1, t2] },
        { memberId: 'consumer2', topics: [t1, t2] },
      ],
      { [t1]: 3, [t2]: 3 },
    );
    expect(result).toEqual({ consumer1: [tp(t1, 0), tp(t1, 1), tp(t2, 0), tp(t2, 1)], consumer2: [tp(t1, 2), tp(t2, 2)] });
  });

  it('testTwoStaticConsumersTwoTopicsSixPartitions / testOneStaticConsumerAndOneDynamic...: instance ids order static members, and they go first', () => {
    const ppt = { [t1]: 3, [t2]: 3 };
    const low = [tp(t1, 0), tp(t1, 1), tp(t2, 0), tp(t2, 1)];
    const high = [tp(t1, 2), tp(t2, 2)];
    expect(
      assign(
        'range',
        [
          { memberId: 'consumer-b', topics: [t1, t2], groupInstanceId: 'instance1' },
          { memberId: 'consumer-a', topics: [t1, t2], groupInstanceId: 'instance2' },
        ],
        ppt,
      ),
    ).toEqual({ 'consumer-b': low, 'consumer-a': high });
    expect(
      assign(
        'range',
        [
          { memberId: 'consumer-b', topics: [t1, t2], groupInstanceId: 'instance1' },
          { memberId: 'consumer-a', topics: [t1, t2] },
        ],
        ppt,
      ),
    ).toEqual({ 'consumer-b': low, 'consumer-a': high });
  });

  it('testStaticMemberRangeAssignmentPersistent: replacing the dynamic member changes nothing for the static ones', () => {
    const ppt = { [t1]: 5, [t2]: 4 };
    const statics = [1, 2, 3].map((i) => ({ memberId: `consumer${i}`, topics: [t1, t2], groupInstanceId: `instance${i}` }));
    const expected = {
      consumer1: [tp(t1, 0), tp(t1, 1), tp(t2, 0)],
      consumer2: [tp(t1, 2), tp(t2, 1)],
      consumer3: [tp(t1, 3), tp(t2, 2)],
    };
    expect(assign('range', [...statics, { memberId: 'consumer4', topics: [t1, t2] }], ppt)).toEqual({ ...expected, consumer4: [tp(t1, 4), tp(t2, 3)] });
    expect(assign('range', [...statics, { memberId: 'consumer5', topics: [t1, t2] }], ppt)).toEqual({ ...expected, consumer5: [tp(t1, 4), tp(t2, 3)] });
  });
});
