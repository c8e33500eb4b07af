/** Shared helpers for the Playwright specs: import `test` and `expect` from here, not from @playwright/test. */
import { expect, test as base, type Page } from '@playwright/test';

/** Collects console errors and uncaught exceptions in the page; tests assert the list stays empty. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

/**
 * Playwright's `test`, with every test failing if an error or uncaught exception reached the page's
 * console (issue 10: no uncaught error reaches the console in any e2e test), whether or not the test
 * also watches the console itself.
 */
export const test = base.extend<{ consoleGuard: string[] }>({
  consoleGuard: [
    async ({ page }, use) => {
      const problems = watchConsole(page);
      await use(problems);
      expect(problems, 'errors in the browser console').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
