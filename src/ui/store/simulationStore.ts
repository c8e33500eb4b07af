/**
 * The one store that talks to the engine. It holds the simulation handle (mutable, outside React),
 * a revision counter that bumps after every change so components re-read their views, the narration
 * and what the last step did (for the canvas to animate). Components read it through narrow selectors.
 */
import { create } from 'zustand';
import { createSimulation, KafkaSimError, restoreCheckpoint, type Command, type Simulation, type StateCheckpoint, type TraceEntry, type TraceLevel } from '../../engine';
import { DEFAULT_SCENARIO_ID, findScenario, SCENARIOS, type Scenario } from '../../scenarios';
import { MAX_POINTS } from '../metrics/chartSeries';
import { sampleMetrics, type MetricsSample } from '../metrics/sampleMetrics';
import { stepMarks, type TimelineMark } from '../narration/marks';
import { narrateStep } from '../narration/narrate';
import type { SharedRun } from '../share/runLink';
import { whenIdle } from './whenIdle';
import { createViewSlice, type ViewSlice } from './viewSlice';

/** A UI step stops at the first engine event that writes an entry at a shown level; this caps the search. */
const MAX_EVENTS_PER_STEP = 100_000;
const MAX_NARRATION_LINES = 500;
/**
 * Provenance keeps every trace entry of the newest this many UI steps. Keeping all of them held 200,000
 * entries (65 MB) at step 72,000 of food ordering, and the garbage collector's work on that heap was most
 * of the p95 of a UI step (bench/uiStep.ts: 20 ms -> 11 ms with the cap).
 */
export const HISTORY_STEPS = 5_000;
const NO_ENTRIES: TraceEntry[] = [];

/** Empties the history of steps that fell out of the newest HISTORY_STEPS; returns the first step kept. */
function trimHistory(history: TraceEntry[][], keptFrom: number, stepNumber: number): number {
  const from = Math.max(keptFrom, stepNumber - HISTORY_STEPS + 1);
  for (let k = Math.max(1, keptFrom); k < from && k < history.length; k++) history[k] = NO_ENTRIES;
  return from;
}
/** Checkpoints are taken every this many UI steps; step back restores the nearest one and replays forward. */
const CHECKPOINT_EVERY = 20;
/**
 * Which checkpoints stay as the run goes on: every one from the newest 200 steps (step back near the
 * head replays at most 19 steps), every 250th step further back, every 1,000th beyond 10,000 steps back,
 * so a run of 100,000 steps keeps about 140 of them.
 */
function keepsCheckpoint(step: number, head: number): boolean {
  const age = head - step;
  return step % (age < 200 ? CHECKPOINT_EVERY : age < 10_000 ? 250 : 1_000) === 0;
}

/** Adds a checkpoint at `head` (replacing any at or after it) and thins the older ones. */
function pushCheckpoint(checkpoints: Checkpoint[], head: number, state: StateCheckpoint): Checkpoint[] {
  const kept = checkpoints.filter((c) => c.stepNumber < head && (c.stepNumber === 0 || keepsCheckpoint(c.stepNumber, head)));
  kept.push({ stepNumber: head, state });
  return kept;
}

export type { TimelineMark };

/** The engine state after a UI step (and after the learner's actions taken at that step). */
interface Checkpoint {
  stepNumber: number;
  state: StateCheckpoint;
}

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

/**
 * Something the learner did, at the engine step it was done (the engine's step count then). Engine
 * steps, not UI steps: what a UI step is depends on the internal-steps toggle, so a run replayed under
 * another toggle would put a UI-step action elsewhere (issue 18). Share links replay these.
 */
export interface LearnerAction {
  atEngineStep: number;
  command: Command;
}

/** The simulation slice: the only part of the store that drives the engine. */
export interface SimulationSlice {
  scenario: Scenario;
  sim: Simulation;
  /** Bumps after every change to the simulation. */
  revision: number;
  /** The seed of this run (the scenario's, unless a share link chose another). */
  seed: number;
  /** Recorded actions the engine rejected on replay (only a damaged share link can cause one). */
  replayFailures: string[];
  /** Opens a shared run: the scenario with the link's seed, replayed to its step. Returns what is wrong, or null. */
  openRun: (run: SharedRun) => string | null;
  /** UI steps taken since the scenario started. */
  stepNumber: number;
  narration: NarrationLine[];
  lastStep: StepView | null;
  error: string | null;
  /** The learner's actions since the scenario started, in order. */
  actions: LearnerAction[];
  /**
   * Engine step count at the end of each UI step (index = UI step number), for exact replay. Like
   * `history` and `samples`, grown and cut in place (a copy per step would cost O(steps) each step);
   * `revision` tells readers it changed.
   */
  stepEnds: number[];
  checkpoints: Checkpoint[];
  /** Goes back one UI step: restore the nearest checkpoint and replay to the step before. */
  stepBack: () => void;
  /** Goes to UI step `target`: back by checkpoint and replay, forward by stepping. */
  seek: (target: number) => void;
  /** Every trace entry written during each UI step (index = UI step; 0 = setup), for provenance. */
  history: TraceEntry[][];
  /** The first UI step whose `history` is kept (older steps' lists are emptied, step 0's setup stays). */
  historyFrom: number;
  /**
   * Chart numbers after each UI step (index = UI step); null for steps a long replay went through more
   * than the charts' MAX_POINTS steps before where it stopped (the charts never show those).
   */
  samples: (MetricsSample | null)[];
  /** Control events worth jumping to (rebalances, crashes, elections, cleaner passes, transactions), by UI step. */
  marks: TimelineMark[];
  /**
   * Runs a learner's command (or several, in order) now: crash a consumer, add an instance... Each is
   * recorded; a rejected one shows its message and stops the rest.
   */
  act: (command: Command | readonly Command[]) => void;
  /** Advances to the next thing worth showing. Returns false when nothing is left to happen. */
  step: () => boolean;
  /**
   * Takes up to `count` UI steps (stopping early when nothing is left or `stopWhen` says so); returns how
   * many. With `engineBound`, a step also ends when the engine's step count reaches it, and stepping stops there.
   */
  stepForward: (count: number, stopWhen?: () => boolean, engineBound?: number) => number;
  restart: () => void;
  loadScenario: (id: string) => void;
  dismissError: () => void;
}

function shownLevels(showInternal: boolean): ReadonlySet<TraceLevel> {
  return new Set<TraceLevel>(showInternal ? ['message', 'control', 'internal'] : ['message', 'control']);
}

function startScenario(scenario: Scenario, seed: number): Simulation {
  const sim = createSimulation({ ...scenario.options, seed, ...(scenario.handlers === undefined ? {} : { handlers: scenario.handlers }) });
  scenario.setup(sim);
  return sim;
}

function fresh(scenario: Scenario, seed = scenario.seed) {
  const sim = startScenario(scenario, seed);
  return {
    scenario,
    seed,
    replayFailures: [],
    sim,
    revision: 0,
    stepNumber: 0,
    narration: [],
    lastStep: null,
    error: null,
    actions: [],
    stepEnds: [sim.stepCount],
    checkpoints: [{ stepNumber: 0, state: sim.checkpoint() }],
    marks: [],
    history: [[...sim.trace]],
    historyFrom: 0,
    samples: [sampleMetrics(sim.state, 0)],
  };
}

/**
 * Runs the recorded actions due at the engine's step count now; returns what they wrote and why any was
 * rejected. The learner's own actions were accepted when taken, so a rejection means a damaged share link.
 */
function applyActions(sim: Simulation, actions: readonly LearnerAction[]): { entries: TraceEntry[]; failures: string[] } {
  const now = sim.stepCount;
  if (!actions.some((a) => a.atEngineStep === now)) return { entries: [], failures: [] };
  const before = sim.trace.at(-1)?.id ?? -1;
  const failures: string[] = [];
  actions.forEach((a, i) => {
    if (a.atEngineStep !== now) return;
    try {
      sim.execute(a.command);
    } catch (error) {
      failures.push(`action ${i + 1} (${a.command.type} at engine step ${a.atEngineStep}) was rejected: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  return { entries: sim.traceSince(before), failures };
}

/** Where a UI step must end whatever it shows: the next recorded action's engine step, or the bound. */
function nextStop(sim: Simulation, actions: readonly LearnerAction[], engineBound: number | undefined): number {
  let stop = engineBound ?? Number.POSITIVE_INFINITY;
  for (const a of actions) if (a.atEngineStep > sim.stepCount && a.atEngineStep < stop) stop = a.atEngineStep;
  return stop;
}

type Advance =
  | { kind: 'stepped'; entries: TraceEntry[]; lines: NarrationLine[]; marks: TimelineMark[]; failures: string[] }
  | { kind: 'idle' }
  | { kind: 'error'; message: string };

/** Every level: what a step that ends at an action or a bound narrates when nothing shown happened in it. */
const ALL_LEVELS = shownLevels(true);

/**
 * One UI step: engine events until one writes an entry at a shown level (or the engine reaches a
 * recorded action's step or `engineBound`), then the learner's actions recorded for that engine step.
 * Pure over the simulation handle; the store decides what to keep.
 */
function advance(sim: Simulation, levels: ReadonlySet<TraceLevel>, actions: readonly LearnerAction[], number: number, engineBound?: number): Advance {
  const entries: TraceEntry[] = [];
  const stop = nextStop(sim, actions, engineBound);
  try {
    for (let i = 0; i < MAX_EVENTS_PER_STEP && !sim.isIdle && sim.stepCount < stop; i++) {
      const written = sim.step();
      entries.push(...written);
      if (written.some((e) => levels.has(e.level))) break;
    }
  } catch (error) {
    return { kind: 'error', message: `The simulation hit an error and stopped: ${error instanceof Error ? error.message : String(error)}` };
  }
  // A step cut short by an action or the bound still counts, told at every level if need be.
  const isCut = sim.stepCount === stop && entries.length > 0;
  const text = narrateStep(entries, levels) ?? (isCut ? (narrateStep(entries, ALL_LEVELS) ?? 'Engine events with nothing to show.') : null);
  if (text === null) return { kind: 'idle' };
  const lines: NarrationLine[] = [{ step: number, time: sim.time, text }];
  // Actions the learner took at this step earlier (before stepping back, or in a shared link) happen again,
  // narrated as they were when taken.
  const replayed = applyActions(sim, actions);
  // The step's own entries and the replayed actions' are marked apart: a broker event in one never claims
  // the elections of the other.
  const marks = [...stepMarks(entries, number), ...stepMarks(replayed.entries, number)];
  entries.push(...replayed.entries);
  const actionText = replayed.entries.length === 0 ? null : narrateStep(replayed.entries, levels);
  if (actionText !== null) lines.push({ step: number, time: sim.time, text: actionText });
  return { kind: 'stepped', entries, lines, marks, failures: replayed.failures };
}

const initialScenario = findScenario(DEFAULT_SCENARIO_ID) ?? SCENARIOS[0]!;

/** The one store: the simulation slice plus the view slice (selection, toggles, dialogs). */
export type SimulationStore = SimulationSlice & ViewSlice;

export const useSimulationStore = create<SimulationStore>()((set, get, api) => {
  // The checkpoint owed for the step on screen. Copying a long run's state takes a few milliseconds, so
  // when a call's last step lands on a checkpoint the copy waits for an idle moment after the page has
  // drawn the step; anything that changes or rewinds the simulation first takes it (settleCheckpoint).
  let owed: { stepNumber: number; sim: Simulation } | null = null;
  const settleCheckpoint = () => {
    if (owed === null) return;
    const { stepNumber, sim } = owed;
    owed = null;
    if (sim === get().sim && stepNumber === get().stepNumber) set({ checkpoints: pushCheckpoint(get().checkpoints, stepNumber, sim.checkpoint()) });
  };

  return {
    ...createViewSlice(set, get, api),
    ...fresh(initialScenario),

    step() {
      return get().stepForward(1) === 1;
    },

    stepForward(count, stopWhen, engineBound) {
      settleCheckpoint();
      const { sim, showInternal, actions } = get();
      const levels = shownLevels(showInternal);
      // Small lists are copied once per call, then grown in place; the per-step series are grown in place.
      const narration = [...get().narration];
      const { stepEnds, history, samples } = get();
      let historyFrom = get().historyFrom;
      const marks = [...get().marks];
      let checkpoints = get().checkpoints;
      const head = get().stepNumber + count;
      const failures = [...get().replayFailures];
      let stepNumber = get().stepNumber;
      let lastStep = get().lastStep;
      let error: string | null = null;
      let taken = 0;
      // A checkpoint due at the step just taken, copied before the next step changes the state.
      let due: number | null = null;
      while (taken < count) {
        if (due !== null) checkpoints = pushCheckpoint(checkpoints, due, sim.checkpoint());
        due = null;
        if (engineBound !== undefined && sim.stepCount >= engineBound) break;
        const result = advance(sim, levels, actions, stepNumber + 1, engineBound);
        if (result.kind === 'error') error = result.message;
        if (result.kind !== 'stepped') break;
        stepNumber += 1;
        taken += 1;
        narration.push(...result.lines);
        stepEnds.length = stepNumber;
        stepEnds.push(sim.stepCount);
        while (marks.length > 0 && marks[marks.length - 1]!.step >= stepNumber) marks.pop();
        marks.push(...result.marks);
        history.length = stepNumber;
        history.push(result.entries);
        historyFrom = trimHistory(history, historyFrom, stepNumber);
        samples.length = stepNumber;
        samples.push(head - stepNumber < MAX_POINTS ? sampleMetrics(sim.state, stepNumber) : null);
        // Within a long replay only the checkpoints that will be kept are taken.
        if (stepNumber % CHECKPOINT_EVERY === 0 && keepsCheckpoint(stepNumber, head)) due = stepNumber;
        failures.push(...result.failures);
        lastStep = { step: stepNumber, entries: result.entries };
        if (result.failures.length > 0 || stopWhen?.() === true) break;
      }
      set({
        revision: get().revision + 1,
        stepNumber,
        narration: narration.length > MAX_NARRATION_LINES ? narration.slice(-MAX_NARRATION_LINES) : narration,
        lastStep,
        stepEnds,
        marks,
        history,
        historyFrom,
        samples,
        checkpoints,
        replayFailures: failures,
        ...(error === null ? {} : { error }),
      });
      if (due !== null) {
        owed = { stepNumber: due, sim };
        whenIdle(settleCheckpoint);
      }
      return taken;
    },

    act(commandOrList) {
      settleCheckpoint();
      const commands: readonly Command[] = Array.isArray(commandOrList) ? commandOrList : [commandOrList as Command];
      const { sim, stepNumber, narration, revision, showInternal } = get();
      // Acting in the past forks the timeline: the old future is dropped (as RaftScope does).
      const actions = get().actions.filter((a) => a.atEngineStep <= sim.stepCount);
      const before = sim.trace.at(-1)?.id ?? -1;
      const done: LearnerAction[] = [];
      let error: string | null = null;
      for (const command of commands) {
        try {
          sim.execute(command);
          done.push({ atEngineStep: sim.stepCount, command });
        } catch (e) {
          error = `That did not work: ${e instanceof KafkaSimError ? `${e.message} (${e.code})` : String(e)}`;
          break;
        }
      }
      if (done.length === 0) {
        set({ error, revision: revision + 1 });
        return;
      }
      const entries = sim.traceSince(before);
      const text = narrateStep(entries, shownLevels(showInternal));
      const { stepEnds, history, samples } = get();
      stepEnds.length = stepNumber + 1;
      history.length = stepNumber + 1;
      history[stepNumber] = [...(history[stepNumber] ?? []), ...entries];
      samples.length = stepNumber;
      samples.push(sampleMetrics(sim.state, stepNumber));
      set({
        error,
        revision: revision + 1,
        actions: [...actions, ...done],
        marks: [
          ...get().marks.filter((m) => m.step <= stepNumber),
          ...stepMarks(entries, stepNumber),
        ],
        checkpoints: pushCheckpoint(get().checkpoints, stepNumber, sim.checkpoint()),
        narration: text === null ? narration : [...narration.slice(-(MAX_NARRATION_LINES - 1)), { step: stepNumber, time: sim.time, text }],
        lastStep: { step: stepNumber, entries },
      });
    },

    stepBack() {
      get().seek(get().stepNumber - 1);
    },

    seek(target) {
      settleCheckpoint();
      const { stepNumber, checkpoints, stepEnds, actions, narration, revision, history, samples } = get();
      if (!Number.isInteger(target) || target < 0 || target === stepNumber) return;
      if (target > stepNumber) {
        get().stepForward(target - stepNumber);
        return;
      }
      const checkpoint = [...checkpoints].reverse().find((c) => c.stepNumber <= target);
      if (checkpoint === undefined) return;
      try {
        const sim = restoreCheckpoint(checkpoint.state, get().scenario.handlers === undefined ? {} : { handlers: get().scenario.handlers! });
        let entries: TraceEntry[] = [];
        for (let k = checkpoint.stepNumber + 1; k <= target; k++) {
          entries = [];
          const end = stepEnds[k]!;
          while (sim.stepCount < end && sim.nextEventTime !== null) {
            entries.push(...sim.step());
            // Actions at the checkpoint's own engine step are in it already; these are the ones after.
            applyActions(sim, actions);
          }
        }
        history.length = target + 1;
        samples.length = target + 1;
        set({
          historyFrom: Math.min(get().historyFrom, target + 1),
          sim,
          revision: revision + 1,
          stepNumber: target,
          narration: narration.filter((l) => l.step <= target),
          lastStep: target === checkpoint.stepNumber ? null : { step: target, entries },
        });
      } catch (error) {
        set({ error: `Could not go back: ${error instanceof Error ? error.message : String(error)}`, revision: revision + 1 });
      }
    },

    restart() {
      set({ ...fresh(get().scenario, get().seed), selection: null });
    },

    openRun(run) {
      const scenario = findScenario(run.scenarioId);
      if (scenario === undefined) return `There is no scenario "${run.scenarioId}".`;
      set({ ...fresh(scenario, run.seed), selection: null, showInternal: run.showInternal, speed: run.speed });
      const { sim } = get();
      const atStart = applyActions(sim, run.actions);
      if (atStart.failures.length > 0) return `The link's ${atStart.failures[0]!}`;
      const atStartText = atStart.entries.length === 0 ? null : narrateStep(atStart.entries, shownLevels(run.showInternal));
      set({
        actions: [...run.actions],
        checkpoints: [{ stepNumber: 0, state: sim.checkpoint() }],
        history: [[...get().history[0]!, ...atStart.entries]],
        narration: atStartText === null ? [] : [{ step: 0, time: sim.time, text: atStartText }],
        revision: get().revision + 1,
      });
      get().stepForward(Number.MAX_SAFE_INTEGER, undefined, run.engineStep);
      const failure = get().replayFailures[0];
      if (failure !== undefined) return `The link's ${failure}`;
      const reached = get().sim.stepCount;
      if (reached !== run.engineStep) return `The link opens at engine step ${run.engineStep}, but this run ends at engine step ${reached}.`;
      set({ selection: run.selection });
      return null;
    },

    loadScenario(id) {
      const scenario = findScenario(id);
      if (scenario === undefined) {
        set({ error: `There is no scenario "${id}".` });
        return;
      }
      set({ ...fresh(scenario), selection: null });
    },

    dismissError() {
      set({ error: null });
    },
  };
});
