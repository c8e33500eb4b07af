/**
 * The lint rules that hold the engine deterministic, its folders in their layers and the scenarios on the
 * engine's public surface (eslint.config.js) catch what they promise: each snippet, linted as if it were an
 * engine or a scenario file, must be refused by the named rule, and the allowed spelling must pass.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

/** The rule ids ESLint reports for `code` linted in place of `filePath` (an existing file, for the typed rules). */
async function rulesFiring(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

/** `rule: message` for each problem ESLint reports for `code` linted in place of `filePath`. */
async function problems(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId ?? ''}: ${m.message}`);
}

/** The problems from the two import rules only (a snippet importing a name it does not use may draw others). */
async function importProblems(code: string, filePath: string): Promise<string[]> {
  return (await problems(code, filePath)).filter((p) => /^(@typescript-eslint\/)?no-restricted-imports:/.test(p));
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
    expect(
      fired.some((r) => r.startsWith('no-restricted-')),
      fired.join(', '),
    ).toBe(true);
  });

  it('lets pure code through', async () => {
    expect(await rulesFiring('export const double = (n: number): number => n * 2;\n', ENGINE_FILE)).toEqual([]);
  });
});

describe('scenario boundaries', { timeout: 60_000 }, () => {
  it.each([
    ['UI code', "import { narrateStep } from '../../ui/narration/narrate';\nexport const n = narrateStep;\n"],
    ['an engine internal', "import { tpKey } from '../../engine/shared/topicPartition';\nexport const k = tpKey;\n"],
    ['React', "import { useState } from 'react';\nexport const u = useState;\n"],
  ])('refuses %s', async (_what, code) => {
    expect(await rulesFiring(code, SCENARIO_FILE)).toContain('no-restricted-imports');
  });

  it("lets the engine's public surface through", async () => {
    expect(await rulesFiring("import { tpKey } from '../../engine';\nexport const k = tpKey;\n", SCENARIO_FILE)).toEqual([]);
  });
});

// The engine's edge (`no-restricted-imports`): nothing from outside src/engine, one package, no barrel, no test support.
const EDGE = 'no-restricted-imports';
// The engine's folders (`@typescript-eslint/no-restricted-imports`): the halves meet only in dispatch.ts.
const LAYERS = '@typescript-eslint/no-restricted-imports';

const KERNEL = 'src/engine/kernel/rng.ts';
const LOG = 'src/engine/log/segments.ts';
const SHARED = 'src/engine/shared/murmur2.ts';
const CLUSTER = 'src/engine/cluster/topics.ts';
const BROKER = 'src/engine/broker/group/groupMachine.ts';
const CLIENTS = 'src/engine/clients/producer/producer.ts';
const DEEP_CLIENTS = 'src/engine/clients/group/assignment/range.ts';
const APPS = 'src/engine/apps/appTypes.ts';
const ROOT = 'src/engine/state.ts';
const DISPATCH = 'src/engine/dispatch.ts';
const ENGINE_TEST = 'src/engine/kernel/kernel.test.ts';
const BROKER_TEST = 'src/engine/broker/group/machines.test.ts';

describe("the engine's edge", { timeout: 60_000 }, () => {
  it.each([
    ['UI code', KERNEL, "import { narrateStep } from '../../ui/narration/narrate';\nexport const n = narrateStep;\n", 'outside src/engine'],
    ['a scenario', KERNEL, "import { SCENARIOS } from '../../scenarios';\nexport const s = SCENARIOS;\n", 'outside src/engine'],
    ['a way out from three folders down', DEEP_CLIENTS, "import { x } from '../../../../ui/x';\nexport const y = x;\n", 'outside src/engine'],
    ['React', KERNEL, "import { useState } from 'react';\nexport const u = useState;\n", "engine's packages"],
    ['a package the app has but the engine does not', KERNEL, "import { z } from 'zod';\nexport const s = z.string();\n", "engine's packages"],
    ['a Node module', KERNEL, "import { isDeepStrictEqual } from 'node:util';\nexport const eq = isDeepStrictEqual;\n", "engine's packages"],
    ["the engine's barrel", KERNEL, "import { createSimulation } from '../index';\nexport const c = createSimulation;\n", 'barrel'],
    ["the engine's barrel from the root", ROOT, "export { createSimulation } from '.';\n", 'barrel'],
    ['test support', KERNEL, "import { entriesOf } from '../testing/entriesOf';\nexport const e = entriesOf;\n", 'Test support'],
    ['a testing.ts helper', CLUSTER, "import { logOf } from '../log/testing';\nexport const l = logOf;\n", 'Test support'],
    ['a test package in engine code', KERNEL, "import fc from 'fast-check';\nexport const a = fc.nat();\n", "engine's packages"],
    ['UI code in an engine test', ENGINE_TEST, "import { narrateStep } from '../../ui/narration/narrate';\nexport const n = narrateStep;\n", 'outside src/engine'],
    ['a package other than the test ones in an engine test', ENGINE_TEST, "import { z } from 'zod';\nexport const s = z.string();\n", "engine's packages"],
  ])('refuses %s', async (_what, file, code, message) => {
    const found = await importProblems(code, file);
    expect(
      found.some((p) => p.startsWith(`${EDGE}:`) && p.includes(message)),
      found.join('\n'),
    ).toBe(true);
  });

  it('refuses a dynamic import()', async () => {
    expect(await rulesFiring("export const load = (): Promise<unknown> => import('./trace');\n", KERNEL)).toContain('no-restricted-syntax');
  });

  it.each([
    ['xstate', KERNEL, "import { setup } from 'xstate';\nexport const s = setup;\n"],
    ['a module in another engine folder', DEEP_CLIENTS, "import { nextInt } from '../../../kernel/rng';\nexport const n = nextInt;\n"],
    [
      "the test packages and the engine's barrel in a test",
      ENGINE_TEST,
      "import fc from 'fast-check';\nimport { isDeepStrictEqual } from 'node:util';\nimport { expect } from 'vitest';\nimport { createSimulation } from '../index';\nexport const all = [fc, isDeepStrictEqual, expect, createSimulation];\n",
    ],
  ])('lets %s through', async (_what, file, code) => {
    expect(await importProblems(code, file)).toEqual([]);
  });
});

describe("the engine's folders", { timeout: 60_000 }, () => {
  it.each([
    ['clients importing broker code', CLIENTS, "import { onJoinGroupArrived } from '../../broker/group/coordinator';\nexport const j = onJoinGroupArrived;\n"],
    ['clients importing broker types', CLIENTS, "import type { GroupState } from '../../broker/group/groupMachine';\nexport type G = GroupState;\n"],
    ['broker importing client code', BROKER, "import { poll } from '../../clients/consumer/consumer';\nexport const p = poll;\n"],
    ['broker importing client types', BROKER, "import type { SendReceipt } from '../../clients/producer/producer';\nexport type S = SendReceipt;\n"],
    ['broker importing an app', BROKER, "import { addTicker } from '../../apps/services';\nexport const a = addTicker;\n"],
    ['apps importing broker code', APPS, "import { onJoinGroupArrived } from '../broker/group/coordinator';\nexport const j = onJoinGroupArrived;\n"],
    ['the kernel importing broker code', KERNEL, "import { onTxnTimeoutCheck } from '../broker/txn/coordinator';\nexport const t = onTxnTimeoutCheck;\n"],
    ['the kernel importing client code', KERNEL, "import { send } from '../clients/producer/producer';\nexport const s = send;\n"],
    ['the kernel importing cluster code', KERNEL, "import { createTopic } from '../cluster/topics';\nexport const c = createTopic;\n"],
    ['the kernel importing log code', KERNEL, "import { rollSegment } from '../log/segments';\nexport const r = rollSegment;\n"],
    ['the kernel importing an app', KERNEL, "import { addTicker } from '../apps/services';\nexport const a = addTicker;\n"],
    ['the log importing client code', LOG, "import { send } from '../clients/producer/producer';\nexport const s = send;\n"],
    ['the log importing broker types', LOG, "import type { GroupState } from '../broker/group/groupMachine';\nexport type G = GroupState;\n"],
    ['the log importing an app', LOG, "import { addTicker } from '../apps/services';\nexport const a = addTicker;\n"],
    ['shared importing broker code', SHARED, "import { onJoinGroupArrived } from '../broker/group/coordinator';\nexport const j = onJoinGroupArrived;\n"],
    ['shared importing client code', SHARED, "import { send } from '../clients/producer/producer';\nexport const s = send;\n"],
    ['the cluster importing client code', CLUSTER, "import { leaveGroup } from '../clients/group/member';\nexport const l = leaveGroup;\n"],
    ['the cluster importing an app', CLUSTER, "import { addTicker } from '../apps/services';\nexport const a = addTicker;\n"],
    ['a root file importing client code', ROOT, "import { send } from './clients/producer/producer';\nexport const s = send;\n"],
    ['a root file importing broker code', ROOT, "import { onJoinGroupArrived } from './broker/group/coordinator';\nexport const j = onJoinGroupArrived;\n"],
  ])('refuses %s', async (_what, file, code) => {
    expect(await rulesFiring(code, file)).toContain(LAYERS);
  });

  it.each([
    [
      'the dispatcher importing both halves',
      DISPATCH,
      "import { send } from './clients/producer/producer';\nimport { onJoinGroupArrived } from './broker/group/coordinator';\nexport const both = [send, onJoinGroupArrived];\n",
    ],
    [
      'the kernel naming client and broker types',
      KERNEL,
      "import type { SendReceipt } from '../clients/producer/producer';\nimport type { GroupState } from '../broker/group/groupMachine';\nexport type T = SendReceipt | GroupState;\n",
    ],
    [
      "a root file naming the halves' types",
      ROOT,
      "import type { SendReceipt } from './clients/producer/producer';\nimport type { GroupState } from './broker/group/groupMachine';\nexport type T = SendReceipt | GroupState;\n",
    ],
    ['the cluster importing broker code', CLUSTER, "import { onJoinGroupArrived } from '../broker/group/coordinator';\nexport const j = onJoinGroupArrived;\n"],
    [
      'clients importing the cluster, the log, shared and the kernel',
      CLIENTS,
      "import { createTopic } from '../../cluster/topics';\nimport { rollSegment } from '../../log/segments';\nimport { murmur2 } from '../../shared/murmur2';\nimport { nextInt } from '../../kernel/rng';\nexport const all = [createTopic, rollSegment, murmur2, nextInt];\n",
    ],
    ['apps importing clients', APPS, "import { send } from '../clients/producer/producer';\nexport const s = send;\n"],
    ['a broker test driving the client half', BROKER_TEST, "import { send } from '../../clients/producer/producer';\nexport const s = send;\n"],
    ['a module whose name starts like a folder', SHARED, "import { brokerById } from '../cluster/brokerLookup';\nexport const b = brokerById;\n"],
  ])('lets %s through', async (_what, file, code) => {
    expect(await importProblems(code, file)).toEqual([]);
  });
});
