/** The chapters the run has reached, newest last: the story panel tells the newest, the canvas focuses on its actors. */
import type { DeepReadonly, SimState } from '../../engine';
import type { Chapter, Scenario } from '../../scenarios';

/** The last answer: the story panel and the canvas both ask at every step, and the chapters are read once. */
let last: { scenario: Scenario; state: DeepReadonly<SimState>; revision: number; opened: Chapter[] } | null = null;

/** The chapters open at this revision of the run (the state is mutable; `revision` says it changed). */
export function openedChapters(scenario: Scenario, state: DeepReadonly<SimState>, revision: number): Chapter[] {
  if (last?.scenario !== scenario || last.state !== state || last.revision !== revision) {
    last = { scenario, state, revision, opened: (scenario.chapters ?? []).filter((c) => c.opensWhen(state)) };
  }
  return last.opened;
}

/** Does an actor id match one of a chapter's entries ('consumer:notification-1', or a prefix 'consumer:notification-*')? */
export function isFocused(actors: readonly string[], id: string): boolean {
  return actors.some((a) => a === id || (a.endsWith('*') && id.startsWith(a.slice(0, -1))));
}
