import { type APIRequestContext, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { graphql, tokenOf } from './support';
import { BUYER, STAFF, expectNoHorizontalScroll, pageOfOwnContext, signInLive, wholeCatalog } from './order-fixtures';
import { demoCompanies } from './company-fixtures';

// Staff enter an order a customer gave by phone (/staff/orders/new): it is placed at
// the customer's prices for its catalog, shows its channel, and the customer sees it.
// A line the customer cannot order is refused before anything is sent.

type Offer = { sku: string; unitPrice: string | null; available: number; packSize: number; minOrderQuantity: number; active: boolean };

const placed: string[] = [];

// Orders placed here go straight to the queue: cancel them, so their stock and credit
// go back for the other tests.
test.afterEach(async ({ request }) => {
  const token = await tokenOf(request, STAFF);
  for (const id of placed.splice(0)) {
    await graphql(request, token, 'mutation($id: ID!) { moveOrder(id: $id, action: CANCEL) { status } }', { id }).catch(
      () => undefined,
    );
  }
});

function smallest(offer: Offer): number {
  const pack = Math.max(1, offer.packSize);
  return Math.ceil(Math.max(1, offer.minOrderQuantity) / pack) * pack;
}

/** A cheap product Galil may order, with plenty of stock (parallel tests take turns). */
async function galilOffer(request: APIRequestContext): Promise<Offer> {
  const token = await tokenOf(request, BUYER);
  const offers = (
    await wholeCatalog<Offer>(request, token, 'sku unitPrice available packSize minOrderQuantity active')
  ).filter((o) => o.active && o.unitPrice !== null && Number(o.unitPrice) < 200 && o.available >= 20 * smallest(o));
  expect(offers.length).toBeGreaterThan(0);
  return offers[Math.floor(Math.random() * Math.min(offers.length, 40))];
}

/** A SKU of Negev's catalog that Galil's does not have. */
async function negevOnlySku(request: APIRequestContext): Promise<string> {
  const skus = async (email: string) =>
    (await wholeCatalog<{ sku: string }>(request, await tokenOf(request, email), 'sku')).map((p) => p.sku);
  const galil = new Set(await skus(BUYER));
  const only = (await skus('buyer@other.test')).find((sku) => !galil.has(sku));
  expect(only, 'Negev sees a product Galil does not').toBeTruthy();
  return only!;
}

/** The orders staff see for Galil with this note. */
async function ordersWithNote(request: APIRequestContext, companyId: string, note: string) {
  const token = await tokenOf(request, STAFF);
  const data = await graphql<{ orders: { nodes: { id: string; note: string; channel: string; status: string }[] } }>(
    request,
    token,
    'query($companyId: ID) { orders(first: 100, companyId: $companyId) { nodes { id note channel status } } }',
    { companyId },
  );
  return data.orders.nodes.filter((order) => order.note === note);
}

async function openEntry(page: Page, companyId: string) {
  await signInLive(page, STAFF);
  await page.goto('/staff/orders/new');
  await expect(page.getByTestId('staff-entry-page')).toBeVisible();
  await page.getByTestId('entry-company').selectOption(companyId);
  await expect(page.getByTestId('company-balance')).toBeVisible();
}

test('staff enter a phone order for Galil; it carries channel PHONE and Galil\'s buyer sees it', async ({
  page,
  request,
  browser,
}, testInfo) => {
  const { galil } = await demoCompanies(request);
  const offer = await galilOffer(request);
  const note = `e2e phone order ${testInfo.project.name} ${Date.now()}`;

  await openEntry(page, galil.id);
  await expect(page.getByTestId('entry-channel')).toHaveValue('PHONE');
  const row = page.getByTestId('quick-row').first();
  await row.getByTestId('quick-sku').fill(offer.sku);
  await expect(row.getByTestId('quick-name')).toBeVisible();
  await row.getByTestId('quick-quantity').fill(String(smallest(offer)));
  await page.getByTestId('entry-note').fill(note);
  await expectNoHorizontalScroll(page);

  // A double click places one order: the same idempotency key, and a busy button.
  await page.getByTestId('entry-place').dblclick();
  const done = page.getByTestId('entry-placed');
  await expect(done).toBeVisible();
  const link = done.getByTestId('entry-order-link');
  const orderId = (await link.getAttribute('href'))!.split('/').pop()!;
  placed.push(orderId);
  const found = await ordersWithNote(request, galil.id, note);
  expect(found.map((order) => order.id)).toEqual([orderId]);
  expect(found[0]).toMatchObject({ channel: 'PHONE', status: 'SUBMITTED' });

  // "Enter another" starts a new, empty order.
  await page.getByTestId('entry-another').click();
  await expect(page.getByTestId('entry-company')).toHaveValue('');
  await expect(page.getByTestId('quick-row').first().getByTestId('quick-sku')).toHaveValue('');

  await page.goto(`/orders/${orderId}`);
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'SUBMITTED');
  await expect(page.locator('.order-facts')).toContainText(/Phone|טלפון/);

  // The customer's buyer finds it in the company's orders.
  const buyerPage = await pageOfOwnContext(browser, testInfo);
  await signInLive(buyerPage, BUYER);
  await buyerPage.goto('/orders');
  await expect(buyerPage.locator(`[data-testid="order-row"][data-order-id="${orderId}"]`)).toBeVisible();
  await buyerPage.context().close();
});

test('a SKU that does not exist or is outside the company\'s catalog is refused in words, and nothing is placed', async ({
  page,
  request,
}, testInfo) => {
  const { galil } = await demoCompanies(request);
  const foreign = await negevOnlySku(request);
  const note = `e2e refused order ${testInfo.project.name} ${Date.now()}`;

  await openEntry(page, galil.id);
  // Pasted as from the customer's e-mail.
  await page.locator('.entry-paste > summary').click();
  await page.getByTestId('paste-lines').fill(`NO-SUCH-E2E-SKU\t5\n${foreign}\t10`);
  await page.getByTestId('paste-add').click();
  const rows = page.getByTestId('quick-row');
  await expect(rows.nth(0).getByTestId('quick-sku')).toHaveValue('NO-SUCH-E2E-SKU');
  await expect(rows.nth(0).getByTestId('quick-problem')).toHaveText(/No product has this SKU|אין מוצר עם המק״ט הזה/);
  await expect(rows.nth(1).getByTestId('quick-sku')).toHaveValue(foreign);
  await expect(rows.nth(1).getByTestId('quick-problem')).toContainText(/Not in .*'s catalog|לא בקטלוג של/);
  await expect(rows.nth(1).getByTestId('quick-problem')).toContainText(galil.name);
  await page.getByTestId('entry-note').fill(note);
  await expectNoHorizontalScroll(page);

  await page.getByTestId('entry-place').click();
  await expect(page.getByTestId('entry-not-ready')).toContainText(/Fix the marked lines|תקנו את השורות המסומנות/);
  await expect(page.getByTestId('entry-placed')).toHaveCount(0);
  expect(await ordersWithNote(request, galil.id, note)).toEqual([]);
});
