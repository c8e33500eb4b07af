/**
 * The chrome around the canvas (issue 17, point 6): a one-row header on a laptop, a timeline that
 * follows the run, the newest narration line in view on a phone, topics named in the groups panel.
 * Every state is reached by clicking Step until a condition holds, never by waiting for time.
 */
import type { Locator, Page } from '@playwright/test';
import lz from 'lz-string';
import { foodOrdering } from '../../src/scenarios/foodOrdering/foodOrdering';
import { grantClipboard, openAtFirst, stepUntil } from './seek';
import { expect, test } from './support';

const FOOD_ORDERING = 'Food ordering';
const CONSUMER_GROUPS = 'Consumer groups: crash an instance, watch the rebalance';

async function open(page: Page, scenario: string): Promise<void> {
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: scenario });
  await expect(page.getByLabel('Simulated time')).toContainText('Step 0 ');
}

const stepButton = (page: Page) => page.getByRole('button', { name: 'Step', exact: true });

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (b === null) throw new Error(`${locator.toString()} is not laid out`);
  return b;
}

/** Every control of the header, found as the other specs and a screen reader find them. */
function headerControls(page: Page): [string, Locator][] {
  return [
    ['title', page.getByRole('heading', { name: 'Kafka Sim' })],
    ['scenario', page.getByRole('combobox', { name: 'Scenario' })],
    ['play', page.getByRole('button', { name: /^(Play|Pause)$/ })],
    ['step back', page.getByRole('button', { name: 'Step back' })],
    ['step', stepButton(page)],
    ['restart', page.getByRole('button', { name: 'Restart' })],
    ['speed', page.getByRole('slider', { name: 'Speed' })],
    ['internal steps', page.getByRole('checkbox', { name: 'Show internal steps' })],
    ['clock', page.getByLabel('Simulated time')],
    ['copy link', page.getByRole('button', { name: 'Copy link' })],
    ['open run file', page.getByRole('button', { name: 'Open run file' })],
    ['help', page.getByRole('button', { name: 'Help' })],
    ['dark theme', page.getByRole('button', { name: 'Dark theme' })],
  ];
}

/** The header is one row: under 70 px tall, and every control's middle within a few pixels of the title's. */
async function expectOneRow(page: Page): Promise<void> {
  const header = await box(page.getByRole('banner'));
  expect(header.height, 'header height').toBeLessThan(70);
  const middles: [string, number][] = [];
  for (const [name, control] of headerControls(page)) {
    const b = await box(control);
    middles.push([name, Math.round(b.y + b.height / 2)]);
  }
  const row = middles[0]![1];
  for (const [name, middle] of middles) expect(Math.abs(middle - row), `${name} is on the title's row (middle at ${middle} px, title at ${row} px)`).toBeLessThanOrEqual(4);
}

for (const [width, height] of [
  [1280, 720],
  [1920, 1080],
] as const) {
  test(`at ${width}x${height} the header is one row, stepping, playing and paused`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await open(page, FOOD_ORDERING);
    await expectOneRow(page);
    // A longer clock ("Step 40 · t = 2.5 s") and Pause in place of Play keep to the row.
    for (let i = 0; i < 40; i++) await stepButton(page).click();
    await expect(page.getByLabel('Simulated time')).toContainText('Step 40 ');
    await expectOneRow(page);
    await page.getByRole('button', { name: 'Play' }).click();
    await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
    await expectOneRow(page);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.screenshot({ path: `test-results/chrome-header-${width}.png` });
  });
}

test('at 1280x720 the header stays one row with a run 100,000 steps in (a six-digit step and a four-digit clock)', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  // Food ordering at UI step 100,000: 341,588 engine events with notification-2 crashed at event 120.
  const payload = { v: 2, sc: foodOrdering.id, sv: foodOrdering.version, seed: foodOrdering.seed, st: 341_588, s: [120], c: [['crashConsumer', { consumer: 'notification-2' }]] };
  await page.goto(`./#run=${lz.compressToEncodedURIComponent(JSON.stringify(payload))}`);
  await expect(page.getByLabel('Simulated time')).toContainText('Step 100000 ', { timeout: 60_000 });
  await expectOneRow(page);
  await page.screenshot({ path: 'test-results/chrome-header-1280-far.png' });
});

test('the timeline follows the run: the newest mark is in view, and the scrubber takes most of the row', async ({ page }) => {
  await open(page, FOOD_ORDERING);
  const timeline = page.getByRole('region', { name: 'Timeline' });
  const strip = timeline.getByRole('list', { name: 'Marked events' });
  const marks = strip.getByRole('button');
  const isOverflowing = () => strip.evaluate((list) => list.scrollWidth > list.clientWidth + 1);
  const expectNewestInView = async () => {
    const inside = async () => {
      const [s, m] = [await box(strip), await box(marks.last())];
      return m.x >= s.x - 1 && m.x + m.width <= s.x + s.width + 1;
    };
    await expect.poll(inside, { message: 'the newest mark lies within the strip' }).toBe(true);
  };

  // Enough marks that they no longer all fit, so the strip has to choose which are in view.
  await stepUntil(page, 'the marks overflow the strip', async () => (await marks.count()) > 0 && (await isOverflowing()));
  await expectNewestInView();
  // And it keeps following: the next mark comes into view too.
  const count = await marks.count();
  const newest = await marks.last().innerText();
  await stepUntil(page, 'a further mark', async () => (await marks.count()) > count || (await marks.last().innerText()) !== newest);
  await expectNewestInView();

  const [range, row] = [await box(timeline.getByRole('slider', { name: 'Seek' })), await box(timeline)];
  expect(range.width, `the scrubber (${range.width} px) takes most of the timeline (${row.width} px)`).toBeGreaterThan(row.width / 2);
});

test('on a 390x844 phone the newest narration line is in view after each step, and the controls take at most a third of the screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, FOOD_ORDERING);
  const lines = page.getByRole('list', { name: 'Narration' }).getByRole('listitem');
  const clock = page.getByLabel('Simulated time');
  for (let i = 1; i <= 8; i++) {
    await stepButton(page).click();
    await expect(clock).toContainText(`Step ${i} `);
    await expect(lines.last()).toBeInViewport({ ratio: 1 });
  }
  expect(await page.evaluate(() => window.scrollY), 'the page did not scroll').toBe(0);
  const newest = await box(lines.last());
  expect(newest.y).toBeGreaterThanOrEqual(0);
  expect(newest.y + newest.height).toBeLessThanOrEqual(844);

  const [header, timeline] = [await box(page.getByRole('banner')), await box(page.getByRole('region', { name: 'Timeline' }))];
  const controlsHeight = timeline.y + timeline.height - header.y;
  expect(controlsHeight, 'header and timeline height').toBeLessThanOrEqual(844 / 3);

  // Scrolled down to the panels, Step is still at hand and its line still in view.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  await expect(stepButton(page)).toBeInViewport({ ratio: 1 });
  await stepButton(page).click();
  await expect(clock).toContainText('Step 9 ');
  await expect(lines.last()).toBeInViewport({ ratio: 1 });
  await page.screenshot({ path: 'test-results/chrome-phone.png' });
});

test("on a phone a long narration line scrolls inside the folded sheet, which leaves the story's experiments at hand", async ({ page }) => {
  await grantClipboard(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await openAtFirst(page, 'food-ordering', {
    what: 'a narration line of 400+ characters',
    holds: (s) => (s.frame.narration.at(-1)?.text.length ?? 0) > 400 && (s.frame.scenario.experiments ?? []).some((x) => x.commands(s.frame.state).length > 0),
  });
  const sheet = await box(page.locator('.sheet'));
  expect(sheet.height, 'folded sheet height').toBeLessThanOrEqual(844 * 0.3);
  const offered = page.getByRole('group', { name: 'Suggested experiments' }).getByRole('button').and(page.locator(':enabled')).first();
  await offered.click();
  await expect(page.getByRole('list', { name: 'Narration' }).getByRole('listitem').last()).toBeVisible();
});

test('the consumer groups panel names each topic beside its partitions', async ({ page }) => {
  await open(page, CONSUMER_GROUPS);
  const assignments = page.locator('.groups').getByRole('list', { name: 'Members' }).locator('.group__assignment');
  await stepUntil(page, 'a member owns partitions', async () => (await assignments.allInnerTexts()).some((text) => text !== 'no partitions'));
  await expect(assignments.first()).toContainText(/CHECKOUT_COMPLETED P\d/);
  // No bare "P0, P1": every assignment starts with a topic's name (or owns nothing).
  for (const text of await assignments.allInnerTexts()) expect(text).toMatch(/^(no partitions|[A-Za-z_][\w.-]* P\d.*)$/);
});
