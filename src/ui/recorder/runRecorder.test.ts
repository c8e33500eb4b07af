import { describe, expect, it } from 'vitest';
import { stateHash } from '../../engine';
import { findScenario } from '../../scenarios';
import { HISTORY_STEPS, RunRecorder } from './runRecorder';
import { CHUNK, seriesAt, seriesItems } from './series';

const scenario = (id: string) => findScenario(id)!;
const step = { showInternal: false };

/** A fresh food-ordering run taken straight to `target` UI steps, with notification-2 crashed at step 1,200. */
function straightTo(target: number): string {
  const run = new RunRecorder(scenario('food-ordering'));
  run.stepForward(Math.min(target, 1_200), step);
  if (target >= 1_200) {
    run.act([{ type: 'crashConsumer', consumer: 'notification-2' }], false);
    run.stepForward(target - 1_200, step);
  }
  return stateHash(run.frame.state);
}

describe('run recorder: checkpoints far into a run', () => {
  // Checkpoints share log records with the live run and thin out as it grows; seeking anywhere must still
  // land on exactly the state a fresh run reaches at that step.
  it('seeks back and forth across thinned checkpoints to the same states as a straight run', () => {
    const targets = [1_999, 1_950, 1_500, 1_250, 1_200, 700];
    const straight = new Map(targets.map((t) => [t, straightTo(t)]));
    const run = new RunRecorder(scenario('food-ordering'));
    run.stepForward(1_200, step);
    run.act([{ type: 'crashConsumer', consumer: 'notification-2' }], false);
    run.stepForward(800, step);
    run.settleCheckpoint();
    const kept = run.checkpointSteps;
    expect(kept.filter((s) => s > 1_800).every((s) => s % 20 === 0)).toBe(true);
    expect(kept.filter((s) => s < 1_750 && s > 0).every((s) => s % 250 === 0 || s === 1_200)).toBe(true);
    for (const target of targets) {
      expect(run.seek(target, step)).toBeNull();
      expect(run.frame.stepNumber).toBe(target);
      expect(stateHash(run.frame.state)).toBe(straight.get(target));
      expect(run.frame.history).toHaveLength(target + 1);
      expect(run.frame.samples).toHaveLength(target + 1);
    }
    run.seek(1_999, step);
    expect(stateHash(run.frame.state)).toBe(straight.get(1_999));
  });
});

describe('run recorder: a checkpoint owed until asked for', () => {
  // The store asks for the owed checkpoint when the page is idle; until then, a step, an action or a step
  // back takes it first, so it always holds the state at its own step.
  it('is taken when asked, or before the next step, action or step back changes the state', () => {
    const straight = (steps: number) => {
      const run = new RunRecorder(scenario('food-ordering'));
      run.stepForward(steps, step);
      return stateHash(run.frame.state);
    };
    const at = { 39: straight(39), 40: straight(40), 41: straight(41) };
    const run = new RunRecorder(scenario('food-ordering'));
    for (let i = 0; i < 40; i++) run.stepForward(1, step);
    expect(run.checkpointSteps).toEqual([0, 20]);
    expect(run.owesCheckpoint).toBe(true);
    // The next step takes it before stepping on, and its own state is unchanged by that.
    run.stepForward(1, step);
    expect(run.checkpointSteps).toEqual([0, 20, 40]);
    expect(stateHash(run.frame.state)).toBe(at[41]);
    run.seek(40, step);
    expect(stateHash(run.frame.state)).toBe(at[40]);
    run.seek(39, step);
    expect(stateHash(run.frame.state)).toBe(at[39]);
    // Owed again at 40 (replacing the one taken before); a step back takes it first and lands on 39's state.
    run.stepForward(1, step);
    run.seek(39, step);
    expect(stateHash(run.frame.state)).toBe(at[39]);
    expect(run.checkpointSteps.at(-1)).toBe(40);
    // Asked for after the run moved on, it takes nothing stale.
    run.stepForward(1, step);
    const frame = run.frame;
    run.settleCheckpoint();
    expect(run.frame).toBe(frame);
    expect(run.owesCheckpoint).toBe(false);
    run.act([{ type: 'crashConsumer', consumer: 'notification-2' }], false);
    expect(run.checkpointSteps.filter((s) => s === 40)).toHaveLength(1);
  });
});

describe('run recorder: frames', () => {
  it('are frozen and never change once made; a step makes a new one', () => {
    const run = new RunRecorder(scenario('first-steps'));
    run.stepForward(3, step);
    const before = run.frame;
    const copy = { stepNumber: before.stepNumber, narration: [...before.narration], history: before.history.length, marks: [...before.marks] };
    expect(Object.isFrozen(before)).toBe(true);
    expect(Object.isFrozen(before.narration)).toBe(true);
    run.stepForward(5, step);
    run.seek(1, step);
    expect(run.frame).not.toBe(before);
    expect({ stepNumber: before.stepNumber, narration: [...before.narration], history: before.history.length, marks: [...before.marks] }).toEqual(copy);
  });

  it('records the actions at the engine step they were taken, and a run replayed from them lands on the same state', () => {
    const run = new RunRecorder(scenario('consumer-group'));
    run.stepForward(3, step);
    run.act([{ type: 'crashConsumer', consumer: 'checkout-2' }], false);
    // Under the internal-steps toggle a UI step is shorter; the action is still where the engine was.
    run.stepForward(7, { showInternal: true });
    expect(run.frame.actions).toEqual([{ atEngineStep: expect.any(Number) as number, command: { type: 'crashConsumer', consumer: 'checkout-2' } }]);
    const replayed = new RunRecorder(scenario('consumer-group'));
    expect(replayed.replay(run.frame.actions, run.frame.engineStep, false)).toBeNull();
    expect(replayed.frame.engineStep).toBe(run.frame.engineStep);
    expect(stateHash(replayed.frame.state)).toBe(stateHash(run.frame.state));
  });
});

describe('run recorder: provenance history is bounded', () => {
  it('keeps the trace entries of at least the newest HISTORY_STEPS steps and empties older ones a chunk at a time', () => {
    const run = new RunRecorder(scenario('first-steps'));
    const setup = seriesAt(run.frame.history, 0)!.length;
    run.stepForward(HISTORY_STEPS + 700, step);
    const { history, historyFrom, stepNumber } = run.frame;
    expect(history).toHaveLength(stepNumber + 1);
    expect(historyFrom % CHUNK).toBe(0);
    expect(historyFrom).toBeGreaterThan(stepNumber - HISTORY_STEPS - CHUNK);
    expect(historyFrom).toBeLessThanOrEqual(stepNumber - HISTORY_STEPS + 1);
    const all = Array.from(seriesItems(history));
    expect(all[0]).toHaveLength(setup); // the setup stays
    expect(all.slice(1, historyFrom).every((entries) => entries.length === 0)).toBe(true);
    expect(all.slice(historyFrom).every((entries) => entries.length > 0)).toBe(true);
    run.seek(100, step);
    expect(run.frame.historyFrom).toBe(101);
    run.stepForward(10, step);
    expect(seriesAt(run.frame.history, 105)!.length).toBeGreaterThan(0); // replayed steps are kept again
  });
});

describe('run recorder: a replay in slices', () => {
  // A long link replays in slices so the page can show progress; each slice ends on a UI step boundary,
  // and the run it reaches must be the very run one uninterrupted replay reaches.
  it('reaches the same step, state, narration, marks and checkpoints as one replay', () => {
    const made = new RunRecorder(scenario('food-ordering'));
    made.stepForward(300, step);
    made.act([{ type: 'crashConsumer', consumer: 'notification-2' }], false);
    made.stepForward(900, step);
    const { engineStep, actions } = made.frame;

    const whole = new RunRecorder(scenario('food-ordering'));
    expect(whole.replay(actions, engineStep, false)).toBeNull();

    const sliced = new RunRecorder(scenario('food-ordering'));
    expect(sliced.startReplay(actions, false)).toBeNull();
    let slices = 0;
    for (;;) {
      let stepsLeft = 37; // an odd slice length, so slices end at steps of every kind
      const progress = sliced.continueReplay(engineStep, false, () => --stepsLeft === 0);
      slices++;
      if (progress.done) {
        expect(progress.problem).toBeNull();
        break;
      }
      expect(sliced.frame.engineStep).toBeLessThan(engineStep);
    }
    expect(slices).toBeGreaterThan(20);
    const view = (r: RunRecorder) => ({
      step: r.frame.stepNumber,
      engineStep: r.frame.engineStep,
      hash: stateHash(r.frame.state),
      narration: r.frame.narration,
      marks: r.frame.marks,
      checkpoints: r.checkpointSteps,
    });
    expect(view(sliced)).toEqual(view(whole));
    expect(view(sliced).step).toBe(1_200);
    expect(view(sliced).narration.length).toBeGreaterThan(400);
  });

  it('says when the run ends before the step the link opens at, instead of slicing forever', () => {
    // A run with nothing to do after its setup: it falls idle long before the step asked for.
    const quiet = { ...scenario('first-steps'), setup: (sim: Parameters<ReturnType<typeof scenario>['setup']>[0]) => sim.createTopic({ name: 'quiet', partitions: 1 }) };
    for (const shouldPause of [() => false, () => true]) {
      const run = new RunRecorder(quiet);
      expect(run.startReplay([], false)).toBeNull();
      let progress = run.continueReplay(5_000, false, shouldPause);
      for (let slices = 0; !progress.done && slices < 10_000; slices++) progress = run.continueReplay(5_000, false, shouldPause);
      expect(progress).toEqual({ done: true, problem: expect.stringMatching(/opens at engine step 5000, but this run ends at engine step \d+/) as unknown });
    }
  });
});
