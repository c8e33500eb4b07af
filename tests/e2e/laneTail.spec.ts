import type { Page } from '@playwright/test';
import { VISIBLE_CELLS_PER_LANE } from '../../src/ui/canvas/toFlowElements';
import { openAtFirst } from './seek';
import { expect, test, watchConsole } from './support';

/**
 * A busy partition's newest record is always on screen: older cells fold behind "…N earlier" or are cut
 * at the lane's left end, never the newest at its right end. Reached by seeking (seek.ts) to the first
 * step where a partition of the topic holds more records than a lane shows.
 */

/** Opens the scenario where a partition of `topic` holds more records than its lane shows, so older ones fold. */
async function openFolded(page: Page, scenarioId: string, topic: string): Promise<void> {
  await openAtFirst(page, scenarioId, {
    what: `a partition of ${topic} holds more than ${VISIBLE_CELLS_PER_LANE} records`,
    holds: (s) => s.frame.state.topics[topic]!.partitions.some((p) => p.log.records.length > VISIBLE_CELLS_PER_LANE),
  });
  const card = page.getByRole('group', { name: `topic ${topic}`, exact: true });
  await expect(
    card
      .getByText(/…\d+ earlier/)
      .or(card.getByText(/\b(1[1-9]|[2-9]\d|\d{3,}) records\b/))
      .first(),
  ).toBeVisible();
}

/** For every lane of the topic: the newest cell lies wholly inside the lane's track. */
async function newestCellsInside(page: Page, topic: string): Promise<{ lane: string; inside: boolean }[]> {
  return page
    .getByRole('group', { name: `topic ${topic}`, exact: true })
    .locator('.lane')
    .evaluateAll((lanes) =>
      lanes.flatMap((lane) => {
        const cells = lane.querySelectorAll('.cell');
        const newest = cells[cells.length - 1];
        if (newest === undefined) return [];
        const track = lane.querySelector('.lane__track')!.getBoundingClientRect();
        const box = newest.getBoundingClientRect();
        return [{ lane: lane.getAttribute('aria-label') ?? '?', inside: box.left >= track.left - 0.5 && box.right <= track.right + 0.5 }];
      }),
    );
}

for (const [scenario, scenarioId, topic] of [
  ['Food ordering', 'food-ordering', 'orders'],
  ['Waitroom', 'waitroom', 'QUEUE_JOINED'],
] as const) {
  test(`${scenario}: the newest record of every ${topic} partition stays visible once older ones fold`, async ({ page }) => {
    const problems = watchConsole(page);
    await page.setViewportSize({ width: 1280, height: 720 });
    await openFolded(page, scenarioId, topic);
    await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue(scenarioId);
    const lanes = await newestCellsInside(page, topic);
    expect(lanes.length).toBeGreaterThan(0);
    expect(lanes.filter((l) => !l.inside)).toEqual([]);
    expect(problems).toEqual([]);
  });
}
