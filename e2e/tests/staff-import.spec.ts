import fs from 'node:fs';
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { formatIls, graphql, openCatalog, productOnScreen, signIn, tokenOf, uniqueSku } from './support';

const HEADER = 'sku,name_he,name_en,description,category,unit,pack_size,min_order_quantity,active,base_price,on_hand';

function row(sku: string, category: string, price: string, onHand: number): string {
  return [sku, `בורג בדיקה ${sku}`, `Test screw ${sku}`, 'Made by the e2e test', category, 'box', '10', '20', 'true', price, String(onHand)].join(',');
}

async function pickFile(page: Page, name: string, text: string) {
  await page.getByTestId('import-file').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(text, 'utf8'),
  });
  await expect(page.getByTestId('import-check')).toBeEnabled();
}

test('staff exports the catalog, sees the line and reason of a bad row, and applies a good file', async ({
  page,
  request,
}, testInfo) => {
  await signIn(page, 'staff@demo.test');
  await expect(page.getByTestId('dashboard-page')).toBeVisible();
  await page.goto('/staff/import');
  await expect(page.getByTestId('staff-import-page')).toBeVisible();
  await expect(page.getByTestId('import-apply')).toBeDisabled();

  // Export: a UTF-8 file with a byte-order mark, named catalog.csv, in the import format.
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('catalog.csv');
  const exported = fs.readFileSync((await download.path())!, 'utf8');
  expect(exported.startsWith('\ufeff' + HEADER)).toBe(true);
  expect(exported).toContain('ADH-101,');
  const newline = exported.includes('\r\n') ? '\r\n' : '\n';
  const exportedLines = exported.replace(/(\r?\n)+$/, '').split(/\r?\n/);

  // The exported file with a new product and a bad row added: checked, never applied.
  const first = uniqueSku(testInfo, 'CSV');
  const broken = uniqueSku(testInfo, 'CSV');
  const badLine = exportedLines.length + 2;
  const badFile = [...exportedLines, row(first, 'Screws', '12.50', 40), row(broken, 'No such category', '1.00', 1)].join(newline) + newline;
  await pickFile(page, 'catalog-with-a-bad-row.csv', badFile);
  await page.getByTestId('import-check').click();
  const report = page.getByTestId('import-report');
  await expect(report).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('import-has-errors')).toBeVisible();
  await expect(page.getByTestId('report-errors')).toHaveText('1');
  const errors = page.getByTestId('import-errors').locator('tbody tr');
  await expect(errors).toHaveCount(1);
  await expect(errors.first().locator('td').first()).toHaveText(String(badLine));
  await expect(errors.first()).toContainText("no category is named 'No such category'");
  await expect(page.getByTestId('import-apply')).toBeDisabled();

  // A good file: checked, then applied after the confirmation.
  const second = uniqueSku(testInfo, 'CSV');
  const goodFile = '\ufeff' + [HEADER, row(first, 'Screws', '12.50', 40), row(second, 'Screws', '7.25', 0)].join('\n') + '\n';
  await pickFile(page, 'good.csv', goodFile);
  await expect(page.getByTestId('import-report')).toHaveCount(0);
  await expect(page.getByTestId('import-apply')).toBeDisabled();
  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('import-ok')).toBeVisible();
  await expect(page.getByTestId('report-rows')).toHaveText('2');
  await expect(page.getByTestId('report-created')).toHaveText('2');
  await expect(page.getByTestId('import-apply')).toBeEnabled();
  await page.getByTestId('import-apply').click();
  const confirm = page.getByTestId('confirm');
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: /Yes, continue|כן, להמשיך/ }).click();
  await expect(page.getByTestId('import-applied')).toBeVisible();
  await expect(page.getByTestId('import-apply')).toBeDisabled();

  // The products exist, at the base price, for a buyer whose assortment has Screws.
  const staffToken = await tokenOf(request, 'staff@demo.test');
  const created = await graphql<{ product: { nameEn: string; packSize: number } | null }>(
    request,
    staffToken,
    'query($sku: String!) { product(sku: $sku) { nameEn packSize } }',
    { sku: first },
  );
  expect(created.product).toEqual({ nameEn: `Test screw ${first}`, packSize: 10 });

  const buyer = await tokenOf(request, 'buyer@demo.test');
  const seen = await graphql<{ product: { unitPrice: string; available: number } | null }>(
    request,
    buyer,
    'query($sku: String!) { product(sku: $sku) { unitPrice available } }',
    { sku: second },
  );
  expect(seen.product).toEqual({ unitPrice: '7.25', available: 0 });
});

test('a buyer sees an imported product with its price and stock', async ({ page, request }, testInfo) => {
  const staff = await tokenOf(request, 'staff@demo.test');
  const sku = uniqueSku(testInfo, 'CSV');
  const file = [HEADER, row(sku, 'Screws', '1234.5', 4)].join('\n');
  const report = await graphql<{ importCatalogCsv: { applied: boolean; errorCount: number } }>(
    request,
    staff,
    'mutation($csv: String!) { importCatalogCsv(csv: $csv, dryRun: false) { applied errorCount } }',
    { csv: file },
  );
  expect(report.importCatalogCsv).toEqual({ applied: true, errorCount: 0 });

  await signIn(page, 'buyer@demo.test');
  await expect(page.getByTestId('home-buyer')).toBeVisible();
  await openCatalog(page, sku);
  const product = productOnScreen(page, sku);
  await expect(product.getByTestId('price')).toContainText(formatIls('1234.50'));
  await expect(product.getByTestId('availability')).toHaveAttribute('data-stock', 'low');
  await expect(product.getByTestId('availability')).toHaveAttribute('data-available', '4');
});

test('a file that is not UTF-8 is refused before anything is checked', async ({ page }) => {
  await signIn(page, 'staff@demo.test');
  await expect(page.getByTestId('dashboard-page')).toBeVisible();
  await page.goto('/staff/import');
  // "café" in Latin-1: the é is a byte that UTF-8 does not allow there.
  await page.getByTestId('import-file').setInputFiles({
    name: 'latin1.csv',
    mimeType: 'text/csv',
    buffer: Buffer.concat([Buffer.from(HEADER + '\nX-1,a,caf'), Buffer.from([0xe9]), Buffer.from(',Screws,box\n')]),
  });
  await expect(page.getByRole('alert').filter({ hasText: 'UTF-8' })).toBeVisible();
  await expect(page.getByTestId('import-check')).toBeDisabled();
  await expect(page.getByTestId('import-apply')).toBeDisabled();
});
