/**
 * The production build the browser parts of the bench use (uiStep.ts serves it, bundle.ts weighs it).
 * It goes to a directory of the bench's own, not dist/: `npm test` builds and serves dist/ too, and a
 * bench run next to it must not empty the directory under its browser tests (or the other way round).
 */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Under node_modules/, so git ignores it. */
export const SITE_DIR = fileURLToPath(new URL('../node_modules/.cache/kafka-sim-bench/dist', import.meta.url));

/** `vite build` with the project's vite.config.ts, plus a manifest (dist/.vite/manifest.json) for bundle.ts. */
export async function buildSite(): Promise<string> {
  await build({ root: ROOT, logLevel: 'silent', build: { outDir: SITE_DIR, emptyOutDir: true, manifest: true } });
  return SITE_DIR;
}
