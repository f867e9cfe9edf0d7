import { expect, test } from './fixtures';
import { formatIls, graphql, openCatalog, productOnScreen, signIn, tokenOf, uniqueSku } from './support';

test('staff creates a product, prices it with a tier, stocks it, and a buyer sees all of it', async ({
  page,
  request,
}, testInfo) => {
  const sku = uniqueSku(testInfo, 'NEW');
  const staffToken = await tokenOf(request, 'staff@demo.test');
  const { categories } = await graphql<{ categories: { id: string; nameEn: string }[] }>(
    request,
    staffToken,
    '{ categories { id nameEn } }',
  );
  const screws = categories.find((c) => c.nameEn === 'Screws')!;

  await signIn(page, 'staff@demo.test');
  await expect(page.getByTestId('dashboard-page')).toBeVisible();
  await page.goto('/staff/products');
  await page.getByTestId('new-product').click();
  const form = page.getByTestId('product-form');
  await form.locator('#product-sku').fill(sku.toLowerCase());
  await form.locator('#product-name-he').fill('בורג ניסיון');
  await form.locator('#product-name-en').fill('Trial screw');
  await form.locator('#product-category').selectOption(screws.id);
  await form.locator('#product-unit').fill('box');
  await form.locator('#product-pack-size').fill('5');
  await form.locator('#product-min-order').fill('10');
  await form.locator('#product-description').fill('A screw made by the browser test.');
  await form.getByRole('button', { name: /Save product|שמירת המוצר/ }).click();
  await expect(page.getByRole('status').filter({ hasText: sku })).toBeVisible();
  await expect(form).toHaveCount(0);

  // Find it in the list and give it a base price with a tier.
  await page.getByTestId('catalog-search').fill(sku);
  const row = page.locator(`[data-testid="staff-product-row"][data-sku="${sku}"]`);
  await expect(row).toBeVisible();
  await row.locator('[data-action="prices"]').click();
  const prices = page.getByTestId('price-form');
  await prices.getByTestId('unit-price').fill('8.40');
  await prices.getByRole('button', { name: /Add a tier|הוספת מדרגה/ }).click();
  const tier = prices.locator('.tier-row').first();
  await tier.locator('input').nth(0).fill('50');
  await tier.locator('input').nth(1).fill('7.90');
  await prices.getByRole('button', { name: /Save price|שמירת המחיר/ }).click();
  await expect(page.getByTestId('price-result')).toBeVisible();
  await expect(row.getByTestId('price')).toContainText(formatIls('8.40'));
  await expect(row.getByTestId('price')).toContainText(`50+ ${formatIls('7.90')}`);

  // Stock: receive 25 units.
  await row.locator('[data-action="stock"]').click();
  await page.getByTestId('stock-delta').fill('25');
  await page.getByTestId('stock-reason').selectOption('RECEIPT');
  await page.getByTestId('stock-form').getByRole('button', { name: /Adjust stock|עדכון מלאי/ }).click();
  await expect(page.getByTestId('stock-result')).toContainText('25');
  await expect(row.getByTestId('availability')).toHaveAttribute('data-available', '25');

  // Editing keeps the SKU and changes the name.
  await row.locator('[data-action="edit"]').click();
  await expect(form.locator('#product-sku')).toHaveValue(sku);
  await form.locator('#product-name-en').fill('Trial screw, improved');
  await form.getByRole('button', { name: /Save product|שמירת המוצר/ }).click();
  await expect(form).toHaveCount(0);
  await expect(row).toContainText('Trial screw, improved');

  // Galil's buyer (its assortment has Fasteners) sees the product at the base price.
  const buyerContext = await page.context().browser()!.newContext({
    viewport: testInfo.project.use.viewport,
    isMobile: testInfo.project.use.isMobile,
    hasTouch: testInfo.project.use.hasTouch,
    userAgent: testInfo.project.use.userAgent,
    deviceScaleFactor: testInfo.project.use.deviceScaleFactor,
    baseURL: testInfo.project.use.baseURL,
  });
  const buyer = await buyerContext.newPage();
  await signIn(buyer, 'buyer@demo.test');
  await expect(buyer.getByTestId('home-buyer')).toBeVisible();
  await openCatalog(buyer, sku);
  const item = productOnScreen(buyer, sku);
  await expect(item.getByTestId('price')).toContainText(formatIls('8.40'));
  await expect(item.getByTestId('availability')).toHaveAttribute('data-available', '25');
  // Pack size 5, minimum 10: "More" starts at 10; 50 reaches the tier.
  await item.getByRole('button', { name: /^(More|יותר)$/ }).click();
  await expect(item.locator('input[type="number"]')).toHaveValue('10');
  await expect(item.getByTestId('line-total')).toHaveText(formatIls('84.00'));
  await item.locator('input[type="number"]').fill('50');
  await expect(item.getByTestId('line-total')).toHaveText(formatIls('395.00'));
  await item.locator('input[type="number"]').fill('12');
  await expect(item.getByTestId('line-total')).toHaveText('—');
  await buyerContext.close();
});

test('staff sees a company\'s assortment and must confirm before replacing it', async ({ page, request }) => {
  const staffToken = await tokenOf(request, 'staff@demo.test');
  const { companies } = await graphql<{ companies: { nodes: { id: string; name: string }[] } }>(
    request,
    staffToken,
    '{ companies(first: 10) { nodes { id name } } }',
  );
  const galil = companies.nodes.find((c) => c.name === 'Galil Hardware Ltd')!;
  const { companyAssortment } = await graphql<{ companyAssortment: { categoryIds: string[]; skus: string[] } }>(
    request,
    staffToken,
    'query($id: ID!) { companyAssortment(companyId: $id) { categoryIds skus } }',
    { id: galil.id },
  );

  await signIn(page, 'staff@demo.test');
  await expect(page.getByTestId('dashboard-page')).toBeVisible();
  await page.goto('/staff/assortments');
  await page.getByTestId('assortment-company').selectOption(galil.id);
  const editor = page.getByTestId('assortment-editor');
  for (const id of companyAssortment.categoryIds) {
    await expect(editor.locator(`input[data-category-id="${id}"]`)).toBeChecked();
  }
  await expect(editor.getByTestId('assortment-skus')).toHaveValue(companyAssortment.skus.join('\n'));
  await expect(page.getByTestId('pricing-editor')).toBeVisible();

  // Replacing asks first; cancelling changes nothing.
  await editor.getByTestId('save-assortment').click();
  const confirm = editor.getByTestId('confirm');
  await expect(confirm).toContainText('Galil Hardware Ltd');
  await confirm.getByRole('button', { name: /Cancel|ביטול/ }).click();
  await expect(confirm).toHaveCount(0);
  const after = await graphql<{ companyAssortment: { categoryIds: string[]; skus: string[] } }>(
    request,
    staffToken,
    'query($id: ID!) { companyAssortment(companyId: $id) { categoryIds skus } }',
    { id: galil.id },
  );
  expect(after).toEqual({ companyAssortment });
});
