import { expect, type APIRequestContext, type Browser, type Page, type TestInfo } from '@playwright/test';
import { graphql, signIn, tokenOf } from './support';

// Orders for the order, approval and queue specs, placed through the API.
//
// Galil's rules (seed): above 5,000 ILS before VAT an order needs one approval, above
// 20,000 two distinct approvers; Negev's small orders need none and go straight to the
// supplier. Every test places its own orders, so parallel tests never decide on or move
// each other's. Each order is one line of a product without quantity tiers, so its
// subtotal is simply quantity x unit price; the products are taken in turns so that
// parallel tests spread their stock reservations.

export const BUYER = 'buyer@demo.test';
export const NEGEV_BUYER = 'buyer@other.test';
export const APPROVER = 'approver@demo.test';
export const SECOND_APPROVER = 'finance@demo.test';
export const STAFF = 'staff@demo.test';

export type PlacedOrder = {
  id: string;
  number: string;
  status: string;
  subtotal: string;
  approvalsRequired: number;
};

type CatalogProduct = {
  sku: string;
  unitPrice: string | null;
  available: number;
  packSize: number;
  minOrderQuantity: number;
  active: boolean;
  priceTiers: { minQuantity: number }[];
};

const catalogs = new Map<string, CatalogProduct[]>();
let turn = Math.floor(Math.random() * 1000);

/** Every product the user of `token` sees, all pages of its catalog, with `fields`. */
export async function wholeCatalog<T>(request: APIRequestContext, token: string, fields: string): Promise<T[]> {
  const products: T[] = [];
  let after: string | null = null;
  for (;;) {
    const data: {
      products: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: T[] };
    } = await graphql(
      request,
      token,
      `query($after: String) { products(first: 100, after: $after) {
         pageInfo { hasNextPage endCursor }
         nodes { ${fields} } } }`,
      { after },
    );
    products.push(...data.products.nodes);
    if (!data.products.pageInfo.hasNextPage) break;
    after = data.products.pageInfo.endCursor;
  }
  return products;
}

/** A buyer's priced products without tiers, the most expensive first (read once per worker). */
async function pricedProducts(request: APIRequestContext, email: string, token: string): Promise<CatalogProduct[]> {
  const cached = catalogs.get(email);
  if (cached) return cached;
  const products = await wholeCatalog<CatalogProduct>(
    request,
    token,
    'sku unitPrice available packSize minOrderQuantity active priceTiers { minQuantity }',
  );
  const priced = products
    .filter((p) => p.active && p.unitPrice !== null && p.priceTiers.length === 0 && Number(p.unitPrice) >= 40)
    .sort((a, b) => Number(b.unitPrice) - Number(a.unitPrice));
  catalogs.set(email, priced);
  return priced;
}

/** The smallest whole-pack quantity, at least the minimum, whose line is above `net`. */
function quantityAbove(product: CatalogProduct, net: number): number {
  const price = Number(product.unitPrice);
  const pack = Math.max(1, product.packSize);
  let quantity = Math.max(product.minOrderQuantity, Math.floor(net / price) + 1);
  quantity = Math.ceil(quantity / pack) * pack;
  return quantity;
}

const ORDER_FIELDS = 'id number status subtotal approvalsRequired';

/** Places an order of `email` whose subtotal before VAT is just above `net`. */
async function placeOrderAbove(
  request: APIRequestContext,
  email: string,
  net: number,
  options: { note?: string; costCenterId?: string } = {},
): Promise<PlacedOrder> {
  const token = await tokenOf(request, email);
  const products = await pricedProducts(request, email, token);
  const candidates = products.filter((p) => p.available >= 2 * quantityAbove(p, net + 50)).slice(0, 12);
  let lastError: unknown = null;
  for (let attempt = 0; attempt < candidates.length; attempt++) {
    const product = candidates[turn++ % candidates.length];
    const quantity = quantityAbove(product, net + 50);
    try {
      const data = await graphql<{ placeOrder: PlacedOrder }>(
        request,
        token,
        `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { ${ORDER_FIELDS} } }`,
        {
          input: {
            lines: [{ sku: product.sku, quantity }],
            note: options.note ?? 'e2e order',
            costCenterId: options.costCenterId ?? null,
            idempotencyKey: `e2e-${Date.now()}-${Math.random().toString(36).slice(2)}`,
          },
        },
      );
      expect(Number(data.placeOrder.subtotal)).toBeGreaterThan(net);
      return data.placeOrder;
    } catch (error) {
      // Not enough stock left of this product (parallel tests reserve it): the next one.
      if (!String(error).includes('OUT_OF_STOCK')) throw error;
      lastError = error;
    }
  }
  throw new Error(`no product could make an order above ${net}: ${String(lastError)}`);
}

/**
 * Places an order of buyer@demo.test whose subtotal before VAT is just above `net`
 * (5,000 by default: one approval) and checks it waits for approval.
 */
export async function placePendingOrder(
  request: APIRequestContext,
  options: { net?: number; note?: string; costCenterId?: string } = {},
): Promise<PlacedOrder> {
  const order = await placeOrderAbove(request, BUYER, options.net ?? 5_000, options);
  expect(order.status).toBe('PENDING_APPROVAL');
  return order;
}

/** Places a small order of Negev's buyer, which goes straight to the supplier's queue. */
export async function placeSubmittedOrder(request: APIRequestContext): Promise<PlacedOrder> {
  const order = await placeOrderAbove(request, NEGEV_BUYER, 100, { note: 'e2e queue order' });
  expect(order.status).toBe('SUBMITTED');
  return order;
}

export async function approveByApi(
  request: APIRequestContext,
  orderId: string,
  email = APPROVER,
): Promise<{ status: string; approvals: number }> {
  const token = await tokenOf(request, email);
  const data = await graphql<{ approveOrder: { status: string; approvals: number } }>(
    request,
    token,
    'mutation($id: ID!) { approveOrder(id: $id) { status approvals } }',
    { id: orderId },
  );
  return data.approveOrder;
}

export async function rejectByApi(request: APIRequestContext, orderId: string, reason: string): Promise<void> {
  const token = await tokenOf(request, APPROVER);
  await graphql(request, token, 'mutation($id: ID!, $reason: String!) { rejectOrder(id: $id, reason: $reason) { status } }', {
    id: orderId,
    reason,
  });
}

export async function orderAsSeenBy(
  request: APIRequestContext,
  email: string,
  orderId: string,
): Promise<{ status: string; approvals: number } | null> {
  const token = await tokenOf(request, email);
  const data = await graphql<{ order: { status: string; approvals: number } | null }>(
    request,
    token,
    'query($id: ID!) { order(id: $id) { status approvals } }',
    { id: orderId },
  );
  return data.order;
}

/**
 * Rejects the given orders that still wait for approval: their reserved stock and
 * their share of the company's credit limit are released for the next tests.
 */
export async function releaseOrders(request: APIRequestContext, orderIds: string[]): Promise<void> {
  for (const id of orderIds) {
    const order = await orderAsSeenBy(request, BUYER, id);
    if (order?.status === 'PENDING_APPROVAL') {
      await rejectByApi(request, id, 'e2e clean-up').catch(() => undefined);
    }
  }
}

/** Whether a demo user exists in this build's seed (the second approver came later). */
export async function canSignIn(request: APIRequestContext, email: string): Promise<boolean> {
  return tokenOf(request, email).then(
    () => true,
    () => false,
  );
}

/** A second browser context of the same device as the test's project. */
export async function pageOfOwnContext(browser: Browser, testInfo: TestInfo): Promise<Page> {
  const { viewport, userAgent, deviceScaleFactor, isMobile, hasTouch, baseURL } = testInfo.project.use;
  const context = await browser.newContext({ viewport, userAgent, deviceScaleFactor, isMobile, hasTouch, baseURL });
  return context.newPage();
}

/** Signs in and waits until the app is up, with the live order feed connected. */
export async function signInLive(page: Page, email: string): Promise<void> {
  await signIn(page, email);
  await expect(page.getByTestId('notification-bell')).toBeVisible();
  await expect(page.getByTestId('notification-bell')).toHaveAttribute('data-live', 'on');
}

/** The page scrolls no wider than the screen. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
  expect(widths.scroll, `page is ${widths.scroll}px wide on a ${widths.inner}px screen`).toBeLessThanOrEqual(widths.inner);
}
