/** Helpers for log tests: one topic, one partition, a producer that writes one record per batch. */
import type { BrokerConfig, TopicConfig } from '../config';
import { type Simulation } from '../kernel/simulation';
import { createSimulation } from '../engine';
import { RECORD_BATCH_OVERHEAD_BYTES, recordSizeBytes } from './recordSize';

export const TOPIC = 't';

export function logSim(configs: Partial<TopicConfig>, brokerConfig: Partial<BrokerConfig> = {}, partitions = 1): Simulation {
  const sim = createSimulation({ seed: 1, brokers: 1, brokerConfig: { 'log.retention.check.interval.ms': 1_000, 'log.cleaner.backoff.ms': 1_000, ...brokerConfig }, traceLimit: 100_000 });
  sim.createTopic({ name: TOPIC, partitions, replicationFactor: 1, configs });
  sim.createProducer({ clientId: 'p', config: { 'linger.ms': 0 } });
  return sim;
}

/** Bytes one single-record batch takes in a segment (Kafka's tests size segments in these). */
export function batchBytes(key: string | null, value: string | null): number {
  return RECORD_BATCH_OVERHEAD_BYTES + recordSizeBytes(key, value, []);
}

/** Appends one record as its own batch, at the current time, and waits for it. */
export function appendOne(sim: Simulation, key: string | null, value: string | null, partition = 0): void {
  sim.send({ producer: 'p', topic: TOPIC, key, value, partition });
  sim.runUntilTime(sim.time + 5);
}

export function partitionLog(sim: Simulation, partition = 0) {
  return sim.state.topics[TOPIC]!.partitions[partition]!.log;
}

export { entriesOf } from '../testing/entriesOf';
