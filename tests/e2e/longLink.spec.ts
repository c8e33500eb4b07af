/**
 * A link far into a run (issue 21): the replay shows its progress, the page stays responsive, and the
 * learner can cancel back to the scenario's start.
 */
import type { Page } from '@playwright/test';
import lz from 'lz-string';
import { foodOrdering } from '../../src/scenarios/foodOrdering/foodOrdering';
import { expect, test } from './support';

/** A food-ordering link at `engineStep`, with notification-2 crashed at engine step 120. */
function linkAt(engineStep: number): string {
  const payload = { v: 2, sc: foodOrdering.id, sv: foodOrdering.version, seed: foodOrdering.seed, st: engineStep, s: [120], c: [['crashConsumer', { consumer: 'notification-2' }]] };
  return `./#run=${lz.compressToEncodedURIComponent(JSON.stringify(payload))}`;
}

const opening = (page: Page) => page.getByRole('dialog', { name: 'Opening the run' });

test('a link far into a run shows the replay progress, and Cancel opens the scenario at its start', async ({ page }) => {
  await page.goto(linkAt(1_500_000));
  const bar = opening(page).getByRole('progressbar', { name: 'Replaying the run' });
  await expect(bar).toBeVisible();
  await expect(opening(page)).toContainText('of 1,500,000');
  // The page keeps drawing while it replays: the progress moves on.
  const first = Number(await bar.getAttribute('value'));
  await expect.poll(async () => Number(await bar.getAttribute('value'))).toBeGreaterThan(first);
  await opening(page).getByRole('button', { name: 'Cancel and start Food ordering from the beginning' }).click();
  await expect(opening(page)).toBeHidden();
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue(foodOrdering.id);
  await expect(page.getByLabel('Simulated time')).toContainText('Step 0 ');
  // Nothing of the cancelled replay comes back later.
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByLabel('Simulated time')).toContainText('Step 1 ');
});

test('Escape cancels a long replay too', async ({ page }) => {
  await page.goto(linkAt(1_500_000));
  await expect(opening(page).getByRole('progressbar', { name: 'Replaying the run' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(opening(page)).toBeHidden();
  await expect(page.getByLabel('Simulated time')).toContainText('Step 0 ');
});

test('a long link opens at its step once the replay is done, with the crash it recorded', async ({ page }) => {
  await page.goto(linkAt(120_000));
  await expect(opening(page)).toBeVisible();
  await expect(opening(page)).toBeHidden({ timeout: 60_000 });
  await expect(page.getByLabel('Simulated time')).not.toContainText('Step 0 ');
  await expect(page.getByRole('group', { name: 'consumer notification-2', exact: true })).toContainText('crashed');
  // The link is taken off the address bar once it opened, as a short one is.
  expect(new URL(page.url()).hash).toBe('');
});
