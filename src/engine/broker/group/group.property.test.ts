/**
 * Properties of consumer groups over random sequences of joins, crashes, restarts, closes, records
 * and clock advances, for every assignor:
 * - no two running members own a partition at the same moment (checked after every event);
 * - once the group settles, every partition is owned by exactly one running member, as the
 *   coordinator recorded it;
 * - commit after processing never skips a record; commit before processing never processes one twice.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AssignorName } from '../../config';
import { type Simulation } from '../../kernel/simulation';
import { createSimulation } from '../../engine';
import type { CommitMode } from '../../state';
import { describeGroup, groupView } from '../../views';

const PARTITIONS = 5;
const MAX_MEMBERS = 5;

type Op = { op: 'join' } | { op: 'crash' | 'close' | 'restart'; index: number } | { op: 'advance'; ms: number } | { op: 'produce'; partitions: number[] };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.constant({ op: 'join' as const }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constantFrom('crash' as const, 'close' as const, 'restart' as const), index: fc.nat(MAX_MEMBERS - 1) }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 60_000 }) }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constant('produce' as const), partitions: fc.array(fc.nat(PARTITIONS - 1), { minLength: 1, maxLength: 15 }) }), weight: 3 },
);

function setUp(): Simulation {
  const sim = createSimulation({ seed: 11, brokerConfig: { 'group.initial.rebalance.delay.ms': 0 }, traceLimit: 100 });
  sim.createTopic({ name: 't', partitions: PARTITIONS, replicationFactor: 1 });
  sim.createProducer({ clientId: 'p' });
  return sim;
}

function running(sim: Simulation): string[] {
  return Object.values(sim.state.consumers)
    .filter((c) => c.memberState !== 'CRASHED' && c.memberState !== 'CLOSED')
    .map((c) => c.clientId);
}

/** No partition is held by two running consumers at once. */
function checkSingleOwnership(sim: Simulation): void {
  const owners = new Map<number, string>();
  for (const id of running(sim)) {
    for (const tp of sim.state.consumers[id]!.assignment) {
      const other = owners.get(tp.partition);
      if (other !== undefined) throw new Error(`t-${tp.partition} owned by ${other} and ${id} at ${sim.time} ms`);
      owners.set(tp.partition, id);
    }
  }
}

function apply(sim: Simulation, op: Op, strategy: AssignorName, commitMode: CommitMode): void {
  const ids = Object.keys(sim.state.consumers);
  switch (op.op) {
    case 'join': {
      if (ids.length >= MAX_MEMBERS) return;
      const id = `c${ids.length}`;
      sim.createConsumer({
        clientId: id,
        config: { 'group.id': 'g', 'auto.offset.reset': 'earliest', 'enable.auto.commit': false, 'partition.assignment.strategy': [strategy], 'session.timeout.ms': 10_000 },
      });
      sim.subscribe(id, ['t']);
      sim.startConsumerLoop({ consumer: id, processingMsPerRecord: 50, commitMode });
      return;
    }
    case 'crash':
    case 'close':
    case 'restart': {
      const id = ids[op.index % Math.max(1, ids.length)];
      if (id === undefined) return;
      const isRunning = running(sim).includes(id);
      if (op.op === 'restart' && !isRunning) sim.restartConsumer(id);
      if (op.op === 'crash' && isRunning) sim.crashConsumer(id);
      if (op.op === 'close' && isRunning) sim.closeConsumer(id);
      return;
    }
    case 'advance':
      runChecked(sim, sim.time + op.ms);
      return;
    case 'produce':
      for (const partition of op.partitions) sim.send({ producer: 'p', topic: 't', key: null, value: 'v', partition });
      return;
  }
}

function runChecked(sim: Simulation, untilMs: number): void {
  while (sim.nextEventTime !== null && sim.nextEventTime <= untilMs) {
    sim.step();
    checkSingleOwnership(sim);
  }
}

function runScenario(strategy: AssignorName, commitMode: CommitMode, ops: Op[]): Simulation {
  const sim = setUp();
  apply(sim, { op: 'join' }, strategy, commitMode);
  for (const op of ops) apply(sim, op, strategy, commitMode);
  // Settle: longer than a session timeout plus a few rebalances, with nothing new happening.
  runChecked(sim, sim.time + 60_000);
  return sim;
}

const strategyArb = fc.constantFrom<AssignorName>('range', 'roundrobin', 'sticky', 'cooperative-sticky');
const opsArb = fc.array(opArb, { maxLength: 14 });

describe('consumer group properties', () => {
  it('once settled, every partition is owned by exactly one running member, as the coordinator recorded', () => {
    fc.assert(
      fc.property(strategyArb, opsArb, (strategy, ops) => {
        const sim = runScenario(strategy, 'after-processing', ops);
        const live = running(sim);
        const group = describeGroup(sim.state, 'g')!;
        if (live.length === 0) {
          expect(group.state).toBe('Empty');
          return;
        }
        expect(group.state).toBe('Stable');
        expect(group.members.map((m) => m.clientId).sort()).toEqual([...live].sort());
        const owned = live.flatMap((id) => sim.state.consumers[id]!.assignment.map((tp) => tp.partition)).sort((a, b) => a - b);
        expect(owned).toEqual([...Array(PARTITIONS).keys()]);
        for (const m of group.members) {
          expect(sim.state.consumers[m.clientId]!.assignment.map((tp) => tp.partition)).toEqual(m.assignment.map((tp) => tp.partition));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('commit after processing never skips a record; commit before processing never processes one twice', () => {
    fc.assert(
      fc.property(strategyArb, fc.constantFrom<CommitMode>('after-processing', 'before-processing'), opsArb, (strategy, commitMode, ops) => {
        const sim = runScenario(strategy, commitMode, ops);
        const delivery = Object.values(groupView(sim.state, 'g')?.delivery ?? {});
        if (commitMode === 'after-processing') expect(delivery.map((d) => d.skippedCount)).toEqual(delivery.map(() => 0));
        else expect(delivery.map((d) => d.processedTwiceCount)).toEqual(delivery.map(() => 0));
      }),
      { numRuns: 40 },
    );
  });

  it('replays identically: the same operations give the same state hash', () => {
    fc.assert(
      fc.property(strategyArb, opsArb, (strategy, ops) => {
        expect(runScenario(strategy, 'after-processing', ops).hash()).toBe(runScenario(strategy, 'after-processing', ops).hash());
      }),
      { numRuns: 15 },
    );
  });
});
