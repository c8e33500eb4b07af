/**
 * Structural sharing for the canvas's derived nodes and edges. They are built afresh on every step,
 * but most cards do not change in a step: handing React Flow the previous object for those lets it
 * skip their render and commit (its node wrappers compare objects, the node components are memo'd).
 * Without this every card re-rendered on every step, which cost more than the engine's step itself.
 */

/** Equality of plain derived data: primitives, arrays and plain objects by content, anything else by identity. */
export function isSameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!isSameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  for (const key of aKeys) {
    if (!Object.hasOwn(b, key) || !isSameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/**
 * Remembers the last list it was given and returns the next one with every element that equals its
 * predecessor (same id, same content) replaced by that predecessor. The list itself is new whenever
 * anything in it changed, so React Flow still sees additions, removals and order.
 */
export class UnchangedKeeper<T extends { id: string }> {
  private previous = new Map<string, T>();
  private lastList: T[] = [];

  keep(next: readonly T[]): T[] {
    const byId = new Map<string, T>();
    let isAllKept = next.length === this.lastList.length;
    const list = next.map((item, i) => {
      const before = this.previous.get(item.id);
      const kept = before !== undefined && isSameData(before, item) ? before : item;
      byId.set(item.id, kept);
      if (kept !== this.lastList[i]) isAllKept = false;
      return kept;
    });
    this.previous = byId;
    if (isAllKept) return this.lastList;
    this.lastList = list;
    return list;
  }
}
