import type { Page } from '@playwright/test';
import { expect, test, watchConsole } from './support';

/**
 * A busy partition's newest record is always on screen: older cells fold behind "…N earlier" or are cut
 * at the lane's left end, never the newest at its right end. Reached by condition: play until a lane of
 * the topic has folded records, then pause.
 */

test.setTimeout(120_000);

/** Plays until the topic holds more records than its lanes show (lanes fold them into "…N earlier"; tiles show only the newest). */
async function playUntilFolded(page: Page, topic: string): Promise<void> {
  await page.getByRole('slider', { name: 'Speed' }).fill('8');
  await page.getByRole('button', { name: 'Play' }).click();
  const card = page.getByRole('group', { name: `topic ${topic}`, exact: true });
  await expect(card.getByText(/…\d+ earlier/).or(card.getByText(/\b(1[2-9]|[2-9]\d|\d{3,}) records\b/)).first()).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
}

/** For every lane of the topic: the newest cell lies wholly inside the lane's track. */
async function newestCellsInside(page: Page, topic: string): Promise<{ lane: string; inside: boolean }[]> {
  return page.getByRole('group', { name: `topic ${topic}`, exact: true }).locator('.lane').evaluateAll((lanes) =>
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

for (const [scenario, topic] of [['Food ordering', 'orders'], ['Waitroom', 'QUEUE_JOINED']] as const) {
  test(`${scenario}: the newest record of every ${topic} partition stays visible once older ones fold`, async ({ page }) => {
    const problems = watchConsole(page);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('./');
    await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: scenario });
    await playUntilFolded(page, topic);
    const lanes = await newestCellsInside(page, topic);
    expect(lanes.length).toBeGreaterThan(0);
    expect(lanes.filter((l) => !l.inside)).toEqual([]);
    expect(problems).toEqual([]);
  });
}
