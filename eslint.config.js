import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// The engine must be deterministic and UI-free: same seed and commands, same run, on every machine.
const enginePurity = {
  files: ['src/engine/**/*.ts'],
  ignores: ['src/engine/**/*.test.ts'],
  rules: {
    'no-restricted-properties': ['error',
      { object: 'Math', property: 'random', message: 'Use the seeded PRNG in the simulation state (src/engine/kernel/rng.ts).' },
      { object: 'Date', property: 'now', message: 'Use the simulated clock (state.time).' },
      { object: 'performance', property: 'now', message: 'Use the simulated clock (state.time).' },
    ],
    'no-restricted-globals': ['error',
      ...['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'queueMicrotask'].map((name) => ({ name, message: 'Schedule a simulation event instead of a timer or a task.' })),
      { name: 'requestAnimationFrame', message: 'The engine has no frames; the UI drives it.' },
      // Any spelling of the global object would reach Math.random, Date or timers past the rules above.
      ...['globalThis', 'self', 'window', 'global', 'document', 'navigator'].map((name) => ({ name, message: 'The engine runs without a host: no global object, no DOM.' })),
      { name: 'crypto', message: 'Use the seeded PRNG in the simulation state (src/engine/kernel/rng.ts).' },
      ...['fetch', 'XMLHttpRequest', 'WebSocket', 'localStorage', 'sessionStorage', 'indexedDB', 'Worker'].map((name) => ({ name, message: 'The engine does no I/O: the UI and the scenarios own the outside world.' })),
    ],
    'no-restricted-syntax': ['error',
      { selector: "NewExpression[callee.name='Date']", message: 'Use the simulated clock (state.time).' },
    ],
    'no-restricted-imports': ['error', {
      patterns: [
        { group: ['react', 'react-dom', 'react/*', '@xyflow/*', 'zustand', 'zustand/*', '@xstate/react'], message: 'The engine imports no UI libraries.' },
        { group: ['**/ui/**', '**/scenarios/**'], message: 'Dependencies point one way: ui -> scenarios -> engine.' },
      ],
    }],
  },
};

// Scenarios are data and handlers over the engine's public surface: no engine internals, no UI.
const scenarioBoundaries = {
  files: ['src/scenarios/**/*.ts'],
  ignores: ['src/scenarios/**/*.test.ts'],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: [
        { group: ['**/ui/**', '**/ui', 'react', 'react-dom', 'react/*', '@xyflow/*', 'zustand', 'zustand/*'], message: 'Scenarios import no UI: dependencies point one way, ui -> scenarios -> engine.' },
        { group: ['**/engine/**'], message: "Import the engine's public surface ('../../engine'), not its internals." },
      ],
    }],
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
  { files: ['scripts/**/*.mjs', 'bench/**/*.mjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
  { files: ['src/ui/**/*.{ts,tsx}'], plugins: { 'react-hooks': reactHooks }, rules: reactHooks.configs.recommended.rules },
  enginePurity,
  scenarioBoundaries,
);
