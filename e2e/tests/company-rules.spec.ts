import { type Page, type TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';
import { currentLang, graphql, openMenu, signIn, texts, tokenOf, type Lang } from './support';

// The rules page's own texts, as the app shows them in each language.
const RULES_TEXTS: Record<Lang, { companyRules: string; forbidden: string; doesNotApply: string }> = {
  he: { companyRules: 'כללי אישור', forbidden: 'אין לך הרשאה לפעולה הזו.', doesNotApply: 'לא רלוונטי' },
  en: { companyRules: 'Approval rules', forbidden: 'You are not allowed to do this.', doesNotApply: 'Does not apply' },
};

async function rulesTexts(page: Page) {
  return RULES_TEXTS[await currentLang(page)];
}

/** Signs in as the demo company admin and opens the rules page from the navigation. */
async function openRulesPage(page: Page, testInfo: TestInfo): Promise<void> {
  await signIn(page, 'admin@demo.test');
  await expect(page.getByTestId('home-company-admin')).toBeVisible();
  await openMenu(page, testInfo);
  const t = await texts(page);
  const r = await rulesTexts(page);
  await page.getByRole('navigation', { name: t.navigation }).getByRole('link', { name: r.companyRules }).click();
  await expect(page).toHaveURL(/\/company\/rules$/);
  await expect(page.getByTestId('company-rules-page')).toBeVisible();
}

/** A name no earlier run or parallel test used. */
function unique(testInfo: TestInfo, prefix: string): string {
  return `${prefix} ${testInfo.project.name} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

function costCenterRow(page: Page, name: string) {
  return page.getByTestId('cost-centers-table').locator(`[data-testid="cost-center-row"][data-name="${name}"]`);
}

function limitRow(page: Page, email: string) {
  return page.getByTestId('limits-table').locator(`[data-testid="limit-row"][data-email="${email}"]`);
}

test('a company admin opens the rules from the navigation and sees the demo rules', async ({ page }, testInfo) => {
  await openRulesPage(page, testInfo);

  await expect(page.getByTestId('rules-auto-toggle')).toBeChecked();
  await expect(page.getByTestId('rules-auto-input')).toHaveValue('5000');
  await expect(page.getByTestId('rules-dual-toggle')).toBeChecked();
  await expect(page.getByTestId('rules-dual-input')).toHaveValue('20000');
  const tiers = page.getByTestId('thresholds-tiers');
  await expect(tiers).toContainText('₪ 5,000.00');
  await expect(tiers).toContainText('₪ 20,000.00');

  await expect(costCenterRow(page, 'Haifa branch').getByTestId('cost-center-budget-input')).toHaveValue('40000');
  await expect(costCenterRow(page, 'Karmiel project').getByTestId('cost-center-budget-input')).toHaveValue('25000');

  const buyer = limitRow(page, 'buyer@demo.test');
  await expect(buyer.getByTestId('order-limit-input')).toHaveValue('8000');
  await expect(buyer).toContainText((await rulesTexts(page)).doesNotApply);
  await expect(limitRow(page, 'approver@demo.test').getByTestId('approval-limit-input')).toHaveValue('50000');
});

test('the thresholds are checked in the page before saving, and saving reports back', async ({ page }, testInfo) => {
  await openRulesPage(page, testInfo);
  const dual = page.getByTestId('rules-dual-input');
  await expect(dual).toHaveValue('20000');

  // Two approvers below one approval: refused at the field, nothing is sent.
  await dual.fill('4,000');
  await page.getByTestId('thresholds-save').click();
  await expect(dual).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('rules-dual-error')).not.toBeEmpty();

  // The explanation follows the typing: without the second rule there are two tiers.
  await dual.fill('20000');
  await expect(page.getByTestId('thresholds-tiers').getByRole('listitem')).toHaveCount(3);
  await page.getByTestId('rules-dual-toggle').uncheck();
  await expect(dual).toBeDisabled();
  await expect(page.getByTestId('thresholds-tiers').getByRole('listitem')).toHaveCount(2);
  await page.getByTestId('rules-dual-toggle').check();

  // Saving the demo values again (other specs of the run rely on them) reports success.
  await page.getByTestId('rules-auto-input').press('Enter');
  await expect(page.getByTestId('thresholds-feedback')).toHaveAttribute('data-state', 'saved');
  await page.reload();
  await expect(page.getByTestId('rules-auto-input')).toHaveValue('5000');
  await expect(page.getByTestId('rules-dual-input')).toHaveValue('20000');
});

test('a company admin adds a cost centre and changes its budget and name in place', async ({ page }, testInfo) => {
  await openRulesPage(page, testInfo);
  const name = unique(testInfo, 'E2E site');

  const form = page.getByTestId('add-cost-center-form');
  await form.locator('#new-cost-center-name').fill(name);
  await form.locator('#new-cost-center-budget').fill('12,000');
  await form.getByTestId('add-cost-center-submit').click();
  await expect(form.getByTestId('add-cost-center-feedback')).toContainText(name);
  const row = costCenterRow(page, name);
  await expect(row.getByTestId('cost-center-budget-input')).toHaveValue('12000');

  // Enter saves the row; Escape undoes an edit that was not saved.
  const budget = row.getByTestId('cost-center-budget-input');
  await budget.fill('15500.5');
  await budget.press('Enter');
  await expect(row.getByTestId('cost-center-feedback')).toHaveAttribute('data-state', 'saved');
  await budget.fill('99999');
  await budget.press('Escape');
  await expect(budget).toHaveValue('15500.5');

  // A negative budget is refused in the row, as the server would.
  await budget.fill('-5');
  await budget.press('Enter');
  await expect(budget).toHaveAttribute('aria-invalid', 'true');
  await expect(row.getByTestId('cost-center-feedback')).toHaveAttribute('data-state', 'error');
  await budget.press('Escape');

  const renamed = `${name} renamed`;
  await row.getByTestId('cost-center-name-input').fill(renamed);
  await row.getByTestId('cost-center-save').click();
  await expect(costCenterRow(page, renamed).getByTestId('cost-center-feedback')).toHaveAttribute('data-state', 'saved');

  await page.reload();
  const saved = costCenterRow(page, renamed);
  await expect(saved.getByTestId('cost-center-budget-input')).toHaveValue('15500.5');
  await expect(costCenterRow(page, name)).toHaveCount(0);
  // The demo cost centres are untouched.
  await expect(costCenterRow(page, 'Haifa branch').getByTestId('cost-center-budget-input')).toHaveValue('40000');
});

test("a company admin sets a buyer's per-order limit in place and clears it again", async ({ page, request }, testInfo) => {
  // A buyer of this test's own: the demo buyer's 8,000 limit stays for the other specs.
  const email = `e2e-limit-${testInfo.project.name}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@demo.test`;
  const admin = await tokenOf(request, 'admin@demo.test');
  await graphql(
    request,
    admin,
    'mutation($email: String!, $name: String!) { createCompanyUser(input: { email: $email, name: $name, role: BUYER, password: "e2e-password-123" }) { id } }',
    { email, name: 'E2E Limited Buyer' },
  );

  await openRulesPage(page, testInfo);
  const row = limitRow(page, email);
  const limit = row.getByTestId('order-limit-input');
  await expect(limit).toHaveValue('');
  await expect(row.getByTestId('approval-limit-input')).toHaveCount(0);

  await limit.fill('3,500');
  await limit.press('Enter');
  await expect(row.getByTestId('limits-feedback')).toHaveAttribute('data-state', 'saved');
  await page.reload();
  await expect(limitRow(page, email).getByTestId('order-limit-input')).toHaveValue('3500');

  // Empty means no limit; the row's save button works as well as Enter.
  await limitRow(page, email).getByTestId('order-limit-input').fill('');
  await limitRow(page, email).getByTestId('limits-save').click();
  await expect(limitRow(page, email).getByTestId('limits-feedback')).toHaveAttribute('data-state', 'saved');
  await page.reload();
  await expect(limitRow(page, email).getByTestId('order-limit-input')).toHaveValue('');
  await expect(limitRow(page, 'buyer@demo.test').getByTestId('order-limit-input')).toHaveValue('8000');
});

test('a buyer has no link to the rules and is refused on the page', async ({ page }, testInfo) => {
  await signIn(page, 'buyer@demo.test');
  await expect(page.getByTestId('home-buyer')).toBeVisible();
  await openMenu(page, testInfo);
  const t = await texts(page);
  const r = await rulesTexts(page);
  const nav = page.getByRole('navigation', { name: t.navigation });
  await expect(nav.getByRole('link', { name: t.catalog })).toBeVisible();
  await expect(nav.getByRole('link', { name: r.companyRules })).toHaveCount(0);

  await page.goto('/company/rules');
  await expect(page.getByTestId('company-rules-forbidden')).toContainText(r.forbidden);
  await expect(page.getByTestId('company-rules-page')).toHaveCount(0);
});
