/**
 * The lint rules that hold the engine deterministic and the scenarios on the engine's public surface
 * (eslint.config.js) catch what they promise: each snippet, linted as if it were an engine or a scenario
 * file, must be refused by the named rule, and the allowed spelling must pass.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

/** The rule ids ESLint reports for `code` linted in place of `filePath` (an existing file, for the typed rules). */
async function rulesFiring(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

const ENGINE_FILE = 'src/engine/kernel/rng.ts';
const SCENARIO_FILE = 'src/scenarios/shared/records.ts';

describe('engine purity', { timeout: 60_000 }, () => {
  it.each([
    ['Math.random through the global object', 'export const r = (): number => globalThis.Math.random();'],
    ['Math.random through self', 'export const r = (): number => self.Math.random();'],
    ['crypto.getRandomValues', 'export const r = (): Uint32Array => crypto.getRandomValues(new Uint32Array(1));'],
    ['queueMicrotask', 'export const q = (f: () => void): void => { queueMicrotask(f); };'],
    ['a timer', 'export const q = (f: () => void): void => { setTimeout(f, 0); };'],
    ['fetch', 'export const f = (): Promise<Response> => fetch("/x");'],
    ['localStorage', 'export const s = (): string | null => localStorage.getItem("x");'],
    ['Date.now', 'export const t = (): number => Date.now();'],
  ])('refuses %s', async (_what, code) => {
    const fired = await rulesFiring(code, ENGINE_FILE);
    expect(fired.some((r) => r.startsWith('no-restricted-')), fired.join(', ')).toBe(true);
  });

  it('lets pure code through', async () => {
    expect(await rulesFiring('export const double = (n: number): number => n * 2;\n', ENGINE_FILE)).toEqual([]);
  });
});

describe('scenario boundaries', { timeout: 60_000 }, () => {
  it.each([
    ['UI code', "import { narrateStep } from '../../ui/narration/narrate';\nexport const n = narrateStep;\n"],
    ['an engine internal', "import { tpKey } from '../../engine/state';\nexport const k = tpKey;\n"],
    ['React', "import { useState } from 'react';\nexport const u = useState;\n"],
  ])('refuses %s', async (_what, code) => {
    expect(await rulesFiring(code, SCENARIO_FILE)).toContain('no-restricted-imports');
  });

  it("lets the engine's public surface through", async () => {
    expect(await rulesFiring("import { tpKey } from '../../engine';\nexport const k = tpKey;\n", SCENARIO_FILE)).toEqual([]);
  });
});
