import type { Locator, Page } from '@playwright/test';
import { stepUntil } from './seek';
import { expect, test } from './support';

/**
 * Lesson "why Kafka": the synchronous call chain is drawn as what it is. The REST services are HTTP
 * service cards (no group, no lag, never "consuming") and their calls are call edges with the request
 * and the outcome a call gets; with notification-rest down its call times out and orders fail.
 */

const LESSON = 'Lesson: why Kafka (a call chain vs events)';
const SERVICES = ['order-service-rest', 'fraud-rest', 'notification-rest'];

function call(page: Page, request: string, to: string, outcome: string): Locator {
  return page.getByRole('group', { name: `call ${request} from order-service-rest to ${to}: ${outcome}`, exact: true });
}

test('the call chain: HTTP service cards and call edges; notification-rest down makes its call time out', async ({ page }, testInfo) => {
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: LESSON });
  const orderService = page.getByRole('group', { name: 'service order-service-rest', exact: true });
  const notification = page.getByRole('group', { name: 'consumer notification', exact: true });
  // Until orders have gone both ways: the call chain answered one, and the Kafka consumer reads.
  await stepUntil(
    page,
    'an order answered by the call chain and the consumer reading',
    async () => /[1-9]\d* answered/.test(await orderService.innerText()) && (await notification.innerText()).includes('consuming'),
  );

  for (const id of SERVICES) {
    const card = page.getByRole('group', { name: `service ${id}`, exact: true });
    await expect(card).toContainText('HTTP service');
    await expect(card).toContainText('up');
    await expect(card).not.toContainText('consuming');
    await expect(card).not.toContainText('lag');
  }
  // The Kafka side is still a consumer, with its group and lag.
  await expect(notification).toContainText('group notification');
  await expect(notification).toContainText('lag');
  await expect(orderService).toContainText('0 failed');

  const check = call(page, 'POST /check', 'fraud-rest', '200 OK');
  await expect(check).toBeVisible();
  await expect(check).toContainText('POST /check');
  await expect(check).toContainText('200 OK');
  await expect(call(page, 'POST /notify', 'notification-rest', '200 OK')).toContainText('POST /notify');

  await page.getByRole('button', { name: 'Crash consumer notification-rest', exact: true }).click();
  const notificationRest = page.getByRole('group', { name: 'service notification-rest', exact: true });
  await expect(notificationRest).toContainText('crashed');
  await expect(notificationRest).toContainText('calls to it time out');
  const timedOut = call(page, 'POST /notify', 'notification-rest', 'timeout');
  await expect(timedOut).toContainText('timeout');
  // fraud-rest is called first and still answers: the order fails at the second call.
  await expect(call(page, 'POST /check', 'fraud-rest', '200 OK')).toBeVisible();
  await stepUntil(page, 'a request failed', async () => /[1-9]\d* failed/.test(await orderService.innerText()));
  await expect(page.getByRole('list', { name: 'Narration' })).toContainText('POST to notification-rest timed out');
  await page.screenshot({ path: testInfo.outputPath('why-kafka-timeout.png') });

  await notificationRest.getByRole('button', { name: 'Start again consumer notification-rest', exact: true }).click();
  await expect(call(page, 'POST /notify', 'notification-rest', '200 OK')).toBeVisible();
});

test('the ⋯ menu of a service offers Crash, and crashing fraud-rest stops the second call', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: LESSON });
  const orderService = page.getByRole('group', { name: 'service order-service-rest', exact: true });
  await stepUntil(page, 'a request answered', async () => /[1-9]\d* answered/.test(await orderService.innerText()));
  await page.getByRole('button', { name: 'Actions for service fraud-rest', exact: true }).click();
  await page.getByRole('menu', { name: 'Actions for service fraud-rest' }).getByRole('menuitem', { name: 'Crash' }).click();
  await expect(call(page, 'POST /check', 'fraud-rest', 'timeout')).toBeVisible();
  await expect(call(page, 'POST /notify', 'notification-rest', 'not called')).toBeVisible();
});
