import { expect, test } from './support';

test('at 16x and faster the canvas drops the per-record animations while playing, and brings them back on pause', async ({ page }) => {
  await page.goto('./');
  const canvas = page.getByLabel('Simulation canvas');
  const speed = page.getByRole('slider', { name: 'Speed' });
  const step = page.getByRole('button', { name: 'Step', exact: true });
  // By hand, a step's records travel as dots.
  for (let i = 0; i < 40 && (await page.locator('.edge__dot').count()) === 0; i++) await step.click();
  await expect(page.locator('.edge__dot').first()).toBeAttached();

  await speed.fill((await speed.getAttribute('max')) ?? '8');
  await expect(speed).toHaveAttribute('aria-valuetext', '64x');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(canvas).toHaveClass(/canvas--rushing/);
  // Several steps later, still no dot drawn, and the run is moving.
  const clock = page.getByLabel('Simulated time');
  const before = await clock.innerText();
  await expect(clock).not.toHaveText(before);
  expect(await page.locator('.edge__dot').count()).toBe(0);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(canvas).not.toHaveClass(/canvas--rushing/);

  // At 8x the journeys are still drawn.
  await speed.fill('5');
  await expect(speed).toHaveAttribute('aria-valuetext', '8x');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(canvas).not.toHaveClass(/canvas--rushing/);
  await expect(page.locator('.edge__dot').first()).toBeAttached();
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
});
