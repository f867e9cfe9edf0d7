import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import { graphql, openSignedIn, tokenOf } from './support';
import { STAFF } from './order-fixtures';
import { demoCompanies } from './company-fixtures';

// Company onboarding (issue 6): staff create a company (with the demo's Galil price
// list and Galil's assortment, so it can order) and invite its first admin; the admin
// accepts from the link of the e-mail in the server's outbox, invites a buyer from the
// users page; the buyer accepts and places an order that the server accepts.

const PASSWORD = 'copper kettle morning tide';

function unique(testInfo: TestInfo, prefix: string): string {
  return `${prefix}-${testInfo.project.name}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toLowerCase();
}

/** The token of the invitation link e-mailed to `email` (the server's outbox folder). */
async function invitationTokenFromOutbox(email: string): Promise<string> {
  const outbox = path.join(process.env.E2E_DATA_DIR ?? '', 'data', 'outbox');
  let token: string | undefined;
  await expect
    .poll(
      () => {
        const files = fs.existsSync(outbox) ? fs.readdirSync(outbox) : [];
        for (const file of files.filter((name) => name.includes('invitation') && name.endsWith('.eml'))) {
          const text = fs.readFileSync(path.join(outbox, file), 'utf8').replace(/=\r?\n/g, '').replace(/=3D/g, '=');
          if (!text.includes(email)) continue;
          token = /\/accept-invitation\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1];
          if (token) return true;
        }
        return false;
      },
      { message: `an invitation e-mail to ${email} in ${outbox}`, timeout: 15_000 },
    )
    .toBe(true);
  return token ?? '';
}

/** Gives the company Galil's assortment (staff's `setAssortment`). */
async function copyGalilAssortment(request: APIRequestContext, companyId: string): Promise<void> {
  const staff = await tokenOf(request, STAFF);
  const { galil } = await demoCompanies(request);
  const data = await graphql<{ companyAssortment: { categoryIds: string[]; skus: string[] } }>(
    request,
    staff,
    'query($id: ID!) { companyAssortment(companyId: $id) { categoryIds skus } }',
    { id: galil.id },
  );
  await graphql(
    request,
    staff,
    'mutation($id: ID!, $categories: [ID!]!, $skus: [String!]!) { setAssortment(companyId: $id, categoryIds: $categories, skus: $skus) { skus } }',
    { id: companyId, categories: data.companyAssortment.categoryIds, skus: data.companyAssortment.skus },
  );
}

/** Opens the link of an invitation signed out, chooses a name and a password. */
async function acceptInvitation(page: Page, token: string, name: string): Promise<void> {
  await page.context().clearCookies({ name: 'portal_refresh' });
  await page.goto(`/accept-invitation?token=${token}`);
  await expect(page.getByTestId('accept-invitation')).toBeVisible();
  await page.locator('#invited-name').fill(name);
  await page.locator('#new-password').fill(PASSWORD);
  await page.locator('#repeat-password').fill(PASSWORD);
  await page.locator('#repeat-password').press('Enter');
}

async function inviteThroughForm(page: Page, scope: ReturnType<Page['getByTestId']>, name: string, email: string, role: string) {
  const form = scope.getByTestId('invite-form');
  await form.getByTestId('invite-name').fill(name);
  await form.getByTestId('invite-email').fill(email);
  await form.getByTestId('invite-role').selectOption(role);
  await form.getByTestId('invite-submit').click();
  const row = scope.getByTestId('invitation-row').filter({ hasText: email });
  await expect(row).toBeVisible();
  await expect(row.getByTestId('invitation-status')).toHaveText(/Pending|ממתינה/);
}

test('staff onboard a company whose invited admin invites a buyer who orders', async ({ page, request }, testInfo) => {
  test.setTimeout(120_000);
  const companyName = `E2E Onboarding ${unique(testInfo, 'co')}`;
  const adminEmail = `${unique(testInfo, 'admin')}@onboarding.test`;
  const buyerEmail = `${unique(testInfo, 'buyer')}@onboarding.test`;

  // Staff: a new company with its terms and the demo's Galil price list.
  await openSignedIn(page, STAFF, 'en', '/companies');
  await page.getByTestId('new-company').click();
  const form = page.getByTestId('company-form');
  await expect(form).toBeVisible();
  await form.getByTestId('company-name').fill(companyName);
  // The VAT number is checked before anything is sent.
  await form.getByTestId('company-vat').fill('12345');
  await form.getByTestId('company-save').click();
  await expect(form.locator('#company-vat-error')).toBeVisible();
  await form.getByTestId('company-vat').fill('516000033');
  await form.getByTestId('company-terms').selectOption('NET');
  await form.getByTestId('company-days').fill('45');
  await form.getByTestId('company-credit').fill('500000');
  await form.getByTestId('company-price-list').selectOption({ label: 'Galil Hardware prices' });
  await form.getByTestId('company-save').click();
  await expect(form).toBeHidden();
  const row = page.getByTestId('company-row').filter({ hasText: companyName });
  await expect(row).toBeVisible();

  const staffToken = await tokenOf(request, STAFF);
  const companies = await graphql<{ companies: { nodes: { id: string; name: string; paymentTerms: string }[] } }>(
    request,
    staffToken,
    '{ companies(first: 100) { nodes { id name paymentTerms } } }',
  );
  const company = companies.companies.nodes.find((node) => node.name === companyName);
  expect(company?.paymentTerms).toBe('NET 45');
  await copyGalilAssortment(request, company!.id);

  // Staff invite the company's first admin.
  await row.getByTestId('company-invitations-open').click();
  const invitations = page.getByTestId('company-invitations');
  await expect(invitations).toBeVisible();
  await inviteThroughForm(page, invitations, 'Avi Admin', adminEmail, 'COMPANY_ADMIN');

  // The admin accepts from the e-mailed link and lands signed in on the home page.
  const adminToken = await invitationTokenFromOutbox(adminEmail);
  await acceptInvitation(page, adminToken, 'Avi Admin');
  await expect(page.getByTestId('home-company-admin')).toBeVisible();
  await expect(page).toHaveURL(/\/$/);

  // The admin invites a buyer from the users page.
  await page.goto('/users');
  await expect(page.getByTestId('users-page')).toBeVisible();
  await inviteThroughForm(page, page.getByTestId('users-page'), 'Bina Buyer', buyerEmail, 'BUYER');

  // The buyer accepts and orders: the order is accepted by the server.
  const buyerToken = await invitationTokenFromOutbox(buyerEmail);
  await acceptInvitation(page, buyerToken, 'Bina Buyer');
  await expect(page.getByTestId('home-buyer')).toBeVisible();
  const buyer = await tokenOf(request, buyerEmail, PASSWORD);
  const catalog = await graphql<{ products: { nodes: { sku: string; available: number }[] } }>(
    request,
    buyer,
    '{ products(first: 50) { nodes { sku available } } }',
  );
  const product = catalog.products.nodes.find((node) => node.available >= 1);
  expect(product, 'the buyer sees a product in stock').toBeTruthy();
  const placed = await graphql<{ placeOrder: { number: string; status: string } }>(
    request,
    buyer,
    'mutation($sku: String!) { placeOrder(input: { lines: [{ sku: $sku, quantity: 1 }] }) { number status } }',
    { sku: product!.sku },
  );
  expect(placed.placeOrder.status).toBe('SUBMITTED');
  await page.goto('/orders');
  await expect(page.getByText(placed.placeOrder.number)).toBeVisible();

  // The used link does not work twice.
  await acceptInvitation(page, buyerToken, 'Someone Else');
  await expect(page.getByTestId('password-error')).toBeVisible();
});

test("a suspended company's buyer sees why ordering is paused and reads on", async ({ page, request }, testInfo) => {
  const staff = await tokenOf(request, STAFF);
  const created = await graphql<{ createCompany: { id: string } }>(
    request,
    staff,
    'mutation($name: String!) { createCompany(input: { name: $name, vatNumber: "516000041", paymentTerms: NET, paymentDays: 30, creditLimit: "1000" }) { id } }',
    { name: `E2E Suspended ${unique(testInfo, 'co')}` },
  );
  const companyId = created.createCompany.id;
  const email = `${unique(testInfo, 'paused')}@onboarding.test`;
  await graphql(
    request,
    staff,
    'mutation($company: ID!, $email: String!) { inviteCompanyUser(companyId: $company, email: $email, name: "Paused Buyer", role: BUYER) { id } }',
    { company: companyId, email },
  );
  const token = await invitationTokenFromOutbox(email);
  await graphql(
    request,
    null,
    'mutation($token: String!, $password: String!) { acceptInvitation(token: $token, name: "Paused Buyer", password: $password) { token } }',
    { token, password: PASSWORD },
  );
  await graphql(
    request,
    staff,
    'mutation($id: ID!) { suspendCompany(id: $id, reason: "Invoices overdue since March") { suspended } }',
    { id: companyId },
  );

  await page.context().clearCookies({ name: 'portal_refresh' });
  await page.request.post('/graphql', {
    data: {
      query: 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
      variables: { email, password: PASSWORD },
    },
  });
  await page.goto('/accessibility');
  await page.evaluate(() => localStorage.setItem('portal.lang', 'en'));
  await page.goto('/orders');
  const banner = page.getByTestId('suspended-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Invoices overdue since March');
  await page.goto('/cart');
  await expect(page.getByTestId('suspended-banner')).toBeVisible();
  await expect(page.getByTestId('go-to-checkout')).toBeDisabled();
});
