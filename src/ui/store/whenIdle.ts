/**
 * Runs `task` when the page is idle (after it has drawn the current frame), or at once where there is
 * no such moment to wait for (node: tests and the bench's preparation), so their runs stay step-exact.
 */
export function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 1000 });
  else task();
}
