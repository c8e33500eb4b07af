/**
 * Golden traces: each scenario, run headless from its seed for a fixed number of engine steps, must
 * give the same trace and final state as recorded in digests.json. A change to the engine or a
 * scenario that changes a run fails here, on purpose. When the change is intended, record the new
 * digests with `npm run golden:update` and say why in the commit.
 *
 * Beside the digests, each scenario keeps its first narrated lines as text (what a learner reads at
 * its first steps), so a drift shows as a readable diff of what changed, not only as two hex numbers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSimulation, type TraceLevel } from '../../engine';
import { narrateStep } from '../../ui/narration/narrate';
import { SCENARIOS } from '../index';
import type { Scenario } from '../types';

const STEPS = 3_000;
/** Narrated lines kept as text: the first steps a learner reads. */
const NARRATED_LINES = 40;
/** What the narration shows by default (internal steps hidden). */
const SHOWN: ReadonlySet<TraceLevel> = new Set<TraceLevel>(['message', 'control']);
const FILE = fileURLToPath(new URL('./digests.json', import.meta.url));
const isUpdating = process.env['UPDATE_GOLDEN'] === '1';

interface Digest {
  version: number;
  steps: number;
  traceEntries: number;
  traceDigest: string;
  stateHash: string;
  simulatedMs: number;
  /** The first NARRATED_LINES lines the narration tells, in order. */
  narration: string[];
}

/** FNV-1a over the text, as 8 hex digits: small, stable, and enough to notice a changed run. */
function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function run(scenario: Scenario): Digest {
  const sim = createSimulation({ ...scenario.options, seed: scenario.seed, ...(scenario.handlers === undefined ? {} : { handlers: scenario.handlers }), traceLimit: 0 });
  scenario.setup(sim);
  let digest = 0x811c9dc5;
  let entries = 0;
  const narration: string[] = [];
  for (let i = 0; i < STEPS && !sim.isIdle; i++) {
    const written = sim.step();
    for (const e of written) {
      digest = fnv1a(JSON.stringify(e), digest);
      entries++;
    }
    // A UI step ends at the first engine step with a shown entry, so this is the narration's line for it.
    const line = narration.length < NARRATED_LINES ? narrateStep(written, SHOWN) : null;
    if (line !== null) narration.push(line);
  }
  return { version: scenario.version, steps: sim.stepCount, traceEntries: entries, traceDigest: digest.toString(16).padStart(8, '0'), stateHash: sim.hash(), simulatedMs: sim.time, narration };
}

const recorded = JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, Digest>;
const fresh: Record<string, Digest> = {};

describe('golden traces (npm run golden:update records new ones on purpose)', () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario.id}: ${STEPS} steps from seed ${scenario.seed} give the recorded run`, () => {
      const digest = run(scenario);
      fresh[scenario.id] = digest;
      if (isUpdating) {
        // A run never changes silently: links made before would replay a different run without a word.
        const before = recorded[scenario.id];
        if (before !== undefined && before.traceDigest !== digest.traceDigest && before.version === digest.version) {
          throw new Error(`the ${scenario.id} run changed: bump its version (now ${digest.version}) before recording it`);
        }
        writeFileSync(FILE, `${JSON.stringify({ ...recorded, ...fresh }, null, 2)}\n`);
        return;
      }
      expect(recorded[scenario.id], `no golden digest for ${scenario.id}: run npm run golden:update`).toBeDefined();
      // The words first: a changed run shows what a learner would read differently.
      expect(digest.narration, `the ${scenario.id} narration changed; if that is intended, bump its version and run npm run golden:update`).toEqual(recorded[scenario.id]!.narration);
      expect(digest, `the ${scenario.id} run changed; if that is intended, bump its version and run npm run golden:update`).toEqual(recorded[scenario.id]);
    });
  }
});
