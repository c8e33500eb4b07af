/** Test helper: the trace entries of one kind, typed (also for entries whose kind is a union). */
import type { Simulation } from '../kernel/simulation';
import type { TraceEntry, TraceKind } from '../kernel/trace';

export function entriesOf<K extends TraceKind>(sim: Simulation, kind: K): (TraceEntry & { kind: K })[] {
  return sim.trace.filter((e): e is TraceEntry & { kind: K } => e.kind === kind);
}
