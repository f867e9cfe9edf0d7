import { expect, type Page, type TestInfo } from '@playwright/test';

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
    menu: 'תפריט',
    navigation: 'ניווט ראשי',
    logout: 'התנתקות',
    home: 'דף הבית',
    users: 'משתמשים',
    companies: 'חברות',
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
    menu: 'Menu',
    navigation: 'Main navigation',
    logout: 'Log out',
    home: 'Home',
    users: 'Users',
    companies: 'Companies',
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

/** Signs in through the login form, pressing Enter in the password field. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
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
