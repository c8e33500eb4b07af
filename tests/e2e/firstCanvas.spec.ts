import { readStep, stepUntil } from './seek';
import { expect, test, watchConsole } from './support';

test('stepping five times shows five records in the lanes and five narration lines', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: 'First steps: keys, partitions and offsets' });
  await expect(page.getByRole('heading', { name: 'Kafka Sim' })).toBeVisible();
  const narration = page.getByRole('list', { name: 'Narration' });
  const cells = page.locator('.lane__cells > li');
  await expect(cells).toHaveCount(0);

  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 1; i <= 5; i++) {
    await step.click();
    await expect(narration.getByRole('listitem')).toHaveCount(i);
    await expect(cells).toHaveCount(i);
  }

  // Each line names the record's key and where murmur2 put it.
  const lines = await narration.getByRole('listitem').allInnerTexts();
  for (const line of lines) expect(line).toMatch(/key "\w+" \(murmur2\("\w+"\) picked partition \d\) was appended to orders-\d at offset \d/);

  // The cells sit in the lane of the partition the narration named, with matching offsets.
  for (const line of lines) {
    const [, key, partition, offset] = /key "(\w+)".*orders-(\d) at offset (\d+)/.exec(line)!;
    const lane = page.getByRole('list', { name: `Records in orders-${partition}` });
    await expect(lane.getByLabel(`orders-${partition} offset ${offset}, key ${key}`, { exact: false })).toHaveCount(1);
  }

  await page.screenshot({ path: 'test-results/first-canvas-after-5-steps.png' });
  expect(problems).toEqual([]);
});

test('Play runs on its own and Pause stops it', async ({ page }) => {
  // About Play itself: it plays until the counter has moved a few steps (however slowly), and Pause holds it.
  const problems = watchConsole(page);
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: 'First steps: keys, partitions and offsets' });
  await page.getByRole('slider', { name: 'Speed' }).fill('8'); // the fastest setting
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Step', exact: true })).toBeDisabled();
  await expect.poll(() => readStep(page)).toBeGreaterThanOrEqual(5);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Step', exact: true })).toBeEnabled();
  const narration = page.getByRole('list', { name: 'Narration' });
  const stepAfterPause = await readStep(page);
  const countAfterPause = await narration.getByRole('listitem').count();
  await page.waitForTimeout(500); // paused: nothing may happen in the meantime
  expect(await readStep(page)).toBe(stepAfterPause);
  expect(await narration.getByRole('listitem').count()).toBe(countAfterPause);

  // Stepped on from there: the consumer starts at 2 s, processes each record for 250 ms, then commits the next offset to read.
  await stepUntil(page, 'the analytics group commits', async () => ((await narration.textContent()) ?? '').includes('committed offsets for group "analytics"'), { maxSteps: 2_000, batch: 25 });
  await expect(narration).toContainText('analytics fetched');
  await expect(narration).toContainText('analytics processed orders-');
  await page.screenshot({ path: 'test-results/first-canvas-playing.png' });
  expect(problems).toEqual([]);
});

test('Restart returns to an empty log', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: 'First steps: keys, partitions and offsets' });
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.locator('.lane__cells > li')).toHaveCount(1);
  await page.getByRole('button', { name: 'Restart' }).click();
  await expect(page.locator('.lane__cells > li')).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Narration' }).getByRole('listitem')).toHaveCount(0);
});

test('is usable on a phone-sized screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: 'First steps: keys, partitions and offsets' });
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Narration' }).getByRole('listitem')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/first-canvas-phone.png', fullPage: true });
});

test('showing internal steps stops at the batch and the acknowledgement too', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: 'First steps: keys, partitions and offsets' });
  await page.getByRole('checkbox', { name: 'Show internal steps' }).check();
  const step = page.getByRole('button', { name: 'Step', exact: true });
  const narration = page.getByRole('list', { name: 'Narration' });
  await step.click();
  await expect(narration.getByRole('listitem').last()).toContainText('handed key');
  await step.click();
  await expect(narration.getByRole('listitem').last()).toContainText('sent a batch of 1 record');
  await expect(page.locator('.lane__cells > li')).toHaveCount(0); // still in flight
  await step.click();
  await expect(narration.getByRole('listitem').last()).toContainText('was appended');
  await expect(page.locator('.lane__cells > li')).toHaveCount(1);
  await step.click();
  await expect(narration.getByRole('listitem').last()).toContainText('acknowledged');
});
