/**
 * The share group's server-side SimpleAssignor in its 4.1+ form (KIP-932; PRs #19977 and #20074; read in apache/kafka
 * group-coordinator .../assignor/SimpleHomogeneousAssignmentBuilder.java @f1d99ec and
 * SimpleHeterogeneousAssignmentBuilder.java @07a283a). Unlike a consumer group, a share group may put several members
 * on one partition, but only when there are more members than partitions.
 *
 * Models, with M members and P partitions:
 * - desiredSharing = ceil(M/P) members per partition; together the members fill S = desiredSharing × P slots, member i
 *   (in the fixed order below) wanting ceil((i+1)·S/M) − ceil(i·S/M) of them.
 * - Kafka's steps in its latest order: keep what each member holds of its subscribed, existing topics; trim members
 *   holding more than their target; trim partitions shared by more than desiredSharing members; then walk the
 *   partitions that need more members and hand each to the next under-filled member not holding it, round-robin.
 *   Balance wins over stickiness.
 * - Homogeneous group (every member subscribes to the same existing topics): all partitions are balanced together.
 *   Otherwise each topic is balanced on its own among its subscribers, as Kafka's heterogeneous builder does.
 *
 * Fixed order: members sorted by memberId, partitions by topic then partition number (strings compared with `<`).
 * Kafka keeps both in HashMaps and has no defined order; its unfilled members sit in a HashSet<Integer> of member
 * indices, which iterates in index order, so its round-robin walks members in order as this one does.
 *
 * Departures from Kafka:
 * - Targets use exact integers (as franz-go's kfake does). Java multiplies doubles, which for some pairs overshoots:
 *   M=7, P=29 gives 5,4,4,4,4,4,5 = 30 slots for 29 partitions; integers give 5,4,4,4,4,4,4.
 * - Step order: the research notes (from the builder @2976d8d) trim over-shared partitions first; Kafka's later
 *   builders (both above) trim over-filled members first, and that is followed here. Kafka then drops whichever
 *   partitions its HashSet yields first; this drops an over-filled member's over-shared partitions first, then its last
 *   ones, so one revocation settles both excesses where it can.
 * - Kafka's hand-out may stop short when the only under-filled members already hold the partition that needs a member
 *   ("harmless tolerating a slight imbalance"). Here a swap finishes the job, so every partition ends with exactly
 *   desiredSharing members and every member with exactly its target.
 * - Every member is in the result, possibly with []; a subscribed topic missing from partitionCounts is ignored
 *   (Kafka returns an empty map when nothing is subscribed, and its builder throws for a topic missing from metadata).
 *
 * Not modelled: assignable partitions (Kafka hands out only partitions whose share state is initialised), racks.
 */
import { getOwn, setOwn } from '../../kernel/ownMap';
import type { TopicPartition } from '../../shared/topicPartition';
import { isHomogeneous, orderedMembers } from '../assignorMembers';
import { compareStrings } from '../../shared/javaOrder';

/** A member as the assignor sees it: its id, subscribed topics, and what it holds now (for stickiness). */
export interface ShareAssignorMember {
  memberId: string;
  subscribedTopics: readonly string[];
  current: readonly TopicPartition[];
}

/**
 * partitionCounts: topic name -> number of partitions (topics that exist).
 * Returns memberId -> assigned partitions, each list sorted by topic then partition.
 * Every member appears in the result (possibly with []). Pure: inputs are not changed.
 */
export function assignShareGroup(members: readonly ShareAssignorMember[], partitionCounts: Readonly<Record<string, number>>): Record<string, TopicPartition[]> {
  const ordered = orderedMembers(members, 'SimpleAssignor');
  const subscriptions = ordered.map((m) => existingTopics(m.subscribedTopics, partitionCounts));
  const assigned = isHomogeneous(subscriptions) ? assignTogether(ordered, subscriptions[0] ?? [], partitionCounts) : assignPerTopic(ordered, subscriptions, partitionCounts);
  const result: Record<string, TopicPartition[]> = {};
  ordered.forEach((m, i) => setOwn(result, m.memberId, assigned[i]!));
  return result;
}

/** All partitions of the common topics balanced as one list (SimpleHomogeneousAssignmentBuilder). */
function assignTogether(members: readonly ShareAssignorMember[], topics: readonly string[], partitionCounts: Readonly<Record<string, number>>): TopicPartition[][] {
  const partitions = topics.flatMap((topic) => partitionsOf(topic, partitionCounts));
  // A topic's partitions sit together in the list: its first index plus the partition number finds one.
  const firstIndex = new Map<string, number>();
  partitions.forEach((tp, i) => {
    if (tp.partition === 0) firstIndex.set(tp.topic, i);
  });
  const holdings = members.map((m) => keptIndices(m.current, partitionCounts, (tp) => firstIndex.get(tp.topic)));
  balance(holdings, partitions.length);
  return holdings.map((held) => [...held].sort((a, b) => a - b).map((i) => partitions[i]!));
}

/** Each topic balanced on its own among its subscribers (SimpleHeterogeneousAssignmentBuilder). */
function assignPerTopic(members: readonly ShareAssignorMember[], subscriptions: readonly string[][], partitionCounts: Readonly<Record<string, number>>): TopicPartition[][] {
  const assigned: TopicPartition[][] = members.map(() => []);
  const topics = [...new Set(subscriptions.flat())].sort(compareStrings);
  for (const topic of topics) {
    const subscribers = members.flatMap((_, i) => (subscriptions[i]!.includes(topic) ? [i] : []));
    const holdings = subscribers.map((i) => keptIndices(members[i]!.current, partitionCounts, (tp) => (tp.topic === topic ? 0 : undefined)));
    balance(holdings, getOwn(partitionCounts, topic)!);
    subscribers.forEach((memberIndex, k) => {
      for (const partition of [...holdings[k]!].sort((a, b) => a - b)) assigned[memberIndex]!.push({ topic, partition });
    });
  }
  // Topics were handled in name order, so each member's list is already sorted by topic then partition.
  return assigned;
}

/**
 * The builder's steps over partitions numbered 0..partitionCount-1, updating each member's set in place.
 * holdings[i] is what member i keeps of its current assignment (valid partitions only).
 */
function balance(holdings: Set<number>[], partitionCount: number): void {
  if (holdings.length === 0 || partitionCount === 0) {
    for (const held of holdings) held.clear();
    return;
  }
  const desiredSharing = Math.ceil(holdings.length / partitionCount);
  const targets = memberTargets(holdings.length, desiredSharing * partitionCount);
  const holderCounts = new Array<number>(partitionCount).fill(0);
  for (const held of holdings) for (const p of held) holderCounts[p]!++;

  trimOverfilledMembers(holdings, targets, holderCounts, desiredSharing);
  trimOversharedPartitions(holdings, holderCounts, desiredSharing);
  handOutRoundRobin(holdings, targets, holderCounts, desiredSharing);
  swapUntilFilled(holdings, targets, holderCounts, desiredSharing);
}

/** ceil((i+1)·S/M) − ceil(i·S/M) for each member i, in integers so the targets always sum to exactly S. */
function memberTargets(memberCount: number, slots: number): number[] {
  return Array.from({ length: memberCount }, (_, i) => ceilDiv((i + 1) * slots, memberCount) - ceilDiv(i * slots, memberCount));
}

/** ceil(a/b) for non-negative integers without a rounded float quotient: the remainder and a - remainder are exact. */
function ceilDiv(a: number, b: number): number {
  const remainder = a % b;
  return (a - remainder) / b + (remainder > 0 ? 1 : 0);
}

function trimOverfilledMembers(holdings: Set<number>[], targets: readonly number[], holderCounts: number[], desiredSharing: number): void {
  holdings.forEach((held, i) => {
    while (held.size > targets[i]!) {
      // An over-shared partition must lose a member anyway: giving up that one first saves a second move.
      const sorted = [...held].sort((a, b) => b - a);
      const drop = sorted.find((p) => holderCounts[p]! > desiredSharing) ?? sorted[0]!;
      held.delete(drop);
      holderCounts[drop]!--;
    }
  });
}

/** The first desiredSharing holders (in member order) keep an over-shared partition; the others give it up. */
function trimOversharedPartitions(holdings: Set<number>[], holderCounts: number[], desiredSharing: number): void {
  holderCounts.forEach((count, p) => {
    if (count <= desiredSharing) return;
    let kept = 0;
    for (const held of holdings) {
      if (!held.has(p)) continue;
      if (kept < desiredSharing) kept++;
      else held.delete(p);
    }
    holderCounts[p] = desiredSharing;
  });
}

/**
 * Kafka's assignRemainingPartitions: one walk over the partitions, each under-shared one offered to the under-filled
 * members in turn from where the last hand-out stopped. After it, every member still under-filled holds every
 * partition still under-shared (it was offered each of them), which is what swapUntilFilled relies on.
 */
function handOutRoundRobin(holdings: Set<number>[], targets: readonly number[], holderCounts: number[], desiredSharing: number): void {
  const unfilled = holdings.flatMap((held, i) => (held.size < targets[i]! ? [i] : []));
  let cursor = 0;
  for (let p = 0; p < holderCounts.length && unfilled.length > 0; p++) {
    while (holderCounts[p]! < desiredSharing && unfilled.length > 0) {
      const offset = Array.from({ length: unfilled.length }, (_, k) => (cursor + k) % unfilled.length).find((k) => !holdings[unfilled[k]!]!.has(p));
      if (offset === undefined) break; // every under-filled member already holds p
      const member = unfilled[offset]!;
      holdings[member]!.add(p);
      holderCounts[p]!++;
      if (holdings[member]!.size >= targets[member]!) {
        unfilled.splice(offset, 1);
        cursor = unfilled.length === 0 ? 0 : offset % unfilled.length;
      } else {
        cursor = (offset + 1) % unfilled.length;
      }
    }
  }
}

/**
 * Finishes what the hand-out could not: member X still wants a partition and partition p still wants a member, but X
 * already holds p. A full member Y that lacks p holds some q that X lacks (else Y, holding only X's partitions minus p,
 * would be short too): q moves from Y to X and Y takes p. Y keeps its count; X and p each gain one.
 */
function swapUntilFilled(holdings: Set<number>[], targets: readonly number[], holderCounts: number[], desiredSharing: number): void {
  for (;;) {
    const x = holdings.findIndex((held, i) => held.size < targets[i]!);
    const p = holderCounts.findIndex((count) => count < desiredSharing);
    if (x === -1 || p === -1) return;
    const xHeld = holdings[x]!;
    const swap = holdings.map((held, y) => ({ y, q: held.has(p) ? undefined : [...held].sort((a, b) => a - b).find((q) => !xHeld.has(q)) })).find((candidate) => candidate.q !== undefined);
    if (swap === undefined) throw new Error(`SimpleAssignor: no swap fills partition ${p} (a bug: one always exists)`);
    const q = swap.q!;
    holdings[swap.y]!.delete(q);
    holdings[swap.y]!.add(p);
    xHeld.add(q);
    holderCounts[p]!++;
  }
}

/**
 * Indices of the partitions a member may keep: those of the topics being balanced (firstIndex gives where a topic's
 * partitions start, undefined for any other topic) that still exist. Duplicates collapse.
 */
function keptIndices(current: readonly TopicPartition[], partitionCounts: Readonly<Record<string, number>>, firstIndex: (tp: TopicPartition) => number | undefined): Set<number> {
  const kept = new Set<number>();
  for (const tp of current) {
    const first = firstIndex(tp);
    const exists = Number.isInteger(tp.partition) && tp.partition >= 0 && tp.partition < (getOwn(partitionCounts, tp.topic) ?? 0);
    if (first !== undefined && exists) kept.add(first + tp.partition);
  }
  return kept;
}

function partitionsOf(topic: string, partitionCounts: Readonly<Record<string, number>>): TopicPartition[] {
  return Array.from({ length: getOwn(partitionCounts, topic)! }, (_, partition) => ({ topic, partition }));
}

/** A member's subscribed topics that exist (with at least one partition), sorted and deduplicated. */
function existingTopics(topics: readonly string[], partitionCounts: Readonly<Record<string, number>>): string[] {
  return [...new Set(topics)].filter((t) => (getOwn(partitionCounts, t) ?? 0) > 0).sort(compareStrings);
}
