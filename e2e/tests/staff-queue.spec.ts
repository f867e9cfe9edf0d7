import { type APIRequestContext, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { graphql, isPhone, tokenOf } from './support';
import {
  NEGEV_BUYER,
  STAFF,
  expectNoHorizontalScroll,
  placeSubmittedOrder,
  signInLive,
  type PlacedOrder,
} from './order-fixtures';

// The supplier's order queue: filters kept in the address, customer requests on top,
// bulk moves with a per-order report, live rows, and the printable pick list.
//
// Every test moves only the orders it placed itself (as Negev's buyer, whose small
// orders need no approval) and cancels them afterwards, so parallel tests and the demo
// data stay as they were.

const placed: string[] = [];

test.afterEach(async ({ request }) => {
  const ids = placed.splice(0);
  if (ids.length > 0) await moveByApi(request, ids, 'CANCEL');
});

async function place(request: APIRequestContext): Promise<PlacedOrder> {
  const order = await placeSubmittedOrder(request);
  placed.push(order.id);
  return order;
}

type MoveResult = { id: string; order: { status: string } | null; error: { code: string } | null };

async function moveByApi(request: APIRequestContext, ids: string[], action: string): Promise<MoveResult[]> {
  const token = await tokenOf(request, STAFF);
  const data = await graphql<{ moveOrders: MoveResult[] }>(
    request,
    token,
    'mutation($ids: [ID!]!, $action: OrderAction!) { moveOrders(ids: $ids, action: $action) { id order { status } error { code } } }',
    { ids, action },
  );
  return data.moveOrders;
}

async function statusOf(request: APIRequestContext, orderId: string): Promise<string> {
  const token = await tokenOf(request, STAFF);
  const data = await graphql<{ order: { status: string } }>(request, token, 'query($id: ID!) { order(id: $id) { status } }', {
    id: orderId,
  });
  return data.order.status;
}

async function openRequestCount(request: APIRequestContext): Promise<number> {
  const token = await tokenOf(request, STAFF);
  const data = await graphql<{ openOrderRequestCount: number }>(request, token, '{ openOrderRequestCount }');
  return data.openOrderRequestCount;
}

async function requestCancellation(request: APIRequestContext, orderId: string, reason: string): Promise<void> {
  const token = await tokenOf(request, NEGEV_BUYER);
  await graphql(request, token, 'mutation($id: ID!, $reason: String!) { requestOrderCancellation(id: $id, reason: $reason) { id } }', {
    id: orderId,
    reason,
  });
}

function rowOf(page: Page, orderId: string) {
  return page.locator(`[data-testid="queue-row"][data-order-id="${orderId}"]`);
}

/** The statuses of the queue's rows on screen. */
async function rowStatuses(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="queue-row"] [data-testid="order-status"]')
    .evaluateAll((badges) => badges.map((badge) => badge.getAttribute('data-status') ?? ''));
}

async function openQueue(page: Page, address = '/staff/orders'): Promise<void> {
  await page.goto(address);
  await expect(page.getByTestId('queue-page')).toBeVisible();
  await expect(page.locator('[data-testid="queue-table"], [data-testid="queue-empty"]').first()).toBeVisible();
}

test('the filters narrow the queue, live in the address and survive a reload', async ({ page, request }, testInfo) => {
  const submitted = await place(request);
  const confirmed = await place(request);
  await moveByApi(request, [confirmed.id], 'CONFIRM');

  await signInLive(page, STAFF);
  await openQueue(page);
  await expect(rowOf(page, submitted.id)).toBeVisible();
  await expect(rowOf(page, confirmed.id)).toBeVisible();
  await expect(rowOf(page, submitted.id)).toContainText('Negev Builders Ltd');

  // Status.
  await page.getByTestId('queue-status').selectOption('CONFIRMED');
  await expect(page).toHaveURL(/\/staff\/orders\?status=CONFIRMED$/);
  await expect(rowOf(page, confirmed.id)).toBeVisible();
  await expect(rowOf(page, submitted.id)).toHaveCount(0);
  await expect(async () => expect(new Set(await rowStatuses(page))).toEqual(new Set(['CONFIRMED']))).toPass();

  // Company, chosen by its name.
  await page.getByTestId('queue-company').selectOption({ label: 'Negev Builders Ltd' });
  await expect(page).toHaveURL(/company=\d+/);
  await expect(rowOf(page, confirmed.id)).toBeVisible();
  await expect(async () => {
    const companies = await page.locator('[data-testid="queue-row"] .cell-company').allTextContents();
    expect(new Set(companies)).toEqual(new Set(['Negev Builders Ltd']));
  }).toPass();

  // Any status again, then the search for one order number (typed, after a pause).
  await page.getByTestId('queue-status').selectOption('');
  await expect(rowOf(page, submitted.id)).toBeVisible();
  await page.getByTestId('queue-search').fill(submitted.number);
  await expect(page).toHaveURL(new RegExp(`q=${submitted.number}`));
  await expect(page.getByTestId('queue-row')).toHaveCount(1);
  await expect(rowOf(page, submitted.id)).toBeVisible();

  // A reload keeps every filter.
  await page.reload();
  await expect(page.getByTestId('queue-search')).toHaveValue(submitted.number);
  await expect(page.getByTestId('queue-company').locator('option:checked')).toHaveText('Negev Builders Ltd');
  await expect(page.getByTestId('queue-status')).toHaveValue('');
  await expect(rowOf(page, submitted.id)).toBeVisible();
  await expect(page.getByTestId('queue-row')).toHaveCount(1);

  // A search that finds nothing says so; "Clear filters" shows the whole queue again.
  await page.getByTestId('queue-search').fill('SO-999999');
  await expect(page.getByTestId('queue-empty')).toBeVisible();
  if (isPhone(testInfo)) await expectNoHorizontalScroll(page);
  await page.getByTestId('queue-clear').click();
  await expect(page).toHaveURL(/\/staff\/orders$/);
  await expect(page.getByTestId('queue-search')).toHaveValue('');
  await expect(rowOf(page, confirmed.id)).toBeVisible();

  // On a phone every order is a card: nothing scrolls sideways.
  if (isPhone(testInfo)) await expectNoHorizontalScroll(page);
});

test('customer requests come first, tagged, counted in the alert and on the home page', async ({ page, request }) => {
  const requested = await place(request);
  const later = await place(request);
  await requestCancellation(request, requested.id, 'Ordered by mistake (e2e)');

  await signInLive(page, STAFF);
  // Staff land on the dashboard; the brand leads home, which counts the requests and
  // leads to them.
  await page.locator('a.brand').click();
  const card = page.getByTestId('requests-card');
  await expect(card.getByTestId('requests-count')).toHaveText(/^\d+$/);

  await openQueue(page);
  const requests = page.getByTestId('queue-requests');
  const others = page.getByTestId('queue-orders');
  const row = requests.locator(`[data-testid="queue-row"][data-order-id="${requested.id}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId('order-request')).toHaveAttribute('data-kind', 'CANCEL');
  await expect(row.getByTestId('order-request')).toContainText('Ordered by mistake (e2e)');
  await expect(others.locator(`[data-testid="queue-row"][data-order-id="${requested.id}"]`)).toHaveCount(0);
  // The requests section comes before the other orders.
  const requestsBox = await requests.boundingBox();
  const othersBox = await others.boundingBox();
  expect(requestsBox!.y).toBeLessThan(othersBox!.y);

  // The demo's open cancellation request, unless another test answered it meanwhile.
  const staffToken = await tokenOf(request, STAFF);
  const open = await graphql<{ orders: { nodes: { id: string; openRequest: { kind: string; message: string } | null }[] } }>(
    request,
    staffToken,
    '{ orders(first: 50, hasOpenRequest: true) { nodes { id openRequest { kind message } } } }',
  );
  const demoRequest = open.orders.nodes.find((order) => order.openRequest?.message.startsWith('Ordered twice by mistake'));
  if (demoRequest) {
    await expect(requests.locator(`[data-testid="queue-row"][data-order-id="${demoRequest.id}"] [data-testid="order-request"]`)).toHaveAttribute(
      'data-kind',
      'CANCEL',
    );
  }

  // The alert counts what the server counts, and follows a new request live.
  const alert = page.getByTestId('requests-alert');
  await expect(async () => expect(await alert.getAttribute('data-count')).toBe(String(await openRequestCount(request)))).toPass();
  await expect(others.locator(`[data-testid="queue-row"][data-order-id="${later.id}"]`)).toBeVisible();
  await requestCancellation(request, later.id, 'Not needed any more (e2e)');
  await expect(requests.locator(`[data-testid="queue-row"][data-order-id="${later.id}"]`)).toBeVisible();
  await expect(others.locator(`[data-testid="queue-row"][data-order-id="${later.id}"]`)).toHaveCount(0);
  await expect(async () => expect(await alert.getAttribute('data-count')).toBe(String(await openRequestCount(request)))).toPass();

  // "Show the requests" leaves only the orders with an open request.
  await page.getByTestId('show-requests').click();
  await expect(page).toHaveURL(/\/staff\/orders\?requests=open$/);
  await expect(page.getByTestId('requests-only')).toBeVisible();
  await expect(page.getByTestId('queue-orders')).toHaveCount(0);
  await expect(rowOf(page, requested.id)).toBeVisible();
  const rows = page.getByTestId('queue-row');
  await expect(async () => {
    const count = await rows.count();
    expect(count).toBeGreaterThan(0);
    await expect(page.locator('[data-testid="queue-row"] [data-testid="order-request"]')).toHaveCount(count);
  }).toPass();
});

test('a bulk move confirms and starts picking own orders, and reports the one that cannot move', async ({ page, request }) => {
  const orders = [await place(request), await place(request), await place(request)];
  const [first, second, cancelled] = orders;

  await signInLive(page, STAFF);
  await openQueue(page);
  for (const order of orders) await expect(rowOf(page, order.id)).toBeVisible();

  // "Select all shown" under a search that finds one of them selects exactly that one.
  await page.getByTestId('queue-search').fill(first.number);
  await expect(page.getByTestId('queue-row')).toHaveCount(1);
  await page.getByTestId('select-all-shown').check();
  await expect(page.getByTestId('selected-count')).toContainText(/1 order selected|נבחרה הזמנה אחת/);
  await page.getByTestId('select-all-shown').uncheck();
  await page.getByTestId('queue-clear').click();
  await expect(page.getByTestId('queue-search')).toHaveValue('');

  // Confirm the three.
  for (const order of orders) await rowOf(page, order.id).getByTestId('select-order').check();
  await expect(page.getByTestId('selected-count')).toContainText(/3/);
  await page.getByTestId('bulk-action').selectOption('CONFIRM');
  await page.getByTestId('bulk-apply').click();
  await expect(page.getByTestId('move-summary')).toContainText(/3 moved, 0 not moved|3 הזמנות עודכנו/);
  for (const order of orders) {
    await expect(rowOf(page, order.id).getByTestId('order-status')).toHaveAttribute('data-status', 'CONFIRMED');
    await expect(rowOf(page, order.id).getByTestId('select-order')).not.toBeChecked();
  }

  // One of them is cancelled elsewhere: its row follows live.
  await moveByApi(request, [cancelled.id], 'CANCEL');
  await expect(rowOf(page, cancelled.id).getByTestId('order-status')).toHaveAttribute('data-status', 'CANCELLED');

  // Start picking all three, with the keyboard: two move, the cancelled one is reported.
  for (const order of orders) {
    await rowOf(page, order.id).getByTestId('select-order').focus();
    await page.keyboard.press('Space');
  }
  await expect(page.getByTestId('selected-count')).toContainText(/3/);
  await page.getByTestId('bulk-action').selectOption('START_PICKING');
  await expect(page.getByTestId('bulk-action').locator('option[value="START_PICKING"]')).toContainText(/2 of 3|2 מתוך 3/);
  await page.getByTestId('bulk-apply').focus();
  await page.keyboard.press('Enter');
  const summary = page.getByTestId('move-summary');
  await expect(summary).toContainText(/2 moved, 1 not moved|2 הזמנות עודכנו, הזמנה אחת לא עודכנה/);
  await expect(summary).toBeFocused();
  const failure = summary.locator(`[data-testid="move-failure"][data-number="${cancelled.number}"]`);
  await expect(failure).toContainText(/not possible in the current state|לא ניתן לבצע את הפעולה/);
  for (const order of [first, second]) {
    await expect(rowOf(page, order.id).getByTestId('order-status')).toHaveAttribute('data-status', 'PICKING');
    expect(await statusOf(request, order.id)).toBe('PICKING');
  }
  // What did not move stays selected.
  await expect(rowOf(page, cancelled.id).getByTestId('select-order')).toBeChecked();
  expect(await statusOf(request, cancelled.id)).toBe('CANCELLED');

  // Cancelling asks first; "Keep them" changes nothing, "Yes, cancel" cancels.
  await rowOf(page, cancelled.id).getByTestId('select-order').uncheck();
  for (const order of [first, second]) await rowOf(page, order.id).getByTestId('select-order').check();
  await page.getByTestId('bulk-action').selectOption('CANCEL');
  await page.getByTestId('bulk-apply').click();
  const confirm = page.getByTestId('confirm');
  await expect(confirm).toContainText(/Cancel 2 orders|לבטל 2 הזמנות/);
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  expect(await statusOf(request, first.id)).toBe('PICKING');
  await page.getByTestId('bulk-apply').click();
  await confirm.getByTestId('confirm-yes').click();
  await expect(page.getByTestId('move-summary')).toContainText(/2 moved, 0 not moved|2 הזמנות עודכנו/);
  await expect(rowOf(page, first.id).getByTestId('order-status')).toHaveAttribute('data-status', 'CANCELLED');
});

test('the pick list shows the lines of an order and prints without the page around it', async ({ page, request }, testInfo) => {
  const order = await place(request);
  const token = await tokenOf(request, STAFF);
  const data = await graphql<{ pickList: { lines: { sku: string; quantity: number; packs: number }[] } }>(
    request,
    token,
    'query($id: ID!) { pickList(orderId: $id) { lines { sku quantity packs } } }',
    { id: order.id },
  );
  const line = data.pickList.lines[0];

  await signInLive(page, STAFF);
  await openQueue(page);
  await rowOf(page, order.id).getByTestId('pick-list-link').click();
  await expect(page).toHaveURL(new RegExp(`/staff/orders/${order.id}/pick-list$`));
  await expect(page.getByTestId('pick-list-number')).toHaveText(order.number);
  await expect(page.getByTestId('pick-list-company')).toHaveText('Negev Builders Ltd');
  const row = page.locator(`[data-testid="pick-line"][data-sku="${line.sku}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId('pick-quantity')).toHaveText(String(line.quantity));
  await expect(row.getByRole('checkbox')).toBeVisible();
  if (isPhone(testInfo)) await expectNoHorizontalScroll(page);

  // The button prints (the browser's dialog is replaced by a counter here).
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed += 1;
    };
  });
  await page.getByTestId('print-pick-list').click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  // On paper: the sheet without the header, the navigation or the buttons.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.getByTestId('print-pick-list')).toBeHidden();
  await expect(row).toBeVisible();
});
