import { type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { type Lang, graphql, openSignedIn, tokenOf } from './support';
import { APPROVER, BUYER, NEGEV_BUYER, STAFF, releaseOrders } from './order-fixtures';

// Issue 9: a screenshot per main page, in Hebrew and English, on the desktop and the
// Pixel 7 profiles, to catch layout breaks (mirroring, overflow, wrapping). The rest of
// the suite runs in parallel and changes data, so every region other specs change is
// masked (stock, lists of orders and documents, counters, balances, dates and order
// numbers) and the pages are read as users no other spec orders for where possible
// (Negev's buyer for the catalog and cart). The language is set in local storage, not
// through the switch, which would change the user's stored language for other specs.
//
// Baselines are PNGs of the viewport in CSS pixels (`scale: 'css'`), made by this
// machine's Chromium: `npx playwright test tests/screenshots.spec.ts --update-snapshots`
// after a deliberate change of the layout, then look at every changed image.

/** The approval page shows an order of its own, placed once per worker. */
const APPROVAL_SKU = 'PT-103';
const APPROVAL_QUANTITY = 13;

/** The order page shows Negev's oldest delivered order: no spec moves it. */
async function oldestDeliveredOrder(request: APIRequestContext): Promise<string> {
  const token = await tokenOf(request, NEGEV_BUYER);
  const data = await graphql<{ orders: { nodes: { id: string }[] } }>(
    request,
    token,
    '{ orders(first: 100, status: DELIVERED) { nodes { id } } }',
  );
  const ids = data.orders.nodes.map((order) => Number(order.id)).sort((a, b) => a - b);
  expect(ids.length, 'Negev has delivered orders').toBeGreaterThan(0);
  return String(ids[0]);
}

async function placeApprovalOrder(request: APIRequestContext): Promise<string> {
  const data = await graphql<{ placeOrder: { id: string; status: string } }>(
    request,
    await tokenOf(request, BUYER),
    'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }',
    {
      input: {
        lines: [{ sku: APPROVAL_SKU, quantity: APPROVAL_QUANTITY }],
        note: 'e2e screenshot',
        idempotencyKey: `e2e-screenshot-${Date.now()}-${Math.random().toString(36).slice(2)}`,
      },
    },
  );
  expect(data.placeOrder.status).toBe('PENDING_APPROVAL');
  return data.placeOrder.id;
}

type Shot = {
  name: string;
  /** Signed out when null. */
  user: string | null;
  path: (ids: Ids) => string;
  /** What shows that the page has its data. */
  ready: (page: Page) => Locator;
  /** Regions other specs change. */
  mask?: (page: Page) => Locator[];
};

type Ids = { deliveredOrder: string; pendingOrder: string };

/** Always masked: the header's live counters and every date and time. */
const alwaysMasked = (page: Page) => [
  page.getByTestId('cart-count'),
  page.getByTestId('unread-count'),
  page.locator('time'),
];

const SHOTS: Shot[] = [
  { name: 'login', user: null, path: () => '/login', ready: (page) => page.locator('#login-email') },
  {
    name: 'home',
    user: NEGEV_BUYER,
    path: () => '/',
    // "Time to reorder" loaded; its items depend on the hour the demo was seeded: masked.
    ready: (page) => page.getByTestId('reorder-suggestions').locator('.suggestion-list, [data-testid="suggestions-empty"]'),
    mask: (page) => [
      page.locator('.link-card .badge'),
      page.getByTestId('home-balance'),
      page.getByTestId('reorder-suggestions'),
    ],
  },
  {
    name: 'catalog',
    user: NEGEV_BUYER,
    path: () => '/catalog',
    ready: (page) => page.locator('[data-testid="product-row"], [data-testid="product-card"]').first(),
    mask: (page) => [page.getByTestId('availability')],
  },
  {
    name: 'product',
    user: NEGEV_BUYER,
    path: () => '/catalog/ANC-101',
    ready: (page) => page.getByTestId('product-page'),
    mask: (page) => [page.getByTestId('availability')],
  },
  { name: 'cart', user: NEGEV_BUYER, path: () => '/cart', ready: (page) => page.getByTestId('cart-empty') },
  {
    name: 'order',
    user: NEGEV_BUYER,
    path: (ids) => `/orders/${ids.deliveredOrder}`,
    ready: (page) => page.getByTestId('order-timeline'),
    mask: (page) => [page.getByTestId('order-number'), page.getByTestId('delivered-at')],
  },
  {
    name: 'approval',
    user: APPROVER,
    path: (ids) => `/approvals/${ids.pendingOrder}`,
    ready: (page) => page.getByTestId('approve'),
    mask: (page) => [page.getByTestId('order-number'), page.getByTestId('order-age')],
  },
  {
    name: 'invoices',
    user: 'viewer@demo.test',
    path: () => '/invoices',
    ready: (page) => page.locator('[data-testid="invoice-row"], [data-testid="invoices-empty"]').first(),
    mask: (page) => [page.getByTestId('invoice-row')],
  },
  {
    name: 'ledger',
    user: 'viewer@demo.test',
    path: () => '/ledger',
    ready: (page) => page.getByTestId('statement'),
    mask: (page) => [
      page.locator('[data-testid="ledger-page"] .money'),
      page.getByTestId('open-item'),
      page.getByTestId('statement-row'),
      page.locator('[data-testid="ledger-filter"] input'),
    ],
  },
  {
    name: 'staff-queue',
    user: STAFF,
    path: () => '/staff/orders',
    ready: (page) => page.getByTestId('queue-row').first(),
    mask: (page) => [
      page.getByTestId('queue-row'),
      page.getByTestId('requests-alert'),
      page.locator('.badge'),
      page.locator('label:has([data-testid="select-all-shown"])'),
    ],
  },
];

let ids: Ids | null = null;

test.beforeAll(async ({ request }) => {
  ids = { deliveredOrder: await oldestDeliveredOrder(request), pendingOrder: await placeApprovalOrder(request) };
});

test.afterAll(async ({ request }) => {
  if (ids) await releaseOrders(request, [ids.pendingOrder]);
});

/** Waits until the page has settled: its data, no skeleton, fonts loaded. */
async function settle(page: Page, shot: Shot): Promise<void> {
  await expect(shot.ready(page)).toBeVisible();
  await expect(page.locator('.skeleton')).toHaveCount(0);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  // Nothing focused: the focus ring of a just-loaded page is not part of its layout.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

for (const lang of ['he', 'en'] as Lang[]) {
  for (const shot of SHOTS) {
    test(`${shot.name} in ${lang === 'he' ? 'Hebrew' : 'English'} looks as before`, async ({ page }) => {
      const path = shot.path(ids!);
      if (shot.user) {
        await openSignedIn(page, shot.user, lang, path);
      } else {
        await page.goto('/accessibility');
        await page.evaluate((lang) => localStorage.setItem('portal.lang', lang), lang);
        await page.goto(path);
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
      }
      await settle(page, shot);
      await expect(page).toHaveScreenshot(`${shot.name}-${lang}.png`, {
        animations: 'disabled',
        caret: 'hide',
        scale: 'css',
        mask: [...alwaysMasked(page), ...(shot.mask?.(page) ?? [])],
        maxDiffPixelRatio: 0.01,
      });
    });
  }
}
