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
      { name: 'setTimeout', message: 'Schedule a simulation event instead of a timer.' },
      { name: 'setInterval', message: 'Schedule a simulation event instead of a timer.' },
      { name: 'requestAnimationFrame', message: 'The engine has no frames; the UI drives it.' },
      { name: 'window', message: 'The engine runs without a DOM.' },
      { name: 'document', message: 'The engine runs without a DOM.' },
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
);
