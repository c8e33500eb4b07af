import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Page } from '@playwright/test';
import lz from 'lz-string';
import { waitroom } from '../../src/scenarios/waitroom/waitroom';
import { readStep, stepBy } from './seek';
import { expect, test, watchConsole } from './support';

const step = (page: Page) => page.getByRole('button', { name: 'Step', exact: true });

async function stepTo(page: Page, target: number): Promise<void> {
  const clock = page.getByLabel('Simulated time');
  for (let i = Number(/Step (\d+)/.exec(await clock.innerText())![1]); i < target; i++) await step(page).click();
  await expect(clock).toContainText(`Step ${target} `);
}

test('a copied link opens the same run, at the same step, in a fresh browser', async ({ page, browser }) => {
  const problems = watchConsole(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: 'Consumer groups: crash an instance, watch the rebalance' });
  await stepTo(page, 30);
  await page.getByRole('button', { name: 'Crash consumer checkout-2' }).click();
  await stepTo(page, 50);
  await page.getByRole('group', { name: 'topic CHECKOUT_COMPLETED', exact: true }).getByRole('button', { name: 'Actions for topic CHECKOUT_COMPLETED' }).click();
  await page.getByRole('menuitem', { name: 'Inspect' }).click();
  const form = page.getByRole('form', { name: 'Produce a record to CHECKOUT_COMPLETED' });
  await form.getByLabel('key').fill('shared-key');
  await form.getByLabel('value').fill('from-the-teacher');
  await form.getByRole('button', { name: 'Produce' }).click();
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/#run=/);
  expect(link.length).toBeLessThan(2_000);
  const narration = await page.getByRole('list', { name: 'Narration' }).innerText();

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  const otherProblems = watchConsole(other);
  await other.goto(link);
  await expect(other.getByLabel('Simulated time')).toContainText('Step 50 ');
  await expect(other.getByRole('combobox', { name: 'Scenario' })).toHaveValue('consumer-group');
  await expect.poll(() => other.getByRole('list', { name: 'Narration' }).innerText()).toBe(narration);
  await expect(other.getByRole('group', { name: 'consumer checkout-2', exact: true })).toContainText('crashed');
  // The record produced by hand is in flight at step 50 and lands on the next steps, as in the original.
  for (let i = 0; i < 5; i++) await step(other).click();
  await expect(other.getByRole('button', { name: /key shared-key/ })).toHaveCount(1);
  // The link left the address bar: a reload keeps the learner's own progress.
  expect(other.url()).not.toContain('#run=');
  await fresh.close();
  expect(problems).toEqual([]);
  expect(otherProblems).toEqual([]);
});

test('a link copied after toggling internal steps on and off reopens the same moment at the same speed (issue 18), and so does a reload', async ({ page, browser }) => {
  const problems = watchConsole(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./');
  const internal = page.getByRole('checkbox', { name: 'Internal steps' });
  await stepTo(page, 30);
  await internal.check();
  await stepTo(page, 40);
  await internal.uncheck();
  await stepTo(page, 45);
  const clock = page.getByLabel('Simulated time');
  const time = /t = [\d.]+ s/.exec(await clock.innerText())![0];
  // The speed travels with the run too.
  await page.getByRole('slider', { name: 'Speed' }).fill('5');
  await expect(page.getByRole('slider', { name: 'Speed' })).toHaveAttribute('aria-valuetext', '8x');
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByLabel('Simulated time')).toContainText(time);
  await expect(other.getByRole('slider', { name: 'Speed' })).toHaveAttribute('aria-valuetext', '8x');
  await fresh.close();
  // A reload restores the saved run: the same moment again, at the same speed.
  await page.reload();
  await expect(page.getByLabel('Simulated time')).toContainText(time);
  await expect(page.getByRole('slider', { name: 'Speed' })).toHaveAttribute('aria-valuetext', '8x');
  expect(problems).toEqual([]);
});

test('a tampered link says what is wrong and offers the scenario start; no error reaches the console', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: 'Waitroom' });
  await stepTo(page, 5);
  await page.getByRole('button', { name: 'Crash consumer waitroom-2' }).click();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  // Truncated in the middle, as a chat app might.
  await page.goto(link.slice(0, link.length - 12));
  await page.reload();
  const dialog = page.getByRole('alertdialog', { name: 'This link cannot be opened' });
  await expect(dialog).toContainText(/truncated or damaged|damaged/);
  await page.goto('./#run=N4IgdghgtgpiBcIDKYB2BnA');
  await page.reload();
  await expect(dialog).toBeVisible();
  await page.goto(`./#run=${'A'.repeat(40)}`);
  await page.reload();
  await expect(dialog).toBeVisible();
  // Every such message offers a start, even when the link names no scenario this site knows.
  await expect(dialog.getByRole('button', { name: /^Open .+ at its start$/ })).toBeVisible();
  // An address whose fragment is not a run (a mistyped 'run='): said, not ignored.
  await page.goto('./#RUN=abc');
  await page.reload();
  await expect(dialog).toContainText('The address ends in "#RUN=abc", which is not a run this site can open.');
  await dialog.getByRole('button', { name: 'Dismiss' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Play' })).toBeEnabled();
  expect(problems).toEqual([]);
});

test('a link whose action the engine rejects names it and offers the scenario at its start', async ({ page }) => {
  const problems = watchConsole(page);
  const payload = { v: 2, sc: 'waitroom', sv: waitroom.version, seed: 21, st: 30, s: [20], c: [['crashConsumer', { consumer: 'ghost' }]] };
  await page.goto(`./#run=${lz.compressToEncodedURIComponent(JSON.stringify(payload))}`);
  const dialog = page.getByRole('alertdialog', { name: 'This link cannot be opened' });
  await expect(dialog).toContainText('action 1 (crashConsumer at engine step 20) was rejected');
  await dialog.getByRole('button', { name: 'Open Waitroom at its start' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('waitroom');
  await expect(page.getByLabel('Simulated time')).toContainText('Step 0 ');
  expect(problems).toEqual([]);
});

test('reload restores the run; Start fresh starts over', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: 'Waitroom' });
  await stepTo(page, 12);
  await page.getByRole('button', { name: 'Crash consumer waitroom-3' }).click();
  await page.waitForTimeout(1_200); // saved within a second
  await page.reload();
  await expect(page.getByLabel('Simulated time')).toContainText('Step 12 ');
  await expect(page.getByRole('group', { name: 'consumer waitroom-3', exact: true })).toContainText('crashed');
  await expect(page.getByRole('status').filter({ hasText: 'restored' })).toBeVisible();
  await page.getByRole('button', { name: 'Start fresh' }).click();
  await expect(page.getByLabel('Simulated time')).toContainText('Step 0 ');
  expect(problems).toEqual([]);
});

test('embed mode shows the canvas, playback and narration, with a link out to the full site', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('./');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await stepTo(page, 8);
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  await page.goto(link.replace('#run=', '#embed=1&run='));
  await page.reload();
  await expect(page.getByLabel('Simulated time')).toContainText('Step 8 ');
  await expect(page.getByRole('link', { name: 'Kafka Sim ↗' })).toHaveAttribute('href', /#run=/);
  await expect(page.getByRole('region', { name: 'Inspector' })).toHaveCount(0);
  await step(page).click();
  await expect(page.getByLabel('Simulated time')).toContainText('Step 9 ');
  expect(problems).toEqual([]);
});

test('the built site works from a sub-path and makes no request outside its origin during a run', async ({ page, baseURL }) => {
  // It plays, then steps (the run's requests are the point), to states reached by condition.
  const problems = watchConsole(page);
  const dist = join(process.cwd(), 'dist');
  await page.route('**/some/sub/path/**', async (route) => {
    const path = new URL(route.request().url()).pathname.replace(/^\/some\/sub\/path\//, '') || 'index.html';
    const file = join(dist, path);
    if (!existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
    return route.fulfill({ status: 200, body: readFileSync(file), contentType: types[extname(file)] ?? 'application/octet-stream' });
  });
  const origin = new URL(baseURL!).origin;
  const outside: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(origin) && !request.url().startsWith('data:') && !request.url().startsWith('blob:')) outside.push(request.url());
  });
  await page.goto(`${origin}/some/sub/path/`);
  await expect(page.getByRole('heading', { name: 'Kafka Sim' })).toBeVisible();
  await page.getByRole('slider', { name: 'Speed' }).fill('8');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => readStep(page)).toBeGreaterThanOrEqual(5);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await stepBy(page, 100);
  await page.locator('summary', { hasText: 'Charts' }).click();
  await expect(page.getByRole('img', { name: 'Lag (records) over simulated time' })).toBeVisible();
  expect(outside).toEqual([]);
  expect(problems).toEqual([]);
});

test('a link made before engine-step links (format 1) says its run could differ and offers the scenario at its start', async ({ page }) => {
  const problems = watchConsole(page);
  const payload = { v: 1, sc: 'waitroom', sv: waitroom.version, seed: 21, st: 3, s: [], c: [] };
  await page.goto(`./#run=${lz.compressToEncodedURIComponent(JSON.stringify(payload))}`);
  const dialog = page.getByRole('alertdialog', { name: 'This link cannot be opened' });
  await expect(dialog).toContainText('earlier version of Kafka Sim, which counted steps differently');
  await dialog.getByRole('button', { name: 'Open Waitroom at its start' }).click();
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('waitroom');
  await expect(page.getByLabel('Simulated time')).toContainText('Step 0 ');
  expect(problems).toEqual([]);
});

test('a link made with another version of its scenario says the run may differ and can be opened anyway', async ({ page }) => {
  const problems = watchConsole(page);
  const payload = { v: 2, sc: 'waitroom', sv: waitroom.version - 1, seed: 21, st: 60, s: [], c: [] };
  await page.goto(`./#run=${lz.compressToEncodedURIComponent(JSON.stringify(payload))}`);
  const dialog = page.getByRole('alertdialog', { name: 'This link cannot be opened' });
  await expect(dialog).toContainText(`made with an earlier version of "Waitroom" (version ${waitroom.version - 1}; this site has version ${waitroom.version}), so the run may differ`);
  await expect(dialog.getByRole('button', { name: 'Open Waitroom at its start' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Open it anyway' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('waitroom');
  await expect(page.getByLabel('Simulated time')).not.toContainText('Step 0 ');
  expect(problems).toEqual([]);
});
