import { grantClipboard, marked, seekUntil } from './seek';
import { expect, test, watchConsole } from './support';

test('crash a consumer from its menu, on to the rebalance mark: the inspector shows the new assignment', async ({ page }) => {
  const problems = watchConsole(page);
  await grantClipboard(page);
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: 'Consumer groups: crash an instance, watch the rebalance' });
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < 30; i++) await step.click();

  const checkout2 = page.getByRole('group', { name: 'consumer checkout-2', exact: true });
  await checkout2.getByRole('button', { name: 'Actions for consumer checkout-2' }).click();
  await page.getByRole('menu', { name: 'Actions for consumer checkout-2' }).getByRole('menuitem', { name: 'Crash' }).click();
  await expect(checkout2).toContainText('crashed');

  // On to the rebalance, about 600 steps later (session.timeout.ms 45 s): by seeking, not by playing against the clock.
  await seekUntil(page, marked(/group checkout-service stable, generation 2/));
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline.getByRole('button', { name: /group checkout-service stable, generation 2/ })).toBeVisible();

  // The group, as kafka-consumer-groups --describe prints it: ten partitions, none owned by the dead instance.
  await page.getByRole('group', { name: 'consumer checkout-1', exact: true }).getByRole('button', { name: 'group checkout-service' }).click();
  const inspector = page.getByRole('region', { name: 'Inspector' });
  const table = inspector.getByRole('table', { name: 'kafka-consumer-groups --describe' });
  await expect(table.getByRole('row')).toHaveCount(11);
  await expect(inspector).toContainText('Stable');
  await expect(table.getByRole('cell', { name: 'checkout-2', exact: true })).toHaveCount(0);
  await expect(table.getByRole('cell', { name: 'checkout-1', exact: true })).toHaveCount(5);
  await expect(table.getByRole('cell', { name: 'checkout-3', exact: true })).toHaveCount(5);
  expect(problems).toEqual([]);
});

test('clicking a record shows it as kcat prints it and its provenance: appended, fetched, processed, committed', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: 'Consumer groups: crash an instance, watch the rebalance' });
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < 40; i++) await step.click();

  // Ten partitions draw as tiles showing each one's newest record: the learner opens the partition's log.
  await page.getByRole('button', { name: 'Inspect partition CHECKOUT_COMPLETED-0' }).click();
  const inspector = page.getByRole('region', { name: 'Inspector' });
  await inspector
    .getByRole('table', { name: 'Log of CHECKOUT_COMPLETED-0' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: '0', exact: true }) })
    .first()
    .click();
  await expect(inspector.getByLabel('kcat', { exact: true })).toContainText(/^CHECKOUT_COMPLETED \[0\] @0 key=/);
  const provenance = inspector.getByRole('list', { name: 'Provenance' });
  await expect(provenance.getByRole('listitem').first()).toContainText('sent by payment-service');
  await expect(provenance).toContainText('appended at offset 0');
  await expect(provenance).toContainText('fetched by checkout-1');
  await expect(provenance).toContainText('processed by checkout-1');
  // Step on until the group commits past it; the provenance grows as the run goes.
  for (let i = 0; i < 200 && !(await provenance.innerText()).includes('committed'); i++) await step.click();
  await expect(provenance).toContainText('group checkout-service committed offset');
  expect(problems).toEqual([]);
});

test('a broker, a partition and a producer can be inspected; a record can be produced by hand', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: 'First steps: keys, partitions and offsets' });
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < 5; i++) await step.click();
  const inspector = page.getByRole('region', { name: 'Inspector' });

  await page.getByRole('button', { name: 'Inspect partition orders-1' }).click();
  await expect(inspector.getByLabel('kcat -L')).toContainText('partition 1, leader');
  await expect(inspector.getByRole('table', { name: 'Log of orders-1' })).toBeVisible();

  const topic = page.getByRole('group', { name: 'topic orders', exact: true });
  await topic.getByRole('button', { name: 'Actions for topic orders' }).click();
  await page.getByRole('menuitem', { name: 'Inspect' }).click();
  const form = inspector.getByRole('form', { name: 'Produce a record to orders' });
  await form.getByLabel('key').fill('learner-key');
  await form.getByLabel('value').fill('<img src=x onerror=alert(1)>');
  await form.getByRole('button', { name: 'Produce' }).click();
  for (let i = 0; i < 5; i++) await step.click();
  await expect(page.getByRole('list', { name: 'Narration' })).toContainText('learner-key');
  await expect(page.getByRole('button', { name: /key learner-key/ })).toHaveCount(1);
  // Hostile text stays text: the value shows literally and no element was made from it.
  await page.getByRole('button', { name: /key learner-key/ }).click();
  await expect(inspector.getByLabel('kcat', { exact: true })).toContainText('value=<img src=x onerror=alert(1)>');
  await expect(page.locator('img[src="x"]')).toHaveCount(0);

  const broker = page.getByRole('group', { name: 'broker 1', exact: true });
  await broker.click();
  await expect(inspector).toContainText('broker 1');
  await expect(inspector.getByRole('table')).toContainText(/orders-\d/);
  expect(problems).toEqual([]);
});
