/**
 * One UI step over the engine: engine events until one writes an entry at a level the learner shows,
 * cut short where a recorded learner action is due (or at a bound), then those actions. Works on the
 * simulation handle it is given and keeps nothing; the run recorder decides what to keep.
 */
import type { Command, Simulation, TraceEntry, TraceLevel } from '../../engine';
import { stepMarks, type TimelineMark } from '../narration/marks';
import { narrateStep } from '../narration/narrate';

/** A UI step stops at the first engine event that writes an entry at a shown level; this caps the search. */
const MAX_EVENTS_PER_STEP = 100_000;

/**
 * Something the learner did, at the engine step it was done (the engine's step count then). Engine
 * steps, not UI steps: what a UI step is depends on the internal-steps toggle, so a run replayed under
 * another toggle would put a UI-step action elsewhere (issue 18). Share links replay these.
 */
export interface LearnerAction {
  readonly atEngineStep: number;
  readonly command: Command;
}

export interface NarrationLine {
  /** The UI step number, from 1. */
  readonly step: number;
  readonly time: number;
  readonly text: string;
}

export function shownLevels(showInternal: boolean): ReadonlySet<TraceLevel> {
  return new Set<TraceLevel>(showInternal ? ['message', 'control', 'internal'] : ['message', 'control']);
}

/** Every level: what a step that ends at an action or a bound narrates when nothing shown happened in it. */
const ALL_LEVELS = shownLevels(true);

/**
 * Runs the recorded actions due at the engine's step count now; returns what they wrote and why any was
 * rejected. The learner's own actions were accepted when taken, so a rejection means a damaged share link.
 */
export function applyActions(sim: Simulation, actions: readonly LearnerAction[]): { entries: readonly TraceEntry[]; failures: readonly string[] } {
  const now = sim.stepCount;
  // Asked after every UI step, and almost never due: a plain loop and one shared empty answer.
  let isDue = false;
  for (const a of actions) if (a.atEngineStep === now) isDue = true;
  if (!isDue) return NOTHING_DUE;
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

const NOTHING_DUE = Object.freeze({ entries: Object.freeze([]), failures: Object.freeze([]) });

/** Where a UI step must end whatever it shows: the next recorded action's engine step, or the bound. */
function nextStop(sim: Simulation, actions: readonly LearnerAction[], engineBound: number | undefined): number {
  let stop = engineBound ?? Number.POSITIVE_INFINITY;
  for (const a of actions) if (a.atEngineStep > sim.stepCount && a.atEngineStep < stop) stop = a.atEngineStep;
  return stop;
}

/**
 * A step's narration, told only when asked: a long replay (opening a link) keeps the newest few hundred
 * lines, so telling every step it passes was wasted (a tenth of the replay's time).
 */
export type TellStep = () => NarrationLine[];

export type Advance = { kind: 'stepped'; entries: TraceEntry[]; tell: TellStep; marks: TimelineMark[]; failures: readonly string[] } | { kind: 'idle' } | { kind: 'error'; message: string };

/**
 * One UI step: engine events until one writes an entry at a shown level (or the engine reaches a
 * recorded action's step or `engineBound`), then the learner's actions recorded for that engine step.
 */
export function advance(sim: Simulation, levels: ReadonlySet<TraceLevel>, actions: readonly LearnerAction[], number: number, engineBound?: number): Advance {
  const entries: TraceEntry[] = [];
  const stop = nextStop(sim, actions, engineBound);
  let isShown = false;
  try {
    for (let i = 0; i < MAX_EVENTS_PER_STEP && !sim.isIdle && sim.stepCount < stop; i++) {
      const written = sim.step();
      for (const entry of written) {
        entries.push(entry);
        if (levels.has(entry.level)) isShown = true;
      }
      if (isShown) break;
    }
  } catch (error) {
    return { kind: 'error', message: `The simulation hit an error and stopped: ${error instanceof Error ? error.message : String(error)}` };
  }
  // A step cut short by an action or the bound still counts, told at every level if need be.
  const isCut = sim.stepCount === stop && entries.length > 0;
  if (!isShown && !isCut) return { kind: 'idle' };
  const time = sim.time;
  const ownCount = entries.length;
  // Actions the learner took at this step earlier (before stepping back, or in a shared link) happen again,
  // narrated as they were when taken.
  const replayed = applyActions(sim, actions);
  // The step's own entries and the replayed actions' are marked apart: a broker event in one never claims
  // the elections of the other.
  const marks = replayed.entries.length === 0 ? stepMarks(entries, number) : [...stepMarks(entries, number), ...stepMarks(replayed.entries, number)];
  for (const entry of replayed.entries) entries.push(entry);
  const tell: TellStep = () => {
    const own = entries.slice(0, ownCount);
    const text = narrateStep(own, levels) ?? narrateStep(own, ALL_LEVELS) ?? 'Engine events with nothing to show.';
    const lines: NarrationLine[] = [{ step: number, time, text }];
    const actionText = replayed.entries.length === 0 ? null : narrateStep(replayed.entries, levels);
    if (actionText !== null) lines.push({ step: number, time, text: actionText });
    return lines;
  };
  return { kind: 'stepped', entries, tell, marks, failures: replayed.failures };
}
