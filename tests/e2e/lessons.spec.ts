import type { Page } from '@playwright/test';
import { expect, test, watchConsole } from './support';

/** Each lesson: pick it, play to its first chapter, run its first experiment, see what follows. */
const LESSONS: { title: string; experiment: string; consequence: (page: Page) => Promise<void> }[] = [
  {
    title: 'Lesson: why Kafka (a call chain vs events)',
    experiment: 'Take notification down (both ways)',
    consequence: async (page) => {
      await expect(page.getByRole('group', { name: 'service notification-rest', exact: true })).toContainText('crashed');
      await expect(page.getByRole('list', { name: 'Narration' })).toContainText('timed out, so the whole request fails');
    },
  },
  {
    title: 'Lesson: keys and per-key order',
    experiment: 'Send without keys',
    consequence: async (page) => {
      await expect(page.getByRole('button', { name: /offset \d+, key none/ }).first()).toBeVisible();
    },
  },
  {
    title: 'Lesson: more consumers than partitions',
    experiment: 'Crash aggregator-1',
    consequence: async (page) => {
      await expect(page.getByRole('group', { name: 'consumer aggregator-1', exact: true })).toContainText('crashed');
      await expect(page.getByRole('list', { name: 'Narration' })).toContainText('aggregator-1 sent no heartbeat for 10 s (session.timeout.ms)', { timeout: 90_000 });
    },
  },
  {
    title: 'Lesson: exactly-once payments',
    experiment: 'Crash both chargers mid-work',
    consequence: async (page) => {
      await expect(page.getByRole('list', { name: 'Narration' })).toContainText('charger-eos crashed');
      await expect(page.getByRole('group', { name: 'producer charger-eos-p2', exact: true })).toBeVisible();
    },
  },
  {
    title: 'Lesson: compacted user profiles',
    experiment: 'Start a new cache from the beginning',
    consequence: async (page) => {
      await expect(page.getByRole('group', { name: 'consumer new-cache', exact: true })).toBeVisible();
    },
  },
  {
    title: 'Lesson: replay history to rebuild state',
    experiment: 'Start the recommendation engine',
    consequence: async (page) => {
      await expect(page.getByRole('group', { name: 'consumer recommender', exact: true })).toBeVisible();
      await expect(page.getByRole('region', { name: 'Orders per product' })).toContainText('recommender');
    },
  },
];

for (const lesson of LESSONS) {
  test(`${lesson.title}: its first experiment shows its point`, async ({ page }) => {
    // Played at top speed until the consequence shows: a loaded machine plays slower, so the waits are generous.
    test.setTimeout(120_000);
    const problems = watchConsole(page);
    await page.goto('./');
    await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: lesson.title });
    const step = page.getByRole('button', { name: 'Step', exact: true });
    for (let i = 0; i < 25; i++) await step.click();
    await page.getByRole('group', { name: 'Suggested experiments' }).getByRole('button', { name: lesson.experiment }).click();
    await page.getByRole('slider', { name: 'Speed' }).fill('8');
    await page.getByRole('button', { name: 'Play' }).click();
    await lesson.consequence(page);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    expect(problems).toEqual([]);
  });
}
