/**
 * The engine pipeline: produce -> append -> fetch -> commit for every record of the workload, through
 * the public API only (src/engine/index.ts), exactly as a scenario or the UI would drive it.
 */
import { committedOffset, consumerView, createSimulation, producerView, topicView, type Simulation } from '../src/engine/index';
import { CONSUMER, GROUP, PRODUCER, TOPIC, type Workload } from './workload';

export interface EngineRun {
  sim: Simulation;
  /** Wall-clock ms from createSimulation to the last offset committed. */
  elapsedMs: number;
  /** Events the simulation processed. */
  steps: number;
  /** Simulated ms the run took. */
  simTimeMs: number;
  /** Records appended to each partition (its log end offset). */
  perPartition: number[];
}

/** Gives up draining after this much simulated time past the last burst: something is stuck. */
const MAX_DRAIN_SIM_MS = 60_000;

function isDrained(sim: Simulation, w: Workload): boolean {
  const { state } = sim;
  if (producerView(state, PRODUCER)?.ackedCount !== w.records) return false;
  const topic = topicView(state, TOPIC);
  if (topic === undefined) return false;
  for (const p of topic.partitions) {
    if (committedOffset(state, GROUP, TOPIC, p.partition) !== p.log.logEndOffset) return false;
  }
  return true;
}

export function runEnginePipeline(w: Workload): EngineRun {
  const { keys, values } = w;
  const start = performance.now();

  // traceLimit 0: the handle keeps no trace window, so the bench measures the engine, not the window.
  const sim = createSimulation({ seed: 42, traceLimit: 0 });
  sim.createTopic({ name: TOPIC, partitions: w.partitions });
  sim.createProducer({ clientId: PRODUCER, config: { acks: 'all' } }); // default linger.ms and batch.size
  sim.createConsumer({
    clientId: CONSUMER,
    config: { 'group.id': GROUP, 'enable.auto.commit': false, 'auto.offset.reset': 'earliest', 'max.poll.records': w.maxPollRecords },
  });
  sim.assign(
    CONSUMER,
    Array.from({ length: w.partitions }, (_, partition) => ({ topic: TOPIC, partition })),
  );
  // poll -> process (0 ms a record) -> commitSync -> poll again, for the whole run.
  sim.startConsumerLoop({ consumer: CONSUMER, processingMsPerRecord: 0, commitMode: 'after-processing' });

  for (let from = 0; from < w.records; from += w.burst) {
    const to = Math.min(w.records, from + w.burst);
    for (let i = from; i < to; i++) sim.send({ producer: PRODUCER, topic: TOPIC, key: keys[i] ?? null, value: values[i] ?? null });
    sim.runUntilTime(sim.time + w.burstIntervalMs);
  }
  // The consumer loop long-polls forever, so the queue never empties: run until every offset is committed.
  const deadline = sim.time + MAX_DRAIN_SIM_MS;
  while (!isDrained(sim, w)) {
    if (sim.time >= deadline) throw new Error(`Engine pipeline did not drain within ${MAX_DRAIN_SIM_MS} simulated ms.`);
    sim.runUntilTime(sim.time + w.burstIntervalMs);
  }

  const elapsedMs = performance.now() - start;
  const topic = topicView(sim.state, TOPIC);
  return {
    sim,
    elapsedMs,
    steps: sim.stepCount,
    simTimeMs: sim.time,
    perPartition: topic === undefined ? [] : topic.partitions.map((p) => p.log.logEndOffset),
  };
}

/** Throws unless every record was appended, fetched and committed: the run did the real work. */
export function verifyEngineRun(run: EngineRun, w: Workload, expectedPerPartition: readonly number[]): void {
  const { state } = run.sim;
  const problems: string[] = [];
  const topic = topicView(state, TOPIC);
  if (topic === undefined) throw new Error(`Engine verification failed: topic '${TOPIC}' is missing.`);
  let total = 0;
  for (const p of topic.partitions) {
    const { log } = p;
    total += log.logEndOffset;
    const committed = committedOffset(state, GROUP, TOPIC, p.partition);
    if (committed !== log.logEndOffset) problems.push(`partition ${p.partition}: committed ${String(committed)} != log end offset ${log.logEndOffset}`);
    if (log.records.length !== log.logEndOffset) problems.push(`partition ${p.partition}: ${log.records.length} records stored, log end offset ${log.logEndOffset}`);
    const expected = expectedPerPartition[p.partition];
    if (expected !== log.logEndOffset) problems.push(`partition ${p.partition}: ${log.logEndOffset} records, the baseline put ${String(expected)} there`);
  }
  if (total !== w.records) problems.push(`${total} records appended, ${w.records} sent`);
  const producer = producerView(state, PRODUCER);
  if (producer?.sentCount !== w.records || producer.ackedCount !== w.records) {
    problems.push(`producer sent ${String(producer?.sentCount)} and had ${String(producer?.ackedCount)} acknowledged, expected ${w.records}`);
  }
  const consumer = consumerView(state, CONSUMER);
  if (consumer?.fetchedCount !== w.records) problems.push(`consumer fetched ${String(consumer?.fetchedCount)}, expected ${w.records}`);
  if (problems.length > 0) throw new Error(`Engine verification failed:\n  ${problems.join('\n  ')}`);
}
