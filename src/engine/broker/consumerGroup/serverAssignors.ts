/**
 * The consumer group protocol's server-side assignors (KIP-848, `group.consumer.assignors` = [uniform, range]), as
 * pure functions: the first building block of `group.protocol=consumer` (issue 22). Nothing calls them yet; the
 * ConsumerGroupHeartbeat coordinator and the members' reconciliation come next. Read in group-coordinator/src/main/java/org/apache/kafka/coordinator/group/assignor/:
 * UniformHomogeneousAssignmentBuilder.java in its KAFKA-18688 form (traceyyoshima/kafka@0f7eda9, a fork of
 * apache/kafka; apache/kafka@fc28b22 is the form before), UniformHeterogeneousAssignmentBuilder.java
 * (apache/kafka@fc28b22, the KAFKA-17710 rework) and RangeAssignor.java (traceyyoshima/kafka@8d926ae).
 *
 * - `uniform`, every member subscribed to the same existing topics (the homogeneous builder): all partitions are
 *   balanced together, ⌊P/M⌋ each and P mod M members one more. Each member keeps what it holds up to its quota;
 *   a member already holding one more keeps it while extra slots are left (KAFKA-18688, PR #19677, May 2025: any
 *   member may hold an extra partition, so an assignment that is already balanced never moves). The slots left go to
 *   the last members. Balance wins over stickiness.
 * - `uniform`, differing subscriptions (the heterogeneous builder), ported step by step: every member keeps all its
 *   partitions of topics it still subscribes to; the free partitions are handed, topic by topic, round-robin to the
 *   least-loaded subscribers; then, topic by topic and for at most 16 rounds, partitions move from the most-loaded
 *   to the least-loaded subscribers until each topic's subscribers differ by at most one. With overlapping
 *   subscriptions the result can be a little unbalanced overall, as in Kafka.
 * - `range` (the 4.x server RangeAssignor): per topic, contiguous ranges for its subscribers in order, the first
 *   P mod M taking one more, so a homogeneous group whose topics have equal partition counts is co-partitioned. It
 *   ignores what members hold now: its only stickiness is the order, static members (group.instance.id) first by
 *   instance id, then the others by member id. (The 3.x server RangeAssignor kept current partitions; 4.x does not.)
 *
 * Fixed order (Kafka keeps these in HashMaps/HashSets): members by memberId, topics by name, partitions ascending,
 * strings compared with `<` (Java's String.compareTo is the same UTF-16 order). Where Kafka compares topic ids
 * (heterogeneous tie-breaks), topic names are compared.
 *
 * Departures from Kafka:
 * - Every member is in the result, possibly with []. A subscribed topic missing from partitionCounts (or with no
 *   partitions) is ignored; Kafka throws PartitionAssignorException.
 * - `current` is cleaned first: partitions of topics the member does not subscribe to, of missing topics, or beyond
 *   the partition count are dropped, and a partition listed by two members stays with the first (in member order).
 *   Kafka's input is its own previous target assignment, which has none of these.
 * - Homogeneous uniform: a member over its quota keeps its lowest partitions (topic, then number); Kafka keeps
 *   whichever its HashMap/HashSet yields first. Free partitions are handed out in (topic, partition) order, then the
 *   revoked ones; Kafka lists its topics in HashSet order.
 * - Heterogeneous topic order: "partitions per subscriber" is compared exactly (cross-multiplied), not as doubles.
 *
 * Not modelled: racks (rack-aware assignment), topic ids (names stand in for them).
 */
import { getOwn, setOwn } from '../../kernel/ownMap';
import type { TopicPartition } from '../../shared/topicPartition';
import { isHomogeneous, orderedMembers } from '../assignorMembers';
import { compareStrings } from '../../shared/javaOrder';

export type ServerAssignorName = 'uniform' | 'range';

export interface ServerAssignorMember {
  memberId: string;
  subscribedTopics: readonly string[];
  /** What it owns now (stickiness). */
  current: readonly TopicPartition[];
  /** group.instance.id of a static member: only `range` uses it (static members come first, by instance id). */
  instanceId?: string;
}

/** A member's partitions: topic -> partition numbers. */
type Holdings = Map<string, Set<number>>;

/**
 * Kafka's group-coordinator assignors (UniformAssignor: optimized homogeneous / general heterogeneous; RangeAssignor,
 * server side, sticky). Returns memberId -> partitions sorted by topic then partition; every member appears. Pure.
 */
export function assignConsumerGroup(name: ServerAssignorName, members: readonly ServerAssignorMember[], partitionCounts: Readonly<Record<string, number>>): Record<string, TopicPartition[]> {
  const ordered = orderedMembers(members, 'ServerAssignor');
  if (ordered.length === 0) return {};
  const counts = new Map<string, number>();
  const countOf = (topic: string): number => {
    let count = counts.get(topic);
    if (count === undefined) {
      const raw = getOwn(partitionCounts, topic);
      count = raw !== undefined && Number.isInteger(raw) && raw > 0 ? raw : 0;
      counts.set(topic, count);
    }
    return count;
  };
  const subscriptions = ordered.map((m) => [...new Set(m.subscribedTopics)].filter((t) => countOf(t) > 0).sort(compareStrings));
  const held = claimCurrent(ordered, subscriptions, countOf);

  let assigned: Holdings[];
  if (name === 'range') assigned = assignRange(rangeOrder(ordered), subscriptions, countOf);
  else if (isHomogeneous(subscriptions)) assigned = assignUniformHomogeneous(subscriptions[0] ?? [], held, countOf);
  else assigned = new UniformHeterogeneous(subscriptions, held, countOf).build();

  const result: Record<string, TopicPartition[]> = {};
  ordered.forEach((m, i) => setOwn(result, m.memberId, toSortedList(assigned[i]!)));
  return result;
}

/**
 * What each member may keep of its current assignment: partitions of topics it subscribes to that exist, not already
 * claimed by an earlier member.
 */
function claimCurrent(members: readonly ServerAssignorMember[], subscriptions: readonly string[][], countOf: (topic: string) => number): Holdings[] {
  const claimed = new Map<string, Set<number>>();
  return members.map((m, i) => {
    const subscribed = new Set(subscriptions[i]);
    const holdings: Holdings = new Map();
    for (const { topic, partition } of m.current) {
      if (!subscribed.has(topic) || !Number.isInteger(partition) || partition < 0 || partition >= countOf(topic)) continue;
      let taken = claimed.get(topic);
      if (taken === undefined) claimed.set(topic, (taken = new Set()));
      if (taken.has(partition)) continue;
      taken.add(partition);
      addTo(holdings, topic, partition);
    }
    return holdings;
  });
}

/**
 * The homogeneous uniform builder (KAFKA-18688 form). The common topics' partitions are numbered 0..P-1 in
 * (topic, partition) order; held[k] is member k's valid holdings. One pass in member order: a member is offered
 * quota = ⌊P/M⌋, plus one while extra slots are left, and keeps the lowest of its partitions up to that. If it then
 * still has room it gives the extra slot back, unless it is among the last members, who must take the slots left.
 * So a member already holding ⌊P/M⌋+1 keeps them all, and on a fresh group the extra partitions go to the last
 * members. Then the members with room take the free partitions in order: first those nobody held, ascending, then
 * those revoked, in member order.
 */
function assignUniformHomogeneous(topics: readonly string[], held: readonly Holdings[], countOf: (topic: string) => number): Holdings[] {
  const all: TopicPartition[] = topics.flatMap((topic) => Array.from({ length: countOf(topic) }, (_, partition) => ({ topic, partition })));
  const firstIndex = new Map<string, number>();
  all.forEach((tp, i) => {
    if (tp.partition === 0) firstIndex.set(tp.topic, i);
  });
  const owned = held.map((holdings) => topics.flatMap((topic) => ascending(holdings.get(topic)).map((p) => firstIndex.get(topic)! + p)));

  const memberCount = owned.length;
  const minQuota = Math.floor(all.length / memberCount);
  let extras = all.length % memberCount;
  const wasHeld = new Set(owned.flat());
  const revoked: number[] = [];
  const room: number[] = [];
  const kept = owned.map((list, k) => {
    let quota = minQuota;
    let hasExtra = false;
    if (extras > 0) {
      quota++;
      hasExtra = true;
    }
    const keep = list.slice(0, quota);
    revoked.push(...list.slice(quota));
    quota -= keep.length;
    // Room left: give the extra slot back for a later member, unless too few members are left to take them all.
    if (quota > 0 && hasExtra && memberCount - k > extras) {
      quota--;
      hasExtra = false;
    }
    room[k] = quota;
    if (hasExtra) extras--;
    return keep;
  });
  const free = [...all.keys()].filter((i) => !wasHeld.has(i)).concat(revoked);
  let next = 0;
  kept.forEach((list, k) => {
    for (let i = 0; i < room[k]! && next < free.length; i++) list.push(free[next++]!);
  });
  if (next < free.length) throw new Error('ServerAssignor: partitions were left unassigned (a bug)');
  return kept.map((indices) => {
    const holdings: Holdings = new Map();
    for (const i of indices) addTo(holdings, all[i]!.topic, all[i]!.partition);
    return holdings;
  });
}

/**
 * RangeAssignor (4.x): each topic's partitions cut into contiguous ranges for its subscribers in order, the first
 * P mod M taking one more. Current holdings play no part; only the order does (static members first).
 */
function assignRange(order: readonly number[], subscriptions: readonly string[][], countOf: (topic: string) => number): Holdings[] {
  const assigned = subscriptions.map((): Holdings => new Map());
  const topics = [...new Set(subscriptions.flat())].sort(compareStrings);
  for (const topic of topics) {
    const subscribers = order.filter((k) => subscriptions[k]!.includes(topic));
    const count = countOf(topic);
    const minQuota = Math.floor(count / subscribers.length);
    let extras = count % subscribers.length;
    let start = 0;
    for (const k of subscribers) {
      let quota = minQuota;
      if (extras > 0) {
        quota++;
        extras--;
      }
      for (let p = start; p < start + quota; p++) addTo(assigned[k]!, topic, p);
      start += quota;
    }
  }
  return assigned;
}

/** RangeAssignor's sortMemberIds: static members first, by instance id; then the others by member id. */
function rangeOrder(members: readonly ServerAssignorMember[]): number[] {
  return members
    .map((_, k) => k)
    .sort((a, b) => {
      const ia = members[a]!.instanceId;
      const ib = members[b]!.instanceId;
      if (ia !== undefined && ib !== undefined) return compareStrings(ia, ib) || a - b;
      if (ia !== undefined) return -1;
      if (ib !== undefined) return 1;
      return a - b;
    });
}

/** MAX_ITERATION_COUNT of Kafka's final balancing phase. */
const MAX_ITERATION_COUNT = 16;

/** A port of UniformHeterogeneousAssignmentBuilder; members are indices in member-id order. */
class UniformHeterogeneous {
  private readonly sizes: number[];
  private readonly owners = new Map<string, number[]>();
  private readonly topicSubscribers = new Map<string, number[]>();
  private readonly assignment: Holdings[];

  constructor(
    subscriptions: readonly string[][],
    held: readonly Holdings[],
    private readonly countOf: (topic: string) => number,
  ) {
    subscriptions.forEach((topics, k) => {
      for (const topic of topics) {
        let subscribers = this.topicSubscribers.get(topic);
        if (subscribers === undefined) this.topicSubscribers.set(topic, (subscribers = []));
        subscribers.push(k);
      }
    });
    for (const topic of this.topicSubscribers.keys()) this.owners.set(topic, new Array<number>(countOf(topic)).fill(-1));
    // maybeRevokePartitions: keep everything of subscribed topics (claimCurrent already dropped the rest).
    this.assignment = held.map((holdings) => new Map([...holdings].map(([topic, set]) => [topic, new Set(set)])));
    this.sizes = this.assignment.map((holdings, k) => {
      let size = 0;
      for (const [topic, set] of holdings) {
        for (const p of set) this.owners.get(topic)![p] = k;
        size += set.size;
      }
      return size;
    });
  }

  build(): Holdings[] {
    if (this.topicSubscribers.size === 0) return this.assignment;
    this.assignRemainingPartitions();
    const movable = [...this.topicSubscribers.keys()].filter((topic) => this.topicSubscribers.get(topic)!.length >= 2);
    if (movable.length > 0) this.balanceTopics(movable);
    return this.assignment;
  }

  /** Partitions per subscriber descending, then subscriber count ascending, then name (Kafka: topic id). */
  private sortTopics(topics: readonly string[]): string[] {
    return [...topics].sort((t1, t2) => {
      const p1 = this.countOf(t1);
      const p2 = this.countOf(t2);
      const s1 = this.topicSubscribers.get(t1)!.length;
      const s2 = this.topicSubscribers.get(t2)!.length;
      return p2 * s1 - p1 * s2 || s1 - s2 || compareStrings(t1, t2);
    });
  }

  private assignRemainingPartitions(): void {
    const balancer = new MemberAssignmentBalancer(this.sizes);
    const withFree = [...this.owners].filter(([, owners]) => owners.includes(-1)).map(([topic]) => topic);
    for (const topic of this.sortTopics(withFree)) {
      balancer.initialize(this.topicSubscribers.get(topic)!);
      this.owners.get(topic)!.forEach((owner, partition) => {
        if (owner === -1) this.assignPartition(topic, partition, balancer.nextLeastLoadedMember());
      });
    }
  }

  private balanceTopics(topics: readonly string[]): void {
    const sorted = this.sortTopics(topics);
    let lastRebalanceTopicIndex = -1;
    const balancer = new MemberAssignmentBalancer(this.sizes);
    for (let i = 0; i < MAX_ITERATION_COUNT; i++) {
      for (let topicIndex = 0; topicIndex < sorted.length; topicIndex++) {
        // A whole round over the topics moved nothing: done.
        if (topicIndex === lastRebalanceTopicIndex) return;
        const moved = this.balanceTopic(sorted[topicIndex]!, balancer);
        if (moved > 0 || lastRebalanceTopicIndex === -1) lastRebalanceTopicIndex = topicIndex;
      }
    }
  }

  /** Moves partitions of one topic from its most-loaded to its least-loaded subscribers; returns how many moved. */
  private balanceTopic(topic: string, balancer: MemberAssignmentBalancer): number {
    let moved = 0;
    if (balancer.initialize(this.topicSubscribers.get(topic)!) <= 1) return moved;
    const owners = this.owners.get(topic)!;
    // The topic's partitions grouped by owner (then ascending); each owner's range [start, end) in that list.
    const partitions = owners.map((_, p) => p).sort((a, b) => owners[a]! - owners[b]! || a - b);
    const start = new Map<number, number>();
    const end = new Map<number, number>();
    partitions.forEach((p, i) => {
      if (!start.has(owners[p]!)) start.set(owners[p]!, i);
      end.set(owners[p]!, i + 1);
    });
    while (!balancer.isBalanced()) {
      let mostLoaded: number;
      for (;;) {
        mostLoaded = balancer.nextMostLoadedMember();
        if (mostLoaded === -1) break;
        const memberEnd = end.get(mostLoaded);
        if (memberEnd === undefined || memberEnd - start.get(mostLoaded)! <= 0) {
          balancer.excludeMostLoadedMember();
          continue;
        }
        break;
      }
      if (mostLoaded === -1) break;
      // Its last partition (highest number) moves.
      const memberEnd = end.get(mostLoaded)!;
      const partition = partitions[memberEnd - 1]!;
      end.set(mostLoaded, memberEnd - 1);
      const leastLoaded = balancer.nextLeastLoadedMember();
      if (balancer.isBalanced()) break;
      this.assignPartition(topic, partition, leastLoaded);
      moved++;
    }
    return moved;
  }

  private assignPartition(topic: string, partition: number, member: number): void {
    const owners = this.owners.get(topic)!;
    const old = owners[partition]!;
    if (old !== -1) {
      const set = this.assignment[old]!.get(topic)!;
      set.delete(partition);
      if (set.size === 0) this.assignment[old]!.delete(topic);
      this.sizes[old]!--;
    }
    addTo(this.assignment[member]!, topic, partition);
    owners[partition] = member;
    this.sizes[member]!++;
  }
}

/**
 * Kafka's MemberAssignmentBalancer: the members sorted by load (then index), a least-loaded range growing rightwards
 * and a most-loaded range growing leftwards. Reads the live sizes array, as Kafka's does.
 */
class MemberAssignmentBalancer {
  private sortedMembers: number[] = [];
  private leastLoadedRangeEnd = 0;
  private leastLoadedRangePartitionCount = -1;
  private nextLeast = 0;
  private mostLoadedRangeStart = 0;
  private mostLoadedRangeEnd = 0;
  private mostLoadedRangePartitionCount = 1;
  private nextMost = -1;

  constructor(private readonly sizes: readonly number[]) {}

  /** Resets for these members; returns the spread between the most and least loaded. */
  initialize(members: readonly number[]): number {
    if (members.length === 0) throw new Error('ServerAssignor: cannot balance an empty subscriber list');
    const sizes = this.sizes;
    this.sortedMembers = [...members].sort((a, b) => sizes[a]! - sizes[b]! || a - b);
    const first = sizes[this.sortedMembers[0]!]!;
    const last = sizes[this.sortedMembers[this.sortedMembers.length - 1]!]!;
    this.leastLoadedRangeEnd = 0;
    this.leastLoadedRangePartitionCount = first - 1;
    this.nextLeast = 0;
    this.mostLoadedRangeStart = this.sortedMembers.length;
    this.mostLoadedRangeEnd = this.sortedMembers.length;
    this.mostLoadedRangePartitionCount = last + 1;
    this.nextMost = this.sortedMembers.length - 1;
    return last - first;
  }

  nextLeastLoadedMember(): number {
    if (this.nextLeast >= this.leastLoadedRangeEnd) {
      // The range is full: raise its level and take in the members now level with it.
      this.leastLoadedRangePartitionCount++;
      while (this.leastLoadedRangeEnd < this.sortedMembers.length && this.sizeAt(this.leastLoadedRangeEnd) === this.leastLoadedRangePartitionCount) this.leastLoadedRangeEnd++;
      this.nextLeast = 0;
    }
    return this.sortedMembers[this.nextLeast++]!;
  }

  nextMostLoadedMember(): number {
    if (this.nextMost < this.mostLoadedRangeStart) {
      if (this.mostLoadedRangeEnd <= this.mostLoadedRangeStart && this.mostLoadedRangeStart > 0) {
        // Emptied by exclusions: restart from the next member down so the range surely grows.
        this.mostLoadedRangePartitionCount = this.sizeAt(this.mostLoadedRangeStart - 1);
      } else {
        this.mostLoadedRangePartitionCount--;
      }
      while (this.mostLoadedRangeStart > 0 && this.sizeAt(this.mostLoadedRangeStart - 1) === this.mostLoadedRangePartitionCount) this.mostLoadedRangeStart--;
      this.nextMost = this.mostLoadedRangeEnd - 1;
    }
    if (this.nextMost < 0) return -1;
    return this.sortedMembers[this.nextMost--]!;
  }

  /** Drops the member nextMostLoadedMember just returned from the most-loaded range (it has nothing to give). */
  excludeMostLoadedMember(): void {
    const at = this.nextMost + 1;
    const member = this.sortedMembers[at]!;
    this.sortedMembers[at] = this.sortedMembers[this.mostLoadedRangeEnd - 1]!;
    this.sortedMembers[this.mostLoadedRangeEnd - 1] = member;
    this.mostLoadedRangeEnd--;
  }

  isBalanced(): boolean {
    return this.mostLoadedRangePartitionCount - this.leastLoadedRangePartitionCount <= 1;
  }

  private sizeAt(position: number): number {
    return this.sizes[this.sortedMembers[position]!]!;
  }
}

function addTo(holdings: Holdings, topic: string, partition: number): void {
  let set = holdings.get(topic);
  if (set === undefined) holdings.set(topic, (set = new Set()));
  set.add(partition);
}

function ascending(set: ReadonlySet<number> | undefined): number[] {
  return set === undefined ? [] : [...set].sort((a, b) => a - b);
}

function toSortedList(holdings: Holdings): TopicPartition[] {
  return [...holdings.keys()].sort(compareStrings).flatMap((topic) => ascending(holdings.get(topic)).map((partition) => ({ topic, partition })));
}
