import { stepUntil } from './seek';
import { expect, test } from './support';

/**
 * Focus on the canvas: the newest chapter's actors stay bright while the rest dim (until the learner
 * ticks "Show everything"), and a selected record draws its path from its producer through its topic
 * to every consumer that fetched it. Reached by condition: step until the chapter opens, until the
 * record has been fetched.
 */

test.setTimeout(120_000);

test('food ordering: the chapter about the notification group dims the other services until "Show everything"', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('food-ordering');
  const story = page.locator('.story');
  await stepUntil(page, 'the chapter "Two instances share the work"', async () => (await story.innerText()).includes('Two instances share the work'), { maxSteps: 400, batch: 10 });
  await expect(story).toContainText('Two instances share the work');
  const node = (name: string) => page.locator('.react-flow__node').filter({ has: page.getByRole('heading', { name, exact: true }) });
  await expect(node('notification-1')).not.toHaveClass(/is-dimmed/);
  await expect(node('orders')).not.toHaveClass(/is-dimmed/);
  await expect(node('analytics-service')).toHaveClass(/is-dimmed/);
  await page.getByRole('checkbox', { name: /Show everything/ }).check();
  await expect(node('analytics-service')).not.toHaveClass(/is-dimmed/);
});

test('first steps: a selected record draws its path, producer to topic to the consumer that fetched it', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: 'First steps: keys, partitions and offsets' });
  const narration = page.getByRole('list', { name: 'Narration' });
  await stepUntil(page, 'analytics fetches', async () => /analytics fetched/.test((await narration.textContent()) ?? ''), { maxSteps: 200 });
  // The first record analytics fetched: offset 0 of some partition (its cell is on the canvas).
  const firstFetch = /analytics fetched \d+ records? \((orders-(\d)) offset/.exec(await narration.innerText());
  expect(firstFetch).not.toBeNull();
  const partition = firstFetch![2]!;
  // The view may refit as the scene settles after a step; a click that lands during it is tried again.
  const inspector = page.getByRole('region', { name: 'Inspector' });
  await expect(async () => {
    await page.getByRole('button', { name: new RegExp(`^orders-${partition} offset 0,`) }).click();
    await expect(inspector).toContainText(`record orders-${partition} @0`, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  const pathEdges = page.locator('.react-flow__edge.is-path');
  await expect(pathEdges).toHaveCount(2);
  expect((await pathEdges.evaluateAll((edges) => edges.map((e) => e.getAttribute('data-id')))).sort()).toEqual(['producer:order-service->topic:orders', 'topic:orders->consumer:analytics']);
  // Nothing else competes: every card off the path recedes.
  const dimmed = page.locator('.react-flow__node.is-dimmed');
  await expect(dimmed.first()).toBeVisible();
  await expect(page.locator('.react-flow__node').filter({ has: page.getByRole('heading', { name: 'analytics', exact: true }) })).not.toHaveClass(/is-dimmed/);
});

test('food ordering: the order service, a consumer that also produces, shows its producer face on its card', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('food-ordering');
  const step = page.getByRole('button', { name: 'Step', exact: true });
  const card = page.getByRole('group', { name: 'consumer order-service', exact: true });
  const producerFace = card.getByRole('group', { name: 'producer order-service', exact: true });
  for (let i = 0; i < 100 && !/produces (orders|to \d+ topics)/.test((await producerFace.textContent()) ?? ''); i++) await step.click();
  await expect(producerFace).toContainText(/produces (orders|to \d+ topics)/);
});
