import { grantClipboard, narrationHas, seekUntil } from './seek';
import { expect, test, watchConsole } from './support';

test('crashing a leader broker: the controller fences it and the first in-sync replica leads', async ({ page }) => {
  const problems = watchConsole(page);
  await grantClipboard(page);
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: 'Replication: crash brokers, watch the ISR and elections' });
  for (const id of [1, 2, 3]) await expect(page.getByRole('group', { name: `broker ${id}`, exact: true })).toBeVisible();
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();

  // Find the leader of payments-0 from its lane, and crash that broker.
  const lane = page.getByRole('group', { name: 'Partition 0 of payments' });
  const isr = lane.locator('.node__hint', { hasText: 'ISR' });
  await expect(isr).toHaveText(/^ISR \d,\d,\d$/);
  const leader = Number(/leader (\d)/.exec(await lane.innerText())![1]);
  const broker = page.getByRole('group', { name: `broker ${leader}`, exact: true });
  await broker.getByRole('button', { name: `Actions for broker ${leader}` }).click();
  await page.getByRole('menuitem', { name: 'Crash' }).click();
  await expect(broker).toContainText('down');
  await expect(page.getByRole('list', { name: 'Narration' })).toContainText(`Broker ${leader} crashed`);

  await seekUntil(page, narrationHas('has a new leader'));
  await expect(page.getByRole('list', { name: 'Narration' })).toContainText('has a new leader');
  await expect(lane).not.toContainText(`leader ${leader}`);
  await expect(isr).toHaveText(/^ISR \d,\d$/); // the fenced broker left the ISR
  await broker.getByRole('button', { name: `Actions for broker ${leader}` }).click();
  await page.getByRole('menuitem', { name: 'Start again' }).click();
  await expect(broker).toContainText('up');
  await page.screenshot({ path: 'test-results/replication.png' });
  expect(problems).toEqual([]);
});
