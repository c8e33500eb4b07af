/** What the business would notice in the waitroom, read from Redis, the logs and the group (never scripted). */
import { describeGroup, type ReadState } from '../../engine';
import { dataRecordCount, firstRecordByKey } from '../shared/records';
import type { CheckFinding, DomainCheck } from '../types';
import { CHECKOUT_TOPICS, TOPICS, type WaitroomRedis } from './model';

/** A user in checkout this long without the result reaching the waitroom counts as stuck. */
export const STUCK_AFTER_MS = 8_000;
export const LONG_WAIT_MS = 60_000;

function redisOf(state: ReadState): Partial<WaitroomRedis> {
  return state.services['waitroom-service']?.store ?? {};
}

/** In the waitroom's share group: the member (its consumer) a partition is assigned to, or null. */
function shareOwner(state: ReadState, topic: string, partition: number): string | null {
  const group = state.shareGroups['waitroom-service'];
  return group?.members.find((m) => m.assignment.some((tp) => tp.topic === topic && tp.partition === partition))?.consumer ?? null;
}

/**
 * Users whose checkout result sits unread: the partition it landed on belongs, in the group, to an
 * instance that is down (or nobody), so their slot never frees.
 */
export function stuckCheckouts(state: ReadState): CheckFinding[] {
  const r = redisOf(state);
  const group = describeGroup(state, 'waitroom-service');
  const findings: CheckFinding[] = [];
  const stuck = Object.entries(r.processing ?? {}).filter(([, since]) => state.time - since >= STUCK_AFTER_MS);
  if (stuck.length === 0) return findings;
  const results = firstRecordByKey(state, CHECKOUT_TOPICS, new Set(stuck.map(([id]) => id)));
  for (const [id, since] of stuck) {
    const result = results.get(id);
    if (result === undefined) continue; // still in the checkout service
    const owner = group?.partitions.find((p) => p.topic === result.topic && p.partition === result.partition)?.clientId ?? shareOwner(state, result.topic, result.partition);
    const memberState = owner === null ? null : state.consumers[owner]?.memberState;
    const shareStatus = owner === null ? undefined : state.shareConsumers[owner]?.status;
    const isDown = memberState === 'CRASHED' || memberState === 'CLOSED' || (shareStatus !== undefined && shareStatus !== 'running');
    const why = owner === null ? 'no member owns that partition right now' : isDown ? `it belongs to ${owner}, which is down` : `${owner} has not read it yet`;
    findings.push({
      id: `stuck:${id}`,
      text: `${r.sessions?.[id]?.user_id ?? id} has held a checkout slot for ${Math.round((state.time - since) / 1000)} s: the result sits in ${result.topic}-${result.partition} @${result.record.offset} and ${why}.`,
    });
  }
  return findings;
}

export function slotFreedTwice(state: ReadState): CheckFinding[] {
  return (redisOf(state).doubleFrees ?? []).map((id, i) => ({
    id: `double:${id}:${i}`,
    text: `A checkout result for ${redisOf(state).sessions?.[id]?.user_id ?? id} was handled twice: its slot was already free.`,
  }));
}

export function longWaits(state: ReadState): CheckFinding[] {
  const r = redisOf(state);
  return (r.queue ?? [])
    .map((id) => r.sessions![id]!)
    .filter((s) => state.time - s.joined_at > LONG_WAIT_MS)
    .map((s) => ({ id: `wait:${s.id}`, text: `${s.user_id} has waited ${Math.round((state.time - s.joined_at) / 1000)} s in the queue.` }));
}

/** QUEUE_JOINED is keyed by event id: one partition takes every join. */
export function hotPartition(state: ReadState): CheckFinding[] {
  const counts = new Map<number, number>();
  let total = 0;
  for (const p of state.topics[TOPICS.joined]?.partitions ?? []) {
    const n = dataRecordCount(p.log.records);
    if (n > 0) counts.set(p.partition, n);
    total += n;
  }
  if (total < 5) return [];
  const [partition, count] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  if (count / total < 0.9) return [];
  const partitions = state.topics[TOPICS.joined]!.partitions.length;
  return [
    {
      id: `hot:${partition}`,
      text: `${count} of ${total} QUEUE_JOINED records are on partition ${partition}: the key is the event id, so one partition takes every join and ${partitions - counts.size} of ${partitions} stay empty.`,
    },
  ];
}

/** Users turned away because Redis was down (counted by each waitroom instance in its memory). */
export function joinsFailed(state: ReadState): CheckFinding[] {
  const memory = state.services['waitroom-service']?.memory ?? {};
  const n = Object.values(memory).reduce((sum, m) => sum + Number(m.joinsFailed ?? 0), 0);
  return n === 0 ? [] : [{ id: 'joins-failed', text: `${n} user${n === 1 ? '' : 's'} could not join: Redis, where the queue lives, was down.` }];
}

export const WAITROOM_CHECKS: DomainCheck[] = [
  { id: 'cannot-join', title: 'Users who could not join', findings: joinsFailed },
  { id: 'stuck', title: 'A user stuck in checkout', findings: stuckCheckouts },
  { id: 'double-free', title: 'A slot freed twice', findings: slotFreedTwice },
  { id: 'long-wait', title: 'A user waiting more than 60 s', findings: longWaits },
  { id: 'hot-partition', title: 'A hot partition', findings: hotPartition },
];
