/**
 * UI step time: builds the site, serves it, opens it in headless Chromium and times Step clicks from
 * the click to the second animation frame after it (engine step + React render + paint). Prints
 * p50 / p95 / max and merges them into bench/results.json. Skipped (with a message) without Chromium.
 *
 * Env: CHROMIUM_PATH (default /usr/bin/chromium), BENCH_UI_STEPS (default 200).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';

const RESULTS_PATH = fileURLToPath(new URL('./results.json', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PORT = 4179;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  const executablePath = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/lib/chromium/chromium'].find((p) => p !== undefined && existsSync(p));
  if (executablePath === undefined) {
    console.log('UI step time: skipped, no Chromium found (install with: sudo apt-get install -y chromium)');
    return;
  }
  const steps = Number(process.env['BENCH_UI_STEPS'] ?? 200);
  await build({ root: ROOT, logLevel: 'silent', build: { outDir: 'dist' } });
  const server = await preview({ root: ROOT, logLevel: 'silent', preview: { host: '127.0.0.1', port: PORT, strictPort: true } });
  const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.getByRole('button', { name: 'Step', exact: true }).waitFor();
    // Passed as source text: tsx would wrap a function argument in helpers the page does not have.
    // Each step starts right after a frame; 'commit' is click → the narration line is in the DOM
    // (engine step + React render + commit), 'paint' is click → the next frame after that.
    const samples = await page.evaluate<{ commit: number[]; paint: number[] }>(`(async () => {
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Step');
      const list = document.querySelector('[aria-label="Narration"]');
      if (!button || !list) throw new Error('Step button or narration not found');
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
      const commit = [], paint = [];
      for (let i = 0; i < ${steps}; i++) {
        await frame();
        const before = list.children.length;
        let committedAt = null;
        const t0 = performance.now();
        const observer = new MutationObserver(() => { if (committedAt === null) committedAt = performance.now() - t0; });
        observer.observe(list, { childList: true, subtree: true });
        button.click();
        await frame();
        while (committedAt === null && performance.now() - t0 < 2000) await frame();
        paint.push(performance.now() - t0);
        observer.disconnect();
        commit.push(committedAt);
      }
      return { commit, paint };
    })()`);
    const cells = await page.locator('.lane__cells > li').count();
    const scenario = await page.getByRole('combobox', { name: 'Scenario' }).evaluate((select) => (select as HTMLSelectElement).selectedOptions[0]?.text ?? '?');
    const stats = (xs: readonly number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      return { p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95), maxMs: sorted[sorted.length - 1] ?? NaN };
    };
    const summary = { steps, visibleCells: cells, commit: stats(samples.commit), paint: stats(samples.paint) };
    const show = (s: { p50Ms: number; p95Ms: number; maxMs: number }) => `p50 ${s.p50Ms.toFixed(1)} ms, p95 ${s.p95Ms.toFixed(1)} ms, max ${s.maxMs.toFixed(1)} ms`;
    console.log(`UI step, headless Chromium 1280x720, ${steps} Step clicks of "${scenario}", the scenario the site opens on (${cells} cells on the canvas at the end):`);
    console.log(`  click → DOM updated (engine step + React render): ${show(summary.commit)}`);
    console.log(`  click → next frame painted:                       ${show(summary.paint)}  (one frame at 60 fps = 16.7 ms)`);
    // Frames while playing at top speed: how smooth the page stays while steps pour in.
    await page.getByRole('slider', { name: 'Speed' }).fill('8');
    await page.getByRole('button', { name: 'Play' }).click();
    const playing = await page.evaluate<{ frames: number; seconds: number; longest: number }>(`(async () => {
      const start = performance.now();
      let last = start, frames = 0, longest = 0;
      await new Promise((resolve) => {
        const tick = (now) => {
          frames++;
          longest = Math.max(longest, now - last);
          last = now;
          if (now - start < 3000) requestAnimationFrame(tick); else resolve();
        };
        requestAnimationFrame(tick);
      });
      return { frames, seconds: (performance.now() - start) / 1000, longest };
    })()`);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    const fps = playing.frames / playing.seconds;
    console.log(`  playing at 64x for ${playing.seconds.toFixed(1)} s: ${fps.toFixed(0)} frames/s, longest frame ${playing.longest.toFixed(0)} ms, reached ${await page.getByLabel('Simulated time').innerText()}`);
    if (existsSync(RESULTS_PATH)) {
      const results = JSON.parse(readFileSync(RESULTS_PATH, 'utf8')) as Record<string, unknown>;
      results['uiStep'] = { ...summary, playing: { fps, longestFrameMs: playing.longest } };
      writeFileSync(RESULTS_PATH, `${JSON.stringify(results, null, 2)}\n`);
    }
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => {
      server.httpServer.close(() => resolve());
    });
  }
}

main().catch((error: unknown) => {
  console.error(`UI BENCH FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
