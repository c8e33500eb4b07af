/**
 * Runs `task` just after the browser has painted the next frame (a timeout queued from that frame's
 * requestAnimationFrame), or at once where there are no frames (node: tests and the bench's preparation),
 * so their runs stay step-exact.
 *
 * Why not requestIdleCallback: while a learner steps or plays, every frame has work queued, and Chromium
 * may find no idle period before the next step. Then the next step paid for the owed checkpoint (3 ms at
 * 10,000 records, every 20th step): exactly the UI step's p95 in bench/uiStep.ts.
 */
export function afterPaint(task: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(task, 0));
  else task();
}
