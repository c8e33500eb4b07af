/**
 * One sample of the numbers the charts draw, taken after every UI step: per partition its log end
 * offset (throughput is its rise over simulated time) and per group and partition the lag that
 * `kafka-consumer-groups --describe` would print (high watermark minus committed offset).
 */
import { parseTpKey, tpKey, type DeepReadonly, type SimState } from '../../engine';

export interface PartitionSample {
  topic: string;
  partition: number;
  logEndOffset: number;
  highWatermark: number;
}

export interface LagSample {
  groupId: string;
  topic: string;
  partition: number;
  /** null before the group commits anything for the partition. */
  lag: number | null;
}

export interface MetricsSample {
  step: number;
  /** Simulated time in ms. */
  time: number;
  partitions: PartitionSample[];
  lags: LagSample[];
}

export function sampleMetrics(state: DeepReadonly<SimState>, step: number): MetricsSample {
  const partitions: PartitionSample[] = [];
  for (const t of Object.values(state.topics)) {
    if (t.isInternal) continue;
    for (const p of t.partitions) partitions.push({ topic: t.name, partition: p.partition, logEndOffset: p.log.logEndOffset, highWatermark: p.log.highWatermark });
  }
  // The rows kafka-consumer-groups --describe prints (topics the members subscribe to, or the group has
  // commits for), computed directly: this runs after every step.
  const lags: LagSample[] = [];
  for (const [groupId, group] of Object.entries(state.groups)) {
    const topics = new Set<string>();
    for (const m of Object.values(group.members)) for (const t of m.subscription) topics.add(t);
    for (const key of Object.keys(group.offsets)) topics.add(parseTpKey(key).topic);
    for (const name of [...topics].sort()) {
      const topic = state.topics[name];
      if (topic === undefined || topic.isInternal) continue;
      for (const p of topic.partitions) {
        const committed = group.offsets[tpKey(name, p.partition)]?.offset;
        lags.push({ groupId, topic: name, partition: p.partition, lag: committed === undefined ? null : Math.max(0, p.log.highWatermark - committed) });
      }
    }
  }
  return { step, time: state.time, partitions, lags };
}
