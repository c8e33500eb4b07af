/**
 * Kafka's own replication invariants (named as in its RaftEventSimulationTest and Partition tests),
 * over random produce / broker crash / restart / clock schedules with acks=all and unclean election
 * off, checked after every event:
 * - NoAcknowledgedLoss: every acknowledged record stays at its offset with its value (so none is
 *   reordered either);
 * - MonotonicHighWatermark: within one leader epoch the high watermark never goes down;
 * - SingleLeader: one leader per partition per leader epoch;
 * - consumers never read at or above the high watermark.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Simulation } from '../kernel/simulation';
import { createSimulation } from '../engine';

type Op = { op: 'send'; partition: number } | { op: 'crash' | 'restart'; broker: number } | { op: 'advance'; ms: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('send' as const), partition: fc.nat(1) }), weight: 5 },
  { arbitrary: fc.record({ op: fc.constantFrom('crash' as const, 'restart' as const), broker: fc.integer({ min: 1, max: 3 }) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 15_000 }) }), weight: 2 },
);

class Checker {
  readonly acked = new Map<string, string>(); // "p@offset" → value
  readonly hwByEpoch = new Map<string, number>();
  readonly leaderByEpoch = new Map<string, number>();

  check(sim: Simulation): void {
    const topic = sim.state.topics.t!;
    for (const e of sim.trace.slice(-50)) {
      if (e.kind === 'recordsFetched') {
        const hw = topic.partitions[e.partition]!.log.highWatermark;
        if (e.lastOffset >= hw) throw new Error(`consumer read offset ${e.lastOffset} at/above HW ${hw} of t-${e.partition}`);
      }
    }
    for (const p of topic.partitions) {
      const epochKey = `${p.partition}/${p.leaderEpoch}`;
      if (p.leader >= 0) {
        const known = this.leaderByEpoch.get(epochKey);
        if (known !== undefined && known !== p.leader) throw new Error(`SingleLeader: epoch ${p.leaderEpoch} of t-${p.partition} led by ${known} and ${p.leader}`);
        this.leaderByEpoch.set(epochKey, p.leader);
        const hw = this.hwByEpoch.get(epochKey) ?? 0;
        if (p.log.highWatermark < hw) throw new Error(`MonotonicHighWatermark: t-${p.partition} epoch ${p.leaderEpoch} went from ${hw} to ${p.log.highWatermark}`);
        this.hwByEpoch.set(epochKey, p.log.highWatermark);
      }
      const byOffset = new Map(p.log.records.map((r) => [r.offset, r.value]));
      for (const [key, value] of this.acked) {
        const [part, offset] = key.split('@').map(Number);
        if (part !== p.partition) continue;
        if (byOffset.get(offset!) !== value) throw new Error(`NoAcknowledgedLoss: t-${p.partition}@${offset!} was ${value}, now ${String(byOffset.get(offset!))}`);
      }
    }
  }

  noteAcks(sim: Simulation, entries: readonly { kind: string }[]): void {
    for (const e of entries) {
      if (e.kind !== 'produceAcknowledged') continue;
      const ack = e as unknown as { partition: number; baseOffset: number; count: number };
      const log = sim.state.topics.t!.partitions[ack.partition]!.log;
      for (let o = ack.baseOffset; o < ack.baseOffset + ack.count; o++) {
        this.acked.set(`${ack.partition}@${o}`, log.records.find((r) => r.offset === o)!.value!);
      }
    }
  }
}

function run(ops: Op[]): void {
  const sim = createSimulation({ seed: 9, brokers: 3, traceLimit: 200 });
  sim.createTopic({ name: 't', partitions: 2, replicationFactor: 3, configs: { 'min.insync.replicas': 2 } });
  sim.createProducer({ clientId: 'p', config: { acks: 'all', 'linger.ms': 0 } });
  sim.createConsumer({ clientId: 'c', config: { 'auto.offset.reset': 'earliest' } });
  sim.assign('c', [
    { topic: 't', partition: 0 },
    { topic: 't', partition: 1 },
  ]);
  sim.startConsumerLoop({ consumer: 'c', processingMsPerRecord: 1, commitMode: 'none' });
  const checker = new Checker();
  let n = 0;
  const advance = (ms: number) => {
    const until = sim.time + ms;
    while (sim.nextEventTime !== null && sim.nextEventTime <= until) {
      checker.noteAcks(sim, sim.step());
      checker.check(sim);
    }
  };
  for (const op of ops) {
    const alive = sim.state.brokers.find((b) => b.id === ('broker' in op ? op.broker : 0))?.isAlive;
    if (op.op === 'send') sim.send({ producer: 'p', topic: 't', key: null, value: `v${n++}`, partition: op.partition });
    else if (op.op === 'crash' && alive === true) sim.crashBroker(op.broker);
    else if (op.op === 'restart' && alive === false) sim.restartBroker(op.broker);
    else if (op.op === 'advance') advance(op.ms);
  }
  for (const b of sim.state.brokers) if (!b.isAlive) sim.restartBroker(b.id);
  advance(30_000);
  expect(checker.acked.size).toBeLessThanOrEqual(n);
}

describe('replication invariants', () => {
  it('no acknowledged record lost, monotonic HW per epoch, one leader per epoch, reads below the HW', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => run(ops)),
      { numRuns: 80 },
    );
  });
});
