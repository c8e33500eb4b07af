import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// The engine must be deterministic and UI-free: same seed and commands, same run, on every machine.
const enginePurity = {
  files: ['src/engine/**/*.ts'],
  ignores: ['src/engine/**/*.test.ts'],
  rules: {
    'no-restricted-properties': [
      'error',
      { object: 'Math', property: 'random', message: 'Use the seeded PRNG in the simulation state (src/engine/kernel/rng.ts).' },
      { object: 'Date', property: 'now', message: 'Use the simulated clock (state.time).' },
      { object: 'performance', property: 'now', message: 'Use the simulated clock (state.time).' },
    ],
    'no-restricted-globals': [
      'error',
      ...['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'queueMicrotask'].map((name) => ({
        name,
        message: 'Schedule a simulation event instead of a timer or a task.',
      })),
      { name: 'requestAnimationFrame', message: 'The engine has no frames; the UI drives it.' },
      // Any spelling of the global object would reach Math.random, Date or timers past the rules above.
      ...['globalThis', 'self', 'window', 'global', 'document', 'navigator'].map((name) => ({ name, message: 'The engine runs without a host: no global object, no DOM.' })),
      { name: 'crypto', message: 'Use the seeded PRNG in the simulation state (src/engine/kernel/rng.ts).' },
      ...['fetch', 'XMLHttpRequest', 'WebSocket', 'localStorage', 'sessionStorage', 'indexedDB', 'Worker'].map((name) => ({
        name,
        message: 'The engine does no I/O: the UI and the scenarios own the outside world.',
      })),
    ],
    'no-restricted-syntax': [
      'error',
      { selector: "NewExpression[callee.name='Date']", message: 'Use the simulated clock (state.time).' },
      { selector: 'ImportExpression', message: 'Import statically: a dynamic import() loads code when the host decides and slips past the folder rules below.' },
    ],
  },
};

// What the engine may import, in two rules so that neither replaces the other (a flat config keeps one set of
// options per rule and file, the last one given): `no-restricted-imports` holds the engine's edge (no module
// outside src/engine, one package), `@typescript-eslint/no-restricted-imports` holds its folders (below).
// Test code (tests, testing.ts helpers, and the testing/ and invariants/ support folders, which the engine never
// imports) may also use the test packages and the engine's barrel.
const ENGINE_TEST_SUPPORT = ['testing', 'invariants'];
const ENGINE_TEST_CODE = ['src/engine/**/*.test.ts', 'src/engine/**/testing.ts', ...ENGINE_TEST_SUPPORT.map((folder) => `src/engine/${folder}/**/*.ts`)];
const ENGINE_PACKAGES = ['xstate'];
const ENGINE_TEST_PACKAGES = [...ENGINE_PACKAGES, 'vitest', 'fast-check', 'node:util'];
const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const packagesOtherThan = (names) => ({
  regex: `^(?!\\.|(${names.map(escapeRegex).join('|')})$)`,
  message: `The engine's packages are ${names.join(', ')}: no UI library, no host module. Add one here only on purpose.`,
});
// An import specifier is matched as written, so how far up leaves src/engine depends on the importing file's depth:
// one config per depth (src/engine/*.ts is depth 0, src/engine/kernel/*.ts depth 1, ...).
const engineEdge = Array.from({ length: 8 }, (_, depth) => {
  const files = [`src/engine/${'*/'.repeat(depth)}*.ts`];
  const outside = {
    regex: `^(\\.\\./){${depth + 1}}`,
    message: 'Dependencies point one way, ui -> scenarios -> engine: nothing in src/engine imports from outside src/engine.',
  };
  const barrel = {
    regex: `^${depth === 0 ? '\\.' : `(\\.\\./){${depth - 1}}\\.\\.`}(/index(\\.[jt]s)?)?/?$`,
    message: "Import the module you need, not the engine's barrel (src/engine/index.ts): it re-exports both halves and would slip past the folder rules.",
  };
  const testSupport = {
    regex: `(^|/)(${ENGINE_TEST_SUPPORT.join('|')})(/|$)`,
    message: 'Test support (testing.ts, testing/, invariants/) is for tests: the engine never imports it.',
  };
  const testCode = [
    `src/engine/${'*/'.repeat(depth)}*.test.ts`,
    `src/engine/${'*/'.repeat(depth)}testing.ts`,
    ...(depth > 0 ? ENGINE_TEST_SUPPORT.map((folder) => `src/engine/${folder}/${'*/'.repeat(depth - 1)}*.ts`) : []),
  ];
  return [
    { files, ignores: ENGINE_TEST_CODE, rules: { 'no-restricted-imports': ['error', { patterns: [outside, barrel, testSupport, packagesOtherThan(ENGINE_PACKAGES)] }] } },
    { files: testCode, rules: { 'no-restricted-imports': ['error', { patterns: [outside, packagesOtherThan(ENGINE_TEST_PACKAGES)] }] } },
  ];
}).flat();

// The engine's folders, lowest first. Kafka's two halves, clients/ (and apps/ running on them) and broker/, meet
// only in dispatch.ts; what sits below both halves imports neither. `import type` is let through only where a
// folder's types describe the halves (kernel's trace and context, the root's state and commands): a type import
// is erased, so it loads nothing and makes no cycle at run time. Test code is free to drive both halves.
const into = (folders) => `^(\\./|(\\.\\./)+)(${folders.join('|')})(/|$)`;
const engineFolder = (files, folders, message, { allowTypeImports = false, ignores = [] } = {}) => ({
  files,
  ignores: [...ENGINE_TEST_CODE, ...ignores],
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ regex: into(folders), message, allowTypeImports }] }] },
});
const engineFolders = [
  engineFolder(
    ['src/engine/kernel/**/*.ts'],
    ['clients', 'broker', 'cluster', 'log', 'apps'],
    "The kernel is generic machinery: it may name the other folders' types (import type) but loads none of their code.",
    { allowTypeImports: true },
  ),
  engineFolder(['src/engine/log/**/*.ts', 'src/engine/shared/**/*.ts'], ['clients', 'broker', 'apps'], 'log/ and shared/ sit below both halves: nothing from clients/, broker/ or apps/.'),
  engineFolder(['src/engine/cluster/**/*.ts'], ['clients', 'apps'], 'The cluster serves the clients, it does not know them: nothing from clients/ or apps/ (dispatch.ts wires the two).'),
  engineFolder(['src/engine/broker/**/*.ts'], ['clients', 'apps'], 'The broker half never imports the client half (clients/, apps/): requests and responses meet in dispatch.ts.'),
  {
    ...engineFolder(['src/engine/clients/**/*.ts'], ['broker'], 'The client half never imports the broker half: requests and responses meet in dispatch.ts.'),
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: into(['broker']), message: 'The client half never imports the broker half: requests and responses meet in dispatch.ts.' },
            // The application's types (a loop's handler name) may be named; its code is reached through ctx.notify.
            { regex: into(['apps']), message: 'Clients never load the application layer running on them: they tell it things with ctx.notify (clients/clientNotices.ts).', allowTypeImports: true },
          ],
        },
      ],
    },
  },
  engineFolder(['src/engine/apps/**/*.ts'], ['broker'], 'Apps run on clients: they never import the broker half.'),
  engineFolder(
    ['src/engine/*.ts'],
    ['clients', 'broker', 'apps'],
    "Both halves import the root files: these may name the halves' types (import type) but load none of their code. Only dispatch.ts (and engine.ts, which hands it to the kernel) wires clients to brokers.",
    { allowTypeImports: true, ignores: ['src/engine/dispatch.ts', 'src/engine/engine.ts', 'src/engine/index.ts'] },
  ),
];

// Scenarios are data and handlers over the engine's public surface: no engine internals, no UI.
const scenarioBoundaries = {
  files: ['src/scenarios/**/*.ts'],
  ignores: ['src/scenarios/**/*.test.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: ['**/ui/**', '**/ui', 'react', 'react-dom', 'react/*', '@xyflow/*', 'zustand', 'zustand/*'],
            message: 'Scenarios import no UI: dependencies point one way, ui -> scenarios -> engine.',
          },
          { group: ['**/engine/**'], message: "Import the engine's public surface ('../../engine'), not its internals." },
        ],
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'reports', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // noUncheckedIndexedAccess types every index read as possibly undefined; where the index is known
      // to be in bounds (hot loops, heaps, just-checked lengths) a `!` says so without a runtime cost.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  // Ambient declarations for tsconfig.engine.json only: no tsconfig.json project holds them, so no typed rules.
  { files: ['types/**/*.d.ts'], ...tseslint.configs.disableTypeChecked },
  { files: ['scripts/**/*.mjs', 'bench/**/*.mjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
  { files: ['src/ui/**/*.{ts,tsx}'], plugins: { 'react-hooks': reactHooks }, rules: reactHooks.configs.recommended.rules },
  enginePurity,
  ...engineEdge,
  ...engineFolders,
  scenarioBoundaries,
);
