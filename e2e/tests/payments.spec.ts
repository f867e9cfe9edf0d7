import { type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';
import { graphql, tokenOf } from './support';
import { STAFF, expectNoHorizontalScroll, signInLive } from './order-fixtures';
import { demoCompanies } from './company-fixtures';

// Payments (/staff/payments): one recorded on the page credits the company's ledger by
// exactly its amount, a reference recorded before is refused, and the ERP's CSV is
// checked (a bad line named, nothing recorded) and then recorded whole.
//
// Tests run in parallel on one database, so no test expects a company's balance to
// stay put: each finds its own payment in the statement and compares the running
// balance just before and after it. Every payment goes to Galil: Negev's overdue
// invoice must stay overdue for the ledger spec.

type Entry = { kind: string; reference: string; credit: string; balance: string };

async function statementOf(request: APIRequestContext, companyId: string) {
  const token = await tokenOf(request, STAFF);
  const data = await graphql<{ ledger: { openingBalance: string; entries: Entry[] } }>(
    request,
    token,
    'query($id: ID) { ledger(companyId: $id) { openingBalance entries { kind reference credit balance } } }',
    { id: companyId },
  );
  return data.ledger;
}

/** A decimal string as an exact count of ten-thousandths. */
function units(decimal: string): bigint {
  const text = decimal.trim();
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = text.replace('-', '').split('.');
  const value = BigInt(whole + fraction.padEnd(4, '0').slice(0, 4));
  return negative ? -value : value;
}

/** The payment entries of `reference` in the company's statement, each with the balance before it. */
async function paymentsWithReference(request: APIRequestContext, companyId: string, reference: string) {
  const statement = await statementOf(request, companyId);
  return statement.entries.flatMap((entry, index) =>
    entry.reference === reference
      ? [{ entry, before: units(index === 0 ? statement.openingBalance : statement.entries[index - 1].balance) }]
      : [],
  );
}

/** Exactly one payment of `amount` with this reference, which lowered the balance by it. */
async function expectRecordedOnce(request: APIRequestContext, companyId: string, reference: string, amount: string) {
  const found = await paymentsWithReference(request, companyId, reference);
  expect(found).toHaveLength(1);
  const [{ entry, before }] = found;
  expect(entry.kind).toBe('PAYMENT');
  expect(units(entry.credit)).toBe(units(amount));
  expect(units(entry.balance)).toBe(before - units(amount));
}

function uniqueReference(testInfo: TestInfo, prefix: string): string {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return `${prefix}-${testInfo.project.name.slice(0, 3)}-${suffix}`.toUpperCase();
}

/** A UTC day (the server's days) `offset` days from today, as `YYYY-MM-DD`. */
function utcDay(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

/** `2026-03-31` as an Israeli ERP writes it: `31/03/2026`. */
function israeli(isoDay: string): string {
  const [year, month, day] = isoDay.split('-');
  return `${day}/${month}/${year}`;
}

async function openPayments(page: Page) {
  await signInLive(page, STAFF);
  await page.goto('/staff/payments');
  await expect(page.getByTestId('payments-page')).toBeVisible();
}

async function recordOnPage(page: Page, companyId: string, amount: string, reference: string) {
  await page.getByTestId('payment-company').selectOption(companyId);
  await expect(page.getByTestId('balance-now')).toBeVisible();
  await page.getByTestId('payment-amount').fill(amount);
  await page.getByTestId('payment-reference').fill(reference);
  await page.getByTestId('payment-record').click();
}

test('a payment recorded on the page credits the company\'s ledger by exactly its amount', async ({
  page,
  request,
}, testInfo) => {
  const { galil } = await demoCompanies(request);
  const reference = uniqueReference(testInfo, 'RC');
  await openPayments(page);
  await expect(page.getByTestId('payment-date')).toHaveValue(utcDay(0));

  await page.getByTestId('payment-company').selectOption(galil.id);
  await page.getByTestId('payment-amount').fill('1,234.56');
  // While it is typed, the balance after it is shown next to the balance now.
  await expect(page.getByTestId('balance-after')).toBeVisible();
  await page.getByTestId('payment-reference').fill(reference);
  await page.getByTestId('payment-note').fill('e2e bank transfer');
  await page.getByTestId('payment-record').click();

  const recorded = page.getByTestId('payment-recorded');
  await expect(recorded).toContainText(reference);
  await expect(recorded).toContainText('₪ 1,234.56');
  await expect(recorded).toContainText(galil.name);
  await expect(page.getByTestId('payment-amount')).toHaveValue('');
  await expectRecordedOnce(request, galil.id, reference, '1234.56');
  await expectNoHorizontalScroll(page);
});

test('the form names every wrong field before anything is sent', async ({ page }) => {
  await openPayments(page);
  await page.getByTestId('payment-record').click();
  await expect(page.getByTestId('payment-company-error')).not.toBeEmpty();
  await expect(page.getByTestId('payment-amount-error')).not.toBeEmpty();
  await expect(page.getByTestId('payment-reference-error')).not.toBeEmpty();
  await expect(page.getByTestId('payment-amount')).toHaveAttribute('aria-invalid', 'true');

  await page.getByTestId('payment-amount').fill('10.005');
  await page.getByTestId('payment-date').fill(utcDay(2));
  await page.getByTestId('payment-record').click();
  await expect(page.getByTestId('payment-amount-error')).toHaveText(/At most 2 decimals|לכל היותר 2 ספרות/);
  await expect(page.getByTestId('payment-date-error')).toHaveText(/cannot be in the future|לא יכול להיות בעתיד/);
  await expect(page.getByTestId('payment-recorded')).toHaveCount(0);
});

test('a reference already recorded for the company is refused, and the payment is not recorded twice', async ({
  page,
  request,
}, testInfo) => {
  const { galil } = await demoCompanies(request);
  const reference = uniqueReference(testInfo, 'DUP');
  const token = await tokenOf(request, STAFF);
  await graphql(request, token, 'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }', {
    input: { companyId: galil.id, amount: '50.00', date: utcDay(0), reference },
  });

  await openPayments(page);
  await recordOnPage(page, galil.id, '50', reference);
  const error = page.getByTestId('payment-error');
  await expect(error).toContainText(reference);
  await expect(error).toContainText(/already has a payment|כבר רשום תשלום/);
  await expect(page.getByTestId('payment-reference')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('payment-recorded')).toHaveCount(0);
  await expectRecordedOnce(request, galil.id, reference, '50');
});

test('a CSV with one bad line names that line and records nothing', async ({ page, request }, testInfo) => {
  const { galil } = await demoCompanies(request);
  const first = uniqueReference(testInfo, 'CSV');
  const second = uniqueReference(testInfo, 'CSV');
  const csv = [
    'company,date,amount,reference,note',
    `${galil.vatNumber},${israeli(utcDay(-1))},100.00,${first},e2e`,
    `999999999,${utcDay(-1)},200.00,${second},e2e`,
  ].join('\n');

  await openPayments(page);
  await page.getByTestId('payments-file').setInputFiles({
    name: 'erp-payments.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8'),
  });
  await expect(page.getByTestId('payments-csv')).toHaveValue(csv);
  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('payments-has-errors')).toBeVisible();
  await expect(page.getByTestId('payments-errors')).toHaveText('1');
  const errors = page.getByTestId('import-errors').locator('tbody tr');
  await expect(errors).toHaveCount(1);
  await expect(errors.first().locator('td').first()).toHaveText('3');
  await expect(errors.first()).toContainText('999999999');
  await expect(page.getByTestId('import-apply')).toBeDisabled();

  expect(await paymentsWithReference(request, galil.id, first)).toEqual([]);
  expect(await paymentsWithReference(request, galil.id, second)).toEqual([]);
  await expectNoHorizontalScroll(page);
});

test('a good CSV is checked, confirmed, and then every payment in it is recorded', async ({
  page,
  request,
}, testInfo) => {
  const { galil } = await demoCompanies(request);
  const first = uniqueReference(testInfo, 'ERP');
  const second = uniqueReference(testInfo, 'ERP');
  const csv = [
    'Company,Date,Amount,Reference,Note',
    `${galil.vatNumber},${israeli(utcDay(-1))},250.00,${first},e2e import`,
    `${galil.vatNumber},${utcDay(0)},99.90,${second},`,
  ].join('\n');

  await openPayments(page);
  await page.getByTestId('payments-csv').fill(csv);
  await expect(page.getByTestId('import-apply')).toBeDisabled();
  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('payments-ok')).toBeVisible();
  await expect(page.getByTestId('payments-rows')).toHaveText('2');
  await expect(page.getByTestId('payments-total')).toHaveText('₪ 349.90');
  // Nothing is recorded by the check.
  expect(await paymentsWithReference(request, galil.id, first)).toEqual([]);

  const apply = page.getByTestId('import-apply');
  await expect(apply).toHaveText(/Record 2 payments|רישום 2 תשלומים/);
  await apply.click();
  const confirm = page.getByTestId('confirm');
  await expect(confirm).toContainText('₪ 349.90');
  await confirm.getByRole('button', { name: /Yes, continue|כן, להמשיך/ }).click();
  await expect(page.getByTestId('payments-applied')).toBeVisible();
  await expect(apply).toBeDisabled();

  await expectRecordedOnce(request, galil.id, first, '250');
  await expectRecordedOnce(request, galil.id, second, '99.90');
});
