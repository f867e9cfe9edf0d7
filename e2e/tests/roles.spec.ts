import { expect, test } from './fixtures';
import { expectNavigation, signIn, signOut, texts, TEXTS, type Texts } from './support';

// Navigation labels of the ordering screens, as the app shows them in each language.
const MORE = {
  he: { dashboard: 'לוח בקרה', orders: 'הזמנות', approvals: 'אישורים', companyRules: 'כללי אישור', invoices: 'חשבוניות', ledger: 'כרטסת', payments: 'תשלומים', integrations: 'אינטגרציות', audit: 'יומן ביקורת' },
  en: { dashboard: 'Dashboard', orders: 'Orders', approvals: 'Approvals', companyRules: 'Approval rules', invoices: 'Invoices', ledger: 'Account', payments: 'Payments', integrations: 'Integrations', audit: 'Audit log' },
};
const more = (t: Texts) => (t === TEXTS.en ? MORE.en : MORE.he);

interface DemoUser {
  email: string;
  name: string;
  homeTestId: string;
  navigation: (t: Texts) => string[];
  /** Where the home page's link cards lead, in order. */
  homeCards: string[];
}

// The demo users seeded by `portal serve --demo`, one per role.
const demoUsers: Record<string, DemoUser> = {
  SUPPLIER_STAFF: {
    email: 'staff@demo.test',
    name: 'Tamar Shapiro',
    homeTestId: 'home-supplier-staff',
    navigation: (t) => [more(t).dashboard, t.catalog, more(t).orders, t.products, t.companies, more(t).payments, more(t).integrations, more(t).audit],
    homeCards: ['/staff/orders?requests=open', '/staff/dashboard', '/staff/orders', '/catalog', '/staff/products', '/staff/import', '/staff/assortments', '/companies'],
  },
  BUYER: {
    email: 'buyer@demo.test',
    name: 'Noa Levi',
    homeTestId: 'home-buyer',
    navigation: (t) => [t.home, t.catalog, more(t).orders, more(t).invoices, more(t).ledger],
    homeCards: ['/catalog', '/cart', '/orders'],
  },
  APPROVER: {
    email: 'approver@demo.test',
    name: 'Avi Cohen',
    homeTestId: 'home-approver',
    navigation: (t) => [t.home, t.catalog, more(t).orders, more(t).approvals, more(t).invoices, more(t).ledger],
    homeCards: ['/approvals', '/orders', '/catalog'],
  },
  VIEWER: {
    email: 'viewer@demo.test',
    name: 'Rina Mizrahi',
    homeTestId: 'home-viewer',
    navigation: (t) => [t.home, t.catalog, more(t).orders, more(t).invoices, more(t).ledger],
    homeCards: ['/invoices', '/ledger', '/orders', '/catalog'],
  },
  COMPANY_ADMIN: {
    email: 'admin@demo.test',
    name: 'Yossi Peretz',
    homeTestId: 'home-company-admin',
    navigation: (t) => [t.home, t.catalog, more(t).orders, t.users, more(t).companyRules, more(t).audit, more(t).invoices, more(t).ledger],
    homeCards: ['/company/rules', '/users', '/orders', '/catalog'],
  },
};

for (const [role, user] of Object.entries(demoUsers)) {
  test(`${role} signs in, sees its own home and navigation, stays signed in on reload and logs out`, async ({
    page,
  }, testInfo) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/login$/);

    await signIn(page, user.email);
    await expect(page).toHaveURL(/\/$/);
    const home = page.getByTestId(user.homeTestId);
    await expect(home).toBeVisible();
    await expect(home.getByRole('heading', { level: 1 })).toContainText(user.name);
    await expect
      .poll(() => home.locator('a.link-card').evaluateAll((cards) => cards.map((card) => card.getAttribute('href'))))
      .toEqual(user.homeCards);
    await expectNavigation(page, testInfo, user.navigation);

    await page.reload();
    await expect(page.getByTestId(user.homeTestId)).toBeVisible();
    await expect(page).toHaveURL(/\/$/);

    await signOut(page, testInfo);
    await expect(page.getByRole('button', { name: (await texts(page)).signIn })).toBeVisible();
    // The session is gone: a signed-in page sends back to the login page.
    await page.goto('/companies');
    await expect(page).toHaveURL(/\/login$/);
  });
}

test('an approver sees on the home page how many orders wait for a decision', async ({ page }) => {
  await signIn(page, 'approver@demo.test');
  const card = page.getByTestId('home-approver').getByTestId('approvals-card');
  await expect(card.getByTestId('approvals-count')).toHaveText(/^\d+$/);
  await card.click();
  await expect(page).toHaveURL(/\/approvals$/);
});

test('a signed-in user who opens /login lands on the home page', async ({ page }) => {
  await signIn(page, 'buyer@demo.test');
  await expect(page.getByTestId('home-buyer')).toBeVisible();
  await page.goto('/login');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('home-buyer')).toBeVisible();
});
