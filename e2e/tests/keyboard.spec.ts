import { type Locator, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { releaseCartLock, STALE_CART_LOCK_MS, takeCartLock } from './cart-lock';
import { APPROVER, BUYER, STAFF, pageOfOwnContext } from './order-fixtures';
import { DEMO_PASSWORD, graphql, tokenOf } from './support';

// Issue 9: the whole way of an order without a mouse. The buyer signs in, types a quick
// order into the cart's SKU table and places it; the approver, in a browser of their
// own, signs in, finds it in the inbox and approves it. Only the keyboard moves: Tab to
// reach a control, typing, Enter, Escape. No click, no fill. Focus is visible at every
// step that lands on a control.
//
// PT-309 (Circular saw Industrial, 1,076 ILS, 460+ in stock) makes 5 units above
// Galil's 5,000 ILS approval threshold and below the buyer's own 8,000 limit. It has
// quantity tiers, so `order-fixtures.ts` never orders it, and costs over 200 ILS and sorts
// after ADH/ANC/BRU, so `cart.spec.ts` and `staff-order-entry.spec.ts` never pick it.
const SKU = 'PT-309';
const QUANTITY = 5;

/** Presses Tab (Shift+Tab with `backwards`) until `target` has the focus; fails after `limit` presses. */
async function tabTo(page: Page, target: Locator, { limit = 60, backwards = false } = {}): Promise<void> {
  const handle = await target.elementHandle();
  expect(handle, 'the control to reach by Tab is on the page').not.toBeNull();
  for (let presses = 0; presses < limit; presses++) {
    if (await page.evaluate((element) => document.activeElement === element, handle)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  await expect(target, `reached by Tab within ${limit} presses`).toBeFocused();
}

/** The focused element shows a focus indicator: an outline (on itself or its ::after) or a ring. */
async function expectFocusVisible(page: Page): Promise<void> {
  const indicator = await page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return 'nothing focused';
    const visible = (style: CSSStyleDeclaration) =>
      (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
    if (visible(getComputedStyle(element)) || visible(getComputedStyle(element, '::after'))) return 'visible';
    return `no focus indicator on <${element.tagName.toLowerCase()} ${element.getAttribute('data-testid') ?? ''}>`;
  });
  expect(indicator).toBe('visible');
}

async function signInByKeyboard(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  const emailField = page.locator('#login-email');
  await expect(emailField).toBeVisible();
  await tabTo(page, emailField);
  await expectFocusVisible(page);
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await expect(page.locator('#login-password')).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-testid^="home-"]').first()).toBeVisible();
}

test.describe('without a mouse', () => {
  // The flow is the desktop buyer's (the phone has its own approval tests); one cart per buyer.
  test.skip(({ isMobile }) => isMobile, 'the keyboard flow runs on the desktop profile');

  let orderId: string | null = null;

  test.beforeAll(async ({ request }) => {
    test.setTimeout(STALE_CART_LOCK_MS + 60_000);
    await takeCartLock();
    await graphql(request, await tokenOf(request, BUYER), 'mutation { clearCart }');
  });

  test.afterAll(async ({ request }) => {
    releaseCartLock();
    // Put the stock and the credit back for the next runs on this database.
    if (orderId) {
      await graphql(
        request,
        await tokenOf(request, STAFF),
        'mutation($id: ID!) { moveOrder(id: $id, action: CANCEL) { status } }',
        { id: orderId },
      ).catch(() => undefined);
    }
  });

  test('a buyer types a quick order and places it, and an approver approves it, by keyboard alone', async ({
    page,
    browser,
  }, testInfo) => {
    test.setTimeout(90_000);
    await signInByKeyboard(page, BUYER);

    // Home → cart.
    await tabTo(page, page.locator('a[href="/cart"]').first());
    await expectFocusVisible(page);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('cart-empty')).toBeVisible();

    // The quick-order table: SKU, Enter, quantity, Enter, then Ctrl+Enter adds the lines.
    const row = page.getByTestId('quick-row').first();
    await tabTo(page, row.getByTestId('quick-sku'));
    await expectFocusVisible(page);
    await page.keyboard.type(SKU);
    await expect(row.getByTestId('quick-name')).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(row.getByTestId('quick-quantity')).toBeFocused();
    await expectFocusVisible(page);
    await page.keyboard.type(String(QUANTITY));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('quick-row').nth(1).getByTestId('quick-sku')).toBeFocused();
    await page.keyboard.press('Control+Enter');
    const line = page.locator(`[data-testid="cart-line"][data-sku="${SKU}"]`);
    await expect(line).toHaveCount(1);

    // To checkout and place the order.
    const checkout = page.getByTestId('go-to-checkout');
    await expect(checkout).toBeEnabled();
    await tabTo(page, checkout);
    await expectFocusVisible(page);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('checkout-page')).toBeVisible();
    const place = page.getByTestId('place-order');
    await tabTo(page, place);
    await expectFocusVisible(page);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/orders\/\d+$/);
    orderId = page.url().split('/').pop() ?? null;
    await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'PENDING_APPROVAL');
    const number = (await page.getByTestId('order-number').textContent())?.trim() ?? '';
    expect(number).not.toBe('');

    // The approver, in a browser of their own.
    const approver = await pageOfOwnContext(browser, testInfo);
    await signInByKeyboard(approver, APPROVER);
    await tabTo(approver, approver.locator('a[href="/approvals"]').first());
    await expectFocusVisible(approver);
    await approver.keyboard.press('Enter');
    const entry = approver.locator(`a[href="/approvals/${orderId}"]`);
    await expect(entry).toBeVisible();
    await tabTo(approver, entry, { limit: 200 });
    await expectFocusVisible(approver);
    await approver.keyboard.press('Enter');
    await expect(approver.getByTestId('approval-page')).toBeVisible();

    // The reject dialog opens with Enter and closes with Escape, focus back on its button.
    const reject = approver.getByTestId('reject');
    await tabTo(approver, reject);
    await expectFocusVisible(approver);
    await approver.keyboard.press('Enter');
    await expect(approver.getByTestId('reject-dialog')).toBeVisible();
    await expect(approver.getByTestId('reject-reason')).toBeFocused();
    await approver.keyboard.press('Escape');
    await expect(approver.getByTestId('reject-dialog')).toHaveCount(0);
    await expect(reject).toBeFocused();

    // Approve.
    const approve = approver.getByTestId('approve');
    await tabTo(approver, approve);
    await expectFocusVisible(approver);
    await approver.keyboard.press('Enter');
    await expect(approver.getByTestId('decision-result')).toBeVisible();

    // The buyer's order follows: approved, on its way to the supplier.
    await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'SUBMITTED');
    await approver.context().close();
  });
});
