import type { Locator, Page } from '@playwright/test';
import type { SimulationStore } from '../../src/ui/store/simulationStore';
import { grantClipboard, narrationHas, openAtFirst, seekUntil, type Condition } from './seek';
import { expect, test, watchConsole } from './support';

/**
 * What the learner sees while the only broker is down and after it restarts: no "-1" where a broker or a
 * leader is named, partition rows that say "no leader" without running into their "empty" text, and one
 * timeline mark for the outage and one for the recovery (not one per __consumer_offsets partition).
 * States are reached by seeking (seek.ts) to the first step where something holds, never by playing
 * against the clock.
 */

/** "-1" standing alone: the engine's "no leader". Not "orders-1" (a partition) nor "0–-1" (a range). */
const SENTINEL = /(?<![\w–-])-1(?!\d)/;

const narration = (page: Page) => page.getByRole('list', { name: 'Narration' });
const marks = (page: Page) => page.getByRole('list', { name: 'Marked events' }).getByRole('listitem');
const canvas = (page: Page) => page.locator('.react-flow');
/** The "no leader" badges of the partition rows on the canvas (a topic drawn as tiles says it once, over its tiles). */
const noLeader = (page: Page) => canvas(page).getByText('no leader', { exact: true });

/** Some record is in `topic` (any topic when none is named). */
function hasRecords(topic?: string): Condition {
  return {
    what: `a record in ${topic ?? 'any topic'}`,
    holds: (s) => Object.values(s.frame.state.topics).some((t) => (topic === undefined ? !t.isInternal : t.name === topic) && t.partitions.some((p) => p.log.records.length > 0)),
  };
}

/** More records appended than when the seek started (counted in the narration). */
function moreAppended(): Condition {
  const appended = (s: SimulationStore) => s.frame.narration.filter((l) => l.text.includes('was appended to')).length;
  let before: number | null = null;
  return {
    what: 'a record appended after the restart',
    holds: (s) => {
      before ??= appended(s);
      return appended(s) > before;
    },
  };
}

/** Every text the learner reads about the run: narration, canvas, timeline, consumer groups and the inspector. */
async function expectNoSentinel(page: Page): Promise<void> {
  const regions: [string, Locator][] = [
    ['narration', narration(page)],
    ['canvas', canvas(page)],
    ['timeline', page.getByRole('region', { name: 'Timeline' })],
    ['consumer groups', page.locator('.groups')],
    ['inspector', page.getByRole('region', { name: 'Inspector' })],
  ];
  for (const [name, region] of regions) {
    if ((await region.count()) === 0) continue;
    const text = await region.first().innerText();
    const hit = SENTINEL.exec(text);
    expect(hit === null ? null : text.slice(Math.max(0, hit.index - 80), hit.index + 40), `"-1" in the ${name}`).toBeNull();
  }
}

/** In every partition row without a leader, the "no leader" badge and the "empty" placeholder do not overlap. */
async function expectNoOverlap(page: Page): Promise<void> {
  const lanes = canvas(page).locator('.lane--no-leader');
  const count = await lanes.count();
  let checked = 0;
  for (let i = 0; i < count; i++) {
    const lane = lanes.nth(i);
    const empty = lane.getByText('empty', { exact: true });
    if ((await empty.count()) === 0) continue;
    const badge = await lane.getByText('no leader', { exact: true }).boundingBox();
    const box = await empty.boundingBox();
    expect(badge).not.toBeNull();
    expect(box).not.toBeNull();
    const overlaps = badge!.x < box!.x + box!.width && box!.x < badge!.x + badge!.width && badge!.y < box!.y + box!.height && box!.y < badge!.y + badge!.height;
    expect(overlaps, `${await lane.getAttribute('aria-label')}: "no leader" runs into "empty"`).toBe(false);
    checked++;
  }
  // Tiles (topics with many partitions) have no "empty" text: their topic names the leaderless partitions once.
  const tiles = await canvas(page).locator('.lane--tile.lane--no-leader').count();
  expect(checked + tiles, 'rows without a leader that are also empty, or leaderless tiles').toBeGreaterThan(0);
}

/**
 * Screenshots (1280x720): the page with the newest broker mark scrolled into view, the page zoomed in on a
 * topic node (the wheel zooms around the pointer), and the narration panel.
 */
async function screenshots(page: Page, name: string, topic: string, mark: RegExp): Promise<void> {
  await marks(page).filter({ hasText: mark }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `/tmp/outage-${name}.png` });
  const node = canvas(page).getByRole('group', { name: `topic ${topic}`, exact: true });
  const box = (await node.boundingBox())!;
  await page.mouse.move(box.x + box.width / 4, box.y + box.height / 4);
  for (let i = 0; i < 2; i++) await page.mouse.wheel(0, -200);
  await expect.poll(async () => (await node.boundingBox())!.width).toBeGreaterThan(box.width * 1.5);
  await page.screenshot({ path: `/tmp/outage-${name}-zoomed.png` });
  await page.getByRole('button', { name: /fit view/i }).click();
  await narration(page).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `/tmp/outage-${name}-narration.png` });
}

/** Stops the broker(s) with the scenario's suggested experiment, checks the outage, then starts them again. */
async function outageAndRecovery(page: Page, experiment: string, name: string, topic: string): Promise<void> {
  const button = page.getByRole('group', { name: 'Suggested experiments' }).getByRole('button', { name: experiment });
  await button.click();
  await expect(narration(page)).toContainText('Broker 1 crashed');
  await expect(marks(page).filter({ hasText: 'broker 1 crashed' })).toHaveCount(1);

  // The controller fences the broker after broker.session.timeout.ms: the partitions lose their leader.
  await seekUntil(page, narrationHas(/\d+ partitions have no leader \(/));
  await expect(noLeader(page).first()).toBeVisible();
  await expect(narration(page)).toContainText(/\d+ partitions have no leader \(/);
  await expect(canvas(page)).not.toContainText(/offline/i);
  await expectNoOverlap(page);
  await expect(marks(page).filter({ hasText: /^\d+: broker 1 down: \d+ partitions without a leader$/ })).toHaveCount(1);
  await expect(marks(page).filter({ hasText: /offline|__consumer_offsets|has no leader/ })).toHaveCount(0);
  await expectNoSentinel(page);
  // The inspector of a partition without a leader says so in words too.
  await canvas(page)
    .getByRole('button', { name: `Inspect partition ${topic}-0` })
    .click();
  await expect(page.getByRole('region', { name: 'Inspector' }).getByLabel('kcat -L')).toContainText('leader none');
  await expectNoSentinel(page);
  await screenshots(page, `${name}-down`, topic, /broker 1 down: /);

  // The same button starts the broker(s) again: every partition gets its leader back at once.
  await button.click();
  await expect(narration(page)).toContainText('Broker 1 is back');
  await expect(noLeader(page)).toHaveCount(0);
  await expect(marks(page).filter({ hasText: /^\d+: broker 1 back: leaders elected for \d+ partitions$/ })).toHaveCount(1);
  await expect(marks(page).filter({ hasText: /broker 1 down: / })).toHaveCount(1);
  await expect(marks(page).filter({ hasText: /offline|__consumer_offsets|has no leader|leader -1/ })).toHaveCount(0);
  await expect(narration(page)).toContainText(/have a coordinator again: broker 1/);
  // After the restart, records flow again; still no "-1" anywhere.
  await seekUntil(page, moreAppended());
  await expect(
    narration(page)
      .getByText(/was appended to/)
      .last(),
  ).toBeVisible();
  await expectNoSentinel(page);
  await expect(marks(page).filter({ hasText: /broker 1 back: / })).toHaveCount(1);
  await screenshots(page, `${name}-back`, topic, /broker 1 back: /);
}

test('food ordering: stop the broker; partitions say "no leader" (never "-1"), one mark down and one back', async ({ page }) => {
  const problems = watchConsole(page);
  await grantClipboard(page);
  // On until the first order is in the orders topic.
  await openAtFirst(page, 'food-ordering', hasRecords('orders'));
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('food-ordering');
  await expect(canvas(page).getByRole('group', { name: 'topic orders', exact: true }).locator('.cell').first()).toBeVisible();
  await outageAndRecovery(page, 'Stop the broker', 'food-ordering', 'orders');
  expect(problems).toEqual([]);
});

test('waitroom: stop every broker; ten-partition rows say "no leader" clearly, one mark down and one back', async ({ page }) => {
  const problems = watchConsole(page);
  await grantClipboard(page);
  await openAtFirst(page, 'waitroom', hasRecords());
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('waitroom');
  await expect(canvas(page).locator('.cell').first()).toBeVisible();
  await outageAndRecovery(page, 'Stop every broker', 'waitroom', 'QUEUE_READY');
  expect(problems).toEqual([]);
});
