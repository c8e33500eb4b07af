/**
 * bench/results.json: run.ts writes it fresh at the start of `npm run bench`; every later part merges
 * its own numbers in under its own key (with the time it measured them), and summary.ts reads them all.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const RESULTS_PATH = fileURLToPath(new URL('./results.json', import.meta.url));

export type Results = Record<string, unknown>;

/** The results file, or null when there is none (or it is not a JSON object). */
export function readResults(): Results | null {
  if (!existsSync(RESULTS_PATH)) return null;
  try {
    const parsed: unknown = JSON.parse(readFileSync(RESULTS_PATH, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Results) : null;
  } catch {
    return null;
  }
}

/** Puts one part's numbers under `part` (replacing what an earlier run put there), creating the file if needed. */
export function mergeResults(part: string, value: Record<string, unknown>): void {
  const results = readResults() ?? {};
  results[part] = { measuredAt: new Date().toISOString(), ...value };
  writeFileSync(RESULTS_PATH, `${JSON.stringify(results, null, 2)}\n`);
}
