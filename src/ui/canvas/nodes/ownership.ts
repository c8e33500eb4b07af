/** What a consumer owns, in a few words per line: "QUEUE_JOINED P0–P4", or "P0–P3 of 3 topics" when several share one span. */
import { partitionSpan } from '../../partitionSpan';
import type { ConsumerRow } from '../flowTypes';

export interface OwnershipLine {
  /** What the card prints. */
  text: string;
  /** Every topic the line stands for (the tooltip names them). */
  topics: string[];
  lag: number;
}

export function ownershipLines(rows: readonly ConsumerRow[]): OwnershipLine[] {
  const byTopic = new Map<string, ConsumerRow[]>();
  for (const r of rows) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
  const bySpan = new Map<string, { topics: string[]; lag: number }>();
  for (const [topic, list] of byTopic) {
    const span = partitionSpan(list.map((r) => r.partition));
    const line = bySpan.get(span) ?? { topics: [], lag: 0 };
    line.topics.push(topic);
    line.lag += list.reduce((n, r) => n + r.lag, 0);
    bySpan.set(span, line);
  }
  return [...bySpan.entries()].map(([span, { topics, lag }]) => ({ text: topics.length === 1 ? `${topics[0]!} ${span}` : `${span} of ${topics.length} topics`, topics, lag }));
}
