/**
 * The sticky assignors' shared core, AbstractStickyAssignor [clients consumer/internals/
 * AbstractStickyAssignor.java], without racks: decide which previously owned partitions are still
 * valid (a higher generation wins a double claim; two claims in one generation void both), then use
 * the constrained builder when every member subscribes to the same topics, else the general one.
 * Balance first, then stickiness.
 */
import { tpKey } from '../../../shared/topicPartition';
import { constrainedAssign } from './stickyConstrained';
import { generalAssign } from './stickyGeneral';
import { javaStringOrder } from '../../../shared/javaOrder';
import type { AssignorMember, PartitionsPerTopic, TopicPartitionRef } from './types';
import { generationOf } from './generations';

export interface StickyResult {
  assignment: Map<string, TopicPartitionRef[]>;
  /** Partitions given to a member other than their previous owner (constrained path only; null on the general path). */
  partitionsTransferringOwnership: Map<string, { tp: TopicPartitionRef; consumer: string }> | null;
}

export interface StickyInput {
  /** Members in Java HashMap iteration order. */
  members: AssignorMember[];
  byId: Map<string, AssignorMember>;
  partitionsPerTopic: PartitionsPerTopic;
  /** Subscribed topics that exist, in the map's key order. */
  topics: string[];
}

export function stickyAssign(members: readonly AssignorMember[], partitionsPerTopic: PartitionsPerTopic): StickyResult {
  const byId = new Map(members.map((m) => [m.memberId, m]));
  const ordered = javaStringOrder(members.map((m) => m.memberId)).map((id) => byId.get(id)!);
  const topics = Object.keys(partitionsPerTopic).filter((t) => members.some((m) => m.topics.includes(t)));
  const input: StickyInput = { members: ordered, byId, partitionsPerTopic: subscribedOnly(partitionsPerTopic, topics), topics };

  const consumerToOwned = new Map<string, TopicPartitionRef[]>();
  const multiplyClaimed = new Set<string>();
  const isAllEqual = allSubscriptionsEqual(input, consumerToOwned, multiplyClaimed);
  if (isAllEqual) return constrainedAssign(input, consumerToOwned, multiplyClaimed);
  return { assignment: generalAssign(input, consumerToOwned), partitionsTransferringOwnership: null };
}

/** Kafka passes the assignor only subscribed topics' metadata. */
function subscribedOnly(partitionsPerTopic: PartitionsPerTopic, topics: string[]): PartitionsPerTopic {
  const result: PartitionsPerTopic = Object.create(null) as PartitionsPerTopic;
  for (const t of topics) result[t] = partitionsPerTopic[t]!;
  return result;
}

function sameTopics(a: readonly string[], b: ReadonlySet<string>): boolean {
  const set = new Set(a);
  return set.size === b.size && [...set].every((t) => b.has(t));
}

/**
 * allSubscriptionsEqual: true iff all members subscribe to the same topics; fills each member's
 * still-valid owned partitions and the partitions two members claimed in the same generation.
 */
function allSubscriptionsEqual(input: StickyInput, consumerToOwned: Map<string, TopicPartitionRef[]>, multiplyClaimed: Set<string>): boolean {
  let isAllEqual = true;
  let subscribed: Set<string> | null = null;
  const previousOwner = new Map<string, string>();
  for (const member of input.members) {
    if (subscribed === null || subscribed.size === 0) subscribed = new Set(member.topics);
    else if (isAllEqual && !sameTopics(member.topics, subscribed)) isAllEqual = false;
    const generation = generationOf(member);
    const owned: TopicPartitionRef[] = [];
    consumerToOwned.set(member.memberId, owned);
    for (const tp of member.ownedPartitions ?? []) {
      if (!Object.hasOwn(input.partitionsPerTopic, tp.topic)) continue;
      const key = tpKey(tp.topic, tp.partition);
      const other = previousOwner.get(key);
      if (other === undefined) {
        owned.push({ topic: tp.topic, partition: tp.partition });
        previousOwner.set(key, member.memberId);
        continue;
      }
      const otherGeneration = generationOf(input.byId.get(other)!);
      const otherOwned = consumerToOwned.get(other)!;
      if (generation === otherGeneration) {
        multiplyClaimed.add(key);
        removeKey(otherOwned, key);
        previousOwner.set(key, member.memberId);
      } else if (generation > otherGeneration) {
        owned.push({ topic: tp.topic, partition: tp.partition });
        removeKey(otherOwned, key);
        previousOwner.set(key, member.memberId);
      }
    }
  }
  return isAllEqual;
}

function removeKey(list: TopicPartitionRef[], key: string): void {
  const i = list.findIndex((tp) => tpKey(tp.topic, tp.partition) === key);
  if (i >= 0) list.splice(i, 1);
}
