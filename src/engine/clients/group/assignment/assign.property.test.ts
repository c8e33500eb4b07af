/** Properties of assign() over random groups, for all four assignors. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tpKey } from '../../../shared/topicPartition';
import { assign } from './index';
import { validityAndBalanceProblems } from './testing';
import { sameTp } from './tp';
import type { AssignorMember, AssignorName } from './types';

const strategies: AssignorName[] = ['range', 'roundrobin', 'sticky', 'cooperative-sticky'];
const TOPICS = ['a', 'b', 'c', 'd'];

const groupArb = fc
  .record({
    partitions: fc.array(fc.nat(12), { minLength: 1, maxLength: 4 }),
    members: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,3}-[0-9a-f]{4}$/), { minLength: 1, maxLength: 8 }),
    equalSubscriptions: fc.boolean(),
    seed: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
  })
  .map(({ partitions, members, equalSubscriptions, seed }) => {
    const topics = TOPICS.slice(0, partitions.length);
    const ppt = Object.fromEntries(topics.map((t, i) => [t, partitions[i]!]));
    const list: AssignorMember[] = members.map((memberId, i) => ({
      memberId,
      topics: equalSubscriptions ? topics : topics.filter((_, j) => ((seed[i]! >> j) & 1) === 1 || j === 0),
    }));
    return { ppt, members: list };
  });

describe('assign() properties', () => {
  it('every member present, lists sorted, only subscribed existing topics, each partition to at most one member', () => {
    fc.assert(
      fc.property(fc.constantFrom(...strategies), groupArb, (strategy, { ppt, members }) => {
        const result = assign(strategy, members, ppt);
        expect(Object.keys(result).sort()).toEqual(members.map((m) => m.memberId).sort());
        const seen = new Set<string>();
        for (const m of members) {
          const list = result[m.memberId]!;
          const sorted = [...list].sort((x, y) => (x.topic < y.topic ? -1 : x.topic > y.topic ? 1 : x.partition - y.partition));
          expect(list).toEqual(sorted);
          for (const p of list) {
            expect(m.topics).toContain(p.topic);
            expect(p.partition).toBeLessThan(ppt[p.topic]!);
            expect(seen.has(tpKey(p.topic, p.partition))).toBe(false);
            seen.add(tpKey(p.topic, p.partition));
          }
        }
        // A first assignment (nothing owned) leaves nothing unassigned.
        const subscribedTotal = Object.entries(ppt)
          .filter(([t]) => members.some((m) => m.topics.includes(t)))
          .reduce((n, [, c]) => n + c, 0);
        expect(seen.size).toBe(subscribedTotal);
      }),
    );
  });

  it('sticky: valid and balanced as Kafka checks it; re-running with the result as owned partitions changes nothing', () => {
    fc.assert(
      fc.property(groupArb, ({ ppt, members }) => {
        const first = assign('sticky', members, ppt);
        const subscriptions = Object.fromEntries(members.map((m) => [m.memberId, m.topics]));
        expect(validityAndBalanceProblems(subscriptions, first, ppt)).toEqual([]);
        const again = assign(
          'sticky',
          members.map((m) => ({ ...m, ownedPartitions: first[m.memberId]!, generation: 1 })),
          ppt,
        );
        expect(again).toEqual(first);
      }),
    );
  });

  it('cooperative-sticky never gives a member a partition another present member owns', () => {
    fc.assert(
      fc.property(groupArb, fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), ({ ppt, members }, shuffle) => {
        // Owned partitions: a valid earlier round-robin assignment, then a member joins or leaves.
        const earlier = assign('roundrobin', members, ppt);
        const withOwned = members.map((m) => ({ ...m, ownedPartitions: earlier[m.memberId]!, generation: 1 }));
        const changed: AssignorMember[] = shuffle[0]! % 2 === 0 ? withOwned.slice(1) : [...withOwned, { memberId: 'zz-new', topics: members[0]!.topics }];
        const result = assign('cooperative-sticky', changed, ppt);
        for (const m of changed) {
          for (const p of result[m.memberId]!) {
            const owner = changed.find((o) => (o.ownedPartitions ?? []).some((q) => sameTp(q, p)));
            if (owner !== undefined) expect(owner.memberId).toBe(m.memberId);
          }
        }
      }),
    );
  });

  it('range and roundrobin do not depend on the order members are listed in', () => {
    fc.assert(
      fc.property(fc.constantFrom<AssignorName>('range', 'roundrobin'), groupArb, (strategy, { ppt, members }) => {
        expect(assign(strategy, [...members].reverse(), ppt)).toEqual(assign(strategy, members, ppt));
      }),
    );
  });

  it('rejects an unknown strategy with a clear message', () => {
    expect(() => assign('fancy' as AssignorName, [{ memberId: 'a', topics: ['t'] }], { t: 1 })).toThrow(/Unknown assignor "fancy"/);
  });
});
