import type { Locator, Page } from '@playwright/test';
import { shareConsumerRows } from '../../src/engine';
import type { SimulationStore } from '../../src/ui/store/simulationStore';
import { chapterOpened, grantClipboard, narrationHas, openAtFirst, seekUntil, stepUntil, type Condition } from './seek';
import { expect, test, watchConsole } from './support';

/**
 * "Waitroom with a share group" (KIP-932): waitroom-1..3 read the thirty CHECKOUT partitions in share group
 * waitroom-service. States are reached by condition (seek.ts), never by playing against the clock.
 */

const SCENARIO = 'waitroom-share';
const GROUP = 'waitroom-service';
const CHAPTER = 'A share group: records, not partitions';
const INSTANCES = ['waitroom-1', 'waitroom-2', 'waitroom-3'];

const narration = (page: Page) => page.getByRole('list', { name: 'Narration' });
const story = (page: Page) => page.getByRole('region', { name: 'Story' });
const experiment = (page: Page, label: string) => page.getByRole('group', { name: 'Suggested experiments' }).getByRole('button', { name: label, exact: true });
const card = (page: Page, id: string) => page.getByRole('group', { name: `share consumer ${id}`, exact: true });
const canvas = (page: Page) => page.locator('.react-flow');
const inspector = (page: Page) => page.getByRole('region', { name: 'Inspector' });

/** Every running share consumer has caught up with the group's epoch (it has the coordinator's latest target). */
const caughtUp: Condition = {
  what: `every running member of share group ${GROUP} is at the group epoch`,
  holds: (s: SimulationStore) => {
    const group = s.frame.state.shareGroups[GROUP];
    const running = Object.values(s.frame.state.shareConsumers).filter((c) => c.status === 'running');
    return group !== undefined && running.length > 0 && running.every((c) => c.memberEpoch > 0 && c.memberEpoch === group.groupEpoch);
  },
};

/** `id` holds (has acquired and not acknowledged) at least one record. */
const holdsRecords = (id: string): Condition => ({
  what: `${id} holds a record`,
  holds: (s) => shareConsumerRows(s.frame.state, id).some((r) => r.held > 0),
});

const both = (a: Condition, b: Condition): Condition => ({ what: `${a.what} and ${b.what}`, holds: (s) => a.holds(s) && b.holds(s) });

/** The partitions the Inspector lists for share consumer `id` ("CHECKOUT_COMPLETED-3", ...), opened from its card's menu. */
async function inspectedPartitions(page: Page, id: string): Promise<string[]> {
  // By keyboard: selecting a card redraws it (and moves its neighbours), which a pointer could miss mid-move.
  await card(page, id)
    .getByRole('button', { name: `Actions for consumer ${id}` })
    .press('Enter');
  await page
    .getByRole('menu', { name: `Actions for consumer ${id}` })
    .getByRole('menuitem', { name: 'Inspect' })
    .press('Enter');
  await expect(inspector(page).getByRole('heading', { name: `share consumer ${id}`, exact: true })).toBeVisible();
  const table = inspector(page).getByRole('table', { name: /^Assigned partitions/ });
  const rows = table.getByRole('row').filter({ has: page.getByRole('cell') });
  const partitions = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('td')?.textContent ?? ''));
  return partitions.filter((p) => p !== 'none');
}

/** The card shows the share group and, unless it is down, a member epoch. */
async function expectShareCard(locator: Locator): Promise<void> {
  await expect(locator).toContainText(`share group ${GROUP}`);
  await expect(locator).toContainText(/member epoch [1-9]\d*/);
}

test('share group: the waitroom opens from the picker, and at "A share group" three cards split the 30 partitions', async ({ page }) => {
  const problems = watchConsole(page);
  await grantClipboard(page);
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: 'Waitroom with a share group' });
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue(SCENARIO);
  for (const id of INSTANCES) await expect(card(page, id)).toContainText(`share group ${GROUP}`);

  // By link, at the chapter; then on until every member has the coordinator's target for the group epoch.
  await openAtFirst(page, SCENARIO, chapterOpened(CHAPTER));
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue(SCENARIO);
  await expect(story(page)).toContainText(CHAPTER);
  await seekUntil(page, caughtUp);
  await expect(narration(page)).toContainText(`joined share group "${GROUP}"`);
  const all: string[] = [];
  for (const id of INSTANCES) {
    await expectShareCard(card(page, id));
    const partitions = await inspectedPartitions(page, id);
    expect(partitions.length, `${id}'s partitions`).toBeGreaterThan(0);
    all.push(...partitions);
  }
  // Thirty partitions, each worked on by exactly one member (no more members than partitions).
  expect(all).toHaveLength(30);
  expect(new Set(all).size).toBe(30);
  expect(problems).toEqual([]);
});

test('share group: crash waitroom-2; its held records come back at once, its partitions go to the others after the session timeout', async ({ page }) => {
  const problems = watchConsole(page);
  await grantClipboard(page);
  // At a moment waitroom-2 holds a record, so the crash has something to hand back.
  await openAtFirst(page, SCENARIO, both(both(chapterOpened(CHAPTER), caughtUp), holdsRecords('waitroom-2')));
  await experiment(page, 'Crash waitroom-2').click();
  const waitroom2 = card(page, 'waitroom-2');
  await expect(waitroom2).toContainText('crashed');
  const released = "came back because waitroom-2's share session ended";
  await stepUntil(page, `the narration says ${released}`, async () => (await narration(page).innerText()).includes(released), { maxSteps: 20 });
  await expect(narration(page)).toContainText(released);
  await expect(waitroom2).toContainText('crashed');
  await expect(waitroom2).toContainText('The group still counts it as a member');
  await page.screenshot({ path: '/tmp/share-group-crash.png' });

  // On until the coordinator fences it (group.share.session.timeout.ms), then until the others have its partitions.
  const removed = `Share group "${GROUP}" removed waitroom-2: no heartbeat for group.share.session.timeout.ms (45 s)`;
  await seekUntil(page, narrationHas(removed));
  await expect(narration(page)).toContainText(removed);
  await seekUntil(page, caughtUp);
  await expect(waitroom2).not.toContainText('The group still counts it as a member');
  const survivors: string[] = [];
  for (const id of ['waitroom-1', 'waitroom-3']) {
    await expectShareCard(card(page, id));
    const partitions = await inspectedPartitions(page, id);
    expect(partitions, `${id}'s partitions`).toHaveLength(15);
    survivors.push(...partitions);
  }
  expect(new Set(survivors).size).toBe(30);
  expect(await inspectedPartitions(page, 'waitroom-2')).toEqual([]);
  // The record waitroom-2 held goes out again, to its new owner, as a second delivery.
  await seekUntil(page, narrationHas(/acquired \d+ records? of CHECKOUT_\w+-\d+ \([^)]*delivery 2\)/));
  const secondDelivery = page.getByRole('button', { name: /, share group: ACQUIRED, delivery 2/ });
  const redelivered = canvas(page).getByRole('listitem').filter({ has: secondDelivery });
  await expect(redelivered).toHaveCount(1);
  await expect(redelivered).toHaveClass(/cell--share-acquired/);
  await expect(redelivered).toContainText('×2');
  await page.screenshot({ path: '/tmp/share-group-after-removal.png' });
  expect(problems).toEqual([]);
});

test('share group: add a waitroom instance; waitroom-4 joins with a member epoch and partitions', async ({ page }) => {
  const problems = watchConsole(page);
  await grantClipboard(page);
  await openAtFirst(page, SCENARIO, both(chapterOpened(CHAPTER), caughtUp));
  await experiment(page, 'Add a waitroom instance').click();
  const waitroom4 = card(page, 'waitroom-4');
  await expect(waitroom4).toBeVisible();
  await expect(waitroom4).toContainText(`share group ${GROUP}`);
  // A card without partitions says "no partitions"; stepping, as a learner would, until it has an epoch and work.
  const hasWork = async () => {
    const text = await waitroom4.innerText();
    return /member epoch [1-9]/.test(text) && !text.includes('no partitions');
  };
  await stepUntil(page, 'waitroom-4 has a member epoch and partitions', hasWork, { maxSteps: 100 });
  await expectShareCard(waitroom4);
  expect((await inspectedPartitions(page, 'waitroom-4')).length).toBeGreaterThan(0);
  await expect(narration(page)).toContainText(`waitroom-4 joined share group "${GROUP}"`);
  await page.screenshot({ path: '/tmp/share-group-waitroom-4.png' });
  expect(problems).toEqual([]);
});

test('share group: on a phone (390x844) the share consumer cards are readable', async ({ page }) => {
  const problems = watchConsole(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await openAtFirst(page, SCENARIO, both(chapterOpened(CHAPTER), caughtUp));
  const first = card(page, 'waitroom-1');
  await first.scrollIntoViewIfNeeded();
  await expect(first).toBeVisible();
  await expect(first).toContainText(`share group ${GROUP}`);
  await expect(first).toContainText(/member epoch [1-9]/);
  // The whole card fits across the phone's width.
  const box = (await first.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: '/tmp/share-group-phone.png' });
  expect(problems).toEqual([]);
});
