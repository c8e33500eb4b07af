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

  return {
    ...createViewSlice(set, get, api),
    frame: recorder.frame,
    error: null,

    step() {
      return get().stepForward(1) === 1;
    },

    stepForward(count, stopWhen, engineBound) {
      const { taken, error } = recorder.stepForward(count, {
        showInternal: get().showInternal,
        ...(stopWhen === undefined ? {} : { stopWhen }),
        ...(engineBound === undefined ? {} : { engineBound }),
      });
      show(error);
      return taken;
    },

    act(commandOrList) {
      const commands: readonly Command[] = Array.isArray(commandOrList) ? commandOrList : [commandOrList as Command];
      const error = recorder.act(commands, get().showInternal);
      show();
      set({ error });
    },

    stepBack() {
      get().seek(get().frame.stepNumber - 1);
    },

    seek(target) {
      show(recorder.seek(target, { showInternal: get().showInternal }));
    },

    restart() {
      begin(new RunRecorder(recorder.scenario, recorder.seed));
    },

    openRun(run) {
      const scenario = findScenario(run.scenarioId);
      if (scenario === undefined) return `There is no scenario "${run.scenarioId}".`;
      begin(new RunRecorder(scenario, run.seed));
      set({ showInternal: run.showInternal, speed: run.speed });
      const problem = recorder.replay(run.actions, run.engineStep, run.showInternal);
      show();
      if (problem === null) set({ selection: run.selection });
      return problem;
    },

    loadScenario(id) {
      const scenario = findScenario(id);
      if (scenario === undefined) {
        set({ error: `There is no scenario "${id}".` });
        return;
      }
      begin(new RunRecorder(scenario));
    },

    dismissError() {
      set({ error: null });
    },
  };
});
