/**
 * GeneralAssignmentBuilder (AbstractStickyAssignor), without racks: members subscribe to different
 * topics. Keep valid owned partitions, give each unassigned partition (topics with fewer potential
 * members first) to the least-loaded member that can take it, then move partitions from fuller to
 * emptier members until no move improves the balance, preferring to hand a partition back to its
 * previous owner and to undo earlier moves; keep the result only if it is better balanced.
 */
import { tpKey } from '../../../shared/topicPartition';
import { compareStrings } from '../../../shared/javaOrder';
import { PartitionMovements } from './partitionMovements';
import { type StickyInput } from './sticky';
import { DEFAULT_GENERATION, generationOf } from './generations';
import { byTopicThenPartition, removeTp } from './tp';
import type { TopicPartitionRef } from './types';

interface ConsumerGeneration {
  consumer: string;
  generation: number;
}

export function generalAssign(input: StickyInput, currentAssignment: Map<string, TopicPartitionRef[]>): Map<string, TopicPartitionRef[]> {
  const { partitionsPerTopic } = input;
  const topic2Consumers = new Map<string, string[]>(Object.keys(partitionsPerTopic).map((t) => [t, []]));
  const consumer2Topics = new Map<string, string[]>();
  for (const m of input.members) {
    const topics: string[] = [];
    consumer2Topics.set(m.memberId, topics);
    for (const t of m.topics) {
      if (!Object.hasOwn(partitionsPerTopic, t)) continue;
      topics.push(t);
      topic2Consumers.get(t)!.push(m.memberId);
    }
    if (!currentAssignment.has(m.memberId)) currentAssignment.set(m.memberId, []);
  }
  const currentPartitionConsumer = new Map<string, string>();
  for (const [consumer, tps] of currentAssignment) for (const tp of tps) currentPartitionConsumer.set(tpKey(tp.topic, tp.partition), consumer);

  const topicOrder = (a: string, b: string) => topic2Consumers.get(a)!.length - topic2Consumers.get(b)!.length || compareStrings(a, b);
  const sortedAllTopics = [...topic2Consumers.keys()].sort(topicOrder);
  const sortedAllPartitions: TopicPartitionRef[] = [];
  for (const t of sortedAllTopics) for (let p = 0; p < partitionsPerTopic[t]!; p++) sortedAllPartitions.push({ topic: t, partition: p });
  const totalPartitions = sortedAllPartitions.length;

  // sortedCurrentSubscriptions: a TreeSet of members by (assignment size, member id).
  const bySize = (a: string, b: string) => currentAssignment.get(a)!.length - currentAssignment.get(b)!.length || compareStrings(a, b);
  let sorted: string[] = [];
  const sortedAdd = (c: string) => {
    if (sorted.includes(c)) return;
    let i = 0;
    while (i < sorted.length && bySize(sorted[i]!, c) < 0) i++;
    sorted.splice(i, 0, c);
  };
  const sortedRemove = (c: string) => {
    const i = sorted.indexOf(c);
    if (i >= 0) sorted.splice(i, 1);
  };

  const maxGeneration = Math.max(DEFAULT_GENERATION, ...input.members.map(generationOf));
  const movements = new PartitionMovements();
  const prevAssignment = new Map<string, ConsumerGeneration>();
  // prepopulateCurrentAssignments: owned partitions of older generations, the newest of them per partition.
  for (const m of input.members) {
    const generation = m.generation;
    const record = (g: number) => {
      for (const tp of m.ownedPartitions ?? []) {
        const existing = prevAssignment.get(tpKey(tp.topic, tp.partition));
        if (existing === undefined || g > existing.generation) prevAssignment.set(tpKey(tp.topic, tp.partition), { consumer: m.memberId, generation: g });
      }
    };
    if (generation !== undefined && generation !== DEFAULT_GENERATION && generation < maxGeneration) record(generation);
    else if ((generation === undefined || generation === DEFAULT_GENERATION) && maxGeneration > DEFAULT_GENERATION) record(DEFAULT_GENERATION);
  }

  // assignOwnedPartitions: keep what members still subscribe to.
  let revocationRequired = false;
  const assignedPartitions: TopicPartitionRef[] = [];
  for (const [consumer, tps] of currentAssignment) {
    const subscription = input.byId.get(consumer);
    if (subscription === undefined) {
      for (const tp of tps) currentPartitionConsumer.delete(tpKey(tp.topic, tp.partition));
      currentAssignment.delete(consumer);
      continue;
    }
    for (const tp of [...tps]) {
      if (!topic2Consumers.has(tp.topic)) {
        removeTp(tps, tp);
        currentPartitionConsumer.delete(tpKey(tp.topic, tp.partition));
      } else if (!subscription.topics.includes(tp.topic)) {
        removeTp(tps, tp);
        revocationRequired = true;
      } else {
        assignedPartitions.push(tp);
      }
    }
  }

  // getUnassignedPartitions: with nothing assigned it is the very same list as sortedAllPartitions.
  let unassigned: TopicPartitionRef[];
  if (assignedPartitions.length === 0) {
    unassigned = sortedAllPartitions;
  } else {
    const taken = new Set(assignedPartitions.map((tp) => tpKey(tp.topic, tp.partition)));
    unassigned = sortedAllPartitions.filter((tp) => !taken.has(tpKey(tp.topic, tp.partition)));
  }

  for (const c of currentAssignment.keys()) sortedAdd(c);

  const isBalanced = (): boolean => {
    const min = currentAssignment.get(sorted[0]!)!.length;
    const max = currentAssignment.get(sorted[sorted.length - 1]!)!.length;
    if (min >= max - 1) return true;
    const owner = new Map<string, string>();
    for (const [c, tps] of currentAssignment) for (const tp of tps) owner.set(tpKey(tp.topic, tp.partition), c);
    for (const consumer of sorted) {
      const count = currentAssignment.get(consumer)!.length;
      const topics = consumer2Topics.get(consumer)!;
      if (count === maxAssignmentSize(topics)) continue;
      const mine = new Set(currentAssignment.get(consumer)!.map((tp) => tpKey(tp.topic, tp.partition)));
      for (const topic of topics) {
        for (let p = 0; p < partitionsPerTopic[topic]!; p++) {
          const key = tpKey(topic, p);
          if (mine.has(key)) continue;
          const other = owner.get(key);
          if (other !== undefined && count + 1 < currentAssignment.get(other)!.length) return false;
        }
      }
    }
    return true;
  };

  const maxAssignmentSize = (topics: readonly string[]): number =>
    topics.length === Object.keys(partitionsPerTopic).length ? totalPartitions : topics.reduce((n, t) => n + partitionsPerTopic[t]!, 0);

  const balanceScore = (assignment: Map<string, TopicPartitionRef[]>): number => {
    const sizes = [...assignment.values()].map((l) => l.length);
    let score = 0;
    for (let i = 0; i < sizes.length; i++) for (let j = i + 1; j < sizes.length; j++) score += Math.abs(sizes[i]! - sizes[j]!);
    return score;
  };

  const canTopicParticipate = (topic: string) => topic2Consumers.get(topic)!.length >= 2;
  const canConsumerParticipate = (consumer: string): boolean => {
    const current = currentAssignment.get(consumer)!;
    if (current.length < maxAssignmentSize(consumer2Topics.get(consumer)!)) return true;
    return current.some((tp) => canTopicParticipate(tp.topic));
  };

  const processPartitionMovement = (tp: TopicPartitionRef, newConsumer: string) => {
    const oldConsumer = currentPartitionConsumer.get(tpKey(tp.topic, tp.partition))!;
    sortedRemove(oldConsumer);
    sortedRemove(newConsumer);
    movements.movePartition(tp, oldConsumer, newConsumer);
    removeTp(currentAssignment.get(oldConsumer)!, tp);
    currentAssignment.get(newConsumer)!.push(tp);
    currentPartitionConsumer.set(tpKey(tp.topic, tp.partition), newConsumer);
    sortedAdd(newConsumer);
    sortedAdd(oldConsumer);
  };

  const reassignPartitionTo = (tp: TopicPartitionRef, newConsumer: string) => {
    const consumer = currentPartitionConsumer.get(tpKey(tp.topic, tp.partition))!;
    processPartitionMovement(movements.getTheActualPartitionToBeMoved(tp, consumer, newConsumer), newConsumer);
  };

  const reassignPartition = (tp: TopicPartitionRef) => {
    const newConsumer = sorted.find((c) => consumer2Topics.get(c)!.includes(tp.topic))!;
    reassignPartitionTo(tp, newConsumer);
  };

  const performReassignments = (reassignable: readonly TopicPartitionRef[]): boolean => {
    let performed = false;
    let modified: boolean;
    do {
      modified = false;
      for (let i = 0; i < reassignable.length && !isBalanced(); i++) {
        const tp = reassignable[i]!;
        const consumer = currentPartitionConsumer.get(tpKey(tp.topic, tp.partition))!;
        const prev = prevAssignment.get(tpKey(tp.topic, tp.partition));
        if (prev !== undefined && currentAssignment.has(prev.consumer) && currentAssignment.get(consumer)!.length > currentAssignment.get(prev.consumer)!.length + 1) {
          reassignPartitionTo(tp, prev.consumer);
          performed = true;
          modified = true;
          continue;
        }
        for (const other of topic2Consumers.get(tp.topic)!) {
          const otherAssignment = currentAssignment.get(other);
          if (otherAssignment !== undefined && currentAssignment.get(consumer)!.length > otherAssignment.length + 1) {
            reassignPartition(tp);
            performed = true;
            modified = true;
            break;
          }
        }
      }
    } while (modified);
    return performed;
  };

  // balance()
  const initializing = currentAssignment.get(sorted[sorted.length - 1]!)!.length === 0;
  for (const tp of unassigned) {
    if (topic2Consumers.get(tp.topic)!.length === 0) continue;
    const consumer = sorted.find((c) => consumer2Topics.get(c)!.includes(tp.topic));
    if (consumer === undefined) continue;
    sortedRemove(consumer);
    currentAssignment.get(consumer)!.push(tp);
    currentPartitionConsumer.set(tpKey(tp.topic, tp.partition), consumer);
    sortedAdd(consumer);
  }

  const fixedTopics = new Set([...topic2Consumers.keys()].filter((t) => !canTopicParticipate(t)));
  const keepMovable = (list: TopicPartitionRef[]) => {
    for (let i = list.length - 1; i >= 0; i--) if (fixedTopics.has(list[i]!.topic)) list.splice(i, 1);
  };
  keepMovable(sortedAllPartitions);
  if (unassigned !== sortedAllPartitions) keepMovable(unassigned);

  const fixedAssignments = new Map<string, TopicPartitionRef[]>();
  for (const consumer of consumer2Topics.keys()) {
    if (!canConsumerParticipate(consumer)) {
      sortedRemove(consumer);
      fixedAssignments.set(consumer, currentAssignment.get(consumer)!);
      currentAssignment.delete(consumer);
    }
  }

  const preBalance = new Map([...currentAssignment].map(([c, l]) => [c, [...l]]));
  const preBalanceOwners = new Map(currentPartitionConsumer);
  if (!revocationRequired) performReassignments(unassigned);
  const performed = performReassignments(sortedAllPartitions);
  if (!initializing && performed && balanceScore(currentAssignment) >= balanceScore(preBalance)) {
    currentAssignment.clear();
    for (const [c, l] of preBalance) currentAssignment.set(c, [...l]);
    currentPartitionConsumer.clear();
    for (const [k, v] of preBalanceOwners) currentPartitionConsumer.set(k, v);
  }
  for (const [consumer, tps] of fixedAssignments) {
    currentAssignment.set(consumer, tps);
    sortedAdd(consumer);
  }
  sorted = [];
  for (const list of currentAssignment.values()) list.sort(byTopicThenPartition);
  return currentAssignment;
}
