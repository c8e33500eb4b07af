/**
 * The one store. It holds the run recorder's newest frame (plain, immutable data: recorder/frame.ts),
 * the last error, and the view slice (selection, toggles, speed). Components select from the frame and
 * never touch the engine; the recorder itself stays private to this module.
 */
import { create } from 'zustand';
import type { Command, DeepReadonly, SimState } from '../../engine';
import { DEFAULT_SCENARIO_ID, findScenario, SCENARIOS } from '../../scenarios';
import type { Frame } from '../recorder/frame';
import { RunRecorder } from '../recorder/runRecorder';
import type { SharedRun } from '../share/runLink';
import { createViewSlice, type ViewSlice } from './viewSlice';
import { afterPaint } from './afterPaint';

export type { LearnerAction, NarrationLine } from '../recorder/advance';

/** A long replay under way: the link's scenario, and how far the engine has got towards the link's step. */
export interface Opening {
  scenarioId: string;
  scenarioTitle: string;
  engineStep: number;
  target: number;
}

export type OpenOutcome = { kind: 'opened' } | { kind: 'failed'; problem: string } | { kind: 'cancelled' };

/** The replay runs this long before the first paint (a link that opens within it shows no progress at all)... */
const FIRST_SLICE_MS = 120;
/** ...then in slices this long, each followed by a chance for the page to draw and take clicks. */
const SLICE_MS = 50;

/** A new task soon, without setTimeout's 4 ms clamp on nested timers (most of a slice's gap). */
function nextTask(run: () => void): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    run();
  };
  channel.port2.postMessage(null);
}
export type { Frame, StepView } from '../recorder/frame';
export { HISTORY_STEPS } from '../recorder/runRecorder';

/** The simulation slice: the run on screen, and the only calls that drive the engine. */
export interface SimulationSlice {
  /** The run as it stands: a new object after every change. */
  frame: Frame;
  error: string | null;
  /** Opens a shared run: the scenario with the link's seed, replayed to its step. Returns what is wrong, or null. */
  openRun: (run: SharedRun) => string | null;
  /**
   * Opens a shared run as openRun does, but a long replay goes in slices: the page stays responsive and
   * shows `opening` (its progress) until the run is on screen. A replay that ends within the first slice
   * is done before this returns. `onDone` hears how it ended, once.
   */
  openRunGradually: (run: SharedRun, onDone: (outcome: OpenOutcome) => void) => void;
  /** Stops the replay under way and shows its scenario at the start. */
  cancelOpening: () => void;
  /** The replay under way (openRunGradually), or null. */
  opening: Opening | null;
  /**
   * Runs a learner's command (or several, in order) now: crash a consumer, add an instance... Each is
   * recorded; a rejected one shows its message and stops the rest.
   */
  act: (command: Command | readonly Command[]) => void;
  /** Advances to the next thing worth showing. Returns false when nothing is left to happen. */
  step: () => boolean;
  /**
   * Takes up to `count` UI steps (stopping early when nothing is left or `stopWhen` says so); returns how many.
   * With `engineBound`, a step also ends when the engine's step count reaches it, and stepping stops there.
   */
  stepForward: (count: number, stopWhen?: (state: DeepReadonly<SimState>) => boolean, engineBound?: number) => number;
  /** Goes back one UI step. */
  stepBack: () => void;
  /** Goes to UI step `target`: back by checkpoint and replay, forward by stepping. */
  seek: (target: number) => void;
  restart: () => void;
  loadScenario: (id: string) => void;
  dismissError: () => void;
}

/** The one store: the simulation slice plus the view slice (selection, toggles, dialogs). */
export type SimulationStore = SimulationSlice & ViewSlice;

const initialScenario = findScenario(DEFAULT_SCENARIO_ID) ?? SCENARIOS[0]!;

export const useSimulationStore = create<SimulationStore>()((set, get, api) => {
  let recorder = new RunRecorder(initialScenario);
  /** Stops the replay under way (openRunGradually), or null when none is. */
  let stopOpening: (() => void) | null = null;

  /** Shows the recorder's newest frame (and an error, if one came up). */
  const show = (error: string | null = null) => {
    set(error === null ? { frame: recorder.frame } : { frame: recorder.frame, error });
    // A checkpoint owed for the step on screen is copied just after the page has drawn it.
    if (recorder.owesCheckpoint) {
      const owing = recorder;
      afterPaint(() => owing.settleCheckpoint());
    }
  };
  const begin = (next: RunRecorder) => {
    recorder = next;
    set({ frame: recorder.frame, error: null, selection: null });
  };
  /** Puts a replayed shared run on screen with the link's view (its selection only if it replayed as recorded). */
  const adopt = (next: RunRecorder, run: SharedRun, problem: string | null) => {
    begin(next);
    set({ showInternal: run.showInternal, speed: run.speed });
    show();
    if (problem === null) set({ selection: run.selection });
  };

  return {
    ...createViewSlice(set, get, api),
    frame: recorder.frame,
    error: null,
    opening: null,

    step() {
      return get().stepForward(1) === 1;
    },

    stepForward(count, stopWhen, engineBound) {
      // While a run is being opened the one on screen is about to go: nothing drives it.
      if (stopOpening !== null) return 0;
      const { taken, error } = recorder.stepForward(count, {
        showInternal: get().showInternal,
        ...(stopWhen === undefined ? {} : { stopWhen }),
        ...(engineBound === undefined ? {} : { engineBound }),
      });
      show(error);
      return taken;
    },

    act(commandOrList) {
      if (stopOpening !== null) return;
      const commands: readonly Command[] = Array.isArray(commandOrList) ? commandOrList : [commandOrList as Command];
      const error = recorder.act(commands, get().showInternal);
      show();
      set({ error });
    },

    stepBack() {
      get().seek(get().frame.stepNumber - 1);
    },

    seek(target) {
      if (stopOpening !== null) return;
      show(recorder.seek(target, { showInternal: get().showInternal }));
    },

    restart() {
      stopOpening?.();
      begin(new RunRecorder(recorder.scenario, recorder.seed));
    },

    openRun(run) {
      stopOpening?.();
      const scenario = findScenario(run.scenarioId);
      if (scenario === undefined) return `There is no scenario "${run.scenarioId}".`;
      const next = new RunRecorder(scenario, run.seed);
      const problem = next.replay(run.actions, run.engineStep, run.showInternal);
      adopt(next, run, problem);
      return problem;
    },

    loadScenario(id) {
      stopOpening?.();
      const scenario = findScenario(id);
      if (scenario === undefined) {
        set({ error: `There is no scenario "${id}".` });
        return;
      }
      begin(new RunRecorder(scenario));
    },

    openRunGradually(run, onDone) {
      stopOpening?.();
      const scenario = findScenario(run.scenarioId);
      if (scenario === undefined) {
        onDone({ kind: 'failed', problem: `There is no scenario "${run.scenarioId}".` });
        return;
      }
      // The new run is built aside; the page keeps showing the old one until it is ready.
      const next = new RunRecorder(scenario, run.seed);
      let isStopped = false;
      const finish = (problem: string | null) => {
        stopOpening = null;
        set({ opening: null });
        adopt(next, run, problem);
        onDone(problem === null ? { kind: 'opened' } : { kind: 'failed', problem });
      };
      const slice = (budgetMs: number) => {
        if (isStopped) return;
        const deadline = performance.now() + budgetMs;
        const progress = next.continueReplay(run.engineStep, run.showInternal, () => performance.now() >= deadline);
        if (progress.done) {
          finish(progress.problem);
          return;
        }
        set({ opening: { scenarioId: scenario.id, scenarioTitle: scenario.title, engineStep: next.frame.engineStep, target: run.engineStep } });
        nextTask(() => slice(SLICE_MS));
      };
      stopOpening = () => {
        isStopped = true;
        stopOpening = null;
        set({ opening: null });
        onDone({ kind: 'cancelled' });
      };
      const problem = next.startReplay(run.actions, run.showInternal);
      if (problem !== null) finish(problem);
      else slice(FIRST_SLICE_MS);
    },

    cancelOpening() {
      const scenarioId = get().opening?.scenarioId;
      if (stopOpening === null || scenarioId === undefined) return;
      stopOpening();
      get().loadScenario(scenarioId);
    },

    dismissError() {
      set({ error: null });
    },
  };
});
