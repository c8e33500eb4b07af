/**
 * Read-only views over the state for the UI, scenarios and tests. They copy nothing: what they return
 * is the live state typed as read-only, so read it now and don't keep it across steps.
 */
import { keysMovedByGrowth as movedKeys } from './cluster/topicAdmin';
import { getOwn } from './kernel/ownMap';
import { coordinatorPartitionFor } from './cluster/findCoordinator';
import type { DeepReadonly } from './kernel/simulation';
import type { ConsumerState, GroupState, PartitionState, ProducerState, TopicState, ReadState } from './state';
import { tpKey } from './shared/topicPartition';
import type { SharePartitionState, ShareRecordState } from './broker/share/sharePartitionTypes';

export function topicView(state: ReadState, name: string): DeepReadonly<TopicState> | undefined {
  return getOwn(state.topics, name);
}

export function partitionView(state: ReadState, topic: string, partition: number): DeepReadonly<PartitionState> | undefined {
  return topicView(state, topic)?.partitions[partition];
}

export function producerView(state: ReadState, clientId: string): DeepReadonly<ProducerState> | undefined {
  return getOwn(state.producers, clientId);
}

export function consumerView(state: ReadState, clientId: string): DeepReadonly<ConsumerState> | undefined {
  return getOwn(state.consumers, clientId);
}

/** The group's committed offset for a partition (the next offset to read), or null when none. */
export function committedOffset(state: ReadState, groupId: string, topic: string, partition: number): number | null {
  const group = getOwn(state.groups, groupId);
  return (group === undefined ? undefined : getOwn(group.offsets, tpKey(topic, partition)))?.offset ?? null;
}

export interface PartitionLag {
  topic: string;
  partition: number;
  /** Next offset the consumer will read, or -1 before its first poll. */
  position: number;
  /** The group's committed offset, or null. */
  committed: number | null;
  highWatermark: number;
  logEndOffset: number;
  /** The consumer's own records-lag: high watermark (LSO for read_committed) minus position. */
  lag: number;
  /** What kafka-consumer-groups --describe shows: high watermark minus committed offset (null without a commit). */
  committedLag: number | null;
}

/** Lag of each partition assigned to the consumer, as the client's metrics and the CLI compute it. */
export function consumerLag(state: ReadState, clientId: string): PartitionLag[] {
  const consumer = consumerView(state, clientId);
  if (consumer === undefined) return [];
  const groupId = consumer.config['group.id'];
  return consumer.assignment.map(({ topic, partition, position }) => {
    const log = partitionView(state, topic, partition)?.log;
    const highWatermark = log?.highWatermark ?? 0;
    const end = consumer.config['isolation.level'] === 'read_committed' ? (log?.lastStableOffset ?? 0) : highWatermark;
    const committed = groupId === null ? null : committedOffset(state, groupId, topic, partition);
    return {
      topic,
      partition,
      position,
      committed,
      highWatermark,
      logEndOffset: log?.logEndOffset ?? 0,
      lag: position < 0 ? end - (log?.logStartOffset ?? 0) : Math.max(0, end - position),
      committedLag: committed === null ? null : Math.max(0, highWatermark - committed),
    };
  });
}

export function groupView(state: ReadState, groupId: string): DeepReadonly<GroupState> | undefined {
  return getOwn(state.groups, groupId);
}

/** One member as `kafka-consumer-groups --describe --members --verbose` shows it. */
export interface GroupMemberDescription {
  memberId: string;
  clientId: string;
  groupInstanceId: string | null;
  isLeader: boolean;
  assignment: { topic: string; partition: number }[];
}

/** One partition as `kafka-consumer-groups --describe` shows it. */
export interface GroupPartitionDescription {
  topic: string;
  partition: number;
  /** CURRENT-OFFSET: the committed offset, or null ("no committed offset", shown as "-"). */
  committed: number | null;
  /** LOG-END-OFFSET as the tool prints it: the high watermark. */
  highWatermark: number;
  /** LAG: high watermark minus committed, or null without a commit. */
  lag: number | null;
  /** The member that owns it in the current generation, or null. */
  memberId: string | null;
  clientId: string | null;
}

export interface GroupDescription {
  groupId: string;
  state: GroupState['state'];
  generation: number;
  protocolType: string;
  /** The assignor chosen by the vote (null until the first generation). */
  protocol: string | null;
  leaderId: string | null;
  coordinatorPartition: number;
  members: GroupMemberDescription[];
  partitions: GroupPartitionDescription[];
}

/**
 * The group as the coordinator sees it, with every partition of the topics its members subscribe to
 * (or that it has commits for), in topic then partition order.
 */
export function describeGroup(state: ReadState, groupId: string): GroupDescription | undefined {
  const group = groupView(state, groupId);
  if (group === undefined) return undefined;
  const members = group.memberOrder.map((id) => getOwn(group.members, id)!);
  const owner = new Map<string, { memberId: string; clientId: string }>();
  for (const m of members) for (const tp of m.assignment) owner.set(tpKey(tp.topic, tp.partition), { memberId: m.memberId, clientId: m.clientId });
  const topics = new Set<string>();
  for (const m of members) for (const t of m.subscription) topics.add(t);
  for (const t of Object.values(state.topics)) {
    if (t.partitions.some((p) => getOwn(group.offsets, tpKey(t.name, p.partition)) !== undefined)) topics.add(t.name);
  }
  const partitions: GroupPartitionDescription[] = [];
  for (const name of [...topics].sort()) {
    const topic = topicView(state, name);
    if (topic === undefined) continue;
    for (const p of topic.partitions) {
      const committed = committedOffset(state, groupId, name, p.partition);
      const o = owner.get(tpKey(name, p.partition));
      partitions.push({
        topic: name,
        partition: p.partition,
        committed,
        highWatermark: p.log.highWatermark,
        lag: committed === null ? null : Math.max(0, p.log.highWatermark - committed),
        memberId: o?.memberId ?? null,
        clientId: o?.clientId ?? null,
      });
    }
  }
  const offsetsTopic = topicView(state, '__consumer_offsets');
  return {
    groupId,
    state: group.state,
    generation: group.generationId,
    protocolType: group.protocolType,
    protocol: group.protocolName,
    leaderId: group.leaderId,
    coordinatorPartition: offsetsTopic === undefined ? -1 : coordinatorPartitionFor(groupId, offsetsTopic.partitions.length),
    members: members.map((m) => ({
      memberId: m.memberId,
      clientId: m.clientId,
      groupInstanceId: m.groupInstanceId,
      isLeader: m.memberId === group.leaderId,
      assignment: m.assignment.map((tp) => ({ ...tp })),
    })),
    partitions,
  };
}

/**
 * After a topic grew from `previousCount` partitions: the keys already stored in it that now hash to
 * a different partition (new records for them land elsewhere; per-key order across the change is lost).
 */
export function keysMovedByGrowth(state: ReadState, topic: string, previousCount: number): { key: string; from: number; to: number }[] {
  const t = topicView(state, topic);
  return t === undefined ? [] : movedKeys(t, previousCount, t.partitions.length);
}

/** One partition as `kcat -L` (and the canvas) shows it, with each replica's log end offset. */
export interface PartitionMetadata {
  partition: number;
  /** -1 when offline. */
  leader: number;
  leaderEpoch: number;
  replicas: number[];
  isr: number[];
  isOffline: boolean;
  logStartOffset: number;
  highWatermark: number;
  logEndOffset: number;
  replicaStates: { brokerId: number; isLeader: boolean; isInSync: boolean; isAlive: boolean; logEndOffset: number; highWatermark: number }[];
}

export interface ClusterMetadata {
  brokers: { id: number; isAlive: boolean }[];
  topics: { name: string; isInternal: boolean; partitions: PartitionMetadata[] }[];
}

/** The cluster as `kcat -L` lists it: brokers, then every topic's partitions with leader, replicas and ISR. */
export function clusterMetadata(state: ReadState, options: { includeInternal?: boolean } = {}): ClusterMetadata {
  const alive = new Map(state.brokers.map((b) => [b.id, b.isAlive]));
  return {
    brokers: state.brokers.map((b) => ({ id: b.id, isAlive: b.isAlive })),
    topics: Object.values(state.topics)
      .filter((t) => options.includeInternal === true || !t.isInternal)
      .map((t) => ({
        name: t.name,
        isInternal: t.isInternal,
        partitions: t.partitions.map((p) => ({
          partition: p.partition,
          leader: p.leader,
          leaderEpoch: p.leaderEpoch,
          replicas: [...p.replicas],
          isr: [...p.isr],
          isOffline: p.leader < 0,
          logStartOffset: p.log.logStartOffset,
          highWatermark: p.log.highWatermark,
          logEndOffset: p.log.logEndOffset,
          replicaStates: p.replicaStates.map((r) => ({
            brokerId: r.brokerId,
            isLeader: r.brokerId === p.leader,
            isInSync: p.isr.includes(r.brokerId),
            isAlive: alive.get(r.brokerId) === true,
            logEndOffset: r.brokerId === p.leader ? p.log.logEndOffset : r.logEndOffset,
            highWatermark: r.brokerId === p.leader ? p.log.highWatermark : r.highWatermark,
          })),
        })),
      })),
  };
}

/** Every offset from SPSO that a share-partition has in flight, with its state (read here, where views and tests both reach it: views load no broker code). */
export function inFlightOffsets(sp: DeepReadonly<SharePartitionState>): { offset: number; state: ShareRecordState; deliveryCount: number; memberId: string }[] {
  const out: { offset: number; state: ShareRecordState; deliveryCount: number; memberId: string }[] = [];
  for (const batch of sp.batches) {
    for (let offset = Math.max(batch.firstOffset, sp.startOffset); offset <= batch.lastOffset; offset++) {
      const s = batch.offsetStates === null ? batch : batch.offsetStates[offset - batch.firstOffset]!;
      out.push({ offset, state: s.state, deliveryCount: s.deliveryCount, memberId: s.memberId });
    }
  }
  return out;
}

/** One in-flight record of a share group (KIP-932): its state, how many times it was handed out, its holder. */
export interface ShareRecordView {
  groupId: string;
  state: ShareRecordState;
  deliveryCount: number;
  /** The share consumer holding it while ACQUIRED, else ''. */
  consumer: string;
}

/** The share groups' records in flight on one partition, by offset (the first group's, when several read it). */
export function shareRecordStates(state: ReadState, topic: string, partition: number): Map<number, ShareRecordView> {
  const out = new Map<number, ShareRecordView>();
  const key = tpKey(topic, partition);
  for (const group of Object.values(state.shareGroups)) {
    const sp = getOwn(group.sharePartitions, key);
    if (sp === undefined) continue;
    const holders = new Map(group.members.map((m) => [m.memberId, m.consumer]));
    for (const r of inFlightOffsets(sp)) {
      if (!out.has(r.offset)) out.set(r.offset, { groupId: group.groupId, state: r.state, deliveryCount: r.deliveryCount, consumer: holders.get(r.memberId) ?? '' });
    }
  }
  return out;
}

/** A share consumer's partitions as its card shows them: SPSO, records it holds, records not finished yet. */
export interface ShareConsumerRow {
  topic: string;
  partition: number;
  /** The share-partition start offset, or -1 before the group first read it. */
  startOffset: number;
  held: number;
  /** Records from SPSO to the high watermark not acknowledged or archived yet (the share group's lag). */
  waiting: number;
}

export function shareConsumerRows(state: ReadState, clientId: string): ShareConsumerRow[] {
  const consumer = getOwn(state.shareConsumers, clientId);
  const group = consumer === undefined ? undefined : getOwn(state.shareGroups, consumer.config['group.id']);
  if (consumer === undefined || group === undefined) return [];
  const member = group.members.find((m) => m.consumer === clientId);
  const assignment = consumer.status === 'running' ? consumer.assignment : (member?.assignment ?? []);
  return assignment.map(({ topic, partition }) => {
    const sp = getOwn(group.sharePartitions, tpKey(topic, partition));
    const log = getOwn(state.topics, topic)?.partitions[partition]?.log;
    if (sp === undefined || log === undefined) return { topic, partition, startOffset: -1, held: 0, waiting: 0 };
    const inFlight = inFlightOffsets(sp);
    const finished = inFlight.filter((r) => r.state === 'ACKNOWLEDGED' || r.state === 'ARCHIVED').length;
    const held = member === undefined ? 0 : inFlight.filter((r) => r.state === 'ACQUIRED' && r.memberId === member.memberId).length;
    return { topic, partition, startOffset: sp.startOffset, held, waiting: Math.max(0, log.highWatermark - sp.startOffset - finished) };
  });
}
