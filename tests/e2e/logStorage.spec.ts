import { VISIBLE_CELLS_PER_LANE } from '../../src/ui/canvas/toFlowElements';
import type { SimulationStore } from '../../src/ui/store/simulationStore';
import { narrationHas, openAtFirst } from './seek';
import { expect, test, watchConsole } from './support';

test('retention deletes whole segments and the cleaner compacts, both visible in the lanes and the narration', async ({ page }) => {
  const problems = watchConsole(page);
  // Seek (not play) to the first step where the narration has told both and the lane's newest cells hold
  // ben's tombstone beside a gap the cleaner left: playing and pausing by hand lands a variable number
  // of steps later, when the tombstone may be cleaned away or the gaps scrolled out of the lane.
  const cleaned = narrationHas('The log cleaner compacted user-profile-0');
  const retained = narrationHas(/Retention deleted \d+ whole segments? of page-views-0/);
  const laneShows = (st: SimulationStore) => {
    const shown = st.frame.state.topics['user-profile']!.partitions[0]!.log.records.slice(-VISIBLE_CELLS_PER_LANE);
    const hasTombstone = shown.some((r) => r.key === 'ben' && r.value === null);
    return hasTombstone && shown.some((r, i) => i > 0 && r.offset !== shown[i - 1]!.offset + 1);
  };
  await openAtFirst(page, 'log-storage', { what: `${cleaned.what}, ${retained.what}, and ben's tombstone beside a gap`, holds: (st) => cleaned.holds(st) && retained.holds(st) && laneShows(st) });
  const narration = page.getByRole('list', { name: 'Narration' });
  await expect(narration).toContainText('The log cleaner compacted user-profile-0');
  await expect(narration).toContainText(/Retention deleted \d+ whole segments? of page-views-0/);

  // page-views: the log start offset moved to a segment boundary.
  const views = page.getByRole('group', { name: 'Partition 0 of page-views' });
  await expect(views).toContainText(/start \d+/);
  await expect(views).toContainText(/\d+ segments/);
  // user-profile: ben's tombstone is a cell of its own, and compaction left gaps in the offsets.
  const profile = page.getByRole('list', { name: 'Records in user-profile-0' });
  await expect(profile.getByLabel(/key ben, tombstone/)).toHaveCount(1);
  const offsets = await profile.locator('li').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-offset'))));
  expect(offsets.some((o, i) => i > 0 && o !== offsets[i - 1]! + 1)).toBe(true);
  await page.screenshot({ path: 'test-results/log-storage.png' });
  expect(problems).toEqual([]);
});
