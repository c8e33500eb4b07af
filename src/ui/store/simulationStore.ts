/**
 * The one store that talks to the engine. It holds the simulation handle (mutable, outside React),
 * a revision counter that bumps after every change so components re-read their views, the narration
 * and what the last step did (for the canvas to animate). Components read it through narrow selectors.
 */
import { create } from 'zustand';
import { createSimulation, KafkaSimError, type Command, type Simulation, type TraceEntry, type TraceLevel } from '../../engine';
import { DEFAULT_SCENARIO_ID, findScenario, SCENARIOS, type Scenario } from '../../scenarios';
import { narrateStep } from '../narration/narrate';

/** A UI step stops at the first engine event that writes an entry at a shown level; this caps the search. */
const MAX_EVENTS_PER_STEP = 100_000;
const MAX_NARRATION_LINES = 500;

export interface NarrationLine {
  /** The UI step number, from 1. */
  step: number;
  time: number;
  text: string;
}

export interface StepView {
  step: number;
  entries: TraceEntry[];
}

/** Something the learner did, at the UI step it was done (share links replay these, issue 9). */
export interface LearnerAction {
  atStep: number;
  command: Command;
}

export interface SimulationStore {
  scenario: Scenario;
  sim: Simulation;
  /** Bumps after every change to the simulation. */
  revision: number;
  /** UI steps taken since the scenario started. */
  stepNumber: number;
  narration: NarrationLine[];
  lastStep: StepView | null;
  showInternal: boolean;
  error: string | null;
  /** The learner's actions since the scenario started, in order. */
  actions: LearnerAction[];
  /** Runs a learner's command now (crash a consumer, restart it...); a rejected one shows its message. */
  act: (command: Command) => void;
  /** Advances to the next thing worth showing. Returns false when nothing is left to happen. */
  step: () => boolean;
  restart: () => void;
  loadScenario: (id: string) => void;
  setShowInternal: (show: boolean) => void;
  dismissError: () => void;
}

function shownLevels(showInternal: boolean): ReadonlySet<TraceLevel> {
  return new Set<TraceLevel>(showInternal ? ['message', 'control', 'internal'] : ['message', 'control']);
}

function startScenario(scenario: Scenario): Simulation {
  const sim = createSimulation({ ...scenario.options, seed: scenario.seed });
  scenario.setup(sim);
  return sim;
}

function fresh(scenario: Scenario) {
  return { scenario, sim: startScenario(scenario), revision: 0, stepNumber: 0, narration: [], lastStep: null, error: null, actions: [] };
}

const initialScenario = findScenario(DEFAULT_SCENARIO_ID) ?? SCENARIOS[0]!;

export const useSimulationStore = create<SimulationStore>()((set, get) => ({
  ...fresh(initialScenario),
  showInternal: false,

  step() {
    const { sim, showInternal, stepNumber, narration, revision } = get();
    const levels = shownLevels(showInternal);
    const entries: TraceEntry[] = [];
    try {
      for (let i = 0; i < MAX_EVENTS_PER_STEP && !sim.isIdle; i++) {
        const written = sim.step();
        entries.push(...written);
        if (written.some((e) => levels.has(e.level))) break;
      }
    } catch (error) {
      set({ error: `The simulation hit an error and stopped: ${error instanceof Error ? error.message : String(error)}`, revision: revision + 1 });
      return false;
    }
    const text = narrateStep(entries, levels);
    if (text === null) {
      set({ revision: revision + 1 });
      return false;
    }
    const number = stepNumber + 1;
    const line: NarrationLine = { step: number, time: sim.time, text };
    set({
      revision: revision + 1,
      stepNumber: number,
      narration: [...narration.slice(-(MAX_NARRATION_LINES - 1)), line],
      lastStep: { step: number, entries },
    });
    return true;
  },

  act(command) {
    const { sim, stepNumber, narration, revision, actions, showInternal } = get();
    const before = sim.trace.at(-1)?.id ?? -1;
    try {
      sim.execute(command);
    } catch (error) {
      const message = error instanceof KafkaSimError ? `${error.message} (${error.code})` : String(error);
      set({ error: `That did not work: ${message}`, revision: revision + 1 });
      return;
    }
    const entries = sim.traceSince(before);
    const text = narrateStep(entries, shownLevels(showInternal));
    set({
      revision: revision + 1,
      actions: [...actions, { atStep: stepNumber, command }],
      narration: text === null ? narration : [...narration.slice(-(MAX_NARRATION_LINES - 1)), { step: stepNumber, time: sim.time, text }],
      lastStep: { step: stepNumber, entries },
    });
  },

  restart() {
    set(fresh(get().scenario));
  },

  loadScenario(id) {
    const scenario = findScenario(id);
    if (scenario === undefined) {
      set({ error: `There is no scenario "${id}".` });
      return;
    }
    set(fresh(scenario));
  },

  setShowInternal(show) {
    set({ showInternal: show });
  },

  dismissError() {
    set({ error: null });
  },
}));
