/**
 * The engine writes -1 where a partition has no leader (and a group no coordinator, a request no broker).
 * A learner reads words, never that sentinel: every place the UI names a leader or a broker goes through here.
 */

/** True when `id` names a broker; false for the engine's -1 ("none"). */
export function isBroker(id: number): boolean {
  return id >= 0;
}

/** "broker 2", or "no leader" for -1. */
export function leaderWords(leader: number): string {
  return isBroker(leader) ? `broker ${leader}` : 'no leader';
}

/** "orders-0", or "orders-0, orders-1 and 50 partitions of __consumer_offsets": a topic with more than `listUpTo` is counted, not listed. */
export function partitionSummary(partitions: readonly { topic: string; partition: number }[], listUpTo = 3): string {
  const byTopic = new Map<string, number[]>();
  for (const p of partitions) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p.partition]);
  const parts = [...byTopic.entries()].flatMap(([topic, list]) => (list.length > listUpTo ? [`${list.length} partitions of ${topic}`] : list.map((n) => `${topic}-${n}`)));
  if (parts.length <= 1) return parts[0] ?? 'no partitions';
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
}

/** "1 partition", "56 partitions". */
export function partitionCount(n: number): string {
  return `${n} partition${n === 1 ? '' : 's'}`;
}
