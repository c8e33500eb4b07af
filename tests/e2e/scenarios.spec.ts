import { hasUncommittedNotifications, notifiedTwice } from '../../src/scenarios/foodOrdering/checks';
import type { SimulationStore } from '../../src/ui/store/simulationStore';
import { chapterOpened, grantClipboard, narrationHas, openAtFirst, seekUntil } from './seek';
import { expect, test, watchConsole } from './support';

test('the site opens on food ordering; crash notification-2 mid-work: the group hands its partition to notification-1, which notifies a customer again', async ({ page }) => {
  const problems = watchConsole(page);
  await grantClipboard(page);
  await page.goto('./');
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('food-ordering');
  const step = page.getByRole('button', { name: 'Step', exact: true });
  // On to the chapter where the two instances share the work, at a moment notification-2 has work not yet committed.
  const sharing = chapterOpened('Two instances share the work');
  await openAtFirst(page, 'food-ordering', { what: `${sharing.what}, notification-2 mid-work`, holds: (s) => sharing.holds(s) && hasUncommittedNotifications(s.frame.state, 'notification-2') });
  await expect(page.locator('.story')).toContainText('Two instances share the work');
  await page.getByRole('group', { name: 'Suggested experiments' }).getByRole('button', { name: 'Crash notification-2 mid-work' }).click();
  const notification2 = page.getByRole('group', { name: 'consumer notification-2', exact: true });
  await expect(notification2).toContainText('crashed');
  await expect(page.getByRole('list', { name: 'Narration' })).toContainText('notification-2 crashed');
  await seekUntil(page, narrationHas('notification-2 sent no heartbeat for 10 s (session.timeout.ms)'));
  await expect(page.getByRole('list', { name: 'Narration' })).toContainText('notification-2 sent no heartbeat for 10 s (session.timeout.ms)');
  // The survivor rejoins inside its next poll() and gets the dead member's partition.
  const p2 = page.getByRole('group', { name: 'consumer notification-1', exact: true }).getByText(/^orders P0–P2/);
  for (let i = 0; i < 80 && (await p2.count()) === 0; i++) await step.click();
  await expect(p2).toBeVisible();
  // notification-1 starts from the last committed offsets: a customer notification-2 had notified hears from notification-1 too.
  await seekUntil(page, { what: 'a customer notified twice', holds: (s) => notifiedTwice(s.frame.state).length > 0 });
  await expect(page.getByRole('list', { name: 'Consequences' })).toContainText(/notified \d+ times \(by notification-2, notification-1\)/);
  await page.screenshot({ path: 'test-results/food-ordering.png' });
  expect(problems).toEqual([]);
});

test('waitroom: crash waitroom-2 and its CHECKOUT partitions wait for the session timeout, then 0-4 / 5-9', async ({ page }) => {
  const problems = watchConsole(page);
  await grantClipboard(page);
  await openAtFirst(page, 'waitroom', chapterOpened('One group, thirty partitions'));
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('waitroom');
  await expect(page.locator('.story')).toContainText('One group, thirty partitions');
  await page.getByRole('button', { name: 'Crash waitroom-2' }).click();
  await expect(page.getByRole('group', { name: 'consumer waitroom-2', exact: true })).toContainText('crashed');
  // On until the group has rebalanced without waitroom-2 (its session timed out).
  const owns = (s: SimulationStore, id: string) => s.frame.state.consumers[id]!.assignment.filter((a) => a.topic === 'CHECKOUT_COMPLETED').length;
  await seekUntil(page, { what: 'waitroom-1 and waitroom-3 own five partitions each', holds: (s) => owns(s, 'waitroom-1') === 5 && owns(s, 'waitroom-3') === 5 });
  const waitroom1 = page.getByRole('group', { name: 'consumer waitroom-1', exact: true });
  await expect(waitroom1).toContainText('P0–P4 of 3 topics');
  await expect(page.getByRole('group', { name: 'consumer waitroom-3', exact: true })).toContainText('P5–P9 of 3 topics');
  await page.screenshot({ path: 'test-results/waitroom.png' });
  expect(problems).toEqual([]);
});
