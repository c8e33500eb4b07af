import type { Page } from '@playwright/test';
import { expect, test } from './support';

const clock = (page: Page) => page.getByLabel('Simulated time');
const picker = (page: Page) => page.getByRole('combobox', { name: 'Scenario' });

async function steps(page: Page, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
}

test('switching scenario keeps each run: away and back continues where the learner was, and a reload reopens the last one', async ({ page }) => {
  await page.goto('./');
  await steps(page, 12);
  await page.getByRole('button', { name: 'Crash consumer notification-2' }).click();
  await steps(page, 3);
  const food = await clock(page).innerText();
  expect(food).toContain('Step 15 ');

  await picker(page).selectOption({ label: 'Waitroom' });
  await expect(clock(page)).toContainText('Step 0 ');
  await steps(page, 5);
  const waitroom = await clock(page).innerText();

  await picker(page).selectOption({ label: 'Food ordering' });
  await expect(clock(page)).toHaveText(food);
  await expect(page.getByRole('group', { name: 'consumer notification-2', exact: true })).toContainText('crashed');
  await picker(page).selectOption({ label: 'Waitroom' });
  await expect(clock(page)).toHaveText(waitroom);

  await page.reload();
  await expect(picker(page)).toHaveValue('waitroom');
  await expect(clock(page)).toHaveText(waitroom);
});

test('← and → on the focused scenario picker step the run instead of switching scenario', async ({ page }) => {
  await page.goto('./');
  await picker(page).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(picker(page)).toHaveValue('food-ordering');
  await expect(clock(page)).toContainText('Step 2 ');
  await page.keyboard.press('ArrowLeft');
  await expect(picker(page)).toHaveValue('food-ordering');
  await expect(clock(page)).toContainText('Step 1 ');
});
