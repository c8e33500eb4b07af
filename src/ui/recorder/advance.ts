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
export function applyActions(sim: Simulation, actions: readonly LearnerAction[]): { entries: TraceEntry[]; failures: string[] } {
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

export type Advance = { kind: 'stepped'; entries: TraceEntry[]; lines: NarrationLine[]; marks: TimelineMark[]; failures: string[] } | { kind: 'idle' } | { kind: 'error'; message: string };

/**
 * One UI step: engine events until one writes an entry at a shown level (or the engine reaches a
 * recorded action's step or `engineBound`), then the learner's actions recorded for that engine step.
 */
export function advance(sim: Simulation, levels: ReadonlySet<TraceLevel>, actions: readonly LearnerAction[], number: number, engineBound?: number): Advance {
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
