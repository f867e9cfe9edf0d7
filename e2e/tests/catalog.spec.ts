import { type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  formatIls,
  graphql,
  openCatalog,
  openMenu,
  productOnScreen,
  signIn,
  signOut,
  texts,
  tokenOf,
} from './support';

interface Offer {
  sku: string;
  unitPrice: string | null;
  categoryId: string;
}

const OFFER_FIELDS = 'sku unitPrice categoryId';

async function productsOf(request: APIRequestContext, token: string, search: string): Promise<Offer[]> {
  const data = await graphql<{ products: { nodes: Offer[] } }>(
    request,
    token,
    `query($search: String) { products(first: 100, search: $search) { nodes { ${OFFER_FIELDS} } } }`,
    { search },
  );
  return data.products.nodes;
}

async function productOf(request: APIRequestContext, token: string, sku: string): Promise<Offer | null> {
  const data = await graphql<{ product: Offer | null }>(
    request,
    token,
    `query($sku: String!) { product(sku: $sku) { ${OFFER_FIELDS} } }`,
    { sku },
  );
  return data.product;
}

/** A product `seer` has in its catalog and `other` does not, found through the API. */
async function onlyVisibleTo(
  request: APIRequestContext,
  seer: string,
  other: string,
  category: string,
): Promise<string> {
  const categories = await graphql<{ categories: { id: string; parentId: string | null; nameEn: string }[] }>(
    request,
    seer,
    '{ categories { id parentId nameEn } }',
  );
  const top = categories.categories.find((c) => c.nameEn === category && c.parentId === null);
  expect(top, `${category} is in the catalog`).toBeTruthy();
  const data = await graphql<{ products: { nodes: Offer[] } }>(
    request,
    seer,
    `query($id: ID) { products(first: 100, categoryId: $id) { nodes { ${OFFER_FIELDS} } } }`,
    { id: top!.id },
  );
  for (const product of data.products.nodes) {
    if ((await productOf(request, other, product.sku)) === null) return product.sku;
  }
  throw new Error(`every ${category} product is visible to both companies`);
}

async function switchUser(page: Page, testInfo: TestInfo, email: string) {
  await page.goto('/');
  // <html lang> is only certain once the app has started and applied the user's language.
  await expect(page.locator('main h1')).toBeVisible();
  await signOut(page, testInfo);
  await signIn(page, email);
  await expect(page).toHaveURL(/\/$/);
}

test('buyers of Galil and Negev see their own net price for the same SKU', async ({ page, request }, testInfo) => {
  const galil = await tokenOf(request, 'buyer@demo.test');
  const negev = await tokenOf(request, 'buyer@other.test');
  // Fasteners are in both assortments; Negev's list and discount price them differently.
  const galilOffers = await productsOf(request, galil, 'SCR-1');
  const negevOffers = new Map((await productsOf(request, negev, 'SCR-1')).map((o) => [o.sku, o]));
  const shared = galilOffers.find(
    (offer) =>
      offer.unitPrice !== null &&
      negevOffers.get(offer.sku)?.unitPrice != null &&
      formatIls(offer.unitPrice) !== formatIls(negevOffers.get(offer.sku)!.unitPrice!),
  );
  expect(shared, 'a SKU both companies see at different prices').toBeTruthy();
  const sku = shared!.sku;
  const galilPrice = formatIls(shared!.unitPrice!);
  const negevPrice = formatIls(negevOffers.get(sku)!.unitPrice!);

  await signIn(page, 'buyer@demo.test');
  await expect(page.getByTestId('home-buyer')).toBeVisible();
  await openCatalog(page, sku);
  const galilRow = productOnScreen(page, sku);
  await expect(galilRow).toHaveCount(1);
  await expect(galilRow.getByTestId('price')).toContainText(galilPrice);
  await expect(galilRow.getByTestId('price')).not.toContainText(negevPrice);

  await switchUser(page, testInfo, 'buyer@other.test');
  await openCatalog(page, sku);
  const negevRow = productOnScreen(page, sku);
  await expect(negevRow).toHaveCount(1);
  await expect(negevRow.getByTestId('price')).toContainText(negevPrice);
  await expect(negevRow.getByTestId('price')).not.toContainText(galilPrice);
  // Prices are net: the VAT note is on the page.
  await expect(page.getByTestId('vat-note')).toContainText('18%');
});

test('a Tools product outside Negev\'s assortment does not exist for Negev\'s buyer, also through search', async ({
  page,
  request,
}, testInfo) => {
  const galil = await tokenOf(request, 'buyer@demo.test');
  const negev = await tokenOf(request, 'buyer@other.test');
  const sku = await onlyVisibleTo(request, galil, negev, 'Tools');

  await signIn(page, 'buyer@other.test');
  await expect(page.getByTestId('home-buyer')).toBeVisible();
  await openCatalog(page, sku);
  await expect(page.getByTestId('catalog-empty')).toContainText(sku);
  await expect(productOnScreen(page, sku)).toHaveCount(0);
  // Its page answers "not found" as well.
  await page.goto(`/catalog/${sku}`);
  await expect(page.getByTestId('product-not-found')).toBeVisible();

  await switchUser(page, testInfo, 'buyer@demo.test');
  await openCatalog(page, sku);
  await expect(productOnScreen(page, sku)).toHaveCount(1);
});

test('an Electrical product outside Galil\'s assortment is not found by Galil\'s buyer', async ({
  page,
  request,
}, testInfo) => {
  const galil = await tokenOf(request, 'buyer@demo.test');
  const negev = await tokenOf(request, 'buyer@other.test');
  const sku = await onlyVisibleTo(request, negev, galil, 'Electrical');

  await signIn(page, 'buyer@demo.test');
  await expect(page.getByTestId('home-buyer')).toBeVisible();
  await openCatalog(page, sku);
  await expect(page.getByTestId('catalog-empty')).toBeVisible();
  await expect(productOnScreen(page, sku)).toHaveCount(0);

  await switchUser(page, testInfo, 'buyer@other.test');
  await openCatalog(page, sku);
  await expect(productOnScreen(page, sku)).toHaveCount(1);
});

test('the catalog searches as you type, filters by category, pages with "Load more" and opens a product', async ({
  page,
  request,
}, testInfo) => {
  await signIn(page, 'buyer@demo.test');
  await expect(page.getByTestId('home-buyer')).toBeVisible();
  await openMenu(page, testInfo);
  const t = await texts(page);
  await page.getByRole('navigation', { name: t.navigation }).getByRole('link', { name: t.catalog }).click();
  await expect(page).toHaveURL(/\/catalog$/);
  const items = page.locator('[data-testid="product-row"], [data-testid="product-card"]');
  await expect(items).toHaveCount(24);

  // "Load more" appends the next page.
  await page.getByTestId('load-more').click();
  await expect(items).toHaveCount(48);

  // Typing narrows the list without pressing Enter; the address keeps the search.
  await page.getByTestId('catalog-search').pressSequentially('anc-10', { delay: 30 });
  await expect(page).toHaveURL(/q=anc-10/);
  await expect(items.first()).toHaveAttribute('data-sku', /^ANC-10/);
  const count = await items.count();
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThanOrEqual(10);

  // A category narrows the list to its subtree.
  await page.getByTestId('catalog-search').fill('');
  if (testInfo.project.name === 'mobile') await page.locator('.category-panel summary').click();
  const buyer = await tokenOf(request, 'buyer@demo.test');
  const { categories } = await graphql<{ categories: { id: string; nameEn: string }[] }>(
    request,
    buyer,
    '{ categories { id nameEn } }',
  );
  const faucets = categories.find((c) => c.nameEn === 'Faucets')!;
  await page.locator(`[data-category-id="${faucets.id}"]`).click();
  await expect(page).toHaveURL(new RegExp(`category=${faucets.id}`));
  await expect(items.first()).toHaveAttribute('data-sku', /^FAU-/);
  await expect(page.locator('[data-sku]:not([data-sku^="FAU-"])')).toHaveCount(0);

  // The product page shows its price tiers, live availability and a way back.
  const first = items.first();
  const sku = await first.getAttribute('data-sku');
  await first.locator('a.product-link').click();
  await expect(page).toHaveURL(new RegExp(`/catalog/${sku}$`));
  await expect(page.getByTestId('product-sku')).toHaveText(sku!);
  await expect(page.getByTestId('availability')).toBeVisible();
  await expect(page.getByTestId('category-path')).toBeVisible();
  await page.locator('a.back-link').click();
  await expect(page).toHaveURL(/\/catalog$/);
});

test('the quantity stepper keeps whole packs from the minimum and shows the line total at the tier price', async ({
  page,
  request,
}) => {
  // A product sold in packs, with quantity tiers and stock, found through the API.
  const token = await tokenOf(request, 'buyer@demo.test');
  const data = await graphql<{
    products: {
      nodes: {
        sku: string;
        packSize: number;
        minOrderQuantity: number;
        available: number;
        unitPrice: string;
        priceTiers: { minQuantity: number; unitPrice: string }[];
      }[];
    };
  }>(
    request,
    token,
    '{ products(first: 100, search: "anchor") { nodes { sku packSize minOrderQuantity available unitPrice priceTiers { minQuantity unitPrice } } } }',
  );
  const product = data.products.nodes.find((p) => p.priceTiers.length > 0 && p.available > 20);
  expect(product, 'an anchor with tiers and stock').toBeTruthy();
  const { sku, packSize, minOrderQuantity } = product!;
  const smallest = Math.ceil(minOrderQuantity / packSize) * packSize;

  await signIn(page, 'buyer@demo.test');
  await expect(page.getByTestId('home-buyer')).toBeVisible();
  await openCatalog(page, sku);
  const row = productOnScreen(page, sku);
  const input = row.locator('input[type="number"]');
  await expect(input).toHaveValue('');
  await expect(row.getByTestId('line-total')).toHaveText('—');

  await row.getByRole('button', { name: /^(More|יותר)$/ }).click();
  await expect(input).toHaveValue(String(smallest));
  const unit = BigInt(Math.round(Number(product!.unitPrice) * 100));
  const expected = formatIls(((unit * BigInt(smallest)) / 1n).toString().replace(/(\d\d)$/, '.$1'));
  await expect(row.getByTestId('line-total')).toHaveText(expected);

  // From the first tier on, its unit price applies.
  const tier = product!.priceTiers[0];
  await input.fill(String(tier.minQuantity));
  const tierUnit = BigInt(Math.round(Number(tier.unitPrice) * 100));
  await expect(row.getByTestId('line-total')).toHaveText(
    formatIls((tierUnit * BigInt(tier.minQuantity)).toString().replace(/(\d\d)$/, '.$1')),
  );
});
