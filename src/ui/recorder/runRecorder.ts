/**
 * The run recorder: owns one run's simulation, records every learner action at the engine step where it
 * happened, keeps checkpoints, and goes to any step. It knows nothing of React; after every change it
 * makes a new immutable Frame (frame.ts), which is all the page reads.
 *
 * A UI step is a view over engine steps: it runs engine events until one is worth showing under the
 * learner's internal-steps toggle. Links and saved runs store engine steps and actions at engine steps,
 * so a run reopens the same whatever the toggle was while it was made.
 */
import { createSimulation, KafkaSimError, restoreCheckpoint, type Command, type DeepReadonly, type Simulation, type SimState, type TraceEntry } from '../../engine';
import type { Scenario } from '../../scenarios';
import { MAX_POINTS } from '../metrics/chartSeries';
import { sampleMetrics, type MetricsSample } from '../metrics/sampleMetrics';
import { stepMarks, type TimelineMark } from '../narration/marks';
import { narrateStep } from '../narration/narrate';
import { advance, applyActions, shownLevels, type LearnerAction, type NarrationLine, type TellStep } from './advance';
import { CHECKPOINT_EVERY, checkpointAtOrBefore, keepsCheckpoint, pushCheckpoint, type Checkpoint } from './checkpoints';
import type { Frame, StepView } from './frame';
import { CHUNK, SeriesBuilder } from './series';

const MAX_NARRATION_LINES = 500;
/**
 * Provenance keeps every trace entry of at least the newest this many UI steps (older ones are dropped a
 * chunk at a time). Keeping all of them held 200,000 entries (65 MB) at step 72,000 of food ordering, and
 * the garbage collector's work on that heap was most of the p95 of a UI step (20 ms -> 11 ms with the cap).
 */
export const HISTORY_STEPS = 5_000;
const NO_ENTRIES: readonly TraceEntry[] = Object.freeze([]);

/** What stepForward's loop builds up, read after it. */
interface SteppingRun {
  /** Each step's narration, told when the loop ends (only the newest MAX_NARRATION_LINES are kept). */
  tellers: TellStep[];
  marks: TimelineMark[];
  failures: string[];
  taken: number;
  error: string | null;
  /** A checkpoint due at the step just taken (owed when the loop ends there). */
  due: number | null;
}

/** Where a replay stands after a slice: still going, or done (with what went wrong, if anything). */
export type ReplayProgress = { done: false } | { done: true; problem: string | null };

export interface StepOptions {
  /** Whether internal trace entries (heartbeats, fetches, batches) end a UI step too. */
  showInternal: boolean;
  /** Checked after each step; stepping stops when it says so. */
  stopWhen?: (state: DeepReadonly<SimState>) => boolean;
  /** A step also ends when the engine's step count reaches this, and stepping stops there. */
  engineBound?: number;
}

function startScenario(scenario: Scenario, seed: number): Simulation {
  const sim = createSimulation({ ...scenario.options, seed, ...(scenario.handlers === undefined ? {} : { handlers: scenario.handlers }) });
  scenario.setup(sim);
  return sim;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The newest MAX_NARRATION_LINES of `older` followed by what `tellers` tell, telling only the steps that stay. */
function newestLines(older: readonly NarrationLine[], tellers: readonly TellStep[]): readonly NarrationLine[] {
  const told: NarrationLine[][] = [];
  let count = 0;
  for (let i = tellers.length - 1; i >= 0 && count < MAX_NARRATION_LINES; i--) {
    const lines = tellers[i]!();
    told.push(lines);
    count += lines.length;
  }
  const lines = count < MAX_NARRATION_LINES ? [...older] : [];
  for (let i = told.length - 1; i >= 0; i--) lines.push(...told[i]!);
  return lines.length > MAX_NARRATION_LINES ? lines.slice(-MAX_NARRATION_LINES) : lines;
}

export class RunRecorder {
  private sim: Simulation;
  private stepNumber = 0;
  private narration: readonly NarrationLine[] = [];
  private lastStep: StepView | null = null;
  private marks: readonly TimelineMark[] = [];
  private actions: readonly LearnerAction[] = [];
  private replayFailures: readonly string[] = [];
  /** Engine step count at the end of each UI step (index = UI step number), for exact replay. */
  private readonly stepEnds: number[];
  private readonly history = new SeriesBuilder<readonly TraceEntry[]>();
  private historyFrom = 0;
  private readonly samples = new SeriesBuilder<MetricsSample | null>();
  private checkpoints: readonly Checkpoint[];
  /**
   * The checkpoint owed for the step on screen. Copying a long run's state takes a few milliseconds, so
   * when a call's last step lands on a checkpoint the copy waits (the store asks for it when the page is
   * idle); anything that changes or rewinds the simulation first takes it.
   */
  private owedCheckpoint: number | null = null;
  private current: Frame;

  constructor(
    readonly scenario: Scenario,
    readonly seed: number = scenario.seed,
  ) {
    this.sim = startScenario(scenario, seed);
    this.stepEnds = [this.sim.stepCount];
    this.checkpoints = [{ stepNumber: 0, state: this.sim.checkpoint() }];
    this.history.push([...this.sim.trace]);
    this.samples.push(sampleMetrics(this.sim.state, 0));
    this.current = this.makeFrame();
  }

  /** The run as the page shows it now. A new object after every change. */
  get frame(): Frame {
    return this.current;
  }

  /** Whether a checkpoint waits to be taken (see `settleCheckpoint`). */
  get owesCheckpoint(): boolean {
    return this.owedCheckpoint !== null;
  }

  /** The UI steps checkpoints are kept at, oldest first (for tests and the bench). */
  get checkpointSteps(): number[] {
    return this.checkpoints.map((c) => c.stepNumber);
  }

  /** Takes the checkpoint owed for the step on screen, if any. Changes nothing the page shows. */
  settleCheckpoint(): void {
    if (this.owedCheckpoint === null) return;
    if (this.owedCheckpoint === this.stepNumber) this.checkpoints = pushCheckpoint(this.checkpoints, this.stepNumber, this.sim.checkpoint());
    this.owedCheckpoint = null;
  }

  /**
   * Takes up to `count` UI steps (fewer when nothing is left to happen or `stopWhen` says so) and returns
   * how many, with the error that stopped the simulation, if one did.
   */
  stepForward(count: number, options: StepOptions): { taken: number; error: string | null } {
    this.settleCheckpoint();
    const run: SteppingRun = { tellers: [], marks: [...this.marks], failures: [...this.replayFailures], taken: 0, error: null, due: null };
    this.takeSteps(count, options, run);
    this.narration = newestLines(this.narration, run.tellers);
    this.marks = run.marks;
    this.replayFailures = run.failures;
    this.owedCheckpoint = run.due;
    this.current = this.makeFrame();
    return { taken: run.taken, error: run.error };
  }

  /**
   * stepForward's loop, in a function of its own that ends right after it. A long replay (opening a link)
   * gets this loop compiled on the stack (OSR) before the code after it ever ran; when that code sat in the
   * same function it had no type feedback in the OSR code, and every later Step click deoptimized there
   * (--trace-deopt: 180 deopts of the same code in 210 clicks, then the rest of the step interpreted).
   */
  private takeSteps(count: number, options: StepOptions, run: SteppingRun): void {
    const { sim, actions, stepEnds, history, samples } = this;
    const levels = shownLevels(options.showInternal);
    const head = this.stepNumber + count;
    while (run.taken < count) {
      // A checkpoint due at the step just taken, copied before the next step changes the state.
      if (run.due !== null) this.checkpoints = pushCheckpoint(this.checkpoints, run.due, sim.checkpoint());
      run.due = null;
      if (options.engineBound !== undefined && sim.stepCount >= options.engineBound) break;
      const result = advance(sim, levels, actions, this.stepNumber + 1, options.engineBound);
      if (result.kind === 'error') run.error = result.message;
      if (result.kind !== 'stepped') break;
      const stepNumber = ++this.stepNumber;
      run.taken += 1;
      run.tellers.push(result.tell);
      // Every step tells at least one line, so the newest MAX_NARRATION_LINES steps are all that can stay.
      if (run.tellers.length >= 2 * MAX_NARRATION_LINES) run.tellers.splice(0, MAX_NARRATION_LINES);
      if (stepEnds.length !== stepNumber) stepEnds.length = stepNumber;
      stepEnds.push(sim.stepCount);
      const { marks } = run;
      while (marks.length > 0 && marks[marks.length - 1]!.step >= stepNumber) marks.pop();
      if (result.marks.length > 0) marks.push(...result.marks);
      history.truncate(stepNumber);
      history.push(result.entries);
      this.forgetOldHistory();
      samples.truncate(stepNumber);
      // Within a long replay the charts' points before the last MAX_POINTS steps are never shown.
      samples.push(head - stepNumber < MAX_POINTS ? sampleMetrics(sim.state, stepNumber) : null);
      // Within a long replay only the checkpoints that will be kept are taken; one due at the last step is owed.
      if (stepNumber % CHECKPOINT_EVERY === 0 && keepsCheckpoint(stepNumber, head)) run.due = stepNumber;
      if (result.failures.length > 0) run.failures.push(...result.failures);
      this.lastStep = { step: stepNumber, entries: result.entries };
      if (result.failures.length > 0 || options.stopWhen?.(sim.state) === true) break;
    }
  }

  /**
   * Runs the learner's commands now, in order, recording each; returns why one was rejected (which stops
   * the rest), or null. Acting in the past forks the timeline: the old future is dropped (as RaftScope does).
   */
  act(commands: readonly Command[], showInternal: boolean): string | null {
    this.settleCheckpoint();
    const { sim, stepNumber } = this;
    const kept = this.actions.filter((a) => a.atEngineStep <= sim.stepCount);
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
    if (done.length === 0) return error;
    const entries = sim.traceSince(before);
    const text = narrateStep(entries, shownLevels(showInternal));
    this.stepEnds.length = stepNumber + 1;
    this.history.truncate(stepNumber + 1);
    this.history.set(stepNumber, [...(this.history.at(stepNumber) ?? []), ...entries]);
    this.samples.truncate(stepNumber);
    this.samples.push(sampleMetrics(sim.state, stepNumber));
    this.actions = [...kept, ...done];
    this.marks = [...this.marks.filter((m) => m.step <= stepNumber), ...stepMarks(entries, stepNumber)];
    this.checkpoints = pushCheckpoint(this.checkpoints, stepNumber, sim.checkpoint());
    if (text !== null) this.narration = [...this.narration.slice(-(MAX_NARRATION_LINES - 1)), { step: stepNumber, time: sim.time, text }];
    this.lastStep = { step: stepNumber, entries };
    this.current = this.makeFrame();
    return error;
  }

  /**
   * Goes to UI step `target`: forward by stepping, back by restoring the nearest checkpoint and replaying
   * to the engine step where that UI step ended. Returns what went wrong, or null.
   */
  seek(target: number, options: StepOptions): string | null {
    if (!Number.isInteger(target) || target < 0 || target === this.stepNumber) return null;
    if (target > this.stepNumber) return this.stepForward(target - this.stepNumber, options).error;
    this.settleCheckpoint();
    const checkpoint = checkpointAtOrBefore(this.checkpoints, target);
    if (checkpoint === undefined) return null;
    try {
      const sim = restoreCheckpoint(checkpoint.state, this.scenario.handlers === undefined ? {} : { handlers: this.scenario.handlers });
      let entries: TraceEntry[] = [];
      for (let k = checkpoint.stepNumber + 1; k <= target; k++) {
        entries = [];
        const end = this.stepEnds[k]!;
        while (sim.stepCount < end && sim.nextEventTime !== null) {
          entries.push(...sim.step());
          // Actions at the checkpoint's own engine step are in it already; these are the ones after.
          applyActions(sim, this.actions);
        }
      }
      this.sim = sim;
      this.history.truncate(target + 1);
      this.samples.truncate(target + 1);
      this.historyFrom = Math.min(this.historyFrom, target + 1);
      this.stepNumber = target;
      this.narration = this.narration.filter((l) => l.step <= target);
      this.lastStep = target === checkpoint.stepNumber ? null : { step: target, entries };
      this.current = this.makeFrame();
      return null;
    } catch (error) {
      return `Could not go back: ${messageOf(error)}`;
    }
  }

  /**
   * Replays recorded actions from the start up to engine step `engineStep` (a share link or a saved run).
   * Returns what is wrong with the recording, or null when the run reached that step as recorded.
   */
  replay(actions: readonly LearnerAction[], engineStep: number, showInternal: boolean): string | null {
    const problem = this.startReplay(actions, showInternal);
    if (problem !== null) return problem;
    const progress = this.continueReplay(engineStep, showInternal, () => false);
    return progress.done ? progress.problem : null;
  }

  /** A replay's first part: the actions recorded at engine step 0. Returns what is wrong with them, or null. */
  startReplay(actions: readonly LearnerAction[], showInternal: boolean): string | null {
    const { sim } = this;
    const atStart = applyActions(sim, actions);
    if (atStart.failures.length > 0) return `The link's ${atStart.failures[0]!}`;
    const atStartText = atStart.entries.length === 0 ? null : narrateStep(atStart.entries, shownLevels(showInternal));
    this.actions = [...actions];
    this.checkpoints = [{ stepNumber: 0, state: sim.checkpoint() }];
    this.history.set(0, [...this.history.at(0)!, ...atStart.entries]);
    this.narration = atStartText === null ? [] : [{ step: 0, time: sim.time, text: atStartText }];
    return null;
  }

  /**
   * Replays on toward `engineStep` until done or until `shouldPause` says so after a UI step (a long
   * replay goes in slices so the page can show progress). Slices end on UI step boundaries and every
   * step is taken as in one call, so a replay in slices reaches the very same run.
   */
  continueReplay(engineStep: number, showInternal: boolean, shouldPause: () => boolean): ReplayProgress {
    // MAX_SAFE_INTEGER steps: every step counts as far from the head (sparse checkpoints, no chart samples).
    const pause = { isPaused: false };
    const stopWhen = () => (pause.isPaused = shouldPause());
    const { error } = this.stepForward(Number.MAX_SAFE_INTEGER, { showInternal, engineBound: engineStep, stopWhen });
    const failure = this.replayFailures[0];
    if (failure !== undefined) return { done: true, problem: `The link's ${failure}` };
    if (error !== null) return { done: true, problem: error };
    if (pause.isPaused && this.sim.stepCount < engineStep) return { done: false };
    if (this.sim.stepCount !== engineStep) return { done: true, problem: `The link opens at engine step ${engineStep}, but this run ends at engine step ${this.sim.stepCount}.` };
    return { done: true, problem: null };
  }

  /** Empties the history of steps that fell out of the newest HISTORY_STEPS, a whole chunk at a time. */
  private forgetOldHistory(): void {
    const from = Math.floor(Math.max(0, this.stepNumber - HISTORY_STEPS + 1) / CHUNK) * CHUNK;
    if (from <= this.historyFrom) return;
    this.history.fill(Math.max(1, this.historyFrom), from, NO_ENTRIES);
    this.historyFrom = from;
  }

  private makeFrame(): Frame {
    return Object.freeze({
      scenario: this.scenario,
      seed: this.seed,
      stepNumber: this.stepNumber,
      engineStep: this.sim.stepCount,
      time: this.sim.time,
      state: this.sim.state,
      narration: Object.freeze(this.narration),
      lastStep: this.lastStep,
      marks: Object.freeze(this.marks),
      knownSteps: this.stepEnds.length - 1,
      history: this.history.snapshot(),
      historyFrom: this.historyFrom,
      samples: this.samples.snapshot(),
      actions: Object.freeze(this.actions),
      replayFailures: Object.freeze(this.replayFailures),
    });
  }
}
