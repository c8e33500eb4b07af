import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation, type TraceEntry } from '../../engine';
import { markLabel, stepMarks } from './marks';

/** "-1" standing alone (the engine's "no leader"), not "orders-1" nor a range "0–-1". */
const SENTINEL = /(?<![\w–-])-1(?!\d)/;

/** One broker, orders (3 partitions) and a group: __consumer_offsets (50 partitions) exists, 53 partitions in all. */
function oneBrokerWithAGroup(): Simulation {
  const sim = createSimulation({ seed: 7, brokers: 1, traceLimit: 100_000 });
  sim.createTopic({ name: 'orders', partitions: 3 });
  sim.createConsumer({ clientId: 'reader', config: { 'group.id': 'g' } });
  sim.subscribe('reader', ['orders']);
  sim.poll('reader');
  sim.runUntilTime(5_000);
  expect(sim.state.topics.__consumer_offsets?.partitions).toHaveLength(50);
  return sim;
}

/** Steps the engine until an event writes an entry of `kind`; returns all that event wrote (one UI step's worth). */
function stepUntilKind(sim: Simulation, kind: TraceEntry['kind']): TraceEntry[] {
  for (let i = 0; i < 100_000; i++) {
    const written = sim.step();
    if (written.some((e) => e.kind === kind)) return written;
  }
  throw new Error(`no ${kind}`);
}

type ElectionEntry = TraceEntry & { kind: 'leaderElected' };
const isElection = (e: TraceEntry): e is ElectionEntry => e.kind === 'leaderElected';

/** What a command writes (a learner's action: its entries make the marks of that step). */
function execute(sim: Simulation, run: () => void): TraceEntry[] {
  const before = sim.trace.at(-1)?.id ?? -1;
  run();
  return sim.traceSince(before);
}

describe('timeline marks of a broker outage', () => {
  const sim = oneBrokerWithAGroup();
  const crash = execute(sim, () => sim.crashBroker(1));
  const fence = stepUntilKind(sim, 'brokerFenced');
  const restart = execute(sim, () => sim.restartBroker(1));

  it('the fence leaves 53 partitions without a leader (one election each): the run the marks are made from', () => {
    expect(fence.filter((e) => e.kind === 'leaderElected' && e.leader === -1)).toHaveLength(53);
    expect(restart.filter((e) => e.kind === 'leaderElected' && e.leader === 1)).toHaveLength(53);
  });

  it('the crash keeps its own mark', () => {
    expect(stepMarks(crash, 10)).toEqual([{ step: 10, label: 'broker 1 crashed' }]);
  });

  it('the outage is one mark, not one per partition', () => {
    expect(stepMarks(fence, 11)).toEqual([{ step: 11, label: 'broker 1 down: 53 partitions without a leader' }]);
  });

  it('the recovery is one mark', () => {
    expect(stepMarks(restart, 12)).toEqual([{ step: 12, label: 'broker 1 back: leaders elected for 53 partitions' }]);
  });

  it('no mark names broker or leader -1', () => {
    for (const entries of [crash, fence, restart]) for (const m of stepMarks(entries, 1)) expect(m.label).not.toMatch(SENTINEL);
    for (const e of fence) expect(markLabel(e) ?? '').not.toMatch(SENTINEL);
  });
});

describe('timeline marks with several brokers', () => {
  it('a controlled shutdown is one mark with the leaderships it moved; a restart with nothing to elect still marks the return', () => {
    const sim = createSimulation({ seed: 3, brokers: 3, traceLimit: 10_000 });
    sim.createTopic({ name: 't', partitions: 6, replicationFactor: 3 });
    sim.runUntilTime(10);
    const leads = sim.state.topics.t!.partitions.filter((p) => p.leader === 1).length;
    expect(leads).toBeGreaterThan(1);
    const shutdown = execute(sim, () => sim.shutdownBroker(1));
    expect(stepMarks(shutdown, 5)).toEqual([{ step: 5, label: `broker 1 shut down: new leaders for ${leads} partitions` }]);
    const restart = execute(sim, () => sim.restartBroker(1));
    expect(stepMarks(restart, 6)).toEqual([{ step: 6, label: 'broker 1 back' }]);
  });

  it('elections with no broker event in the step (preferred leaders) are one mark; a single one keeps its own label', () => {
    const sim = createSimulation({ seed: 3, brokers: 3, traceLimit: 10_000 });
    sim.createTopic({ name: 't', partitions: 6, replicationFactor: 3 });
    sim.runUntilTime(10);
    sim.shutdownBroker(1);
    sim.restartBroker(1);
    sim.runUntilTime(5_000); // back in every ISR
    const preferred = execute(sim, () => sim.electLeaders({ topic: 't' }));
    const elections = preferred.filter(isElection);
    expect(elections.length).toBeGreaterThan(1);
    expect(stepMarks(preferred, 9)).toEqual([{ step: 9, label: `leaders elected for ${elections.length} partitions` }]);
    expect(stepMarks([elections[0]!], 9)).toEqual([{ step: 9, label: `t-${elections[0]!.partition} leader 1` }]);
  });

  it('other entries keep their marks, in order, around a broker event', () => {
    const sim = oneBrokerWithAGroup();
    sim.crashBroker(1);
    const fence = stepUntilKind(sim, 'brokerFenced');
    const consumerCrash = execute(sim, () => sim.execute({ type: 'crashConsumer', consumer: 'reader' }));
    expect(stepMarks([...consumerCrash, ...fence], 3).map((m) => m.label)).toEqual(['reader crashed', 'broker 1 down: 53 partitions without a leader']);
  });

  it('a partition left alone without a leader reads "has no leader"', () => {
    const sim = oneBrokerWithAGroup();
    sim.crashBroker(1);
    const offline = stepUntilKind(sim, 'brokerFenced').find(isElection)!;
    expect(stepMarks([offline], 4)).toEqual([{ step: 4, label: `${offline.topic}-${offline.partition} has no leader` }]);
  });
});

describe('timeline marks: the quick no-mark check', () => {
  // stepMarks skips a step whose entries hold no kind in MARKING_KINDS; every kind that markLabel names
  // must be in it, or its marks would silently vanish. Checked on every entry of every scenario's start,
  // with crashes and a broker outage thrown in.
  it('lists every kind that can make a mark', async () => {
    const { SCENARIOS } = await import('../../scenarios');
    const { MARKING_KINDS } = await import('./marks');
    const seen = new Set<string>();
    for (const scenario of SCENARIOS) {
      const sim = createSimulation({ ...scenario.options, seed: scenario.seed, traceLimit: 0, ...(scenario.handlers === undefined ? {} : { handlers: scenario.handlers }) });
      scenario.setup(sim);
      for (let i = 0; i < 4_000; i++) {
        if (i === 1_000) for (const id of Object.keys(sim.state.consumers).slice(0, 1)) sim.crashConsumer(id);
        if (i === 2_000) sim.crashBroker(1); // brokers are numbered from 1
        for (const e of sim.step()) {
          seen.add(e.kind);
          if (!MARKING_KINDS.has(e.kind)) expect(markLabel(e), `${e.kind} makes a mark but is not in MARKING_KINDS`).toBeNull();
        }
      }
    }
    // The check saw the kinds that do mark, so it tested something.
    expect([...MARKING_KINDS].filter((k) => seen.has(k)).length).toBeGreaterThan(5);
  });
});
