import type { Page } from '@playwright/test';
import { advanceSteps, clickExperiment, experimentLabels, layoutProblems, measureCanvas, pressFitView, readStep, summarize, waitForSettledCanvas, type CanvasMeasurement } from './canvasChecks';
import { expect, test } from './support';

/**
 * The canvas layout holds in every scenario, at a laptop, a desktop and a phone size, through a run of
 * a few hundred steps and every suggested experiment: no two cards overlap, no card lies under the
 * minimap, the cards' text is at least 11 px on screen, and the newest record of every partition is in
 * its lane (and on the canvas when its card is). Each state is measured as the app shows it and again
 * after pressing the canvas's Fit View control.
 *
 * One test per (scenario, viewport). The scenarios are read from the picker at run time; a test owns
 * the picker's option at its slot, and a guard test fails when the picker lists a different number
 * of scenarios than there are slots.
 *
 * States are reached by condition (the step counter), never by waiting a fixed time: the run is stepped
 * with → in batches (the same engine steps as playing, rendered once per batch; about ten times faster
 * than playing at 64x).
 * CANVAS_LAYOUT_SKIP_EXPERIMENTS=1920x1080 (comma-separated viewports) skips the experiments there.
 */

const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 390, height: 844 },
] as const;
/** The picker's scenarios: one test per slot and viewport. */
const SCENARIO_SLOTS = 15;
const WARM_UP_STEPS = 300;
const EXPERIMENT_STEPS = 150;
const SKIP_EXPERIMENTS_AT = new Set(
  (process.env.CANVAS_LAYOUT_SKIP_EXPERIMENTS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== ''),
);

function scenarioPicker(page: Page) {
  return page.getByRole('combobox', { name: 'Scenario' });
}

async function scenarioLabels(page: Page): Promise<string[]> {
  return (await scenarioPicker(page).locator('option').allTextContents()).map((s) => s.trim());
}

test('the picker lists one scenario per slot of the canvas layout tests', async ({ page }) => {
  await page.goto('./');
  const labels = await scenarioLabels(page);
  expect(labels.length, `canvasLayout.spec.ts has ${SCENARIO_SLOTS} scenario slots; the picker lists: ${labels.join(' | ')}`).toBe(SCENARIO_SLOTS);
});

for (const viewport of VIEWPORTS) {
  const size = `${viewport.width}x${viewport.height}`;
  test.describe(`canvas layout at ${size}`, () => {
    // Cells land and cards glide with CSS animations; reduced motion measures where they come to rest.
    test.use({ viewport, reducedMotion: 'reduce' });

    for (let slot = 0; slot < SCENARIO_SLOTS; slot++) {
      test(`scenario #${String(slot + 1).padStart(2, '0')} at ${size}: cards apart, clear of the minimap, text ≥ 11 px, newest offsets shown`, async ({ page }, testInfo) => {
        test.setTimeout(300_000);
        await page.goto('./');
        const labels = await scenarioLabels(page);
        const label = labels[slot];
        if (label === undefined) throw new Error(`the picker lists only ${labels.length} scenarios: slot ${slot + 1} has none`);
        testInfo.annotations.push({ type: 'scenario', description: label });
        await scenarioPicker(page).selectOption({ label });
        await expect(scenarioPicker(page).locator('option:checked')).toHaveText(label);
        await expect.poll(() => readStep(page)).toBe(0);

        const problems: string[] = [];
        const measured: { state: string; measurement: CanvasMeasurement; isSettled: boolean }[] = [];
        const record = async (state: string): Promise<void> => {
          const { isSettled, frames } = await waitForSettledCanvas(page);
          const measurement = await measureCanvas(page);
          measured.push({ state, measurement, isSettled });
          console.log(`[canvas-layout] ${label} @ ${size} · ${state} · ${summarize(measurement)}${isSettled ? '' : ` · NOT SETTLED after ${frames} frames`}`);
          if (!isSettled) problems.push(`${state}: the canvas did not settle within ${frames} frames`);
          problems.push(...layoutProblems(state, measurement));
        };
        /** Measures the state as shown, then again after Fit View. */
        const recordBothViews = async (state: string): Promise<void> => {
          await record(`${state}, as shown`);
          await pressFitView(page);
          await record(`${state}, after Fit View`);
        };

        const warmUp = await advanceSteps(page, WARM_UP_STEPS);
        await recordBothViews(`step ${warmUp.to}${warmUp.isFinished ? ' (the run finished)' : ''}`);

        const experiments = await experimentLabels(page);
        if (SKIP_EXPERIMENTS_AT.has(size)) {
          console.log(`[canvas-layout] ${label} @ ${size} · experiments skipped (CANVAS_LAYOUT_SKIP_EXPERIMENTS): ${experiments.map((x) => x.label).join(', ') || 'none'}`);
        } else {
          for (const { label: experiment } of experiments) {
            const now = (await experimentLabels(page)).find((x) => x.label === experiment);
            if (now?.isEnabled !== true) {
              console.log(`[canvas-layout] ${label} @ ${size} · experiment '${experiment}' is ${now === undefined ? 'gone' : 'disabled'} at step ${await readStep(page)}: skipped`);
              continue;
            }
            await clickExperiment(page, experiment);
            const after = await advanceSteps(page, EXPERIMENT_STEPS);
            await recordBothViews(`'${experiment}' then step ${after.to}${after.isFinished ? ' (the run finished)' : ''}`);
          }
        }

        await testInfo.attach('canvas-layout.json', { body: JSON.stringify({ scenario: label, viewport: size, measured }, null, 2), contentType: 'application/json' });
        expect(problems, `${label} at ${size}: ${problems.length} layout problems`).toEqual([]);
      });
    }
  });
}
