import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Page, TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';
import { placePendingOrder, releaseOrders } from './order-fixtures';
import { currentLang, graphql, openMenu, signIn, tokenOf, type Lang } from './support';

// Every route of frontend/src/app.rs, for every role that may open it, in both languages,
// on the desktop and phone projects: axe-core finds no serious or critical violation of
// WCAG 2.0/2.1 A and AA (Israeli Standard 5568 follows WCAG 2.0 AA), each page has one
// h1, and its skip link is the first stop of the keyboard and moves focus to <main>.
//
// One test per role keeps the run short: it signs in once and loops over its routes in
// the language it starts in, switches the language the way a person does (the header's
// switch), loops again, and switches back so the user's saved language is as before.

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The ids the routes with a parameter need, read through the API as each role sees them. */
type Ids = { sku: string; orderId: string; approvalId?: string; pickListId?: string };

interface RoleRoutes {
  email: string;
  routes: (ids: Ids) => string[];
}

const ROLES: Record<string, RoleRoutes> = {
  SUPPLIER_STAFF: {
    email: 'staff@demo.test',
    routes: (ids) => [
      '/staff/dashboard',
      '/',
      '/catalog',
      `/catalog/${ids.sku}`,
      '/staff/orders',
      '/staff/orders/new',
      `/staff/orders/${ids.pickListId}/pick-list`,
      '/staff/payments',
      '/staff/api-keys',
      '/staff/webhooks',
      '/orders',
      `/orders/${ids.orderId}`,
      '/staff/products',
      '/staff/import',
      '/staff/assortments',
      '/companies',
      '/notifications',
      '/audit',
      '/account/security',
      '/no-such-page',
    ],
  },
  BUYER: {
    email: 'buyer@demo.test',
    routes: (ids) => [
      '/',
      '/catalog',
      `/catalog/${ids.sku}`,
      '/cart',
      '/checkout',
      '/orders',
      `/orders/${ids.orderId}`,
      '/invoices',
      '/ledger',
      '/notifications',
      '/account/security',
    ],
  },
  APPROVER: {
    email: 'approver@demo.test',
    routes: (ids) => [
      '/',
      '/approvals',
      `/approvals/${ids.approvalId}`,
      '/orders',
      `/orders/${ids.orderId}`,
      '/catalog',
      `/catalog/${ids.sku}`,
      '/cart',
      '/checkout',
      '/invoices',
      '/ledger',
      '/notifications',
    ],
  },
  VIEWER: {
    email: 'viewer@demo.test',
    routes: (ids) => [
      '/',
      '/catalog',
      `/catalog/${ids.sku}`,
      '/orders',
      `/orders/${ids.orderId}`,
      '/invoices',
      '/ledger',
      '/notifications',
      '/accessibility',
    ],
  },
  COMPANY_ADMIN: {
    email: 'admin@demo.test',
    routes: (ids) => [
      '/',
      '/users',
      '/company/rules',
      '/audit',
      '/orders',
      `/orders/${ids.orderId}`,
      '/catalog',
      `/catalog/${ids.sku}`,
      '/invoices',
      '/ledger',
      '/notifications',
    ],
  },
};

/** The routes a person who has not signed in can open. */
const ANONYMOUS_ROUTES = ['/login', '/accessibility', '/forgot-password', '/reset-password', '/accept-invitation'];

async function firstId(request: APIRequestContext, token: string, query: string): Promise<string | undefined> {
  const data = await graphql<Record<string, { nodes: { id?: string; sku?: string }[] }>>(request, token, query);
  const node = Object.values(data)[0]?.nodes[0];
  return node?.id ?? node?.sku;
}

async function idsOf(request: APIRequestContext, role: string, email: string): Promise<Ids> {
  const token = await tokenOf(request, email);
  const sku = await firstId(request, token, '{ products(first: 1) { nodes { sku } } }');
  const orderId = await firstId(request, token, '{ orders(first: 1) { nodes { id } } }');
  expect(sku, `a product ${email} sees`).toBeTruthy();
  expect(orderId, `an order ${email} sees`).toBeTruthy();
  const ids: Ids = { sku: sku!, orderId: orderId! };
  if (role === 'APPROVER') {
    ids.approvalId = await firstId(request, token, '{ orders(first: 1, status: PENDING_APPROVAL) { nodes { id } } }');
  }
  if (role === 'SUPPLIER_STAFF') {
    for (const status of ['PICKING', 'CONFIRMED', 'SUBMITTED']) {
      ids.pickListId = await firstId(request, token, `{ orders(first: 1, status: ${status}) { nodes { id } } }`);
      if (ids.pickListId) break;
    }
    expect(ids.pickListId, 'an order in the queue').toBeTruthy();
  }
  return ids;
}

/** Waits until the page shows its content: no skeleton, nothing busy, no loading text. */
async function waitForContent(page: Page, route: string): Promise<void> {
  await expect(page.locator('main h1, main [role="alert"]').first(), `the content of ${route}`).toBeVisible();
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          const main = document.querySelector('main');
          if (!main) return 'no main';
          if (main.querySelector('.skeleton, [aria-busy="true"]')) return 'busy';
          if (/טוען…|Loading…/.test(main.textContent ?? '')) return 'loading';
          return 'ready';
        }),
      { message: `${route} finished loading` },
    )
    .toBe('ready');
}

/** axe-core's serious and critical findings, one line each with the rule, targets and route. */
async function violations(page: Page, route: string, lang: Lang, testInfo: TestInfo): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  if (process.env.E2E_A11Y_TIMES && results.violations.length > 0) {
    console.log(`${route} ${lang}: ${results.violations.map((v) => `${v.id}/${v.impact}`).join(' ')}`);
  }
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `[${testInfo.project.name} ${lang}] ${route}: ${violation.id} (${violation.impact}) ${violation.help} ` +
        `at ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`,
    );
}

/** Exactly one h1, and the skip link is the first tab stop and moves focus to <main>. */
async function structureProblems(page: Page, route: string, lang: Lang, testInfo: TestInfo): Promise<string[]> {
  const where = `[${testInfo.project.name} ${lang}] ${route}`;
  const problems: string[] = [];
  const h1s = await page.locator('h1').count();
  if (h1s !== 1) problems.push(`${where}: ${h1s} h1 elements instead of one`);

  const firstStop = await page.evaluate(() => {
    const tabbable = Array.from(
      document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]'),
    ).filter((element) => element.tabIndex >= 0 && !element.hasAttribute('disabled'));
    return tabbable[0]?.getAttribute('href') ?? tabbable[0]?.outerHTML.slice(0, 80) ?? 'nothing';
  });
  if (firstStop !== '#main') {
    problems.push(`${where}: the first tab stop is ${firstStop}, not the skip link`);
    return problems;
  }
  const skipLink = page.locator('a[href="#main"]').first();
  await skipLink.focus();
  await expect(skipLink, `${where}: the skip link shows when focused`).toBeInViewport();
  await page.keyboard.press('Enter');
  const focused = await page
    .waitForFunction(() => document.activeElement?.id === 'main', undefined, { timeout: 2_000 })
    .then(
      () => 'main',
      () => page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80) ?? 'nothing'),
    );
  if (focused !== 'main') problems.push(`${where}: the skip link leaves focus on ${focused}, not on <main>`);
  return problems;
}

async function checkRoutes(page: Page, routes: string[], testInfo: TestInfo): Promise<string[]> {
  const lang = await currentLang(page);
  const problems: string[] = [];
  for (const route of routes) {
    const started = Date.now();
    await page.goto(route);
    await expect.poll(() => new URL(page.url()).pathname, `${route} opens without a redirect`).toBe(route);
    await waitForContent(page, route);
    expect(await currentLang(page), `${route} keeps the language`).toBe(lang);
    problems.push(...(await violations(page, route, lang, testInfo)));
    problems.push(...(await structureProblems(page, route, lang, testInfo)));
    if (process.env.E2E_A11Y_TIMES) console.log(`${testInfo.project.name} ${lang} ${route}: ${Date.now() - started} ms`);
  }
  return problems;
}

/** Switches the language with the header's button (behind the menu on a phone). */
async function switchLanguage(page: Page, testInfo: TestInfo): Promise<void> {
  const before = await currentLang(page);
  await page.goto('/');
  await expect(page.locator('main h1')).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  await openMenu(page, testInfo);
  const saved = page.waitForResponse(
    (response) => response.url().endsWith('/graphql') && response.request().postData()?.includes('setLanguage') === true,
  );
  await page.getByTestId('language-switch').click();
  await expect(page.locator('html')).not.toHaveAttribute('lang', before);
  expect((await saved).ok()).toBe(true);
}

test.describe('accessibility', () => {
  // Dozens of pages, each analysed twice: longer than an ordinary test.
  test.describe.configure({ timeout: 240_000 });

  test('the pages open without signing in have no serious violations in either language', async ({ page }, testInfo) => {
    await page.goto('/login');
    await expect(page.locator('#login-email')).toBeVisible();
    const problems = await checkRoutes(page, ANONYMOUS_ROUTES, testInfo);
    const before = await currentLang(page);
    await page.getByTestId('language-switch').click();
    await expect(page.locator('html')).not.toHaveAttribute('lang', before);
    problems.push(...(await checkRoutes(page, ANONYMOUS_ROUTES, testInfo)));
    expect(problems, problems.join('\n')).toEqual([]);
  });

  for (const [role, { email, routes }] of Object.entries(ROLES)) {
    test(`every page ${role} opens has no serious violations in either language`, async ({ page, request }, testInfo) => {
      const ids = await idsOf(request, role, email);
      const placed: string[] = [];
      if (role === 'APPROVER' && !ids.approvalId) {
        const order = await placePendingOrder(request, { note: 'e2e accessibility' });
        ids.approvalId = order.id;
        placed.push(order.id);
      }
      try {
        await signIn(page, email);
        await expect(page).not.toHaveURL(/\/login$/);
        await expect(page.locator('main h1')).toBeVisible();
        const problems = await checkRoutes(page, routes(ids), testInfo);
        await switchLanguage(page, testInfo);
        try {
          problems.push(...(await checkRoutes(page, routes(ids), testInfo)));
        } finally {
          await switchLanguage(page, testInfo);
        }
        expect(problems, problems.join('\n')).toEqual([]);
      } finally {
        await releaseOrders(request, placed);
      }
    });
  }
});
