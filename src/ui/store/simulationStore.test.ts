import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { partitionForKey, topicView } from '../../engine';
import { HISTORY_STEPS, useSimulationStore } from './simulationStore';

it('the site opens on the food-ordering scenario', () => {
  expect(useSimulationStore.getState().scenario.id).toBe('food-ordering');
});

describe('simulation store', () => {
  beforeEach(() => useSimulationStore.getState().loadScenario('first-steps'));

  it('opens a scenario at step 0 with empty logs', () => {
    const { sim, stepNumber, narration } = useSimulationStore.getState();
    expect(stepNumber).toBe(0);
    expect(narration).toEqual([]);
    const orders = topicView(sim.state, 'orders')!;
    expect(orders.partitions.every((p) => p.log.records.length === 0)).toBe(true);
  });

  it('a step advances to the next appended record and narrates it in one line', () => {
    const store = useSimulationStore.getState();
    expect(store.step()).toBe(true);
    const { sim, narration, lastStep } = useSimulationStore.getState();
    expect(narration).toHaveLength(1);
    const appended = lastStep!.entries.filter((e) => e.kind === 'recordAppended');
    expect(appended).toHaveLength(1);
    const [record] = appended;
    if (record?.kind !== 'recordAppended') throw new Error('expected an append');
    expect(record.partition).toBe(partitionForKey(record.key!, 3));
    expect(topicView(sim.state, 'orders')!.partitions[record.partition]!.log.records).toHaveLength(1);
  });

  it('restart gives the same run again (same seed, same first records)', () => {
    const first = () => {
      for (let i = 0; i < 5; i++) useSimulationStore.getState().step();
      return useSimulationStore.getState().narration.map((l) => l.text);
    };
    const a = first();
    useSimulationStore.getState().restart();
    expect(first()).toEqual(a);
  });

  it('shows internal steps (batches, acknowledgements) when asked', () => {
    useSimulationStore.getState().setShowInternal(true);
    useSimulationStore.getState().step();
    expect(useSimulationStore.getState().narration[0]!.text).toContain('handed');
    useSimulationStore.getState().setShowInternal(false);
  });

  it('reports an unknown scenario instead of failing', () => {
    useSimulationStore.getState().loadScenario('no-such-scenario');
    expect(useSimulationStore.getState().error).toContain('no-such-scenario');
    useSimulationStore.getState().dismissError();
  });
});

describe('store: actions, history and the view slice', () => {
  beforeEach(() => useSimulationStore.getState().loadScenario('consumer-group'));

  it('act() with several commands records each, and the step history holds what they wrote', () => {
    const store = useSimulationStore.getState();
    for (let i = 0; i < 5; i++) store.step();
    useSimulationStore.getState().act([
      { type: 'createProducer', clientId: 'learner' },
      { type: 'send', producer: 'learner', topic: 'CHECKOUT_COMPLETED', key: 'k', value: 'v' },
    ]);
    const { actions, history, stepNumber, stepEnds } = useSimulationStore.getState();
    expect(actions.map((a) => [a.atEngineStep, a.command.type])).toEqual([[stepEnds[5], 'createProducer'], [stepEnds[5], 'send']]);
    expect(history[stepNumber]!.some((e) => e.kind === 'producerCreated')).toBe(true);
  });

  it('a rejected command stops the rest and shows the reason; nothing is recorded', () => {
    useSimulationStore.getState().act([{ type: 'crashConsumer', consumer: 'nobody' }, { type: 'createProducer', clientId: 'never' }]);
    const { actions, error, sim } = useSimulationStore.getState();
    expect(actions).toEqual([]);
    expect(error).toMatch(/That did not work/);
    expect(sim.state.producers.never).toBeUndefined();
  });

  it('stepping back drops the history and chart samples of the steps undone', () => {
    const store = useSimulationStore.getState();
    for (let i = 0; i < 12; i++) store.step();
    expect(useSimulationStore.getState().samples).toHaveLength(13);
    useSimulationStore.getState().seek(4);
    const { history, samples } = useSimulationStore.getState();
    expect(history).toHaveLength(5);
    expect(samples.map((s) => s?.step)).toEqual([0, 1, 2, 3, 4]);
  });

  it('the selection survives steps but not a scenario change', () => {
    useSimulationStore.getState().select({ kind: 'consumer', clientId: 'checkout-1' });
    useSimulationStore.getState().step();
    expect(useSimulationStore.getState().selection).toEqual({ kind: 'consumer', clientId: 'checkout-1' });
    useSimulationStore.getState().loadScenario('first-steps');
    expect(useSimulationStore.getState().selection).toBeNull();
  });
});

describe('store: opening a shared run', () => {
  it('replays the actions at their steps and lands on the same step, narration and state as the original', () => {
    const store = useSimulationStore.getState();
    store.loadScenario('consumer-group');
    for (let i = 0; i < 3; i++) useSimulationStore.getState().step();
    useSimulationStore.getState().act({ type: 'crashConsumer', consumer: 'checkout-2' });
    for (let i = 0; i < 4; i++) useSimulationStore.getState().step();
    useSimulationStore.getState().act({ type: 'createProducer', clientId: 'learner' });
    for (let i = 0; i < 3; i++) useSimulationStore.getState().step();
    const original = useSimulationStore.getState();
    const run = { scenarioId: 'consumer-group', scenarioVersion: 1, seed: original.seed, engineStep: original.sim.stepCount, actions: original.actions, selection: { kind: 'consumer' as const, clientId: 'checkout-1' }, showInternal: false, speed: 1 };
    const expected = { narration: original.narration.map((l) => l.text), hash: original.sim.hash(), step: original.stepNumber };
    useSimulationStore.getState().loadScenario('food-ordering');
    expect(useSimulationStore.getState().openRun(run)).toBeNull();
    const opened = useSimulationStore.getState();
    expect({ narration: opened.narration.map((l) => l.text), hash: opened.sim.hash(), step: opened.stepNumber }).toEqual(expected);
    expect(opened.selection).toEqual({ kind: 'consumer', clientId: 'checkout-1' });
  });

  it('names an action the engine rejects instead of dropping it', () => {
    const message = useSimulationStore.getState().openRun({ scenarioId: 'consumer-group', scenarioVersion: 1, seed: 3, engineStep: 40, actions: [{ atEngineStep: 20, command: { type: 'crashConsumer', consumer: 'ghost' } }], selection: null, showInternal: false, speed: 1 });
    expect(message).toMatch(/action 1 \(crashConsumer at engine step 20\) was rejected/);
  });
});

describe('store: checkpoints far into a run', () => {
  // Checkpoints share log records with the live run and thin out as it grows; seeking anywhere must still
  // land on exactly the state a fresh run reaches at that step.
  it('seeks back and forth across thinned checkpoints to the same states as a straight run', () => {
    const store = () => useSimulationStore.getState();
    store().loadScenario('food-ordering');
    store().stepForward(1_200);
    store().act({ type: 'crashConsumer', consumer: 'notification-2' });
    store().stepForward(800);
    const straight = new Map<number, string>();
    store().loadScenario('food-ordering');
    for (const target of [1_999, 1_950, 1_500, 1_250, 1_200, 700]) {
      // A fresh run with the same action, stepped straight to the target.
      store().loadScenario('food-ordering');
      store().stepForward(Math.min(target, 1_200));
      if (target >= 1_200) {
        store().act({ type: 'crashConsumer', consumer: 'notification-2' });
        store().stepForward(target - 1_200);
      }
      straight.set(target, store().sim.hash());
    }
    store().loadScenario('food-ordering');
    store().stepForward(1_200);
    store().act({ type: 'crashConsumer', consumer: 'notification-2' });
    store().stepForward(800);
    const kept = store().checkpoints.map((c) => c.stepNumber);
    expect(kept.filter((s) => s > 1_800).every((s) => s % 20 === 0)).toBe(true);
    expect(kept.filter((s) => s < 1_750 && s > 0).every((s) => s % 250 === 0 || s === 1_200)).toBe(true);
    for (const target of [1_999, 1_950, 1_500, 1_250, 1_200, 700]) {
      store().seek(target);
      expect(store().stepNumber).toBe(target);
      expect(store().sim.hash()).toBe(straight.get(target));
      expect(store().history).toHaveLength(target + 1);
      expect(store().samples).toHaveLength(target + 1);
    }
    store().seek(1_999);
    expect(store().sim.hash()).toBe(straight.get(1_999));
  });
});

describe('store: a checkpoint owed until the page is idle', () => {
  // In a browser the checkpoint of the step on screen is copied when the page is idle; until then, a
  // step, an action or a step back takes it first, so it always holds the state at its own step.
  afterEach(() => vi.unstubAllGlobals());

  it('waits for idle time, and is taken before the next step, action or step back changes the state', () => {
    const idle: (() => void)[] = [];
    vi.stubGlobal('requestIdleCallback', (task: () => void) => idle.push(task));
    const store = () => useSimulationStore.getState();
    const straight = (steps: number) => {
      store().loadScenario('food-ordering');
      store().stepForward(steps);
      return store().sim.hash();
    };
    const at = { 39: straight(39), 40: straight(40), 41: straight(41) };
    // Step by step, as the Step button does: step 40's checkpoint waits.
    store().loadScenario('food-ordering');
    for (let i = 0; i < 40; i++) store().step();
    expect(store().checkpoints.map((c) => c.stepNumber)).toEqual([0, 20]);
    expect(idle.length).toBeGreaterThan(0);
    // The next step takes it before stepping on, and its own state is unchanged by that.
    store().step();
    expect(store().checkpoints.map((c) => c.stepNumber)).toEqual([0, 20, 40]);
    expect(store().sim.hash()).toBe(at[41]);
    store().seek(40);
    expect(store().sim.hash()).toBe(at[40]);
    store().seek(39);
    expect(store().sim.hash()).toBe(at[39]);
    // Owed again at 40 (replacing the one taken before); a step back takes it first and lands on 39's state.
    store().step();
    store().stepBack();
    expect(store().sim.hash()).toBe(at[39]);
    expect(store().checkpoints.at(-1)?.stepNumber).toBe(40);
    // An idle moment settles it; a stale task (the run moved on) does nothing.
    store().step();
    for (const task of idle.splice(0)) task();
    expect(store().checkpoints.at(-1)?.stepNumber).toBe(40);
    store().act({ type: 'crashConsumer', consumer: 'notification-2' });
    for (const task of idle.splice(0)) task();
    expect(store().checkpoints.filter((c) => c.stepNumber === 40)).toHaveLength(1);
  });
});

describe('store: provenance history is bounded', () => {
  it('keeps the trace entries of the newest HISTORY_STEPS steps and empties older ones', () => {
    const store = () => useSimulationStore.getState();
    store().loadScenario('first-steps');
    const setup = store().history[0]!.length;
    store().stepForward(HISTORY_STEPS + 300);
    const { history, historyFrom, stepNumber } = store();
    expect(history).toHaveLength(stepNumber + 1);
    expect(historyFrom).toBe(stepNumber - HISTORY_STEPS + 1);
    expect(history[0]).toHaveLength(setup); // the setup stays
    expect(history.slice(1, historyFrom).every((entries) => entries.length === 0)).toBe(true);
    expect(history.slice(historyFrom).every((entries) => entries.length > 0)).toBe(true);
    store().seek(100);
    expect(store().historyFrom).toBe(101);
    store().stepForward(10);
    expect(store().history[105]!.length).toBeGreaterThan(0); // replayed steps are kept again
  });
});
