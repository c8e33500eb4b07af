/**
 * Which engine states the recorder keeps to come back to. Step back and seek restore the nearest
 * checkpoint at or before the target and replay forward, so the spacing trades memory for replay time.
 */
import type { StateCheckpoint } from '../../engine';

/** The engine state after a UI step (and after the learner's actions taken at that step). */
export interface Checkpoint {
  readonly stepNumber: number;
  readonly state: StateCheckpoint;
}

/** Checkpoints are taken every this many UI steps; step back restores the nearest one and replays forward. */
export const CHECKPOINT_EVERY = 20;

/**
 * Which checkpoints stay as the run goes on: every one from the newest 200 steps (step back near the
 * head replays at most 19 steps), every 250th step further back, every 1,000th beyond 10,000 steps back,
 * so a run of 100,000 steps keeps about 140 of them.
 */
export function keepsCheckpoint(step: number, head: number): boolean {
  const age = head - step;
  return step % (age < 200 ? CHECKPOINT_EVERY : age < 10_000 ? 250 : 1_000) === 0;
}

/** Adds a checkpoint at `head` (replacing any at or after it) and thins the older ones. */
export function pushCheckpoint(checkpoints: readonly Checkpoint[], head: number, state: StateCheckpoint): Checkpoint[] {
  const kept = checkpoints.filter((c) => c.stepNumber < head && (c.stepNumber === 0 || keepsCheckpoint(c.stepNumber, head)));
  kept.push({ stepNumber: head, state });
  return kept;
}

/** The newest checkpoint at or before UI step `target`. */
export function checkpointAtOrBefore(checkpoints: readonly Checkpoint[], target: number): Checkpoint | undefined {
  for (let i = checkpoints.length - 1; i >= 0; i--) if (checkpoints[i]!.stepNumber <= target) return checkpoints[i];
  return undefined;
}
