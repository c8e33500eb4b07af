import type { Page } from '@playwright/test';
import { grantClipboard, narrationHas, seekUntil } from './seek';
import { expect, test, watchConsole } from './support';

async function openConsumerGroupScenario(page: Page): Promise<void> {
  await grantClipboard(page);
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: 'Consumer groups: crash an instance, watch the rebalance' });
  await expect(page.getByRole('group', { name: 'consumer checkout-1', exact: true })).toBeVisible();
}

/** On to the first step whose narration contains `text` (seeking, not playing against the clock). */
async function seekToNarration(page: Page, text: string): Promise<void> {
  await seekUntil(page, narrationHas(text));
  await expect(page.getByRole('list', { name: 'Narration' })).toContainText(text);
}

test('three instances form a group and get 0-3, 4-6 and 7-9 from the range assignor', async ({ page }) => {
  const problems = watchConsole(page);
  await openConsumerGroupScenario(page);
  await seekToNarration(page, 'checkout-3 now owns CHECKOUT_COMPLETED-7, CHECKOUT_COMPLETED-8, CHECKOUT_COMPLETED-9');
  const checkout2 = page.getByRole('group', { name: 'consumer checkout-2', exact: true });
  await expect(checkout2).toContainText('generation 1');
  await expect(checkout2).toContainText('CHECKOUT_COMPLETED P4–P6');
  await expect(checkout2).not.toContainText('P3');
  expect(problems).toEqual([]);
});

test('crashing an instance marks it crashed and the group keeps its partitions until the session times out', async ({ page }) => {
  const problems = watchConsole(page);
  await openConsumerGroupScenario(page);
  await seekToNarration(page, 'now owns CHECKOUT_COMPLETED-7');
  await page.getByRole('button', { name: 'Crash consumer checkout-2' }).click();
  const checkout2 = page.getByRole('group', { name: 'consumer checkout-2', exact: true });
  await expect(checkout2).toContainText('crashed');
  await expect(page.getByRole('list', { name: 'Narration' })).toContainText('checkout-2 crashed');
  await expect(page.getByRole('button', { name: 'Start again consumer checkout-2' })).toBeVisible();
  await expect(checkout2).toContainText('The group still counts it as a member');
  // Twenty more steps: checkout-1 still has only 0-3 (nothing moves before session.timeout.ms).
  for (let i = 0; i < 20; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  const checkout1 = page.getByRole('group', { name: 'consumer checkout-1', exact: true });
  await expect(checkout1).toContainText('CHECKOUT_COMPLETED P0–P3');
  await page.screenshot({ path: 'test-results/consumer-group-crashed.png' });
  expect(problems).toEqual([]);
});

test('closing an instance rebalances at once: the survivors take 0-4 and 5-9', async ({ page }) => {
  const problems = watchConsole(page);
  await openConsumerGroupScenario(page);
  await seekToNarration(page, 'now owns CHECKOUT_COMPLETED-7');
  await page.getByRole('button', { name: 'Actions for consumer checkout-2' }).click();
  await page.getByRole('menuitem', { name: 'Close' }).click();
  await expect(page.getByRole('group', { name: 'consumer checkout-2', exact: true })).toContainText('closed');
  await seekToNarration(page, 'now owns CHECKOUT_COMPLETED-5, CHECKOUT_COMPLETED-6, CHECKOUT_COMPLETED-7, CHECKOUT_COMPLETED-8, CHECKOUT_COMPLETED-9');
  const checkout1 = page.getByRole('group', { name: 'consumer checkout-1', exact: true });
  await expect(checkout1).toContainText('CHECKOUT_COMPLETED P0–P4');
  await expect(checkout1).toContainText('generation 2');
  const group = page.getByRole('region', { name: 'Group checkout-service' });
  await expect(group).toContainText('Stable');
  await expect(group).toContainText('generation 2 · range');
  await expect(group.getByRole('list', { name: 'Members' }).getByRole('listitem')).toHaveCount(2);
  await expect(group.getByRole('list', { name: 'Group lifecycle' }).locator('[aria-current="step"]')).toHaveText('Stable');
  await page.screenshot({ path: 'test-results/consumer-group-after-close.png' });
  expect(problems).toEqual([]);
});
