/**
 * Share group invariants (KIP-932), on the coordinator's groups, the leaders' share-partitions and the
 * share consumers:
 * - groups: Empty exactly when memberless; member ids unique (and in the assignor's order); the group
 *   epoch never goes back and no member is ahead of it; a member's assignment holds only partitions of
 *   topics it subscribes to, which existed when it was computed; every such partition is given to at
 *   least one member and at most ceil(subscribers / partitions), so to one only while members do not
 *   outnumber partitions; a group id is not also a consumer group's;
 * - share-partitions: batches sorted, not overlapping, covering SPSO..SPEO without a hole; SPSO <= SPEO,
 *   below the high watermark, never going back, and never at a finished record; an ACQUIRED record is held
 *   by a current member of its group under a lock that has not run out (its timer releases it on time),
 *   any other record by no one; delivery counts within the group.share.delivery.count.limit, and a record
 *   at the limit is never AVAILABLE again;
 * - share consumers: member ids unique, names not shared with a consumer, nothing held once crashed or
 *   closed, delivery counts within the limit.
 */
import type { Simulation } from '../index';
import { tpKey } from '../shared/topicPartition';
import type { InvariantMemory } from './memory';
import { partitionOf } from './stateReads';
import type { Violations } from './violations';

type ShareGroupView = Simulation['state']['shareGroups'][string];
type SharePartitionView = ShareGroupView['sharePartitions'][string];
type InFlightView = Omit<SharePartitionView['batches'][number], 'firstOffset' | 'lastOffset' | 'offsetStates'>;

export function checkShareGroups(sim: Simulation, at: string, memory: InvariantMemory, found: Violations): void {
  const limit = sim.state.brokerConfig['group.share.delivery.count.limit'];
  for (const group of Object.values(sim.state.shareGroups)) {
    const where = `share group ${group.groupId}${at}`;
    checkMembers(sim, group, where, memory, found);
    checkAssignment(sim, group, where, memory, found);
    const memberIds = new Set(group.members.map((m) => m.memberId));
    for (const [key, sp] of Object.entries(group.sharePartitions)) {
      checkSharePartition(sim, sp, { key, groupId: group.groupId, memberIds, limit, where: `${where}, share-partition ${key}` }, memory, found);
    }
  }
  checkShareConsumers(sim, limit, at, found);
}

function checkMembers(sim: Simulation, group: ShareGroupView, where: string, memory: InvariantMemory, found: Violations): void {
  found.check(!Object.hasOwn(sim.state.groups, group.groupId), () => `${where}: the id is also a consumer group's (one name space)`);
  found.check((group.state === 'Empty') === (group.members.length === 0), () => `${where}: state ${group.state} with ${group.members.length} members`);
  const last = memory.lastShareGroupEpoch.get(group.groupId) ?? 0;
  found.check(group.groupEpoch >= last, () => `${where}: group epoch went back from ${last} to ${group.groupEpoch}`);
  memory.lastShareGroupEpoch.set(group.groupId, group.groupEpoch);
  group.members.forEach((m, i) => {
    const previous = group.members[i - 1];
    found.check(m.memberId !== '', () => `${where}: a member of ${m.consumer} has no member id`);
    found.check(previous === undefined || previous.memberId < m.memberId, () => `${where}: member ${m.memberId} after ${previous?.memberId} (ids unique, in order)`);
    found.check(m.memberEpoch >= 0 && m.memberEpoch <= group.groupEpoch, () => `${where}: member ${m.memberId} at epoch ${m.memberEpoch}, group epoch ${group.groupEpoch}`);
    const consumer = Object.hasOwn(sim.state.shareConsumers, m.consumer) ? sim.state.shareConsumers[m.consumer] : undefined;
    found.check(consumer?.config['group.id'] === group.groupId, () => `${where}: member ${m.memberId} names ${m.consumer}, not a share consumer of the group`);
  });
}

/** A topic's partition count now (0 when it does not exist). */
function partitionCount(sim: Simulation, topic: string): number {
  return Object.hasOwn(sim.state.topics, topic) ? (sim.state.topics[topic]?.partitions.length ?? 0) : 0;
}

/**
 * What each member holds is valid, and the SimpleAssignor's sharing rules hold. The assignor saw the
 * partition counts of when the group epoch last went up (a topic that grows is picked up at the next
 * membership change; the checks run after every op, so a count read at the first check of an epoch is
 * the one it saw), and it hands every partition it saw to ceil(M / P) members. A topic of which no
 * partition is held is taken as one it did not see (created since). Each topic on its own, among its
 * subscribers: exact for a heterogeneous group, an upper bound for a homogeneous one, which is checked
 * exactly over all its partitions together.
 */
function checkAssignment(sim: Simulation, group: ShareGroupView, where: string, memory: InvariantMemory, found: Violations): void {
  let basis = memory.shareAssignmentBasis.get(group.groupId);
  if (basis?.groupEpoch !== group.groupEpoch) {
    const topics = new Set(group.members.flatMap((m) => m.subscribedTopics));
    basis = { groupEpoch: group.groupEpoch, partitionCounts: new Map([...topics].map((t) => [t, partitionCount(sim, t)])) };
    memory.shareAssignmentBasis.set(group.groupId, basis);
  }
  const holders = new Map<string, Map<number, string[]>>();
  for (const m of group.members) {
    const seen = new Set<string>();
    for (const tp of m.assignment) {
      const key = tpKey(tp.topic, tp.partition);
      found.check(!seen.has(key), () => `${where}: ${key} twice in ${m.memberId}'s assignment`);
      seen.add(key);
      found.check(m.subscribedTopics.includes(tp.topic), () => `${where}: ${m.memberId} is assigned ${key} but subscribes to [${m.subscribedTopics.join(', ')}]`);
      const count = basis.partitionCounts.get(tp.topic) ?? 0;
      if (!found.check(Number.isInteger(tp.partition) && tp.partition >= 0 && tp.partition < count, () => `${where}: ${m.memberId} is assigned ${key}, beyond the ${count} partitions it had`))
        continue;
      const byPartition = holders.get(tp.topic) ?? new Map<number, string[]>();
      holders.set(tp.topic, byPartition);
      byPartition.set(tp.partition, [...(byPartition.get(tp.partition) ?? []), m.memberId]);
    }
  }
  const seenCount = (topic: string) => (holders.has(topic) ? (basis.partitionCounts.get(topic) ?? 0) : 0);
  const holdersOf = (topic: string, partition: number) => holders.get(topic)?.get(partition) ?? [];
  for (const topic of holders.keys()) {
    const subscribers = group.members.filter((m) => m.subscribedTopics.includes(topic)).length;
    const partitions = seenCount(topic);
    const sharing = Math.ceil(subscribers / partitions);
    for (let partition = 0; partition < partitions; partition++) {
      const members = holdersOf(topic, partition);
      found.check(
        members.length >= 1 && members.length <= sharing,
        () => `${where}: ${tpKey(topic, partition)} given to ${members.length} members (${members.join(', ')}); ${subscribers} subscribers on ${partitions} partitions: 1 to ${sharing}`,
      );
    }
  }
  // Homogeneous (every member subscribes to the same topics the assignor saw): all partitions balanced together.
  const seenTopics = group.members.map((m) => [...new Set(m.subscribedTopics)].filter((t) => seenCount(t) > 0).sort());
  const first = seenTopics[0]?.join('\n') ?? '';
  if (first === '' || !seenTopics.every((topics) => topics.join('\n') === first)) return;
  const total = (seenTopics[0] ?? []).reduce((sum, t) => sum + seenCount(t), 0);
  const sharing = Math.ceil(group.members.length / total);
  for (const topic of seenTopics[0] ?? []) {
    for (let partition = 0; partition < seenCount(topic); partition++) {
      const members = holdersOf(topic, partition);
      found.check(members.length === sharing, () => `${where}: ${tpKey(topic, partition)} given to ${members.length} members; ${group.members.length} members on ${total} partitions: ${sharing} each`);
    }
  }
}

/** What a share-partition's checks need from its group. */
interface PartitionContext {
  key: string;
  groupId: string;
  memberIds: ReadonlySet<string>;
  limit: number;
  where: string;
}

function checkSharePartition(sim: Simulation, sp: SharePartitionView, w: PartitionContext, memory: InvariantMemory, found: Violations): void {
  const { where } = w;
  found.check(w.key === tpKey(sp.topic, sp.partition), () => `${where}: keyed by ${w.key} but is ${tpKey(sp.topic, sp.partition)}`);
  const log = partitionOf(sim, sp.topic, sp.partition)?.log;
  if (!found.check(log !== undefined, () => `${where}: the partition does not exist`) || log === undefined) return;
  const spso = sp.startOffset;
  const speo = sp.endOffset;
  found.check(Number.isSafeInteger(spso) && Number.isSafeInteger(speo) && spso <= speo, () => `${where}: SPSO ${spso}, SPEO ${speo}`);
  const memoryKey = `${w.groupId}\u0000${w.key}`;
  const last = memory.lastShareStartOffset.get(memoryKey) ?? spso;
  found.check(spso >= last, () => `${where}: SPSO went back from ${last} to ${spso}`);
  memory.lastShareStartOffset.set(memoryKey, spso);

  let reachesStart = false;
  for (const [i, b] of sp.batches.entries()) {
    const span = `${where}: batch ${b.firstOffset}..${b.lastOffset}`;
    if (!found.check(Number.isSafeInteger(b.firstOffset) && Number.isSafeInteger(b.lastOffset) && b.firstOffset <= b.lastOffset, () => `${span} is not a range`)) continue;
    const previous = sp.batches[i - 1];
    if (previous !== undefined) {
      found.check(previous.lastOffset < b.firstOffset, () => `${span} after ${previous.firstOffset}..${previous.lastOffset} (sorted, not overlapping)`);
      if (previous.lastOffset >= spso) found.check(b.firstOffset === previous.lastOffset + 1, () => `${span}: a hole after ${previous.lastOffset}, within SPSO ${spso}..SPEO ${speo}`);
    }
    if (b.lastOffset >= spso && !reachesStart) {
      reachesStart = true;
      found.check(b.firstOffset <= spso, () => `${span}: the cache starts after SPSO ${spso}`);
    }
    found.check(b.lastOffset <= speo, () => `${span} beyond SPEO ${speo}`);
    found.check(b.lastOffset < log.highWatermark, () => `${span}: not below the high watermark ${log.highWatermark}`);
    const states = b.offsetStates;
    if (states !== null && !found.check(states.length === b.lastOffset - b.firstOffset + 1, () => `${span} holds ${states.length} offset states`)) continue;
    let holds = false;
    if (states === null) {
      // One state for the whole batch: its first offset stands for the others, and SPSO for itself.
      holds = b.state === 'ACQUIRED';
      checkOffset(sim, b, b.firstOffset, spso, w, found);
      if (b.firstOffset < spso && spso <= b.lastOffset) checkOffset(sim, b, spso, spso, w, found);
    } else {
      states.forEach((s, k) => {
        holds ||= s.state === 'ACQUIRED';
        checkOffset(sim, s, b.firstOffset + k, spso, w, found);
      });
    }
    found.check(b.lastOffset >= spso || holds, () => `${span} is finished and below SPSO ${spso}, yet still cached`);
  }
  const lastBatch = sp.batches.at(-1);
  if (reachesStart) found.check(lastBatch?.lastOffset === speo, () => `${where}: the cache ends at ${lastBatch?.lastOffset}, SPEO ${speo}`);
  else found.check(speo === spso, () => `${where}: nothing cached from SPSO ${spso}, yet SPEO ${speo}`);
}

function checkOffset(sim: Simulation, s: InFlightView, offset: number, spso: number, w: PartitionContext, found: Violations): void {
  const at = () => `${w.where}: offset ${offset} ${s.state} (delivery count ${s.deliveryCount}, member '${s.memberId}', lock until ${s.lockExpiresAt})`;
  found.check(Number.isInteger(s.deliveryCount) && s.deliveryCount >= 0 && s.deliveryCount <= w.limit, () => `${at()}: above the delivery count limit ${w.limit}`);
  if (offset === spso) found.check(s.state === 'AVAILABLE' || s.state === 'ACQUIRED', () => `${at()}: SPSO stopped at a finished record`);
  if (s.state === 'ACQUIRED') {
    found.check(s.deliveryCount >= 1, () => `${at()}: acquired but never delivered`);
    found.check(w.memberIds.has(s.memberId), () => `${at()}: held by no current member of the group`);
    // The lock's timer fires at lockExpiresAt and releases it: a lock in the past was missed.
    found.check(s.lockExpiresAt > 0 && s.lockExpiresAt >= sim.time, () => `${at()}: the lock ran out before ${sim.time}`);
  } else {
    found.check(s.memberId === '' && s.lockExpiresAt === -1, () => `${at()}: a holder or a lock on a record not ACQUIRED`);
  }
  if (s.state === 'AVAILABLE') {
    // A record released at the limit is ARCHIVED instead, and SPSO moving past the log start archives the rest.
    found.check(s.deliveryCount >= 1 && s.deliveryCount < w.limit, () => `${at()}: AVAILABLE again at the delivery count limit ${w.limit}`);
    found.check(offset >= spso, () => `${at()}: AVAILABLE below SPSO ${spso}`);
  }
}

function checkShareConsumers(sim: Simulation, limit: number, at: string, found: Violations): void {
  const byMemberId = new Map<string, string>();
  for (const c of Object.values(sim.state.shareConsumers)) {
    const where = `share consumer ${c.clientId}${at}`;
    found.check(!Object.hasOwn(sim.state.consumers, c.clientId), () => `${where}: a consumer has the same name`);
    if (c.memberId !== '') {
      const other = byMemberId.get(c.memberId);
      found.check(other === undefined, () => `${where}: member id ${c.memberId} is also ${other}'s`);
      byMemberId.set(c.memberId, c.clientId);
    }
    if (c.status !== 'running') {
      found.check(c.delivered.length === 0 && c.acknowledgements.length === 0 && c.inflightFetchId === -1, () => `${where}: ${c.status} but still holds records, acknowledgements or a fetch`);
    }
    for (const r of c.delivered) {
      found.check(r.deliveryCount >= 1 && r.deliveryCount <= limit, () => `${where}: holds ${r.topic}-${r.partition}@${r.offset} at delivery ${r.deliveryCount}, limit ${limit}`);
    }
    const group = Object.hasOwn(sim.state.shareGroups, c.config['group.id']) ? sim.state.shareGroups[c.config['group.id']] : undefined;
    found.check(c.memberEpoch <= (group?.groupEpoch ?? 0), () => `${where}: member epoch ${c.memberEpoch}, its group's epoch ${group?.groupEpoch ?? 'none'}`);
  }
}
