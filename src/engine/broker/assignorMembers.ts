/**
 * What the brokers' assignors share (the share groups' SimpleAssignor, KIP-848's uniform and range):
 * members in one fixed order, each listed once, and whether they all subscribe to the same topics.
 */
import { compareStrings } from '../shared/javaOrder';

/** The members sorted by member id (Kafka keeps them in a HashMap: one fixed order stands in); throws on an id listed twice. */
export function orderedMembers<T extends { memberId: string }>(members: readonly T[], assignor: string): T[] {
  const ordered = [...members].sort((a, b) => compareStrings(a.memberId, b.memberId));
  ordered.forEach((m, i) => {
    if (i > 0 && ordered[i - 1]!.memberId === m.memberId) throw new Error(`${assignor}: member "${m.memberId}" is listed twice`);
  });
  return ordered;
}

/** Every member subscribes to the same topics (each list sorted and deduplicated). */
export function isHomogeneous(subscriptions: readonly string[][]): boolean {
  const first = subscriptions[0] ?? [];
  return subscriptions.every((topics) => topics.length === first.length && topics.every((t, i) => t === first[i]));
}
