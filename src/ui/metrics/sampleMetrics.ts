/**
 * One sample of the numbers the charts draw, taken after every UI step: per partition its log end
 * offset (throughput is its rise over simulated time) and per group and partition the lag that
 * `kafka-consumer-groups --describe` would print (high watermark minus committed offset).
 */
import { describeGroup, type DeepReadonly, type SimState } from '../../engine';

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
  const lags: LagSample[] = [];
  for (const groupId of Object.keys(state.groups)) {
    for (const p of describeGroup(state, groupId)?.partitions ?? []) lags.push({ groupId, topic: p.topic, partition: p.partition, lag: p.lag });
  }
  return { step, time: state.time, partitions, lags };
}
