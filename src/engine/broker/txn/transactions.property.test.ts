/**
 * Over random interleavings of two transactional producers and a plain one, with commits, aborts,
 * crashes (a new instance takes over the transactional.id) and transaction timeouts: a read_committed
 * consumer sees exactly the records of committed transactions plus the plain records, in offset
 * order, and never a marker.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Simulation } from '../../kernel/simulation';
import { createSimulation } from '../../engine';
import type { TraceEntry } from '../../kernel/trace';

type Op = { op: 'begin' | 'send' | 'commit' | 'abort' | 'crash'; who: 0 | 1 } | { op: 'plain' } | { op: 'advance'; ms: number };

const who = fc.constantFrom(0 as const, 1 as const);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constantFrom('begin' as const, 'send' as const, 'send' as const, 'commit' as const, 'abort' as const), who }),
  fc.record({ op: fc.constant('crash' as const), who }),
  fc.record({ op: fc.constant('plain' as const) }),
  fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 8_000 }) }),
);

function run(ops: Op[]): void {
  const sim: Simulation = createSimulation({ seed: 12, brokers: 1, traceLimit: 50 });
  sim.createTopic({ name: 't', partitions: 1, replicationFactor: 1 });
  sim.createProducer({ clientId: 'plain', config: { 'linger.ms': 0 } });
  sim.createConsumer({ clientId: 'rc', config: { 'auto.offset.reset': 'earliest', 'isolation.level': 'read_committed' } });
  sim.assign('rc', [{ topic: 't', partition: 0 }]);
  sim.startConsumerLoop({ consumer: 'rc', processingMsPerRecord: 0, commitMode: 'none' });
  const client = ['A-0', 'B-0'];
  const instances = [0, 0];
  const pending = new Map<string, string[]>(); // producer client → values of its current transaction
  const expected = new Set<string>();
  const delivered: (string | null)[] = [];
  let n = 0;
  const observe = (entries: readonly TraceEntry[]) => {
    for (const e of entries) {
      if (e.kind === 'transactionCommitted') for (const v of pending.get(e.producer) ?? []) expected.add(v);
      if (e.kind === 'transactionCommitted' || e.kind === 'transactionAborted' || e.kind === 'producerFenced') pending.set(e.producer, []);
      if (e.kind === 'recordProcessed') delivered.push(e.value);
    }
  };
  const exec = (command: Parameters<Simulation['execute']>[0]) => {
    try {
      sim.execute(command);
    } catch {
      // illegal in the producer's current state (e.g. send outside a transaction): ignored
    }
  };
  const newInstance = (i: 0 | 1) => {
    const id = `${i === 0 ? 'A' : 'B'}-${instances[i]!}`;
    sim.createProducer({ clientId: id, config: { 'transactional.id': i === 0 ? 'A' : 'B', 'linger.ms': 0, 'transaction.timeout.ms': 5_000 } });
    sim.execute({ type: 'initTransactions', producer: id });
    client[i] = id;
  };
  newInstance(0);
  newInstance(1);
  const advance = (ms: number) => {
    const until = sim.time + ms;
    while (sim.nextEventTime !== null && sim.nextEventTime <= until) observe(sim.step());
  };
  for (const op of ops) {
    if (op.op === 'advance') {
      advance(op.ms);
      continue;
    }
    if (op.op === 'plain') {
      const v = `plain-${n++}`;
      sim.send({ producer: 'plain', topic: 't', key: 'k', value: v, partition: 0 });
      expected.add(v);
      continue;
    }
    const producer = client[op.who]!;
    const state = sim.state.producers[producer]!.txn!.state;
    if (op.op === 'begin') exec({ type: 'beginTransaction', producer });
    else if (op.op === 'send' && state === 'IN_TRANSACTION') {
      const v = `${producer}-${n++}`;
      sim.send({ producer, topic: 't', key: 'k', value: v, partition: 0 });
      pending.set(producer, [...(pending.get(producer) ?? []), v]);
    } else if (op.op === 'commit') exec({ type: 'commitTransaction', producer });
    else if (op.op === 'abort') exec({ type: 'abortTransaction', producer });
    else if (op.op === 'crash') {
      instances[op.who]!++;
      newInstance(op.who);
    }
  }
  advance(60_000);
  const log = sim.state.topics.t!.partitions[0]!.log;
  expect(log.lastStableOffset).toBe(log.highWatermark); // every transaction ended
  const wanted = log.records.filter((r) => r.controlType === null && r.value !== null && expected.has(r.value)).map((r) => r.value);
  expect(delivered).toEqual(wanted);
  expect(delivered.every((v) => v !== null)).toBe(true);
}

describe('read_committed over random transactions', () => {
  it('sees exactly the committed and plain records, in offset order, never a marker', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => run(ops)),
      { numRuns: 60 },
    );
  });
});
