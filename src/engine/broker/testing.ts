/** Helpers for the brokers' assignor tests (share groups' SimpleAssignor, KIP-848's uniform and range). */
import fc from 'fast-check';
import type { TopicPartition } from '../shared/topicPartition';

export type Assignment = Record<string, TopicPartition[]>;

export const tp = (topic: string, partition: number): TopicPartition => ({ topic, partition });
export const tps = (topic: string, ...partitions: number[]): TopicPartition[] => partitions.map((p) => tp(topic, p));
export const sizes = (assignment: Assignment): number[] => Object.values(assignment).map((list) => list.length);

/** The members again, each now holding what the assignment gave it (the next round's input). */
export function holding<M extends { memberId: string; current: readonly TopicPartition[] }>(list: readonly M[], assignment: Assignment): M[] {
  return list.map((m) => ({ ...m, current: assignment[m.memberId]! }));
}

const TOPICS = ['a', 'b', 'c'];

/**
 * A random group: one to three topics of 1..maxPartitions partitions, up to maxMembers members with ids
 * not in creation order, each holding a few partitions drawn a little wider than the topics (so some are
 * stale: gone partitions, other topics), and a number whose bits pick its subscription.
 */
export function assignorGroupArb(options: { maxPartitions: number; maxMembers: number }) {
  const { maxPartitions, maxMembers } = options;
  return (topicCount: { min: number; max: number }) =>
    fc
      .record({
        partitions: fc.array(fc.integer({ min: 1, max: maxPartitions }), { minLength: topicCount.min, maxLength: topicCount.max }),
        memberCount: fc.integer({ min: 1, max: maxMembers }),
        picks: fc.array(fc.array(fc.nat(40), { maxLength: 8 }), { minLength: maxMembers, maxLength: maxMembers }),
        subscriptionBits: fc.array(fc.nat(7), { minLength: maxMembers, maxLength: maxMembers }),
      })
      .map(({ partitions, memberCount, picks, subscriptionBits }) => {
        const topics = TOPICS.slice(0, partitions.length);
        const counts = Object.fromEntries(topics.map((t, i) => [t, partitions[i]!]));
        const candidates = [...topics, 'zz'].flatMap((t) => Array.from({ length: maxPartitions + 1 }, (_, p) => tp(t, p)));
        const group = Array.from({ length: memberCount }, (_, i) => ({
          memberId: `m${(i * 7) % maxMembers}`, // unique, and not in creation order
          current: picks[i]!.map((k) => candidates[k % candidates.length]!),
          bits: subscriptionBits[i]!,
        }));
        return { topics, counts, group };
      });
}
