import { expect, test, watchConsole } from './support';

test('opening Charts draws lag and throughput per partition over simulated time', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: 'Consumer groups: crash an instance, watch the rebalance' });
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < 40; i++) await step.click();
  await page.locator('summary', { hasText: 'Charts' }).click();
  const lag = page.getByRole('img', { name: 'Lag (records) over simulated time' });
  const throughput = page.getByRole('img', { name: 'Throughput (records/s) over simulated time' });
  await expect(lag.locator('canvas')).toHaveCount(1);
  await expect(throughput.locator('canvas')).toHaveCount(1);
  await expect(page.getByText(/^Latest throughput: CHECKOUT_COMPLETED-\d/)).toBeVisible();
  // The charts follow the run.
  for (let i = 0; i < 10; i++) await step.click();
  await expect(page.getByText(/^Latest lag: CHECKOUT_COMPLETED-\d+ · group checkout-service/)).toBeVisible();
  expect(problems).toEqual([]);
});
