import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Unit tests sit beside the code: engine and scenario tests run in node, components in happy-dom.
export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      { extends: true, test: { name: 'unit', environment: 'node', include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'dom', environment: 'happy-dom', include: ['src/**/*.test.tsx', 'tests/unit/**/*.test.tsx'] } },
    ],
  },
});
