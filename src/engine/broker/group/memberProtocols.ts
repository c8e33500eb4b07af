/**
 * What a member's JoinGroup carries and what the group makes of it: its metadata (protocols,
 * subscription, owned partitions, timeouts), whether it changed (a known member rejoining with the same
 * metadata does not start a rebalance), and the protocol vote [ClassicGroup.selectProtocol].
 */
import type { AssignorName } from '../../config';
import type { JoinGroupArrivedEvent } from '../../events';
import { getOwn } from '../../kernel/ownMap';
import type { GroupMemberState, GroupState } from '../../state';
import { tpKey } from '../../shared/topicPartition';

export function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Protocols every member supports, in the order `protocols` lists them. */
export function commonProtocols(group: GroupState, protocols: readonly AssignorName[]): AssignorName[] {
  return protocols.filter((p) => group.memberOrder.every((id) => getOwn(group.members, id)!.protocols.includes(p)));
}

/** ClassicGroup.selectProtocol: each member votes for its first candidate; most votes wins (ties: first seen). */
export function selectProtocol(group: GroupState): AssignorName {
  const members = group.memberOrder.map((id) => getOwn(group.members, id)!);
  const candidates = commonProtocols(group, members[0]!.protocols);
  const votes = new Map<AssignorName, number>();
  for (const m of members) {
    const vote = m.protocols.find((p) => candidates.includes(p))!;
    votes.set(vote, (votes.get(vote) ?? 0) + 1);
  }
  let best = candidates[0]!;
  for (const [protocol, count] of votes) if (count > (votes.get(best) ?? 0)) best = protocol;
  return best;
}

export function partitionsKey(tps: readonly { topic: string; partition: number }[]): string {
  return tps
    .map((t) => tpKey(t.topic, t.partition))
    .sort()
    .join(',');
}

export function memberMetadata(
  event: JoinGroupArrivedEvent,
): Pick<GroupMemberState, 'consumer' | 'incarnation' | 'clientId' | 'protocols' | 'subscription' | 'ownedPartitions' | 'memberGeneration' | 'sessionTimeoutMs' | 'rebalanceTimeoutMs'> {
  return {
    consumer: event.consumer,
    incarnation: event.incarnation,
    clientId: event.clientId,
    protocols: [...event.protocols],
    subscription: [...event.subscription],
    ownedPartitions: event.ownedPartitions.map((tp) => ({ ...tp })),
    memberGeneration: event.memberGeneration,
    sessionTimeoutMs: event.sessionTimeoutMs,
    rebalanceTimeoutMs: event.rebalanceTimeoutMs,
  };
}
