import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { formatIls, graphql, signIn, tokenOf } from './support';
import {
  APPROVER,
  BUYER,
  SECOND_APPROVER,
  canSignIn,
  expectNoHorizontalScroll,
  orderAsSeenBy,
  pageOfOwnContext,
  placePendingOrder,
  rejectByApi,
  releaseOrders,
  signInLive,
} from './order-fixtures';

// The approval flow of rule 2: an approver gets a notification, opens the mobile approval
// page from it and decides in a tap; a rejection needs a reason the buyer then reads.

const placed: string[] = [];

test.afterEach(async ({ request }) => {
  // Orders a test left waiting would hold stock and credit for the tests after it.
  await releaseOrders(request, placed.splice(0));
});

async function place(request: Parameters<typeof placePendingOrder>[0], options?: Parameters<typeof placePendingOrder>[1]) {
  const order = await placePendingOrder(request, options);
  placed.push(order.id);
  return order;
}

function entryOf(page: Page, orderId: string) {
  return page.locator(`[data-testid="approval-entry"][data-order-id="${orderId}"]`);
}

test('an approver opens the notification on a phone and approves the order with one tap', async ({ page, request }) => {
  const order = await place(request, { note: 'Delivery to the Haifa site', costCenterId: '1' });

  await signInLive(page, APPROVER);
  const bell = page.getByTestId('notification-bell');
  await expect(bell).not.toHaveAttribute('data-unread', '0');
  await expect(bell).toHaveAttribute('aria-label', /unread|שלא נקרא/);
  await bell.click();
  await expect(page).toHaveURL(/\/notifications$/);

  const notification = page.getByTestId('notification').filter({ hasText: order.number });
  await expect(notification).toHaveClass(/unread/);
  await expect(notification).toHaveAttribute('data-kind', 'APPROVAL_NEEDED');
  await notification.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/approvals/${order.id}$`));

  // Everything needed to decide, on one screen.
  const summary = page.getByTestId('approval-summary');
  await expect(summary.getByTestId('order-number')).toHaveText(order.number);
  await expect(summary.getByTestId('order-placed-by')).toContainText('Noa Levi');
  await expect(summary.getByTestId('order-placed-by')).toContainText('Galil Hardware Ltd');
  await expect(summary.getByTestId('approval-subtotal')).toHaveText(formatIls(order.subtotal));
  await expect(summary.getByTestId('order-cost-center')).toHaveText('Haifa branch');
  await expect(summary.getByTestId('order-note')).toHaveText('Delivery to the Haifa site');
  await expect(page.locator('[data-testid="approval-reasons"] li[data-kind="ABOVE_AUTO_APPROVAL"]')).toBeVisible();
  await expect(page.getByTestId('approval-progress')).toContainText(/0 of 1|0 מתוך/);

  await page.getByTestId('approve').click();
  const result = page.getByTestId('decision-result');
  await expect(result).toHaveAttribute('data-result', 'approved');
  await expect(result).toContainText(/supplier|לספק/);
  await expect(result.getByRole('heading')).toBeFocused();
  expect((await orderAsSeenBy(request, BUYER, order.id))?.status).toBe('SUBMITTED');

  // Opening the notification marked it read.
  const token = await tokenOf(request, APPROVER);
  const data = await graphql<{ notifications: { nodes: { orderId: string; readAt: string | null }[] } }>(
    request,
    token,
    '{ notifications(first: 100) { nodes { orderId readAt } } }',
  );
  const read = data.notifications.nodes.filter((n) => n.orderId === order.id);
  expect(read.length).toBeGreaterThan(0);
  expect(read.every((n) => n.readAt !== null)).toBe(true);

  await result.getByRole('link', { name: /All approvals|לכל האישורים/ }).click();
  await expect(page).toHaveURL(/\/approvals$/);
});

test('rejecting asks for a reason, and the buyer reads it in the order timeline', async ({ page, browser, request }, testInfo) => {
  const order = await place(request);
  await signInLive(page, APPROVER);
  await page.goto(`/approvals/${order.id}`);

  // The sheet takes focus, refuses an empty reason, and Escape gives focus back.
  const reject = page.getByTestId('reject');
  await reject.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('reject-reason')).toBeFocused();
  await dialog.getByTestId('reject-confirm').click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('reject-reason')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByTestId('reject-reason')).toBeFocused();
  expect((await orderAsSeenBy(request, BUYER, order.id))?.status).toBe('PENDING_APPROVAL');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(reject).toBeFocused();

  const reason = `Over this month's project budget (${testInfo.project.name})`;
  await reject.click();
  await page.getByTestId('reject-reason').fill(reason);
  await page.getByTestId('reject-confirm').click();
  const result = page.getByTestId('decision-result');
  await expect(result).toHaveAttribute('data-result', 'rejected');
  expect((await orderAsSeenBy(request, BUYER, order.id))?.status).toBe('REJECTED');

  // The buyer's order page: rejected, with who and why in the timeline.
  const buyer = await pageOfOwnContext(browser, testInfo);
  await signInLive(buyer, BUYER);
  await buyer.goto(`/orders/${order.id}`);
  await expect(buyer.getByTestId('order-number')).toHaveText(order.number);
  await expect(buyer.getByTestId('order-status')).toHaveAttribute('data-status', 'REJECTED');
  const step = buyer.locator('[data-testid="timeline-step"][data-kind="REJECTED"]');
  await expect(step).toContainText(reason);
  await expect(step).toContainText('Avi Cohen');
  await buyer.context().close();
});

test('the approval page fits a 360 px wide phone without sideways scrolling', async ({ page, request }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const order = await place(request, {
    note: 'Please call the site manager before delivery; the gate closes at 15:00 and trucks wait outside.',
  });
  await signInLive(page, APPROVER);
  await page.goto(`/approvals/${order.id}`);
  await expect(page.getByTestId('approve')).toBeVisible();
  await page.getByTestId('approval-lines').locator('summary').click();
  await expect(page.getByTestId('approval-lines').getByTestId('order-line')).toHaveCount(1);
  await expectNoHorizontalScroll(page);

  // The decision bar stays on screen with thumb-sized buttons.
  for (const id of ['approve', 'reject']) {
    const box = await page.getByTestId(id).boundingBox();
    expect(box).not.toBeNull();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    expect(box!.y + box!.height).toBeLessThanOrEqual(740);
  }
  await page.getByTestId('reject').click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectNoHorizontalScroll(page);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
});

test('the inbox lists a waiting order with buyer, amount and reasons, and follows decisions live', async ({ page, request }) => {
  const order = await place(request);
  await signInLive(page, APPROVER);
  await page.goto('/approvals');
  await expect(page.getByTestId('notification-bell')).toHaveAttribute('data-live', 'on');

  const entry = entryOf(page, order.id);
  await expect(entry).toContainText(order.number);
  await expect(entry).toContainText('Noa Levi');
  await expect(entry).toContainText(formatIls(order.subtotal));
  await expect(entry).toHaveAttribute('data-can-decide', 'true');
  await expect(entry).toContainText(/5,000\.00/);

  // Those the approver can decide come first.
  const flags = await page.getByTestId('approval-entry').evaluateAll((entries) =>
    entries.map((element) => element.getAttribute('data-can-decide')),
  );
  const firstOther = flags.indexOf('false');
  if (firstOther >= 0) expect(flags.slice(firstOther)).not.toContain('true');

  await entry.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/approvals/${order.id}$`));
  await page.goBack();
  await expect(entryOf(page, order.id)).toBeVisible();

  // Decided elsewhere: the entry leaves the inbox without a reload.
  await rejectByApi(request, order.id, 'Decided from another device');
  await expect(entryOf(page, order.id)).toHaveCount(0);
});

test('an order decided elsewhere turns the open approval page into an explanation', async ({ page, request }) => {
  const order = await place(request);
  await signInLive(page, APPROVER);
  await page.goto(`/approvals/${order.id}`);
  await expect(page.getByTestId('approve')).toBeVisible();
  await rejectByApi(request, order.id, 'Decided from another device');
  await expect(page.getByTestId('approval-blocked')).toHaveAttribute('data-reason', 'decided');
  await expect(page.getByTestId('approve')).toHaveCount(0);
});

test('when someone else decided first, the answer says so and the order is shown as it is now', async ({ page, request }) => {
  const order = await place(request);
  // Without the live feed, the page only learns of the other decision from its own click.
  await page.routeWebSocket(/\/graphql\/ws/, () => {});
  await signIn(page, APPROVER);
  await expect(page.getByTestId('notification-bell')).toBeVisible();
  await page.goto(`/approvals/${order.id}`);
  await expect(page.getByTestId('approve')).toBeVisible();

  await rejectByApi(request, order.id, 'Decided from another device');
  await page.getByTestId('approve').click();
  await expect(page.getByTestId('decision-problem')).toContainText(/first|כבר החליט/);
  await expect(page.getByTestId('approval-blocked')).toHaveAttribute('data-reason', 'decided');
  await expect(page.getByTestId('approve')).toHaveCount(0);
});

test('an order of 25,000 ILS needs two different approvers', async ({ page, browser, request }, testInfo) => {
  // One such order per run: it stays open and takes a large share of Galil's credit limit.
  test.skip(testInfo.project.name !== 'mobile', 'runs once, on the phone');
  test.skip(!(await canSignIn(request, SECOND_APPROVER)), `${SECOND_APPROVER} is not in this build's demo data`);

  const order = await place(request, { net: 25_000 });
  expect(order.approvalsRequired).toBe(2);

  await signInLive(page, APPROVER);
  await page.goto(`/approvals/${order.id}`);
  await expect(page.locator('[data-testid="approval-reasons"] li[data-kind="ABOVE_DUAL_APPROVAL"]')).toBeVisible();
  await expect(page.getByTestId('approval-progress')).toContainText(/0 of 2|0 מתוך 2/);
  await page.getByTestId('approve').click();
  const result = page.getByTestId('decision-result');
  await expect(result).toHaveAttribute('data-result', 'waiting');
  await expect(result.getByTestId('approval-progress')).toContainText(/1 of 2|1 מתוך 2/);
  expect(await orderAsSeenBy(request, BUYER, order.id)).toEqual({ status: 'PENDING_APPROVAL', approvals: 1 });

  // The same approver cannot give the second approval.
  await page.reload();
  await expect(page.getByTestId('approval-blocked')).toHaveAttribute('data-reason', 'already-approved');
  await expect(page.getByTestId('approve')).toHaveCount(0);
  await expect(page.getByTestId('notification-bell')).toHaveAttribute('data-live', 'on');

  // The second approver completes it, and the first one's page follows.
  const finance = await pageOfOwnContext(browser, testInfo);
  await signInLive(finance, SECOND_APPROVER);
  await finance.goto(`/approvals/${order.id}`);
  await expect(finance.getByTestId('approval-progress')).toContainText(/1 of 2|1 מתוך 2/);
  await finance.getByTestId('approve').click();
  await expect(finance.getByTestId('decision-result')).toHaveAttribute('data-result', 'approved');
  expect(await orderAsSeenBy(request, BUYER, order.id)).toEqual({ status: 'SUBMITTED', approvals: 2 });
  await expect(page.getByTestId('approval-blocked')).toHaveAttribute('data-reason', 'decided');
  await finance.context().close();
});
