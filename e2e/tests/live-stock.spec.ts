import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { graphql, openCatalog, productOnScreen, signIn, tokenOf } from './support';

// Each project changes the stock of its own product, so the desktop and mobile runs of
// this test never change each other's numbers. Both are in Galil's catalog with stock.
const SKU_OF_PROJECT: Record<string, string> = { desktop: 'SCR-104', mobile: 'SCR-106' };

async function adjustOnStaffPage(staff: Page, sku: string, delta: number): Promise<number> {
  const row = staff.locator(`[data-testid="staff-product-row"][data-sku="${sku}"]`);
  const form = staff.getByTestId('stock-form');
  if (!(await form.isVisible())) await row.locator('[data-action="stock"]').click();
  await form.getByTestId('stock-delta').fill(String(delta));
  await form.getByTestId('stock-reason').selectOption('COUNT');
  const result = staff.getByTestId('stock-result');
  const previous = (await result.isVisible()) ? await result.textContent() : null;
  await form.getByRole('button', { name: /Adjust stock|עדכון מלאי/ }).click();
  await expect(result).toBeVisible();
  if (previous !== null) await expect(result).not.toHaveText(previous);
  // "Stock updated: N on hand, R reserved, A available" (or its Hebrew), A last.
  const numbers = ((await result.textContent()) ?? '').match(/\d+/g) ?? [];
  return Number(numbers[numbers.length - 1]);
}

test('a stock change by staff reaches the buyer\'s open catalog within a second, without a reload', async ({
  browser,
  page,
  request,
}, testInfo) => {
  const sku = SKU_OF_PROJECT[testInfo.project.name] ?? 'SCR-104';
  const buyerToken = await tokenOf(request, 'buyer@demo.test');
  const before = await graphql<{ product: { available: number } | null }>(
    request,
    buyerToken,
    'query($sku: String!) { product(sku: $sku) { available } }',
    { sku },
  );
  expect(before.product, `${sku} is in Galil's catalog`).not.toBeNull();

  // Staff, in a browser of its own, opens the products page on that SKU.
  const { viewport, userAgent, deviceScaleFactor, isMobile, hasTouch, baseURL } = testInfo.project.use;
  const staffContext = await browser.newContext({ viewport, userAgent, deviceScaleFactor, isMobile, hasTouch, baseURL });
  const staff = await staffContext.newPage();
  await signIn(staff, 'staff@demo.test');
  await expect(staff.getByTestId('dashboard-page')).toBeVisible();
  await staff.goto(`/staff/products?q=${sku}`);
  await expect(staff.locator(`[data-testid="staff-product-row"][data-sku="${sku}"]`)).toBeVisible();

  // The buyer's catalog is filtered to the SKU and subscribed to it.
  await signIn(page, 'buyer@demo.test');
  await expect(page.getByTestId('home-buyer')).toBeVisible();
  await openCatalog(page, sku);
  const badge = productOnScreen(page, sku).getByTestId('availability');
  await expect(badge).toHaveAttribute('data-available', String(before.product!.available));
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-watching', '1');
  const loads = { count: 0 };
  page.on('load', () => loads.count++);

  // A first change proves the subscription is live (the server registers it a moment
  // after the client sends it)...
  const first = await adjustOnStaffPage(staff, sku, 7);
  await expect(badge).toHaveAttribute('data-available', String(first), { timeout: 5_000 });

  // ...then every change arrives within a second.
  const second = await adjustOnStaffPage(staff, sku, -3);
  await expect(badge).toHaveAttribute('data-available', String(second), { timeout: 1_000 });
  await expect(page.getByTestId('stock-announcement')).toContainText(sku);

  // Down to a few units, the badge says the stock is low.
  const low = await adjustOnStaffPage(staff, sku, -(second - 3));
  expect(low).toBe(3);
  await expect(badge).toHaveAttribute('data-stock', 'low', { timeout: 1_000 });
  await expect(badge).toHaveAttribute('data-available', '3');

  // Out of stock: the badge says so and the quantity can no longer be chosen.
  await adjustOnStaffPage(staff, sku, -3);
  await expect(badge).toHaveAttribute('data-stock', 'out', { timeout: 1_000 });
  await expect(productOnScreen(page, sku).locator('input[type="number"]')).toBeDisabled();

  // Put the stock back for the next run on the same database.
  await adjustOnStaffPage(staff, sku, before.product!.available);
  await expect(badge).toHaveAttribute('data-available', String(before.product!.available), { timeout: 1_000 });
  expect(loads.count).toBe(0);
  await staffContext.close();
});
