/**
 * runUntilIdle / runUntil / isIdle and the producer: a batch still to be delivered is work, even when the
 * only event left for it is its request.timeout.ms timer, which counts as background (events.ts
 * isHousekeeping) because most requests are answered long before it fires.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from '../index';
import { entriesOf } from '../testing/entriesOf';

function setUp(): Simulation {
  const sim = createSimulation({ seed: 1, brokers: 1, traceLimit: 100_000 });
  sim.createTopic({ name: 't', partitions: 1, replicationFactor: 1 });
  sim.createProducer({ clientId: 'p', config: { 'linger.ms': 0 } }); // acks=all, idempotent, request.timeout.ms 30 s
  return sim;
}

const records = (sim: Simulation) => sim.state.topics.t!.partitions[0]!.log.records.map((r) => r.value);

describe('idleness with a produce retry pending', () => {
  it('an acks=all answer held back by followers that died: runUntilIdle goes on until the ISR shrinks and the answer comes', () => {
    const sim = createSimulation({ seed: 1, brokers: 3, traceLimit: 100_000 });
    sim.createTopic({ name: 't', partitions: 1, replicationFactor: 3 });
    sim.createProducer({ clientId: 'p', config: { 'linger.ms': 0 } });
    const partition = sim.state.topics.t!.partitions[0]!;
    for (const id of partition.replicas.filter((r) => r !== partition.leader)) sim.crashBroker(id);
    sim.send({ producer: 'p', topic: 't', key: 'k', value: 'v' });
    sim.runUntil((e) => e.kind === 'recordAppended');
    sim.runUntilTime(sim.time + 100);
    // Waiting at the leader for the high watermark, until the controller fences the dead followers.
    expect(sim.state.producers.p!.unfinishedBatchCount).toBe(1);
    expect(sim.isIdle).toBe(false);

    const run = sim.runUntilIdle();
    expect(run.isIdle).toBe(true);
    expect(entriesOf(sim, 'produceAcknowledged')).toHaveLength(1);
    expect(sim.state.producers.p!.unfinishedBatchCount).toBe(0);
    expect(records(sim)).toEqual(['v']);
  });

  it("runUntil does not give up as idle while a lost answer's retry is still to come", () => {
    const sim = setUp();
    sim.dropNextProduceResponse('p');
    sim.send({ producer: 'p', topic: 't', key: 'k', value: 'v' });
    const { entry } = sim.runUntil((e) => e.kind === 'produceAcknowledged');
    expect(entry).not.toBeNull();
    expect(entriesOf(sim, 'duplicateBatchIgnored')).toHaveLength(1); // the retry after the dropped connection
    expect(records(sim)).toEqual(['v']);
  });

  it('broker down while the record is sent: runUntilIdle after the restart returns only once it is delivered', () => {
    const sim = setUp();
    sim.crashBroker(1);
    sim.send({ producer: 'p', topic: 't', key: 'k', value: 'v' });
    sim.runUntilTime(20_000);
    expect(sim.isIdle).toBe(false);
    expect(records(sim)).toEqual([]);
    sim.restartBroker(1);
    sim.runUntilIdle();
    expect(records(sim)).toEqual(['v']);
    expect(sim.state.producers.p!.unfinishedBatchCount).toBe(0);
    expect(sim.isIdle).toBe(true);
  });

  it('a broker that never comes back: runUntilIdle runs until delivery.timeout.ms gives the batch up', () => {
    const sim = setUp();
    sim.crashBroker(1);
    sim.send({ producer: 'p', topic: 't', key: 'k', value: 'v' });
    sim.runUntilIdle();
    expect(entriesOf(sim, 'produceFailed')).toHaveLength(1);
    expect(sim.time).toBeGreaterThanOrEqual(120_000);
    expect(sim.state.producers.p!.unfinishedBatchCount).toBe(0);
  });
});
