import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import { graphql, signIn, signOut, tokenOf } from './support';

// Passwords and sessions (issue 8): a forgotten password is reset through the e-mailed
// link, a signed-in user changes it, a reload keeps the session (the HttpOnly refresh
// cookie) while a logout ends it, and "log out everywhere" ends the other browsers'
// sessions on their next request. Each test has a user of its own: the demo users'
// passwords stay as they are for the other specs.

const INITIAL_PASSWORD = 'e2e-initial-secret-42';
const NEW_PASSWORD = 'copper kettle morning tide';

/** A new viewer of the demo company. */
async function newUser(request: APIRequestContext, testInfo: TestInfo, purpose: string): Promise<string> {
  const email = `${purpose}-${testInfo.project.name}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@demo.test`.toLowerCase();
  const admin = await tokenOf(request, 'admin@demo.test');
  await graphql(
    request,
    admin,
    'mutation($email: String!, $password: String!) { createCompanyUser(input: { email: $email, name: "E2E Password", role: VIEWER, password: $password }) { id } }',
    { email, password: INITIAL_PASSWORD },
  );
  return email;
}

/** The token of the reset link e-mailed to `email` (the server's outbox folder). */
async function resetTokenFromOutbox(email: string): Promise<string> {
  const outbox = path.join(process.env.E2E_DATA_DIR ?? '', 'data', 'outbox');
  let token: string | undefined;
  await expect
    .poll(
      () => {
        const files = fs.existsSync(outbox) ? fs.readdirSync(outbox) : [];
        for (const file of files.filter((name) => name.includes('password-reset') && name.endsWith('.eml'))) {
          const text = fs.readFileSync(path.join(outbox, file), 'utf8').replace(/=\r?\n/g, '').replace(/=3D/g, '=');
          if (!text.includes(email)) continue;
          token = /\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1];
          if (token) return true;
        }
        return false;
      },
      { message: `a reset e-mail to ${email} in ${outbox}`, timeout: 15_000 },
    )
    .toBe(true);
  return token ?? '';
}

async function expectSignedIn(page: Page): Promise<void> {
  await expect(page.getByTestId('home-viewer')).toBeVisible();
}

test('a forgotten password is reset through the e-mailed link, which works once', async ({ page, request }, testInfo) => {
  const email = await newUser(request, testInfo, 'forgot');
  await page.goto('/login');
  await expect(page.locator('#login-email')).toBeVisible();
  await page.getByRole('link', { name: /Forgot your password\?|שכחת את הסיסמה\?/ }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.locator('#forgot-email').fill(email);
  await page.locator('#forgot-email').press('Enter');
  await expect(page.getByTestId('reset-link-sent')).toBeVisible();

  const token = await resetTokenFromOutbox(email);
  await page.goto(`/reset-password?token=${token}`);
  // The policy is checked before anything is sent, in the page's language.
  await page.locator('#new-password').fill('short');
  await page.locator('#repeat-password').fill('short');
  await page.locator('#repeat-password').press('Enter');
  await expect(page.getByRole('alert')).toBeVisible();
  // A common password is refused by the server.
  await page.locator('#new-password').fill('qwertyuiop');
  await page.locator('#repeat-password').fill('qwertyuiop');
  await page.locator('#repeat-password').press('Enter');
  await expect(page.getByTestId('password-error')).toBeVisible();
  await page.locator('#new-password').fill(NEW_PASSWORD);
  await page.locator('#repeat-password').fill(NEW_PASSWORD);
  await page.locator('#repeat-password').press('Enter');
  await expect(page.getByTestId('reset-done')).toBeVisible();

  // The link is spent.
  await page.goto(`/reset-password?token=${token}`);
  await page.locator('#new-password').fill('another fine passphrase');
  await page.locator('#repeat-password').fill('another fine passphrase');
  await page.locator('#repeat-password').press('Enter');
  await expect(page.getByTestId('password-error')).toBeVisible();

  await signIn(page, email, NEW_PASSWORD);
  await expectSignedIn(page);
});

test('a user changes the password; a reload keeps the session and a logout ends it', async ({ page, request }, testInfo) => {
  const email = await newUser(request, testInfo, 'change');
  await signIn(page, email, INITIAL_PASSWORD);
  await expectSignedIn(page);
  await page.goto('/account/security');
  const form = page.getByTestId('change-password');
  await form.locator('#current-password').fill(INITIAL_PASSWORD);
  await form.locator('#new-password').fill(NEW_PASSWORD);
  await form.locator('#repeat-password').fill(NEW_PASSWORD);
  await form.locator('#repeat-password').press('Enter');
  await expect(page.getByTestId('password-changed')).toBeVisible();

  // The session survives a reload: the app restores it from the refresh cookie.
  await page.reload();
  await expect(page.getByTestId('security-page')).toBeVisible();
  await expect(page).toHaveURL(/\/account\/security$/);

  await page.goto('/');
  await expectSignedIn(page);
  await signOut(page, testInfo);
  await page.reload();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.locator('#login-email')).toBeVisible();

  await signIn(page, email, NEW_PASSWORD);
  await expectSignedIn(page);
});

test("logging out everywhere ends another browser's session on its next request", async ({ browser, page, request }, testInfo) => {
  const email = await newUser(request, testInfo, 'everywhere');
  const other = await browser.newContext({ ...testInfo.project.use });
  try {
    const otherPage = await other.newPage();
    await signIn(otherPage, email, INITIAL_PASSWORD);
    await expectSignedIn(otherPage);

    await signIn(page, email, INITIAL_PASSWORD);
    await expectSignedIn(page);
    await page.goto('/account/security');
    const section = page.getByTestId('logout-everywhere');
    await section.getByRole('button').first().click();
    // The question takes the focus; confirming ends every session, this one too.
    const confirm = section.getByRole('group').getByRole('button').first();
    await expect(confirm).toBeFocused();
    await confirm.click();
    await expect(page).toHaveURL(/\/login$/);

    // The other browser still shows its page; its next request is refused, the refresh
    // cookie too, and it lands on the login page saying that the session ended.
    await otherPage.evaluate(() => {
      history.pushState({}, '', '/invoices');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    await expect(otherPage).toHaveURL(/\/login$/);
    await expect(otherPage.getByTestId('session-ended')).toBeVisible();
  } finally {
    await other.close();
  }
});
