/**
 * Reaching a state by condition, never by playing against the clock (issue 18). Two ways:
 * - seeking: the spec's own node process steps the same store the page runs until a condition holds, and
 *   the page opens the run there with a share link (`openAtFirst`, `seekUntil`);
 * - stepping the page itself, as a learner does, until what it shows says so (`stepUntil`, `stepBy`).
 * However slow the machine, the page lands on the same step of the same run.
 */
import type { Page } from '@playwright/test';
import { currentRun } from '../../src/ui/share/currentRun';
import { decodeRun, encodeRun } from '../../src/ui/share/runLink';
import { useSimulationStore, type SimulationStore } from '../../src/ui/store/simulationStore';
import { openedChapters } from '../../src/ui/story/latestChapter';
import { expect } from './support';

export type Condition = { what: string; holds: (s: SimulationStore) => boolean };

/** The narration (as the page would show it) has a line containing `text`. */
export function narrationHas(text: string | RegExp): Condition {
  return { what: `the narration says ${String(text)}`, holds: (s) => s.frame.narration.some((l) => (typeof text === 'string' ? l.text.includes(text) : text.test(l.text))) };
}

/** The timeline has a mark whose label matches `label` ('group checkout-service stable, generation 2'). */
export function marked(label: RegExp): Condition {
  return { what: `the timeline marks ${String(label)}`, holds: (s) => s.frame.marks.some((m) => label.test(m.label)) };
}

/** The story's chapter called `title` has opened. */
export function chapterOpened(title: string): Condition {
  return { what: `the chapter "${title}" is open`, holds: (s) => openedChapters(s.frame).some((c) => c.title === title) };
}

const store = () => useSimulationStore.getState();

/** Steps the node store until `condition` holds, then opens that run in the page. */
async function openHere(page: Page, condition: Condition, maxSteps: number): Promise<void> {
  // One step per call: the store publishes the narration at the end of a call, and conditions read it.
  for (let i = 0; i < maxSteps && !condition.holds(store()); i++) if (!store().step()) break;
  if (!condition.holds(store())) throw new Error(`not reached in ${maxSteps} steps: ${condition.what}`);
  const clock = `t = ${(store().frame.time / 1000).toFixed(3)} s`;
  await page.goto('about:blank');
  await page.goto(`./#run=${encodeRun(currentRun(store()))}`);
  await expect(page.getByLabel('Simulated time')).toContainText(clock);
}

/** Opens `scenarioId` in the page at the first step where `condition` holds. */
export async function openAtFirst(page: Page, scenarioId: string, condition: Condition, maxSteps = 5_000): Promise<void> {
  store().loadScenario(scenarioId);
  await openHere(page, condition, maxSteps);
}

/**
 * From the run the page is at now (its actions included, read through Copy link), on to the first step
 * where `condition` holds. Needs the clipboard permissions (grantClipboard).
 */
export async function seekUntil(page: Page, condition: Condition, maxSteps = 5_000): Promise<void> {
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const decoded = decodeRun(link.slice(link.indexOf('#run=') + '#run='.length));
  if (!decoded.ok) throw new Error(decoded.message);
  const problem = store().openRun(decoded.run);
  if (problem !== null) throw new Error(problem);
  await openHere(page, condition, maxSteps);
}

/** The UI step the header's clock shows ("Step 40 · t = 2.5 s"). */
export async function readStep(page: Page): Promise<number> {
  const text =
    (await page
      .getByRole('banner')
      .getByText(/Step \d+/)
      .first()
      .textContent()) ?? '';
  const match = /Step (\d+)/.exec(text);
  if (match === null) throw new Error(`no step counter in the header (read '${text}')`);
  return Number(match[1]);
}

/**
 * Takes up to `count` steps by pressing → (while paused), in batches the page renders once each; returns
 * the step reached, which is short of the target only when the run had nothing left to do.
 */
export async function stepBy(page: Page, count: number, batch = 50): Promise<{ to: number; isFinished: boolean }> {
  const target = (await readStep(page)) + count;
  let now = await readStep(page);
  while (now < target) {
    const before = now;
    // Dispatched on window, where the app listens; the app steps once per key, React renders after the batch.
    await page.evaluate(
      (n) => {
        for (let i = 0; i < n; i++) window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight' }));
      },
      Math.min(batch, target - now),
    );
    // The counter moves on the next render; if it does not move, the run has nothing left to do.
    try {
      await expect.poll(() => readStep(page), { timeout: 5_000 }).toBeGreaterThan(before);
    } catch {
      return { to: await readStep(page), isFinished: true };
    }
    now = await readStep(page);
  }
  return { to: now, isFinished: false };
}

/**
 * Steps the page until `isDone` holds: with the Step button one step at a time (`batch` 1, the default:
 * it stops at the first step where it holds), or `batch` steps of → at a time. Fails after `maxSteps`.
 */
export async function stepUntil(page: Page, what: string, isDone: () => Promise<boolean>, { maxSteps = 300, batch = 1 } = {}): Promise<void> {
  const stepButton = page.getByRole('button', { name: 'Step', exact: true });
  for (let taken = 0; taken < maxSteps; taken += batch) {
    if (await isDone()) return;
    if (batch === 1) await stepButton.click();
    else if ((await stepBy(page, batch, batch)).isFinished) break;
  }
  if (!(await isDone())) throw new Error(`after ${maxSteps} steps, still not: ${what}`);
}

export async function grantClipboard(page: Page): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
}
