/**
 * npm run bench (part 2): scale. 50 brokers, one topic of 1,000 partitions, 1,000,000 records in one
 * simulation, read by a consumer group of 10: once keeping every record, once with retention.bytes
 * configured, which keeps the heap bounded.
 * Prints wall time, engine events and peak heap. Targets (issue 10): no stall, heap well under 1 GB.
 */
import { createSimulation } from '../src/engine';
import { mergeResults } from './results';

const RECORDS = Number(process.env['BENCH_SCALE_RECORDS'] ?? 1_000_000);
const BURST = 10_000;

function heapMb(): number {
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

interface ScaleRun {
  retention: boolean;
  records: number;
  seconds: number;
  events: number;
  recordsKept: number;
  lag: number;
  /** Partitions of the topic assigned to some consumer at the end (all 1,000 when the group is whole). */
  assignedPartitions: number;
  /** The slowest burst (10,000 sends + 200 simulated ms): a stall would show here first. */
  longestBurstMs: number;
  /** heapUsed sampled after setup, after each burst and at the end (not after a forced GC). */
  peakHeapMB: number;
}

function run(withRetention: boolean): ScaleRun {
  global.gc?.();
  const t0 = performance.now();
  const sim = createSimulation({ seed: 7, brokers: 50, traceLimit: 0, brokerConfig: { 'log.retention.check.interval.ms': 1_000, 'group.initial.rebalance.delay.ms': 0 } });
  sim.createTopic({ name: 'scale', partitions: 1_000, replicationFactor: 3, configs: withRetention ? { 'retention.bytes': 4_096, 'segment.bytes': 1_024 } : {} });
  sim.createProducer({ clientId: 'p', config: { 'linger.ms': 5 } });
  for (let i = 0; i < 10; i++) {
    sim.createConsumer({ clientId: `c${i}`, config: { 'group.id': 'readers', 'auto.offset.reset': 'earliest', 'max.poll.records': 5_000 } });
    sim.subscribe(`c${i}`, ['scale']);
    sim.startConsumerLoop({ consumer: `c${i}`, processingMsPerRecord: 0, commitMode: 'none' });
  }
  sim.runUntilTime(5_000);
  let peak = heapMb();
  let longestBurstMs = 0;
  for (let sent = 0; sent < RECORDS; sent += BURST) {
    const burstStart = performance.now();
    for (let i = 0; i < BURST; i++) sim.send({ producer: 'p', topic: 'scale', key: `k${(sent + i) % 50_000}`, value: 'v' });
    sim.runUntilTime(sim.time + 200);
    longestBurstMs = Math.max(longestBurstMs, performance.now() - burstStart);
    peak = Math.max(peak, heapMb());
  }
  sim.runUntilTime(sim.time + 5_000);
  peak = Math.max(peak, heapMb());
  const seconds = (performance.now() - t0) / 1000;
  const stored = Object.values(sim.state.topics.scale!.partitions).reduce((n, p) => n + p.log.records.length, 0);
  const lag = Object.values(sim.state.consumers).reduce(
    (n, c) => n + c.assignment.reduce((m, tp) => m + Math.max(0, sim.state.topics.scale!.partitions[tp.partition]!.log.highWatermark - tp.position), 0),
    0,
  );
  const assigned = new Set(Object.values(sim.state.consumers).flatMap((c) => c.assignment.filter((tp) => tp.topic === 'scale').map((tp) => tp.partition))).size;
  console.log(
    `Scale (${withRetention ? 'retention.bytes 4 KiB per partition' : 'no retention'}): 50 brokers, 1,000 partitions (RF 3), ${RECORDS.toLocaleString('en')} records, 10 consumers: ` +
      `${seconds.toFixed(1)} s wall (slowest burst ${longestBurstMs.toFixed(0)} ms), ${sim.stepCount.toLocaleString('en')} events, ${stored.toLocaleString('en')} records kept, lag ${lag} over ${assigned} assigned partitions, peak heap ${peak.toFixed(0)} MB (target well under 1,024 MB)`,
  );
  return { retention: withRetention, records: RECORDS, seconds, events: sim.stepCount, recordsKept: stored, lag, assignedPartitions: assigned, longestBurstMs, peakHeapMB: peak };
}

// Both: every record kept (the heap a learner's run could reach), and retention keeping it bounded.
const runs = [run(false), run(true)];
mergeResults('scale', { brokers: 50, partitions: 1_000, replicationFactor: 3, consumers: 10, runs });
