import { type APIRequestContext, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { graphql, openMenu, tokenOf } from './support';
import { BUYER, STAFF, expectNoHorizontalScroll, signInLive, wholeCatalog } from './order-fixtures';
import { demoCompanies } from './company-fixtures';

// Integrations (/staff/api-keys, /staff/webhooks): staff create an API key in the UI and
// read its secret once; a machine client pushes an order with it (ingestOrder) and the
// order shows in the queue with its channel; an endpoint created in the UI logs the
// delivery of that order's event; the key is revoked and the endpoint deleted, each
// after a confirmation.

type Offer = { sku: string; unitPrice: string | null; available: number; packSize: number; minOrderQuantity: number; active: boolean };

const placed: string[] = [];

// The pushed order goes straight to the queue: cancel it, so its stock and credit go
// back for the other tests.
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

/** A cheap product in Galil's catalog with plenty of stock. */
async function galilOffer(request: APIRequestContext): Promise<Offer> {
  const token = await tokenOf(request, BUYER);
  const offers = (
    await wholeCatalog<Offer>(request, token, 'sku unitPrice available packSize minOrderQuantity active')
  ).filter((o) => o.active && o.unitPrice !== null && Number(o.unitPrice) < 200 && o.available >= 20 * smallest(o));
  expect(offers.length).toBeGreaterThan(0);
  return offers[Math.floor(Math.random() * Math.min(offers.length, 40))];
}

/** Opens the integration pages the way a person does: the main navigation, then a tab. */
async function openFromNav(page: Page, testInfo: Parameters<typeof openMenu>[1], tab: 'api-keys' | 'webhooks') {
  await openMenu(page, testInfo);
  await page.locator('.main-nav a[href="/staff/api-keys"]').click();
  await expect(page.getByTestId('api-keys-page')).toBeVisible();
  await page.getByTestId(`tab-${tab}`).click();
  await expect(page).toHaveURL(new RegExp(`/staff/${tab}$`));
}

test('an API key made in the UI pushes an order, its webhook delivery is logged, and both are removed', async ({
  page,
  request,
}, testInfo) => {
  const { galil } = await demoCompanies(request);
  const offer = await galilOffer(request);
  const unique = `${testInfo.project.name}-${Date.now().toString(36)}`;
  const keyName = `E2E connector ${unique}`;
  // The server's own address: the delivery gets an answer, whatever its status.
  const hookUrl = `${testInfo.project.use.baseURL}/e2e-hook/${unique}`;

  await signInLive(page, STAFF);

  // The endpoint first, so that the pushed order's event is delivered to it.
  await openFromNav(page, testInfo, 'webhooks');
  await expect(page.getByTestId('webhooks-page')).toBeVisible();
  await page.getByTestId('webhook-create').click();
  await expect(page.locator('#webhook-url')).toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('webhook-url').fill(hookUrl);
  await page.getByTestId('webhook-event-ORDER_CREATED').check();
  await page.getByTestId('webhook-description').fill('E2E');
  await page.getByTestId('webhook-create').click();
  const signing = page.getByTestId('secret-once');
  await expect(signing.getByTestId('secret-value')).toHaveText(/\S{16,}/);
  await signing.getByTestId('secret-done').click();
  await expect(signing).toHaveCount(0);
  const card = page.getByTestId('webhook-card').filter({ hasText: hookUrl });
  await expect(card).toHaveCount(1);
  await expectNoHorizontalScroll(page);

  // A key with ORDERS_WRITE; its secret is on the page once.
  await openFromNav(page, testInfo, 'api-keys');
  await expect(page.getByTestId('api-keys-page')).toBeVisible();
  await page.getByTestId('api-key-name').fill(keyName);
  await page.getByTestId('api-key-create').click();
  await expect(page.locator('[data-testid="api-key-form"] .hint-error').filter({ hasText: /\S/ })).toHaveCount(1);
  await page.getByTestId('api-key-scope-ORDERS_WRITE').check();
  await page.getByTestId('api-key-create').click();
  const secretBox = page.getByTestId('secret-once');
  await expect(secretBox).toBeVisible();
  const secret = (await secretBox.getByTestId('secret-value').textContent())!.trim();
  expect(secret).toMatch(/^wpk_[A-Za-z0-9]+_\S+$/);
  const row = page.getByTestId(`api-key-${keyName}`);
  await expect(row).toBeVisible();
  await expect(row).toContainText(secret.split('_')[1]);
  await expect(row).not.toContainText(secret);
  await expectNoHorizontalScroll(page);
  await secretBox.getByTestId('secret-done').click();
  await expect(page.getByTestId('secret-once')).toHaveCount(0);

  // A machine client pushes an order with the key.
  const response = await page.request.post('/graphql', {
    headers: { authorization: `Bearer ${secret}` },
    data: {
      query:
        'mutation($input: IngestOrderInput!) { ingestOrder(input: $input) { id number status channel } }',
      variables: {
        input: {
          companyId: galil.id,
          channel: 'API',
          externalReference: `E2E-${unique}`,
          lines: [{ sku: offer.sku, quantity: smallest(offer) }],
          note: `e2e ingest ${unique}`,
        },
      },
    },
  });
  const body = await response.json();
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  const order = body.data.ingestOrder as { id: string; number: string; status: string; channel: string };
  placed.push(order.id);
  expect(order).toMatchObject({ status: 'SUBMITTED', channel: 'API' });

  // It is in the queue, with its channel.
  await page.goto(`/staff/orders?q=${encodeURIComponent(order.number)}`);
  const queueRow = page.locator(`[data-testid="queue-row"][data-order-id="${order.id}"]`);
  await expect(queueRow).toBeVisible();
  await expect(queueRow.locator('.cell-channel')).toHaveText('API');

  // The endpoint's log shows the order's event (delivered or not yet).
  await page.goto('/staff/webhooks');
  await card.getByTestId('webhook-deliveries').click();
  const log = card.getByTestId('delivery-log');
  await expect(log.getByTestId('delivery-row').filter({ hasText: 'order.created' }).first()).toBeVisible();
  await expectNoHorizontalScroll(page);

  // Pausing it is an edit of the endpoint.
  await card.getByTestId('webhook-edit').click();
  await card.getByTestId('webhook-edit-active').uncheck();
  await card.getByTestId('webhook-save').click();
  await expect(card.getByTestId('webhook-active')).toHaveText(/Paused|מושבתת/);

  // Revoking asks first; cancelling keeps the key.
  await page.goto('/staff/api-keys');
  await row.getByTestId('api-key-revoke').click();
  const confirm = page.getByTestId('confirm');
  await expect(confirm).toContainText(keyName);
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(row.getByTestId('api-key-revoke')).toBeVisible();
  await row.getByTestId('api-key-revoke').click();
  await page.getByTestId('confirm-yes').click();
  await expect(row.getByTestId('api-key-revoked')).toBeVisible();
  // The revoked key opens nothing any more.
  const refused = await page.request.post('/graphql', {
    headers: { authorization: `Bearer ${secret}` },
    data: { query: '{ apiKeys { nodes { id } } }' },
  });
  const refusedBody = await refused.json();
  expect(refusedBody.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

  // Deleting the endpoint asks first too.
  await page.goto('/staff/webhooks');
  await card.getByTestId('webhook-delete').click();
  await page.getByTestId('confirm-yes').click();
  await expect(card).toHaveCount(0);
});

test('"Export CSV" on the queue downloads the orders of the last 30 days through a signed link', async ({ page }) => {
  await signInLive(page, STAFF);
  await page.goto('/staff/orders');
  await expect(page.getByTestId('queue-page')).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-orders').click()]);
  expect(download.url()).toMatch(/\/exports\/orders\.csv\?.*from=\d{4}-\d{2}-\d{2}.*token=/);
  const stream = await download.createReadStream();
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  expect(text.split('\n')[0]).toContain('order_number');
});
