/**
 * Which column each card sits in. A scenario declares structure, not pixels: columns left to right
 * (top to bottom on a phone), each listing actor ids in order. 'consumer:*' stands for every consumer
 * the scenario did not name elsewhere (the same for producer, topic and broker), so cards that appear
 * during a run (an added instance, a replay group) find their place. An actor that matches nothing
 * joins the first column holding its kind, or a new column at the end.
 */
import { anyActor, parseActorId, type ActorKind } from '../../../engine';

export type Column = readonly string[];

const KIND_ORDER = ['producer', 'topic', 'consumer', 'broker'] as const satisfies readonly ActorKind[];

function kindOf(id: string): ActorKind | null {
  return parseActorId(id)?.kind ?? null;
}

/** The kind a wildcard entry ('consumer:*') stands for; null for an actor named in full. */
function wildcardKind(entry: string): ActorKind | null {
  const kind = kindOf(entry);
  return kind !== null && entry === anyActor(kind) ? kind : null;
}

/** The columns with every id of `ids` placed exactly once, in declared order; ids not in `ids` are dropped. */
export function resolveColumns(declared: readonly Column[], ids: readonly string[]): string[][] {
  const present = new Set(ids);
  const named = new Set(declared.flat().filter((entry) => wildcardKind(entry) === null && present.has(entry)));
  const placed = new Set<string>();
  const unnamedOfKind = (kind: ActorKind) => ids.filter((id) => kindOf(id) === kind && !named.has(id));

  const columns = declared.map((column) =>
    column.flatMap((entry) => {
      const kind = wildcardKind(entry);
      const found = kind !== null ? unnamedOfKind(kind) : present.has(entry) ? [entry] : [];
      const fresh = found.filter((id) => !placed.has(id));
      for (const id of fresh) placed.add(id);
      return fresh;
    }),
  );
  for (const kind of KIND_ORDER) {
    const rest = ids.filter((id) => kindOf(id) === kind && !placed.has(id));
    if (rest.length === 0) continue;
    const home = columns.find((column) => column.some((id) => kindOf(id) === kind));
    if (home === undefined) columns.push(rest);
    else home.push(...rest);
    for (const id of rest) placed.add(id);
  }
  const others = ids.filter((id) => !placed.has(id));
  if (others.length > 0) columns.push(others);
  return columns.filter((column) => column.length > 0);
}

/** The default structure: producers, then topics, then consumers, then brokers. */
export const DEFAULT_COLUMNS: readonly Column[] = KIND_ORDER.map((kind) => [anyActor(kind)]);
