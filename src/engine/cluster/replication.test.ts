import { describe, expect, it } from 'vitest';
import type { TopicConfig } from '../config';
import { type Simulation } from '../kernel/simulation';
import { createSimulation } from '../engine';
import { entriesOf } from '../testing/entriesOf';

function cluster(acks: 'all' | '1', configs: Partial<TopicConfig> = {}) {
  const sim = createSimulation({ seed: 5, brokers: 3, traceLimit: 100_000 });
  sim.createTopic({ name: 't', partitions: 1, replicationFactor: 3, configs: { 'min.insync.replicas': 2, ...configs } });
  sim.createProducer({ clientId: 'p', config: { acks, 'linger.ms': 0, ...(acks === '1' ? { 'enable.idempotence': false } : {}) } });
  sim.runUntilTime(10);
  return sim;
}

const partitionOf = (sim: Simulation) => sim.state.topics.t!.partitions[0]!;

function send(sim: Simulation, value: string) {
  sim.send({ producer: 'p', topic: 't', key: 'k', value, partition: 0 });
}

describe('replication', () => {
  it('a send while the leader is down waits for the controller to elect a new one, then goes there', () => {
    const sim = cluster('all', { 'min.insync.replicas': 1 });
    const leader = partitionOf(sim).leader;
    sim.crashBroker(leader);
    send(sim, 'a');
    sim.runUntilTime(sim.time + 100);
    // The connection to the dead broker is refused: nothing is sent, nothing is lost on the way.
    expect(entriesOf(sim, 'producerAwaitingLeader')).toMatchObject([{ leader, batches: 1 }]);
    expect(entriesOf(sim, 'batchSent')).toEqual([]);
    sim.runUntilTime(sim.time + 12_000); // fenced after broker.session.timeout.ms, a follower takes over
    const sent = entriesOf(sim, 'batchSent');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.leader).not.toBe(leader);
    expect(entriesOf(sim, 'produceRetried')).toEqual([]);
    expect(entriesOf(sim, 'produceAcknowledged')).toHaveLength(1);
    expect(partitionOf(sim).log.records.map((r) => r.value)).toEqual(['a']);
  });

  it('a leader that dies while the request travels closes the connection: the producer retries after retry.backoff.ms, not request.timeout.ms', () => {
    const sim = cluster('all', { 'min.insync.replicas': 1 });
    const leader = partitionOf(sim).leader;
    send(sim, 'a');
    sim.runUntil((e) => e.kind === 'batchSent');
    sim.crashBroker(leader);
    sim.runUntil((e) => e.kind === 'produceRetried');
    expect(entriesOf(sim, 'produceRequestLost')).toHaveLength(1);
    const retry = entriesOf(sim, 'produceRetried')[0]!;
    expect(retry).toMatchObject({ attempt: 2, reason: 'NETWORK_EXCEPTION' });
    expect(retry.backoffMs).toBeGreaterThanOrEqual(80); // retry.backoff.ms 100 ± 20 %
    expect(retry.backoffMs).toBeLessThanOrEqual(120);
    sim.runUntilTime(sim.time + 12_000);
    expect(entriesOf(sim, 'produceAcknowledged')).toHaveLength(1);
    expect(partitionOf(sim).log.records.map((r) => r.value)).toEqual(['a']);
  });

  it('gives up after delivery.timeout.ms', () => {
    const sim = cluster('all', { 'min.insync.replicas': 3 });
    const p = partitionOf(sim);
    sim.crashBroker(p.replicas.find((id) => id !== p.leader)!);
    sim.runUntilTime(sim.time + 10_000);
    send(sim, 'never');
    sim.runUntilTime(sim.time + 130_000);
    expect(entriesOf(sim, 'produceFailed')[0]).toMatchObject({ count: 1, error: expect.stringContaining('delivery.timeout.ms') as string });
    expect(sim.state.producers.p!.failedCount).toBe(1);
    // Retries back off exponentially to retry.backoff.max.ms (KIP-580): about 130 of them in 120 s, not 1,200.
    const backoffs = entriesOf(sim, 'produceRetried').map((e) => e.backoffMs);
    expect(backoffs.slice(0, 4).map((ms) => Math.round(Math.log2(ms / 100)))).toEqual([0, 1, 2, 3]);
    expect(Math.max(...backoffs)).toBeLessThanOrEqual(1_000);
    expect(backoffs.length).toBeGreaterThan(100);
    expect(backoffs.length).toBeLessThan(160);
  });

  it("acks=all: the answer waits until the followers' next fetches move the high watermark", () => {
    const sim = cluster('all');
    send(sim, 'a');
    const { entry: appended } = sim.runUntil((e) => e.kind === 'recordAppended');
    expect(appended).not.toBeNull();
    expect(partitionOf(sim).log.highWatermark).toBe(0); // on the leader only
    const { entry: hw } = sim.runUntil((e) => e.kind === 'highWatermarkAdvanced');
    expect(hw).toMatchObject({ from: 0, to: 1 });
    // The followers copied it first, then told the leader with their next fetch.
    const copies = entriesOf(sim, 'replicaFetched');
    expect(copies.map((e) => e.brokerId).sort()).toEqual(
      partitionOf(sim)
        .replicas.filter((id) => id !== partitionOf(sim).leader)
        .sort(),
    );
    expect(entriesOf(sim, 'produceAcknowledged')).toEqual([]);
    sim.runUntilTime(sim.time + 10);
    expect(entriesOf(sim, 'produceAcknowledged')).toHaveLength(1);
    expect(partitionOf(sim).replicaStates.map((r) => r.logEndOffset)).toEqual([1, 1, 1]);
  });

  it('RF 3, min.insync.replicas 2, acks=all: one broker down, writes go on; two down, NOT_ENOUGH_REPLICAS; one back, writes resume', () => {
    const sim = cluster('all');
    const p = partitionOf(sim);
    const [f1, f2] = p.replicas.filter((id) => id !== p.leader);
    sim.crashBroker(f1!);
    sim.runUntilTime(sim.time + 10_000); // fenced after broker.session.timeout.ms: ISR shrinks
    expect(partitionOf(sim).isr).not.toContain(f1);
    send(sim, 'one-down');
    sim.runUntilTime(sim.time + 100);
    expect(entriesOf(sim, 'produceAcknowledged')).toHaveLength(1);

    sim.crashBroker(f2!);
    sim.runUntilTime(sim.time + 10_000);
    expect(partitionOf(sim).isr).toEqual([p.leader]);
    send(sim, 'two-down');
    sim.runUntilTime(sim.time + 1_000);
    expect(entriesOf(sim, 'produceRejected').at(-1)).toMatchObject({ error: 'NOT_ENOUGH_REPLICAS' });
    // Retriable: the producer tries again after retry.backoff.ms, doubling; nothing is appended or acknowledged.
    expect(entriesOf(sim, 'produceRetried').filter((e) => e.reason === 'NOT_ENOUGH_REPLICAS').length).toBeGreaterThanOrEqual(3);
    expect(entriesOf(sim, 'produceAcknowledged')).toHaveLength(1);
    expect(partitionOf(sim).log.logEndOffset).toBe(1);

    sim.restartBroker(f1!);
    sim.runUntilTime(sim.time + 300);
    expect(partitionOf(sim).isr).toContain(f1);
    sim.runUntil((e) => e.kind === 'produceAcknowledged'); // at the retry after the current backoff (≤ 1 s)
    expect(entriesOf(sim, 'produceAcknowledged')).toHaveLength(2); // the retried batch went through
    send(sim, 'back');
    sim.runUntilTime(sim.time + 100);
    expect(entriesOf(sim, 'produceAcknowledged')).toHaveLength(3);
    expect(partitionOf(sim).log.records.map((r) => r.value)).toEqual(['one-down', 'two-down', 'back']);
  });

  it('acks=1 and a leader that dies before its followers copy: the acknowledged record is gone after the election, and the trace names it', () => {
    const sim = cluster('1');
    send(sim, 'safe');
    sim.runUntilTime(sim.time + 50);
    send(sim, 'doomed');
    sim.runUntil((e) => e.kind === 'produceAcknowledged' && e.baseOffset === 1);
    const leader = partitionOf(sim).leader;
    sim.crashBroker(leader); // its fetch responses to the followers die with it
    sim.runUntilTime(sim.time + 10_000);
    const election = entriesOf(sim, 'leaderElected')[0]!;
    expect(election.leader).not.toBe(leader);
    expect(election.leader).toBe(partitionOf(sim).replicas.find((id) => id !== leader));
    expect(election).toMatchObject({ leaderEpoch: 1, isUnclean: false, lostOffsets: { from: 1, to: 2 } });
    expect(partitionOf(sim).log.records.map((r) => r.value)).toEqual(['safe']);
    // The next record reuses the lost offset.
    send(sim, 'after');
    sim.runUntilTime(sim.time + 50);
    expect(partitionOf(sim).log.records.map((r) => [r.offset, r.value])).toEqual([
      [0, 'safe'],
      [1, 'after'],
    ]);
  });

  it('the whole ISR down: offline without unclean election; with it, the first live replica leads and acknowledged acks=all records are lost', () => {
    for (const unclean of [false, true]) {
      const sim = cluster('all', { 'min.insync.replicas': 1, 'unclean.leader.election.enable': unclean });
      const p = partitionOf(sim);
      const [f1, f2] = p.replicas.filter((id) => id !== p.leader);
      sim.crashBroker(f1!);
      sim.runUntilTime(sim.time + 10_000); // f1 out of the ISR
      send(sim, 'x');
      sim.runUntilTime(sim.time + 100);
      sim.crashBroker(f2!);
      sim.runUntilTime(sim.time + 10_000);
      send(sim, 'acked-only-on-leader');
      sim.runUntilTime(sim.time + 100);
      expect(entriesOf(sim, 'produceAcknowledged')).toHaveLength(2);
      sim.crashBroker(p.leader);
      sim.restartBroker(f1!); // out of sync: it never had either record
      sim.runUntilTime(sim.time + 10_000);
      const last = entriesOf(sim, 'leaderElected').at(-1)!;
      if (!unclean) {
        expect(last).toMatchObject({ leader: -1 });
        expect(partitionOf(sim).leader).toBe(-1);
      } else {
        expect(last).toMatchObject({ leader: f1, isUnclean: true, lostOffsets: { from: 0, to: 2 } });
        expect(partitionOf(sim).isr).toEqual([f1]);
      }
    }
  });

  it('a follower whose broker stops fetching leaves the ISR after replica.lag.time.max.ms even before fencing would', () => {
    const sim = createSimulation({ seed: 5, brokers: 3, brokerConfig: { 'replica.lag.time.max.ms': 2_000, 'broker.session.timeout.ms': 60_000 }, traceLimit: 10_000 });
    sim.createTopic({ name: 't', partitions: 1, replicationFactor: 3 });
    sim.createProducer({ clientId: 'p', config: { 'linger.ms': 0 } });
    sim.runUntilTime(10);
    const p = partitionOf(sim);
    const follower = p.replicas.find((id) => id !== p.leader)!;
    sim.crashBroker(follower);
    send(sim, 'a');
    sim.runUntilTime(sim.time + 5_000);
    expect(entriesOf(sim, 'isrChanged')[0]).toMatchObject({ to: p.replicas.filter((id) => id !== follower), reason: expect.stringContaining('not caught up') as string });
    expect(entriesOf(sim, 'brokerFenced')).toEqual([]);
  });
});
