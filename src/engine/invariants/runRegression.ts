/** Runs one pinned regression and checks what its file expects (test support: it fails through vitest's expect). */
import { expect } from 'vitest';
import { restoreSimulation, type KafkaSimError, type SimState, type Simulation, type TraceEntry } from '../index';
import { Violations, checkPlainData } from './index';
import { runAll } from './model/applyOp';
import { runChecked } from './model/runChecked';
import type { Regression } from './regressionSchema';

type TraceMatch = NonNullable<Regression['expect']['traceHas']>[number];
type RoundTrip = NonNullable<Regression['expect']['survivesJsonRoundTrip']>;

function matches(entry: TraceEntry, match: TraceMatch): boolean {
  if (entry.kind !== match.kind) return false;
  const fields = entry as unknown as Record<string, unknown>;
  const held = Object.entries(match.fields ?? {}).every(([name, value]) => fields[name] === value);
  return held && (match.nonEmpty ?? []).every((name) => Array.isArray(fields[name]) && fields[name].length > 0);
}

function expectTraceHas(sim: Simulation, match: TraceMatch): void {
  expect(
    sim.trace.some((e) => matches(e, match)),
    `no trace entry matches ${JSON.stringify(match)}`,
  ).toBe(true);
}

function expectSurvivesJsonRoundTrip(sim: Simulation, roundTrip: RoundTrip, rejected: ReadonlyMap<number, KafkaSimError>): void {
  if (roundTrip.unlessOpRejected !== undefined && rejected.has(roundTrip.unlessOpRejected)) return;
  const restored = restoreSimulation(JSON.parse(JSON.stringify(sim.snapshot())) as SimState);
  sim.runUntilTime(roundTrip.untilTimeMs);
  restored.runUntilTime(roundTrip.untilTimeMs);
  expect(restored.hash(), 'the run restored from JSON went another way').toBe(sim.hash());
  const found = new Violations();
  checkPlainData(sim.snapshot(), 'state', found);
  expect(found.messages).toEqual([]);
}

export function runRegression(regression: Regression): void {
  const rejected = new Map<number, KafkaSimError>();
  const hooks = {
    onRejected: (index: number, error: KafkaSimError) => {
      rejected.set(index, error);
    },
  };
  const scenario = { options: regression.options, ops: regression.ops };
  const sim = regression.expect.invariantsAfterEveryStep ? runChecked(scenario, hooks) : runAll(scenario, hooks);
  for (const match of regression.expect.traceHas ?? []) expectTraceHas(sim, match);
  if (regression.expect.survivesJsonRoundTrip !== undefined) expectSurvivesJsonRoundTrip(sim, regression.expect.survivesJsonRoundTrip, rejected);
}
