import { expect, test, watchConsole } from './support';

test('the dark theme switches the colours and survives a reload', async ({ page }) => {
  const problems = watchConsole(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('./');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'light');
  const background = () => page.evaluate(() => getComputedStyle(document.querySelector('.app__side')!).backgroundColor);
  const light = await background();
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  expect(await background()).not.toBe(light);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: 'test-results/dark.png' });
  expect(problems).toEqual([]);
});

test('? opens the keyboard shortcuts, Escape closes them; the Help button opens them too', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('./');
  await page.locator('body').press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('step back');
  // While it is open the shortcuts do not drive the simulation.
  await page.keyboard.press('ArrowRight');
  await expect(page.getByLabel('Simulated time')).toContainText('Step 0');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Help' }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  expect(problems).toEqual([]);
});

test('on a 390x844 phone nothing overflows sideways and the panels fold', async ({ page }) => {
  const problems = watchConsole(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('./');
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  const groups = page.locator('summary', { hasText: 'Consumer groups' });
  await expect(groups).toBeVisible();
  await groups.click();
  await expect(page.getByRole('heading', { name: 'Consumer groups' })).toBeVisible();
  await page.screenshot({ path: 'test-results/phone.png', fullPage: true });
  expect(problems).toEqual([]);
});
