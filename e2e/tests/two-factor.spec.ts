import { createHmac } from 'node:crypto';
import { type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';
import { graphql, openMenu, signIn, signOut, tokenOf } from './support';

// Two-factor authentication in the browser: a user turns it on from the account page
// (QR code, first code, recovery codes shown once), then signs in with a code computed
// here from the secret the page showed, as an authenticator app does (RFC 6238), or
// with a recovery code; a company admin finds the change in the audit log.
//
// Each test makes its own user: the demo users keep signing in with a password alone.

const PASSWORD = 'e2e-password-123';

function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of text.replace(/=+$/, '').toUpperCase()) {
    const value = alphabet.indexOf(char);
    if (value < 0) throw new Error(`not base32: ${char}`);
    bits += value.toString(2).padStart(5, '0');
  }
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The 6-digit code of `secret` at now + `offsetSeconds` (SHA-1, 30-second steps). */
function totp(secret: string, offsetSeconds = 0): string {
  const step = Math.floor((Date.now() / 1000 + offsetSeconds) / 30);
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const hmac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = hmac[hmac.length - 1] & 0x0f;
  const binary = hmac.readUInt32BE(offset) & 0x7fffffff;
  return (binary % 1_000_000).toString().padStart(6, '0');
}

/** A new viewer of the demo company, with a password of its own. */
async function newUser(request: APIRequestContext, testInfo: TestInfo): Promise<string> {
  const email = `totp-${testInfo.project.name}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@demo.test`.toLowerCase();
  const admin = await tokenOf(request, 'admin@demo.test');
  await graphql(
    request,
    admin,
    'mutation($email: String!) { createCompanyUser(input: { email: $email, name: "E2E Two Factor", role: VIEWER, password: "e2e-password-123" }) { id } }',
    { email },
  );
  return email;
}

async function expectSignedIn(page: Page): Promise<void> {
  await expect(page.getByTestId('home-viewer')).toBeVisible();
}

test('a user turns on two-factor authentication and then signs in with a code or a recovery code', async ({
  page,
  request,
}, testInfo) => {
  const email = await newUser(request, testInfo);
  await signIn(page, email, PASSWORD);
  await expectSignedIn(page);
  await openMenu(page, testInfo);
  await page.getByTestId('security-link').click();
  await expect(page).toHaveURL(/\/account\/security$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await page.getByTestId('totp-enable').click();
  const enrollment = page.getByTestId('totp-enrollment');
  await expect(enrollment.getByRole('img')).toBeVisible();
  await expect(enrollment.getByRole('img')).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);
  const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.locator('#totp-confirm').fill(totp(secret));
  await page.locator('#totp-confirm').press('Enter');

  const codes = page.getByTestId('recovery-codes').getByRole('listitem');
  await expect(codes).toHaveCount(10);
  const recoveryCode = (await codes.first().textContent())!.trim();
  await page.getByTestId('recovery-codes-done').click();
  await expect(page.getByTestId('totp-status')).toBeVisible();
  await expect(page.getByTestId('totp-regenerate')).toBeVisible();

  // The password alone is not enough any more.
  await signOut(page, testInfo);
  await signIn(page, email, PASSWORD);
  await expect(page.getByTestId('second-factor')).toBeVisible();
  await page.locator('#login-totp').fill('000000' === totp(secret, 30) ? '111111' : '000000');
  await page.locator('#login-totp').press('Enter');
  await expect(page.getByTestId('totp-error')).toBeVisible();
  // The next step's code: the one used to turn it on cannot sign in again.
  await page.locator('#login-totp').fill(totp(secret, 30));
  await page.locator('#login-totp').press('Enter');
  await expectSignedIn(page);

  await signOut(page, testInfo);
  await signIn(page, email, PASSWORD);
  await page.locator('#login-totp').fill(recoveryCode);
  await page.locator('#login-totp').press('Enter');
  await expectSignedIn(page);
});

test('a company admin finds a user turning on two-factor authentication in the audit log', async ({
  page,
  request,
}, testInfo) => {
  const email = await newUser(request, testInfo);
  const token = await tokenOf(request, email, PASSWORD);
  const started = await graphql<{ startTotpEnrollment: { secret: string } }>(
    request,
    token,
    'mutation { startTotpEnrollment { secret } }',
  );
  await graphql(request, token, 'mutation($code: String!) { confirmTotpEnrollment(code: $code) }', {
    code: totp(started.startTotpEnrollment.secret),
  });

  await signIn(page, 'admin@demo.test');
  await expect(page.getByTestId('home-company-admin')).toBeVisible();
  await page.goto('/audit');
  await expect(page.getByTestId('audit-page')).toBeVisible();
  await page.locator('#audit-actor').fill(email);
  await page.locator('#audit-action').selectOption('TOTP_ENABLED');
  await page.getByTestId('audit-filter').locator('button[type="submit"]').click();
  const rows = page.getByTestId('audit-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-action', 'TOTP_ENABLED');
  await expect(rows.first()).toContainText(email);
  await expect(rows.first().locator('.audit-changes')).toContainText('enabled');

  // A filter nothing matches shows the empty state.
  await page.locator('#audit-actor').fill('nobody-at-all@nowhere.test');
  await page.getByTestId('audit-filter').locator('button[type="submit"]').click();
  await expect(page.getByTestId('audit-empty')).toBeVisible();

  // The approvers' rule is on the rules page (read only here: other tests sign in as the
  // demo approver).
  await page.goto('/company/rules');
  await expect(page.locator('#approvers-require-totp')).not.toBeChecked();
});
