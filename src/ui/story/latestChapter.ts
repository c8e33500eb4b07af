/** The chapters the run has reached, newest last: the story panel tells the newest, the canvas focuses on its actors. */
import type { Chapter } from '../../scenarios';
import type { Frame } from '../recorder/frame';

/** The last answer: the story panel and the canvas both ask at every step, and the chapters are read once. */
let last: { frame: Frame; opened: Chapter[] } | null = null;

/** The chapters open at this frame of the run. */
export function openedChapters(frame: Frame): Chapter[] {
  if (last?.frame !== frame) last = { frame, opened: (frame.scenario.chapters ?? []).filter((c) => c.opensWhen(frame.state)) };
  return last.opened;
}

/** Does an actor id match one of a chapter's entries ('consumer:notification-1', or a prefix 'consumer:notification-*')? */
export function isFocused(actors: readonly string[], id: string): boolean {
  return actors.some((a) => a === id || (a.endsWith('*') && id.startsWith(a.slice(0, -1))));
}
