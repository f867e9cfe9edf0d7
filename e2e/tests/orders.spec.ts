import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { formatIls, graphql, isPhone, tokenOf } from './support';
import {
  APPROVER,
  BUYER,
  STAFF,
  approveByApi,
  expectNoHorizontalScroll,
  pageOfOwnContext,
  placePendingOrder,
  rejectByApi,
  releaseOrders,
  signInLive,
} from './order-fixtures';

// The orders list and the order page: what each role sees, the status filter, the
// timeline, live status changes, and "Order again".

const placed: string[] = [];

test.afterEach(async ({ request }) => {
  await releaseOrders(request, placed.splice(0));
});

async function place(request: Parameters<typeof placePendingOrder>[0], options?: Parameters<typeof placePendingOrder>[1]) {
  const order = await placePendingOrder(request, options);
  placed.push(order.id);
  return order;
}

function rowOf(page: Page, orderId: string) {
  return page.locator(`[data-testid="order-row"][data-order-id="${orderId}"]`);
}

/** The statuses of the rows on screen. */
async function rowStatuses(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="order-row"] [data-testid="order-status"]')
    .evaluateAll((badges) => badges.map((badge) => badge.getAttribute('data-status') ?? ''));
}

async function listSettled(page: Page): Promise<void> {
  await expect(page.locator('[data-testid="orders-table"], [data-testid="orders-empty"]')).toBeVisible();
}

test('supplier staff see an order only once the customer approved it', async ({ page, request }) => {
  const order = await place(request);
  await signInLive(page, STAFF);

  await page.goto(`/orders/${order.id}`);
  await expect(page.getByTestId('order-not-found')).toBeVisible();

  await page.goto('/orders');
  await listSettled(page);
  await expect(rowOf(page, order.id)).toHaveCount(0);
  await expect(page.getByTestId('notification-bell')).toHaveAttribute('data-live', 'on');

  // Approved: it reaches the supplier's list at once.
  await approveByApi(request, order.id);
  const row = rowOf(page, order.id);
  await expect(row).toBeVisible();
  await expect(row.getByTestId('order-status')).toHaveAttribute('data-status', 'SUBMITTED');
  await expect(row).toContainText(order.number);
  await row.click();
  await expect(page).toHaveURL(new RegExp(`/orders/${order.id}$`));
  await expect(page.getByTestId('order-number')).toHaveText(order.number);
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'SUBMITTED');
  // Staff do not order for customers from here.
  await expect(page.getByTestId('reorder')).toHaveCount(0);
});

test("the buyer's open order page follows the approval live, without a reload", async ({ page, request }) => {
  const order = await place(request);
  await signInLive(page, BUYER);
  await page.goto(`/orders/${order.id}`);
  await expect(page.getByTestId('order-number')).toHaveText(order.number);
  const status = page.getByTestId('order-status');
  await expect(status).toHaveAttribute('data-status', 'PENDING_APPROVAL');
  await expect(page.getByTestId('order-approvals')).toContainText(/0 of 1|0 מתוך/);
  await expect(page.getByTestId('notification-bell')).toHaveAttribute('data-live', 'on');

  let loads = 0;
  page.on('load', () => loads++);
  await approveByApi(request, order.id);
  await expect(status).toHaveAttribute('data-status', 'SUBMITTED');
  await expect(page.getByTestId('status-announcement')).toContainText(/Sent to supplier|נשלחה לספק/);
  await expect(page.getByTestId('order-approvals')).toContainText(/1 of 1|1 מתוך/);
  await expect(page.locator('[data-testid="timeline-step"][data-kind="APPROVED"]')).toContainText('Avi Cohen');
  expect(loads).toBe(0);
});

test('the status filter lists only orders of the chosen status', async ({ page, request }, testInfo) => {
  const pending = await place(request);
  const rejected = await place(request);
  await rejectByApi(request, rejected.id, 'Not this month');

  await signInLive(page, BUYER);
  await page.goto('/orders');
  await expect(rowOf(page, pending.id)).toBeVisible();
  await expect(rowOf(page, rejected.id)).toBeVisible();
  await expect(rowOf(page, pending.id)).toContainText(formatIls((await totalOf(request, pending.id))));

  const filter = page.getByTestId('status-filter');
  await filter.selectOption('PENDING_APPROVAL');
  await expect(page).toHaveURL(/\/orders\?status=PENDING_APPROVAL$/);
  await expect(rowOf(page, pending.id)).toBeVisible();
  await expect(rowOf(page, rejected.id)).toHaveCount(0);
  await expect(async () => expect(new Set(await rowStatuses(page))).toEqual(new Set(['PENDING_APPROVAL']))).toPass();

  await filter.selectOption('REJECTED');
  await expect(page).toHaveURL(/status=REJECTED$/);
  await expect(rowOf(page, rejected.id)).toBeVisible();
  await expect(rowOf(page, pending.id)).toHaveCount(0);
  await expect(async () => expect(new Set(await rowStatuses(page))).toEqual(new Set(['REJECTED']))).toPass();

  // The filter lives in the address: a reload keeps it.
  await page.reload();
  await expect(filter).toHaveValue('REJECTED');
  await expect(rowOf(page, rejected.id)).toBeVisible();
  await expect(rowOf(page, pending.id)).toHaveCount(0);

  // A status without orders says so and offers the way back.
  await filter.selectOption('RETURNED');
  await listSettled(page);
  const returned = await rowStatuses(page);
  if (returned.length === 0) {
    await expect(page.getByTestId('orders-empty')).toBeVisible();
    await page.getByTestId('orders-empty').getByRole('link').click();
    await expect(page).toHaveURL(/\/orders$/);
    await expect(filter).toHaveValue('');
  } else {
    expect(new Set(returned)).toEqual(new Set(['RETURNED']));
    await filter.selectOption('');
  }
  await expect(rowOf(page, pending.id)).toBeVisible();
  await expect(rowOf(page, rejected.id)).toBeVisible();

  // On a phone the table turns into cards: nothing scrolls sideways.
  if (isPhone(testInfo)) await expectNoHorizontalScroll(page);
});

async function totalOf(request: Parameters<typeof placePendingOrder>[0], orderId: string): Promise<string> {
  const token = await tokenOf(request, BUYER);
  const data = await graphql<{ order: { total: string } }>(request, token, 'query($id: ID!) { order(id: $id) { total } }', {
    id: orderId,
  });
  return data.order.total;
}

test('an order page shows lines, totals, approvals and history, and "Order again" fills the cart', async ({ page, request }, testInfo) => {
  const order = await place(request, { note: 'Please deliver before noon' });
  const token = await tokenOf(request, BUYER);
  const full = await graphql<{
    order: { total: string; vat: string; lines: { sku: string; quantity: number; lineTotal: string }[] };
  }>(request, token, 'query($id: ID!) { order(id: $id) { total vat lines { sku quantity lineTotal } } }', { id: order.id });

  // An approver may order too, and decide on this one.
  await signInLive(page, APPROVER);
  await page.goto(`/orders/${order.id}`);
  await expect(page.getByTestId('order-number')).toHaveText(order.number);
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'PENDING_APPROVAL');
  await expect(page.getByTestId('order-placed-by')).toHaveText('Noa Levi');
  await expect(page.getByTestId('order-note')).toHaveText('Please deliver before noon');
  await expect(page.locator('[data-testid="approval-reasons"] li[data-kind="ABOVE_AUTO_APPROVAL"]')).toBeVisible();
  await expect(page.getByTestId('decide-link')).toHaveAttribute('href', `/approvals/${order.id}`);

  const line = full.order.lines[0];
  const lineRow = page.locator(`[data-testid="order-line"][data-sku="${line.sku}"]`);
  await expect(lineRow).toContainText(String(line.quantity));
  await expect(lineRow).toContainText(formatIls(line.lineTotal));
  await expect(page.getByTestId('order-subtotal')).toHaveText(formatIls(order.subtotal));
  await expect(page.getByTestId('order-total')).toHaveText(formatIls(full.order.total));
  await expect(page.locator('[data-testid="timeline-step"][data-kind="PLACED"]')).toContainText('Noa Levi');
  if (isPhone(testInfo)) await expectNoHorizontalScroll(page);

  await page.getByTestId('reorder').click();
  await expect(page).toHaveURL(/\/cart$/);
  const approverToken = await tokenOf(request, APPROVER);
  const cart = await graphql<{ cart: { lines: { sku: string; quantity: number }[] } }>(
    request,
    approverToken,
    '{ cart { lines { sku quantity } } }',
  );
  expect(cart.cart.lines).toContainEqual({ sku: line.sku, quantity: line.quantity });
  await graphql(request, approverToken, 'mutation { clearCart }');
});

test('a viewer reads an order without ordering or deciding, and another company cannot see it', async ({ page, browser, request }, testInfo) => {
  const order = await place(request);
  await signInLive(page, 'viewer@demo.test');
  await page.goto(`/orders/${order.id}`);
  await expect(page.getByTestId('order-number')).toHaveText(order.number);
  await expect(page.getByTestId('reorder')).toHaveCount(0);
  await expect(page.getByTestId('decide-link')).toHaveCount(0);

  const other = await pageOfOwnContext(browser, testInfo);
  await signInLive(other, 'buyer@other.test');
  await other.goto(`/orders/${order.id}`);
  await expect(other.getByTestId('order-not-found')).toBeVisible();
  await other.goto('/orders');
  await listSettled(other);
  await expect(rowOf(other, order.id)).toHaveCount(0);
  await other.context().close();
});
