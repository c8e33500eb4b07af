/** Shared helpers for the Playwright specs. */
import type { Page } from '@playwright/test';

/** Collects console errors and uncaught exceptions in the page; tests assert the list stays empty. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}
