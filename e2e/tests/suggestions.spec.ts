import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures';
import { STALE_CART_LOCK_MS, releaseCartLock, takeCartLock } from './cart-lock';
import { BUYER, expectNoHorizontalScroll } from './order-fixtures';
import { graphql, signIn, tokenOf } from './support';

// "Frequently bought together" in the cart and "Time to reorder" on the home page, from
// the demo history (seed/history.rs orders bundles and staples on purpose). These tests
// fill buyer@demo.test's one cart, so they take turns with the other cart specs.

async function clearCart(request: APIRequestContext, token: string): Promise<void> {
  await graphql(request, token, 'mutation { clearCart }');
}

async function cartSkus(request: APIRequestContext, token: string): Promise<string[]> {
  const data = await graphql<{ cart: { lines: { sku: string }[] } }>(request, token, '{ cart { lines { sku } } }');
  return data.cart.lines.map((line) => line.sku);
}

/**
 * A product of the buyer's history that has a suggestion: the SKUs the buyer ordered
 * most often, each tried alone in the cart. Leaves the cart empty.
 */
async function productWithSuggestions(request: APIRequestContext, token: string): Promise<string> {
  const data = await graphql<{ orders: { nodes: { lines: { sku: string }[] }[] } }>(
    request,
    token,
    '{ orders(first: 100) { nodes { lines { sku } } } }',
  );
  const counts = new Map<string, number>();
  for (const order of data.orders.nodes) {
    for (const line of order.lines) counts.set(line.sku, (counts.get(line.sku) ?? 0) + 1);
  }
  const often = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([sku]) => sku);
  for (const sku of often.slice(0, 15)) {
    await clearCart(request, token);
    const added = await graphql<{ addToCart: { rejected: { sku: string }[] } }>(
      request,
      token,
      'mutation($sku: String!) { addToCart(lines: [{ sku: $sku, quantity: 1 }]) { rejected { sku } } }',
      { sku },
    );
    if (added.addToCart.rejected.length > 0) continue;
    const found = await graphql<{ cartSuggestions: { product: { sku: string } }[] }>(
      request,
      token,
      '{ cartSuggestions(first: 5) { product { sku } } }',
    );
    if (found.cartSuggestions.length > 0) {
      await clearCart(request, token);
      return sku;
    }
  }
  await clearCart(request, token);
  throw new Error('no product of the demo history has a suggestion');
}

test.describe('suggestions for the buyer', () => {
  test.describe.configure({ mode: 'serial' });

  let token = '';

  test.beforeAll(async ({ request }) => {
    test.setTimeout(STALE_CART_LOCK_MS + 60_000);
    await takeCartLock();
    token = await tokenOf(request, BUYER);
  });

  test.afterAll(async ({ request }) => {
    await clearCart(request, token);
    releaseCartLock();
  });

  test.beforeEach(async ({ request }) => {
    await clearCart(request, token);
  });

  test('the cart suggests what is bought with its product, with the reason, and adds it', async ({ page, request }) => {
    const sku = await productWithSuggestions(request, token);
    await signIn(page, BUYER);
    await expect(page.getByTestId('home-buyer')).toBeVisible();

    await page.goto('/cart');
    const panel = page.getByTestId('cart-suggestions');
    await expect(panel.getByTestId('suggestions-empty')).toBeVisible();

    await page.goto(`/catalog/${encodeURIComponent(sku)}`);
    await expect(page.getByTestId('product-sku')).toHaveText(sku);
    await page.getByTestId('add-to-cart').getByRole('button', { name: /הוספה לסל|Add to cart/ }).click();
    await expect(page.getByTestId('cart-toast')).toBeVisible();

    await page.goto('/cart');
    const suggestion = panel.getByTestId('suggestion').first();
    await expect(suggestion).toBeVisible();
    // "Bought together with SKU in N orders" / "נקנה יחד עם SKU ב־N הזמנות".
    await expect(suggestion.getByTestId('suggestion-reason')).toContainText(sku);
    await expect(suggestion.getByTestId('suggestion-reason')).toHaveText(/\d/);
    const suggested = await suggestion.getAttribute('data-sku');
    expect(suggested).toBeTruthy();
    expect(suggested).not.toBe(sku);

    await suggestion.getByRole('button').click();
    await expect(page.locator(`[data-testid="cart-line"][data-sku="${suggested}"]`)).toBeVisible();
    await expect.poll(() => cartSkus(request, token)).toContain(suggested);
    // Once in the cart, it is no longer suggested.
    await expect(panel.locator(`[data-testid="suggestion"][data-sku="${suggested}"]`)).toHaveCount(0);
    await expectNoHorizontalScroll(page);
  });

  test('the home page lists products due for reorder from the history, and adds one', async ({ page, request }) => {
    await signIn(page, BUYER);
    const panel = page.getByTestId('reorder-suggestions');
    await expect(panel).toBeVisible();
    const items = panel.getByTestId('suggestion');
    await expect(items.first()).toBeVisible();
    const first = items.first();
    // "You order this about every 12 days; last ordered 9 days ago" (or in Hebrew).
    await expect(first.getByTestId('suggestion-reason')).toHaveText(/\d+/);
    await expect(first.getByTestId('suggestion-due')).toBeVisible();
    const sku = await first.getAttribute('data-sku');
    await first.getByRole('button').click();
    await expect(page.getByTestId('cart-toast')).toBeVisible();
    await expect.poll(() => cartSkus(request, token)).toContain(sku);
    await expectNoHorizontalScroll(page);
  });
});
