import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { partitionForKey, stateHash, topicView } from '../../engine';
import { seriesAt, seriesItems } from '../recorder/series';
import { useSimulationStore } from './simulationStore';

it('the site opens on the food-ordering scenario', () => {
  expect(useSimulationStore.getState().frame.scenario.id).toBe('food-ordering');
});

describe('simulation store', () => {
  beforeEach(() => useSimulationStore.getState().loadScenario('first-steps'));

  it('opens a scenario at step 0 with empty logs', () => {
    const { state, stepNumber, narration } = useSimulationStore.getState().frame;
    expect(stepNumber).toBe(0);
    expect(narration).toEqual([]);
    const orders = topicView(state, 'orders')!;
    expect(orders.partitions.every((p) => p.log.records.length === 0)).toBe(true);
  });

  it('a step advances to the next appended record and narrates it in one line', () => {
    const store = useSimulationStore.getState();
    expect(store.step()).toBe(true);
    const { state, narration, lastStep } = useSimulationStore.getState().frame;
    expect(narration).toHaveLength(1);
    const appended = lastStep!.entries.filter((e) => e.kind === 'recordAppended');
    expect(appended).toHaveLength(1);
    const [record] = appended;
    if (record?.kind !== 'recordAppended') throw new Error('expected an append');
    expect(record.partition).toBe(partitionForKey(record.key!, 3));
    expect(topicView(state, 'orders')!.partitions[record.partition]!.log.records).toHaveLength(1);
  });

  it('restart gives the same run again (same seed, same first records)', () => {
    const first = () => {
      for (let i = 0; i < 5; i++) useSimulationStore.getState().step();
      return useSimulationStore.getState().frame.narration.map((l) => l.text);
    };
    const a = first();
    useSimulationStore.getState().restart();
    expect(first()).toEqual(a);
  });

  it('shows internal steps (batches, acknowledgements) when asked', () => {
    useSimulationStore.getState().setShowInternal(true);
    useSimulationStore.getState().step();
    expect(useSimulationStore.getState().frame.narration[0]!.text).toContain('handed');
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
    const { actions, history, stepNumber, engineStep } = useSimulationStore.getState().frame;
    expect(actions.map((a) => [a.atEngineStep, a.command.type])).toEqual([
      [engineStep, 'createProducer'],
      [engineStep, 'send'],
    ]);
    expect(seriesAt(history, stepNumber)!.some((e) => e.kind === 'producerCreated')).toBe(true);
  });

  it('a rejected command stops the rest and shows the reason; nothing is recorded', () => {
    useSimulationStore.getState().act([
      { type: 'crashConsumer', consumer: 'nobody' },
      { type: 'createProducer', clientId: 'never' },
    ]);
    const { frame, error } = useSimulationStore.getState();
    expect(frame.actions).toEqual([]);
    expect(error).toMatch(/That did not work/);
    expect(frame.state.producers.never).toBeUndefined();
  });

  it('stepping back drops the history and chart samples of the steps undone', () => {
    const store = useSimulationStore.getState();
    for (let i = 0; i < 12; i++) store.step();
    expect(useSimulationStore.getState().frame.samples).toHaveLength(13);
    useSimulationStore.getState().seek(4);
    const { history, samples } = useSimulationStore.getState().frame;
    expect(history).toHaveLength(5);
    expect(Array.from(seriesItems(samples), (s) => s?.step)).toEqual([0, 1, 2, 3, 4]);
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
    const original = useSimulationStore.getState().frame;
    const run = {
      scenarioId: 'consumer-group',
      scenarioVersion: 1,
      seed: original.seed,
      engineStep: original.engineStep,
      actions: [...original.actions],
      selection: { kind: 'consumer' as const, clientId: 'checkout-1' },
      showInternal: false,
      speed: 1,
    };
    const expected = { narration: original.narration.map((l) => l.text), hash: stateHash(original.state), step: original.stepNumber };
    useSimulationStore.getState().loadScenario('food-ordering');
    expect(useSimulationStore.getState().openRun(run)).toBeNull();
    const opened = useSimulationStore.getState();
    expect({ narration: opened.frame.narration.map((l) => l.text), hash: stateHash(opened.frame.state), step: opened.frame.stepNumber }).toEqual(expected);
    expect(opened.selection).toEqual({ kind: 'consumer', clientId: 'checkout-1' });
  });

  it('names an action the engine rejects instead of dropping it', () => {
    const message = useSimulationStore.getState().openRun({
      scenarioId: 'consumer-group',
      scenarioVersion: 1,
      seed: 3,
      engineStep: 40,
      actions: [{ atEngineStep: 20, command: { type: 'crashConsumer', consumer: 'ghost' } }],
      selection: null,
      showInternal: false,
      speed: 1,
    });
    expect(message).toMatch(/action 1 \(crashConsumer at engine step 20\) was rejected/);
  });
});

describe('store: opening a long run gradually', () => {
  const farRun = (engineStep: number) => ({
    scenarioId: 'food-ordering',
    scenarioVersion: 1,
    seed: 7,
    engineStep,
    actions: [{ atEngineStep: 120, command: { type: 'crashConsumer' as const, consumer: 'notification-2' } }],
    selection: null,
    showInternal: false,
    speed: 1,
  });

  it('opens a short run before it returns, with no progress shown', () => {
    const outcomes: string[] = [];
    useSimulationStore.getState().openRunGradually(farRun(500), (o) => outcomes.push(o.kind));
    expect(outcomes).toEqual(['opened']);
    expect(useSimulationStore.getState().opening).toBeNull();
    expect(useSimulationStore.getState().frame.engineStep).toBe(500);
  });

  it('replays a long run in slices, showing progress and keeping the old run on screen, to the same run as openRun', async () => {
    const expected = (() => {
      expect(useSimulationStore.getState().openRun(farRun(60_000))).toBeNull();
      return stateHash(useSimulationStore.getState().frame.state);
    })();
    useSimulationStore.getState().loadScenario('consumer-group');
    const outcomes: string[] = [];
    const progress: number[] = [];
    const unsubscribe = useSimulationStore.subscribe((s) => {
      if (s.opening !== null) progress.push(s.opening.engineStep);
    });
    const done = new Promise<void>((resolve) =>
      useSimulationStore.getState().openRunGradually(farRun(60_000), (o) => {
        outcomes.push(o.kind);
        resolve();
      }),
    );
    // Still replaying after the first slice: the old run stays on screen and does not move.
    expect(useSimulationStore.getState().opening).toMatchObject({ scenarioId: 'food-ordering', target: 60_000 });
    expect(useSimulationStore.getState().frame.scenario.id).toBe('consumer-group');
    expect(useSimulationStore.getState().stepForward(5)).toBe(0);
    await done;
    unsubscribe();
    expect(outcomes).toEqual(['opened']);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const opened = useSimulationStore.getState();
    expect(opened.opening).toBeNull();
    expect(opened.frame.engineStep).toBe(60_000);
    expect(stateHash(opened.frame.state)).toBe(expected);
  });

  it("cancels back to the start of the link's scenario", async () => {
    useSimulationStore.getState().loadScenario('consumer-group');
    const outcomes: string[] = [];
    useSimulationStore.getState().openRunGradually(farRun(300_000), (o) => outcomes.push(o.kind));
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(useSimulationStore.getState().opening?.engineStep).toBeGreaterThan(0);
    useSimulationStore.getState().cancelOpening();
    expect(outcomes).toEqual(['cancelled']);
    const after = useSimulationStore.getState();
    expect(after.opening).toBeNull();
    expect(after.frame.scenario.id).toBe('food-ordering');
    expect(after.frame.stepNumber).toBe(0);
    // No slice runs after the cancel.
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(useSimulationStore.getState().frame.stepNumber).toBe(0);
    expect(outcomes).toEqual(['cancelled']);
  });
});

describe('store: a checkpoint owed until the page has painted', () => {
  // In a browser the checkpoint of the step on screen is copied just after the next frame is painted
  // (the recorder's own tests check what it keeps); the store asks for that moment and the frame does not change.
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('asks for the moment after the next paint when a step lands on a checkpoint, and that task changes nothing shown', () => {
    vi.useFakeTimers();
    const frames: (() => void)[] = [];
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback));
    const store = () => useSimulationStore.getState();
    store().loadScenario('food-ordering');
    for (let i = 0; i < 39; i++) store().step();
    expect(frames).toHaveLength(1); // step 20's
    store().step();
    expect(frames).toHaveLength(2);
    const frame = store().frame;
    const hash = stateHash(frame.state);
    for (const paint of frames.splice(0)) paint();
    vi.runAllTimers();
    expect(store().frame).toBe(frame);
    expect(stateHash(store().frame.state)).toBe(hash);
  });
});
