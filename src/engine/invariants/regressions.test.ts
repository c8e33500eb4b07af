/**
 * The pinned regressions: every regressions/*.json file, run in one loop, one test each (named by its
 * file and its `name`). To pin a new one, add a file; regressionSchema.ts says what it may hold.
 */
import { describe, expect, it } from 'vitest';
import { parseRegression } from './regressionSchema';
import { runRegression } from './runRegression';

const files = import.meta.glob<unknown>('./regressions/*.json', { eager: true, import: 'default' });

/** The name to show before parsing: a malformed file still gets its own (failing) test. */
function titleOf(file: string, json: unknown): string {
  const name = typeof json === 'object' && json !== null && 'name' in json && typeof json.name === 'string' ? json.name : '(no name)';
  return `${file}: ${name}`;
}

describe('pinned regressions', () => {
  it('finds the regression files', () => {
    expect(Object.keys(files).length).toBeGreaterThan(0);
  });

  for (const [path, json] of Object.entries(files)) {
    const file = path.slice(path.lastIndexOf('/') + 1);
    it(titleOf(file, json), () => {
      runRegression(parseRegression(file, json));
    });
  }
});
