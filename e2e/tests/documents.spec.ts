import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { formatIls, graphql, signIn, tokenOf } from './support';

/** The text of a PDF by pdftotext (poppler-utils), bidi marks removed; null without it. */
function pdfText(bytes: Buffer): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-pdf-'));
  const path = join(dir, 'document.pdf');
  writeFileSync(path, bytes);
  try {
    return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(
      /[\u202A-\u202E\u2066-\u2069\u200E\u200F]/g,
      '',
    );
  } catch {
    return null;
  }
}

test('a viewer reaches an invoice PDF in two clicks from the home page', async ({ page, request }) => {
  await signIn(page, 'viewer@demo.test');
  const home = page.getByTestId('home-viewer');
  await expect(home).toBeVisible();
  // The two first cards: Invoices, then the account.
  await expect(home.locator('a.link-card').first()).toHaveAttribute('href', '/invoices');

  await home.locator('a.link-card[href="/invoices"]').click();
  await expect(page).toHaveURL(/\/invoices$/);
  const first = page.getByTestId('invoice-row').first();
  await expect(first).toBeVisible();
  const number = await first.getAttribute('data-number');
  const link = first.getByTestId('invoice-pdf');
  await expect(link).toHaveAttribute('target', '_blank');
  const href = await link.getAttribute('href');
  expect(href).toBeTruthy();
  // Cards on a phone: the page never scrolls sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // The newest invoice first, with the API's total.
  const token = await tokenOf(request, 'viewer@demo.test');
  const data = await graphql<{ invoices: { nodes: { number: string; total: string }[] } }>(
    request,
    token,
    '{ invoices(first: 1) { nodes { number total } } }',
  );
  const newest = data.invoices.nodes[0];
  expect(number).toBe(newest.number);
  await expect(first.getByTestId('invoice-total')).toHaveText(formatIls(newest.total));

  // The signed link works on its own (no Bearer header), as a new tab opens it.
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/pdf');
  const body = await response.body();
  expect(body.subarray(0, 4).toString('latin1')).toBe('%PDF');
  const text = pdfText(body);
  if (text !== null) {
    expect(text).toContain(newest.number);
    expect(text).toContain(formatIls(newest.total).replace('₪ ', ''));
  }
});

test("a viewer sees the company's balance on the Account card and the ledger page", async ({ page, request }) => {
  const token = await tokenOf(request, 'viewer@demo.test');
  const data = await graphql<{ ledger: { balance: string } }>(request, token, '{ ledger { balance } }');
  const balance = formatIls(data.ledger.balance);

  await signIn(page, 'viewer@demo.test');
  const card = page.getByTestId('home-viewer').getByTestId('account-card');
  await expect(card.getByTestId('home-balance')).toHaveText(balance);
  await card.click();
  await expect(page).toHaveURL(/\/ledger$/);
  await expect(page.getByTestId('ledger-balance')).toContainText(balance);
  await expect(page.getByTestId('statement-row').first()).toBeVisible();
  await expect(page.getByTestId('export-csv')).toHaveAttribute('href', /statement\.csv/);

  // The page never scrolls sideways, even on a phone; the statement scrolls in its box.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('the statement CSV export downloads', async ({ page }) => {
  await signIn(page, 'viewer@demo.test');
  await expect(page.getByTestId('home-viewer')).toBeVisible();
  await page.goto('/ledger');
  const href = await page.getByTestId('export-csv').getAttribute('href');
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('text/csv');
});

test('a Negev buyer sees the overdue amount highlighted on the ledger page', async ({ page, request }) => {
  const token = await tokenOf(request, 'buyer@other.test');
  const data = await graphql<{ ledger: { overdue: string } }>(request, token, '{ ledger { overdue } }');
  expect(Number(data.ledger.overdue)).toBeGreaterThan(0);

  await signIn(page, 'buyer@other.test');
  await expect(page.getByTestId('home-buyer')).toBeVisible();
  await page.goto('/ledger');
  const overdue = page.getByTestId('ledger-overdue');
  await expect(overdue).toContainText(formatIls(data.ledger.overdue));
  await expect(overdue).toHaveClass(/danger/);
  const row = page.locator('[data-testid="open-item"][data-overdue="true"]').first();
  await expect(row).toBeVisible();
  await expect(row).toHaveClass(/overdue/);
});

test('the invoices list filters by order number and shows an empty state', async ({ page }) => {
  await signIn(page, 'viewer@demo.test');
  await expect(page.getByTestId('home-viewer')).toBeVisible();
  await page.goto('/invoices');
  await expect(page.getByTestId('invoice-row').first()).toBeVisible();
  await page.locator('#invoices-order').fill('SO-999999');
  await page.locator('#invoices-order').press('Enter');
  await expect(page.getByTestId('invoices-empty')).toBeVisible();
});
