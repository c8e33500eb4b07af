import { expect, test, watchConsole } from './support';


test('retention deletes whole segments and the cleaner compacts, both visible in the lanes and the narration', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: 'Retention and compaction: what Kafka really deletes' });
  // Top speed, and a generous wait: the state is reached by condition, and a loaded machine plays slower.
  const speed = page.getByRole('slider', { name: 'Speed' });
  await speed.fill((await speed.getAttribute('max')) ?? '8');
  await page.getByRole('button', { name: 'Play' }).click();
  const narration = page.getByRole('list', { name: 'Narration' });
  await expect(narration).toContainText('The log cleaner compacted user-profile-0', { timeout: 120_000 });
  await expect(narration).toContainText(/Retention deleted \d+ whole segments? of page-views-0/, { timeout: 120_000 });
  await page.getByRole('button', { name: 'Pause' }).click();

  // page-views: the log start offset moved to a segment boundary.
  const views = page.getByRole('group', { name: 'Partition 0 of page-views' });
  await expect(views).toContainText(/start \d+/);
  await expect(views).toContainText(/\d+ segments/);
  // user-profile: ben's tombstone is a cell of its own, and compaction left gaps in the offsets.
  const profile = page.getByRole('list', { name: 'Records in user-profile-0' });
  await expect(profile.getByLabel(/key ben, tombstone/)).toHaveCount(1);
  const offsets = (await profile.locator('li').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-offset')))));
  expect(offsets.some((o, i) => i > 0 && o !== offsets[i - 1]! + 1)).toBe(true);
  await page.screenshot({ path: 'test-results/log-storage.png' });
  expect(problems).toEqual([]);
});
