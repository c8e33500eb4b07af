/** The chapters the run has reached, newest last: the story panel tells the newest, the canvas focuses on its actors. */
import type { DeepReadonly, SimState } from '../../engine';
import type { Chapter, Scenario } from '../../scenarios';

export function openedChapters(scenario: Scenario, state: DeepReadonly<SimState>): Chapter[] {
  return (scenario.chapters ?? []).filter((c) => c.opensWhen(state));
}

/** Does an actor id match one of a chapter's entries ('consumer:notification-1', or a prefix 'consumer:notification-*')? */
export function isFocused(actors: readonly string[], id: string): boolean {
  return actors.some((a) => a === id || (a.endsWith('*') && id.startsWith(a.slice(0, -1))));
}
