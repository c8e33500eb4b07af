/**
 * React keys for lists of per-step items that drop their oldest entries as the run goes (narration
 * lines, timeline marks): step plus place within the step, never the list index, so when the oldest
 * item drops off the others keep their elements instead of all being re-created.
 */
export function keyByStep<T extends { step: number }>(items: readonly T[]): { key: string; item: T }[] {
  let previousStep = -1;
  let within = 0;
  return items.map((item) => {
    within = item.step === previousStep ? within + 1 : 0;
    previousStep = item.step;
    return { key: `${item.step}-${within}`, item };
  });
}
