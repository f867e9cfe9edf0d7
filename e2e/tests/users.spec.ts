import { type Page, type TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';
import { openMenu, signIn, texts } from './support';

async function openUsersPage(page: Page, testInfo: TestInfo) {
  await signIn(page, 'admin@demo.test');
  await expect(page.getByTestId('home-company-admin')).toBeVisible();
  await openMenu(page, testInfo);
  const t = await texts(page);
  await page.getByRole('navigation', { name: t.navigation }).getByRole('link', { name: t.users }).click();
  await expect(page).toHaveURL(/\/users$/);
  await expect(page.getByTestId('users-table')).toBeVisible();
  return t;
}

/** An e-mail no earlier run or parallel test used. */
function uniqueEmail(testInfo: TestInfo): string {
  const suffix = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  return `e2e-${testInfo.project.name}-${suffix}@demo.test`;
}

async function addUser(page: Page, t: Awaited<ReturnType<typeof texts>>, name: string, email: string) {
  const form = page.getByRole('form', { name: t.addUser });
  await form.getByLabel(t.name, { exact: true }).fill(name);
  await form.getByLabel(t.email, { exact: true }).fill(email);
  await form.getByLabel(t.role, { exact: true }).selectOption('VIEWER');
  await form.getByLabel(t.initialPassword, { exact: true }).fill('e2e-password-123');
  await form.getByRole('button', { name: t.addUserButton }).click();
  await expect(page.getByRole('status')).toHaveText(t.added(email));
}

test('a company admin adds a user and sees it in the table', async ({ page }, testInfo) => {
  const t = await openUsersPage(page, testInfo);
  const email = uniqueEmail(testInfo);
  await addUser(page, t, 'E2E Viewer', email);

  const row = page.getByTestId('users-table').getByRole('row').filter({ hasText: email });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('E2E Viewer');
  await expect(row.getByLabel(t.roleOf('E2E Viewer'))).toHaveValue('VIEWER');
});

test('a company admin changes a role and deactivates a user after confirming', async ({ page }, testInfo) => {
  const t = await openUsersPage(page, testInfo);
  const email = uniqueEmail(testInfo);
  const name = `E2E Changed ${testInfo.project.name}`;
  await addUser(page, t, name, email);
  const row = page.getByTestId('users-table').getByRole('row').filter({ hasText: email });

  await row.getByLabel(t.roleOf(name)).selectOption('APPROVER');
  await expect(page.getByRole('status')).toHaveText(t.saved);
  await expect(row.getByLabel(t.roleOf(name))).toHaveValue('APPROVER');

  await row.getByRole('button', { name: t.deactivate }).click();
  await row.getByRole('button', { name: t.confirmDeactivate }).click();
  await expect(row).toContainText(t.inactive);
});
