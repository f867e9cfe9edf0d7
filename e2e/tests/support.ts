import { expect, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';

/** The password of every demo user. */
export const DEMO_PASSWORD = 'demo-password';

export type Lang = 'he' | 'en';

/** The UI texts the tests look for, as the app shows them in each language. */
export const TEXTS = {
  he: {
    productName: 'פורטל סיטונאי',
    languageButton: 'English',
    email: 'דואר אלקטרוני',
    password: 'סיסמה',
    signIn: 'כניסה',
    signingIn: 'מתחברים…',
    wrongCredentials: 'הדואר האלקטרוני או הסיסמה שגויים',
    tooManyAttempts: 'יותר מדי ניסיונות כניסה. אפשר לנסות שוב בעוד 5 דקות.',
    menu: 'תפריט',
    navigation: 'ניווט ראשי',
    logout: 'התנתקות',
    home: 'דף הבית',
    users: 'משתמשים',
    companies: 'חברות',
    catalog: 'קטלוג',
    products: 'מוצרים',
    greeting: 'שלום',
    addUser: 'הוספת משתמש',
    addUserButton: 'הוספת משתמש',
    name: 'שם',
    role: 'תפקיד',
    initialPassword: 'סיסמה ראשונית',
    roleOf: (name: string) => `התפקיד של ${name}`,
    deactivate: 'השבתה',
    confirmDeactivate: 'כן, להשבית',
    inactive: 'לא פעיל',
    approver: 'מאשר',
    viewer: 'צופה',
    saved: 'השינויים נשמרו',
    added: (email: string) => `המשתמש ${email} נוסף`,
  },
  en: {
    productName: 'Wholesale Portal',
    languageButton: 'עברית',
    email: 'E-mail',
    password: 'Password',
    signIn: 'Sign in',
    signingIn: 'Signing in…',
    wrongCredentials: 'E-mail or password is incorrect',
    tooManyAttempts: 'Too many sign-in attempts. Please try again in 5 minutes.',
    menu: 'Menu',
    navigation: 'Main navigation',
    logout: 'Log out',
    home: 'Home',
    users: 'Users',
    companies: 'Companies',
    catalog: 'Catalog',
    products: 'Products',
    greeting: 'Hello',
    addUser: 'Add a user',
    addUserButton: 'Add user',
    name: 'Name',
    role: 'Role',
    initialPassword: 'Initial password',
    roleOf: (name: string) => `Role of ${name}`,
    deactivate: 'Deactivate',
    confirmDeactivate: 'Yes, deactivate',
    inactive: 'Inactive',
    approver: 'Approver',
    viewer: 'Viewer',
    saved: 'Changes saved',
    added: (email: string) => `User ${email} added`,
  },
} as const;

export type Texts = (typeof TEXTS)[Lang];

/** The language the page shows now, from `<html lang>`. */
export async function currentLang(page: Page): Promise<Lang> {
  const lang = await page.locator('html').getAttribute('lang');
  expect(['he', 'en']).toContain(lang);
  return lang as Lang;
}

/** The texts of the language the page shows now. */
export async function texts(page: Page): Promise<Texts> {
  return TEXTS[await currentLang(page)];
}

export function isPhone(testInfo: TestInfo): boolean {
  return testInfo.project.name === 'mobile';
}

/** On a phone the navigation, language switch and logout sit behind the menu button. */
export async function openMenu(page: Page, testInfo: TestInfo): Promise<void> {
  if (!isPhone(testInfo)) return;
  const t = await texts(page);
  const button = page.getByRole('button', { name: t.menu });
  await expect(button).toBeVisible();
  if ((await button.getAttribute('aria-expanded')) !== 'true') {
    await button.click();
  }
  await expect(button).toHaveAttribute('aria-expanded', 'true');
}

/**
 * Signs in through the login form, pressing Enter in the password field. The form is
 * for a signed-out browser: a refresh cookie of this context (an earlier sign-in, or an
 * API login through `page.request`, which shares the cookie jar) is dropped first, or
 * the app would restore that session instead of showing the form.
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.context().clearCookies({ name: 'portal_refresh' });
  await page.goto('/login');
  // <html lang> is only certain once the app has started and applied the stored language.
  await expect(page.locator('#login-email')).toBeVisible();
  const t = await texts(page);
  await page.getByLabel(t.email, { exact: true }).fill(email);
  await page.getByLabel(t.password, { exact: true }).fill(password);
  await page.getByLabel(t.password, { exact: true }).press('Enter');
}

export async function signOut(page: Page, testInfo: TestInfo): Promise<void> {
  await openMenu(page, testInfo);
  const t = await texts(page);
  await page.getByRole('button', { name: t.logout }).click();
  await expect(page).toHaveURL(/\/login$/);
}

/** The main navigation shows exactly these links, in this order. */
export async function expectNavigation(
  page: Page,
  testInfo: TestInfo,
  labels: (t: Texts) => string[],
): Promise<void> {
  await openMenu(page, testInfo);
  const t = await texts(page);
  const nav = page.getByRole('navigation', { name: t.navigation });
  await expect(nav.getByRole('link')).toHaveText(labels(t));
}

/** Runs one GraphQL operation against the test server and returns its `data`. */
export async function graphql<T = any>(
  request: APIRequestContext,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await request.post('/graphql', {
    data: { query, variables },
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

/** A bearer token of a demo user. */
export async function tokenOf(
  request: APIRequestContext,
  email: string,
  password: string = DEMO_PASSWORD,
): Promise<string> {
  const data = await graphql<{ login: { token: string } }>(
    request,
    null,
    'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
    { email, password },
  );
  return data.login.token;
}

/**
 * `₪ 1,234.50` as the app shows a `Decimal` string: rounded half away from zero to two
 * decimals (in exact integer arithmetic), thousands separated by commas.
 */
export function formatIls(decimal: string): string {
  const negative = decimal.trim().startsWith('-');
  const [whole, fraction = ''] = decimal.trim().replace('-', '').split('.');
  const scale = fraction.length;
  let units = BigInt(whole + fraction);
  if (scale > 2) {
    const divisor = 10n ** BigInt(scale - 2);
    const remainder = units % divisor;
    units = units / divisor + (remainder * 2n >= divisor ? 1n : 0n);
  } else {
    units = units * 10n ** BigInt(2 - scale);
  }
  const text = units.toString().padStart(3, '0');
  const grouped = text.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `₪ ${negative && units !== 0n ? '-' : ''}${grouped}.${text.slice(-2)}`;
}

/** A SKU no earlier run or parallel test used (upper case, as the server keeps it). */
export function uniqueSku(testInfo: TestInfo, prefix = 'E2E'): string {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return `${prefix}-${testInfo.project.name.slice(0, 3)}-${suffix}`.toUpperCase();
}

/** The product with this SKU in the catalog list, in table and grid view alike. */
export function productOnScreen(page: Page, sku: string) {
  return page.locator(`[data-sku="${sku}"]`);
}

/** Opens the catalog filtered by a search and waits for the list to settle. */
export async function openCatalog(page: Page, search: string): Promise<void> {
  await page.goto(`/catalog?q=${encodeURIComponent(search)}`);
  await expect(page.getByTestId('catalog-page')).toBeVisible();
  await expect(page.getByTestId('catalog-search')).toHaveValue(search);
  await expect(
    page.locator('[data-testid="product-row"], [data-testid="product-card"], [data-testid="catalog-empty"]').first(),
  ).toBeVisible();
}

/**
 * Opens `path` signed in as `email` in language `lang` without the login form and
 * without changing the user's language on the server (the login form and the language
 * switch both store it per user, which parallel tests of that user would see). The
 * sign-in goes through `page.request`, which shares the browser context's cookie jar:
 * the HttpOnly refresh cookie lands in the context and the app restores the session
 * from it at start, as after a reload. The language goes into local storage.
 */
export async function openSignedIn(page: Page, email: string, lang: Lang, path: string): Promise<void> {
  await signInThroughApi(page.request, email);
  await page.goto('/accessibility');
  await page.evaluate((lang) => localStorage.setItem('portal.lang', lang), lang);
  await page.goto(path);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

/**
 * Signs in through the API of `request`; with a page's or a context's `request`, the
 * refresh cookie goes into that browser context. Returns the access token.
 */
export async function signInThroughApi(
  request: APIRequestContext,
  email: string,
  password: string = DEMO_PASSWORD,
): Promise<string> {
  const response = await request.post('/graphql', {
    data: {
      query: 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
      variables: { email, password },
    },
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(`login of ${email} failed: ${JSON.stringify(body.errors)}`);
  const cookie = response.headersArray().find((header) => header.name.toLowerCase() === 'set-cookie');
  expect(cookie?.value ?? '', 'login sets the refresh cookie').toContain('portal_refresh=');
  return body.data.login.token as string;
}
