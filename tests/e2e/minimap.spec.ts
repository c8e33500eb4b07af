import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support';

type Box = { x: number; y: number; width: number; height: number };

function overlaps(a: Box, b: Box): boolean {
  return Math.min(a.x + a.width, b.x + b.width) > Math.max(a.x, b.x) && Math.min(a.y + a.height, b.y + b.height) > Math.max(a.y, b.y);
}

/** The cards whose visible part (what the pane shows of them) shares pixels with the minimap. */
async function cardsUnder(page: Page, minimap: Locator): Promise<string[]> {
  const map = (await minimap.boundingBox())!;
  const pane = (await page.locator('.react-flow').first().boundingBox())!;
  const cards = await page.locator('.react-flow__node').evaluateAll((nodes) =>
    nodes.map((n) => {
      const r = n.getBoundingClientRect();
      return { id: n.getAttribute('data-id') ?? '?', box: { x: r.x, y: r.y, width: r.width, height: r.height } };
    }),
  );
  const visible = (b: Box): Box | null => {
    const x = Math.max(b.x, pane.x);
    const y = Math.max(b.y, pane.y);
    const width = Math.min(b.x + b.width, pane.x + pane.width) - x;
    const height = Math.min(b.y + b.height, pane.y + pane.height) - y;
    return width > 0 && height > 0 ? { x, y, width, height } : null;
  };
  return cards
    .filter((c) => {
      const shown = visible(c.box);
      return shown !== null && overlaps(shown, map);
    })
    .map((c) => c.id);
}

test('the minimap opens in a strip of its own: no card under it, fitted or panned', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./');
  const step = page.getByRole('button', { name: 'Step', exact: true });
  // Until the order service has written to every topic it writes to and every group has joined.
  for (
    let i = 0;
    i < 300 &&
    (await page
      .getByRole('group', { name: /^consumer / })
      .filter({ hasText: 'consuming' })
      .count()) < 6;
    i++
  )
    await step.click();
  const pane = page.locator('.react-flow').first();
  const paneBefore = (await pane.boundingBox())!;

  await page.getByRole('button', { name: 'Show minimap' }).click();
  const minimap = page.getByLabel('Minimap of the canvas');
  await expect(minimap).toBeVisible();
  // The pane gave up the room; the scene refitted into what is left.
  await expect.poll(async () => (await pane.boundingBox())!.width).toBeLessThan(paneBefore.width - 150);
  await expect.poll(() => cardsUnder(page, minimap)).toEqual([]);

  // Panned by hand so the scene slides right, towards the minimap: still nothing under it.
  const box = (await pane.boundingBox())!;
  await page.mouse.move(box.x + 40, box.y + box.height - 30);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width - 20, box.y + box.height - 30, { steps: 8 });
  await page.mouse.up();
  expect(await cardsUnder(page, minimap)).toEqual([]);

  // Closed, the pane has its width back.
  await page.getByRole('button', { name: 'Hide minimap' }).click();
  await expect(minimap).toHaveCount(0);
  await expect.poll(async () => Math.round((await pane.boundingBox())!.width)).toBe(Math.round(paneBefore.width));
});
