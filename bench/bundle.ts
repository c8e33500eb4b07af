/**
 * npm run bench (part 6): what a first visit downloads. Builds the site (bench/site.ts), then gzips
 * (level 9) the JavaScript that index.html loads before anything runs: its module script(s) and every
 * chunk it preloads (`<link rel="modulepreload">`), cross-checked against the static imports in Vite's
 * manifest. Chunks loaded later by dynamic import() (the uPlot chart) are counted apart. Prints one line
 * and merges the numbers into bench/results.json as `bundle`. Target (issue 10): initial JS ≤ 250 kB
 * gzip (kB = 1,000 bytes, as Vite prints them).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { mergeResults } from './results';
import { buildSite } from './site';

const TARGET_GZIP_BYTES = 250_000;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

interface Weighed {
  file: string;
  bytes: number;
  gzipBytes: number;
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

function attribute(tag: string, name: string): string | null {
  return new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, 'i').exec(tag)?.[1] ?? null;
}

/** Paths (relative to the site directory) of what index.html loads: module scripts, module preloads, stylesheets. */
function readIndexHtml(siteDir: string): { scripts: string[]; preloads: string[]; stylesheets: string[] } {
  const html = readFileSync(path.join(siteDir, 'index.html'), 'utf8');
  const local = (url: string) => path.posix.normalize(url.replace(/^\.?\//, ''));
  const scripts: string[] = [];
  const preloads: string[] = [];
  const stylesheets: string[] = [];
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attribute(tag, 'src');
    if (src === null) throw new Error(`index.html has an inline script (${tag}); this bench only weighs files.`);
    scripts.push(local(src));
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = attribute(tag, 'rel')?.toLowerCase();
    const href = attribute(tag, 'href');
    if (href === null || href.startsWith('data:')) continue;
    if (rel === 'modulepreload') preloads.push(local(href));
    else if (rel === 'stylesheet') stylesheets.push(local(href));
  }
  return { scripts, preloads, stylesheets };
}

/** The chunks the entries import statically, transitively (what the browser must have before the app runs). */
function staticClosure(manifest: Record<string, ManifestChunk>): Set<string> {
  const seen = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (chunk === undefined || seen.has(chunk.file)) return;
    seen.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry === true) visit(key);
  return seen;
}

function listFiles(dir: string, root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '.vite' ? [] : listFiles(full, root);
    return [path.relative(root, full).split(path.sep).join('/')];
  });
}

function weigh(siteDir: string, file: string): Weighed {
  const content = readFileSync(path.join(siteDir, file));
  return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}

const sum = (xs: readonly Weighed[], key: 'bytes' | 'gzipBytes') => xs.reduce((n, x) => n + x[key], 0);

async function main(): Promise<void> {
  const siteDir = await buildSite();
  const html = readIndexHtml(siteDir);
  const manifest = JSON.parse(readFileSync(path.join(siteDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;

  const fromHtml = new Set([...html.scripts, ...html.preloads]);
  const fromManifest = staticClosure(manifest);
  const notes: string[] = [];
  const onlyHtml = [...fromHtml].filter((f) => !fromManifest.has(f));
  const onlyManifest = [...fromManifest].filter((f) => !fromHtml.has(f));
  if (onlyHtml.length > 0 || onlyManifest.length > 0) {
    // Should not happen (Vite preloads every static import of the entry); count both to stay on the safe side.
    notes.push(`index.html and the manifest disagree (only in index.html: ${onlyHtml.join(', ') || 'none'}; only in the manifest: ${onlyManifest.join(', ') || 'none'}); both counted as initial`);
  }
  const initialFiles = [...new Set([...fromHtml, ...fromManifest])].sort();
  const allJsFiles = listFiles(siteDir)
    .filter((f) => f.endsWith('.js'))
    .sort();
  const initial = initialFiles.map((f) => weigh(siteDir, f));
  const lazy = allJsFiles.filter((f) => !initialFiles.includes(f)).map((f) => weigh(siteDir, f));
  const css = html.stylesheets.map((f) => weigh(siteDir, f));

  const initialGzip = sum(initial, 'gzipBytes');
  const allGzip = initialGzip + sum(lazy, 'gzipBytes');
  const met = initialGzip <= TARGET_GZIP_BYTES;
  const list = (xs: readonly Weighed[]) => xs.map((x) => `${path.posix.basename(x.file)} ${kB(x.gzipBytes)} (${kB(x.bytes)} raw)`).join(', ') || 'none';
  console.log(
    `Bundle (production build, gzip level 9, kB = 1,000 bytes): initial JS ${kB(initialGzip)} (target ≤ ${kB(TARGET_GZIP_BYTES)}: ${met ? 'met' : 'MISS'}) = ${list(initial)}; ` +
      `lazy JS ${kB(sum(lazy, 'gzipBytes'))} = ${list(lazy)}; all JS ${kB(allGzip)}; initial CSS ${kB(sum(css, 'gzipBytes'))}`,
  );
  for (const note of notes) console.log(`  note: ${note}`);
  mergeResults('bundle', {
    gzipLevel: 9,
    initialJs: { files: initial, bytes: sum(initial, 'bytes'), gzipBytes: initialGzip },
    lazyJs: { files: lazy, bytes: sum(lazy, 'bytes'), gzipBytes: sum(lazy, 'gzipBytes') },
    allJsGzipBytes: allGzip,
    initialCss: { files: css, gzipBytes: sum(css, 'gzipBytes') },
    targetInitialJsGzipBytes: TARGET_GZIP_BYTES,
    notes,
  });
}

main().catch((error: unknown) => {
  console.error(`BUNDLE BENCH FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
