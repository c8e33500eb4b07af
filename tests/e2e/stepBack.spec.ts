import type { Page } from '@playwright/test';
import { grantClipboard, marked, seekUntil } from './seek';
import { expect, test, watchConsole } from './support';

async function snapshotView(page: Page) {
  return {
    narration: await page.getByRole('list', { name: 'Narration' }).getByRole('listitem').allInnerTexts(),
    cells: await page.locator('.lane__cells > li').count(),
    clock: await page.getByLabel('Simulated time').innerText(),
  };
}

test('step 10 times, step back 3: the narration and the records are exactly those of step 7', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: 'First steps: keys, partitions and offsets' });
  const step = page.getByRole('button', { name: 'Step', exact: true });
  const back = page.getByRole('button', { name: 'Step back' });
  await expect(back).toBeDisabled();
  for (let i = 0; i < 7; i++) await step.click();
  await expect(page.getByLabel('Simulated time')).toContainText('Step 7');
  const atSeven = await snapshotView(page);
  for (let i = 0; i < 3; i++) await step.click();
  await expect(page.getByLabel('Simulated time')).toContainText('Step 10');
  for (let i = 0; i < 3; i++) await back.click();
  await expect(page.getByLabel('Simulated time')).toContainText('Step 7');
  expect(await snapshotView(page)).toEqual(atSeven);
  // And forward again reproduces the same step 8.
  await step.click();
  await expect(page.getByLabel('Simulated time')).toContainText('Step 8');
  expect(problems).toEqual([]);
});

test("stepping back over a learner's crash replays it; acting in the past forks the timeline", async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: 'Consumer groups: crash an instance, watch the rebalance' });
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < 30; i++) await step.click();
  await page.getByRole('button', { name: 'Crash consumer checkout-2' }).click();
  for (let i = 0; i < 5; i++) await step.click();
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step back' }).click();
  await expect(page.getByLabel('Simulated time')).toContainText('Step 32');
  await expect(page.getByRole('group', { name: 'consumer checkout-2', exact: true })).toContainText('crashed');
  // Back before the crash: checkout-2 is consuming again.
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step back' }).click();
  await expect(page.getByLabel('Simulated time')).toContainText('Step 29');
  await expect(page.getByRole('group', { name: 'consumer checkout-2', exact: true })).not.toContainText('crashed');
  // Crash checkout-1 instead: a new timeline in which checkout-2 never crashes.
  await page.getByRole('button', { name: 'Crash consumer checkout-1' }).click();
  for (let i = 0; i < 6; i++) await step.click();
  await expect(page.getByRole('group', { name: 'consumer checkout-1', exact: true })).toContainText('crashed');
  await expect(page.getByRole('group', { name: 'consumer checkout-2', exact: true })).not.toContainText('crashed');
  expect(problems).toEqual([]);
});

test('keyboard: → steps, ← steps back, Space plays and pauses, + and − change the speed', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: 'First steps: keys, partitions and offsets' });
  await page.locator('body').click({ position: { x: 5, y: 700 } });
  const clock = page.getByLabel('Simulated time');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(clock).toContainText('Step 2');
  await page.keyboard.press('ArrowLeft');
  await expect(clock).toContainText('Step 1');
  const speed = page.getByRole('slider', { name: 'Speed' });
  const before = await speed.getAttribute('aria-valuetext');
  await page.keyboard.press('+');
  await expect(speed).not.toHaveAttribute('aria-valuetext', before!);
  await page.keyboard.press('-');
  await expect(speed).toHaveAttribute('aria-valuetext', before!);
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
});

test('the timeline marks the rebalance after a crash and jumps back and forth to marked steps', async ({ page }) => {
  const problems = watchConsole(page);
  await grantClipboard(page);
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: 'Consumer groups: crash an instance, watch the rebalance' });
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < 30; i++) await step.click();
  await page.getByRole('button', { name: 'Crash consumer checkout-2' }).click();
  // On to the rebalance, about 600 steps later (session.timeout.ms 45 s): by seeking, not by playing against the clock.
  await seekUntil(page, marked(/group checkout-service stable, generation 2/));
  const timeline = page.getByRole('region', { name: 'Timeline' });
  const rebalance = timeline.getByRole('button', { name: /group checkout-service stable, generation 2/ });
  await expect(rebalance).toBeVisible();

  // Jump back to the first generation's mark: checkout-1 has only P0-P3 there.
  await timeline.getByRole('button', { name: /group checkout-service stable, generation 1/ }).click();
  const checkout1 = page.getByRole('group', { name: 'consumer checkout-1', exact: true });
  await expect(checkout1).not.toContainText('P0–P4');
  // The learner's crash is marked too, at the step it was taken.
  await expect(timeline.getByRole('button', { name: '30: checkout-2 crashed' })).toBeVisible();
  // Forward to the rebalance: the members get their new assignment a step or two later.
  await rebalance.click();
  const label = (await rebalance.innerText()).split(':')[0];
  await expect(page.getByLabel('Simulated time')).toContainText(`Step ${label}`);
  for (let i = 0; i < 6; i++) await step.click();
  await expect(checkout1).toContainText('CHECKOUT_COMPLETED P0–P4');
  await page.screenshot({ path: 'test-results/timeline.png' });
  expect(problems).toEqual([]);
});
