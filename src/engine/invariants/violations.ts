/**
 * What the invariant checks found broken. Checks report here rather than throw, so one pass lists every
 * broken invariant; a message is built only when its check fails (checks run after every event).
 */
export class Violations {
  readonly messages: string[] = [];

  /** Records `message` unless `holds`; returns `holds`, so a caller can skip what depends on it. */
  check(holds: boolean, message: () => string): boolean {
    if (!holds) this.messages.push(message());
    return holds;
  }

  /** Records a violation found without a boolean test (e.g. a lookup that came back empty). */
  report(message: string): void {
    this.messages.push(message);
  }
}

/** Throws one error naming every violation, or returns when there are none. */
export function throwIfViolated(messages: readonly string[]): void {
  if (messages.length === 0) return;
  throw new Error(messages.map((m) => `invariant violated: ${m}`).join('\n'));
}
