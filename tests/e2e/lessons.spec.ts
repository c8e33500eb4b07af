import type { Locator, Page } from '@playwright/test';
import { stepUntil } from './seek';
import { expect, test, watchConsole } from './support';

/** Something the page must show: a locator that is there, holding `text` when given. */
type Shown = { at: (page: Page) => Locator; text?: string };

const narration = (page: Page) => page.getByRole('list', { name: 'Narration' });
const group = (name: string) => (page: Page) => page.getByRole('group', { name, exact: true });

/** Each lesson: pick it, step into it, run its first experiment, step on until its consequences show. */
const LESSONS: { title: string; experiment: string; consequences: Shown[] }[] = [
  {
    title: 'Lesson: why Kafka (a call chain vs events)',
    experiment: 'Take notification down (all three ways)',
    consequences: [
      { at: group('service notification-rest'), text: 'crashed' },
      { at: narration, text: 'timed out, so the whole request fails' },
    ],
  },
  {
    title: 'Lesson: keys and per-key order',
    experiment: 'Send without keys',
    consequences: [{ at: (page) => page.getByRole('button', { name: /offset \d+, key none/ }).first() }],
  },
  {
    title: 'Lesson: more consumers than partitions',
    experiment: 'Crash aggregator-1',
    consequences: [
      { at: group('consumer aggregator-1'), text: 'crashed' },
      { at: narration, text: 'aggregator-1 sent no heartbeat for 10 s (session.timeout.ms)' },
    ],
  },
  {
    title: 'Lesson: exactly-once payments',
    experiment: 'Crash both chargers mid-work',
    consequences: [{ at: narration, text: 'charger-eos crashed' }, { at: group('producer charger-eos-p2') }],
  },
  {
    title: 'Lesson: compacted user profiles',
    experiment: 'Start a new cache from the beginning',
    consequences: [{ at: group('consumer new-cache') }],
  },
  {
    title: 'Lesson: replay history to rebuild state',
    experiment: 'Start the recommendation engine',
    consequences: [{ at: group('consumer recommender') }, { at: (page) => page.getByRole('region', { name: 'Orders per product' }), text: 'recommender' }],
  },
];

for (const lesson of LESSONS) {
  test(`${lesson.title}: its first experiment shows its point`, async ({ page }) => {
    const problems = watchConsole(page);
    await page.goto('./');
    await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: lesson.title });
    const step = page.getByRole('button', { name: 'Step', exact: true });
    for (let i = 0; i < 25; i++) await step.click();
    // Some experiments are offered only at moments they pay off (mid-work): on until this one is.
    const experiment = page.getByRole('group', { name: 'Suggested experiments' }).getByRole('button', { name: lesson.experiment });
    await stepUntil(page, `${lesson.experiment} is offered`, () => experiment.isEnabled(), { maxSteps: 300 });
    await experiment.click();
    // Stepped on (never played against the clock) until each consequence shows, in order.
    const isShown = async ({ at, text }: Shown) => (await at(page).count()) > 0 && (text === undefined || ((await at(page).first().textContent()) ?? '').includes(text));
    for (const shown of lesson.consequences) {
      const { at, text } = shown;
      await stepUntil(page, `${lesson.experiment}: ${text ?? at(page).toString()}`, () => isShown(shown), { maxSteps: 2_000, batch: 10 });
      if (text === undefined) await expect(at(page).first()).toBeVisible();
      else await expect(at(page).first()).toContainText(text);
    }
    expect(problems).toEqual([]);
  });
}
