import { expect, test } from './fixtures';
import { DEMO_PASSWORD, isPhone, openSignedIn, signIn } from './support';

// What people see when things go wrong (issue 9): a session that ended leads to the
// login page with a message and back to the page after signing in; offline, a banner
// says nothing is saved and offers to try again; an API error reads in the user's
// language from its `extensions.code`.

test('an ended session leads to the login page with a message and back to the page after signing in', async ({
  page,
}) => {
  await signIn(page, 'viewer@demo.test');
  await expect(page.getByTestId('home-viewer')).toBeVisible();
  await page.goto('/invoices?from=2025-01-01');
  await expect(page.getByTestId('invoices-page')).toBeVisible();

  // The session ends on the server (here: logged out through the API, which also clears
  // the refresh cookie of this browser; a revoked or expired session answers the same).
  const ended = await page.request.post('/auth/logout', { headers: { 'x-portal-csrf': '1' } });
  expect(ended.status()).toBe(204);
  await page.reload();

  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByTestId('session-ended')).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('portal.session'))).toBeNull();
  await page.locator('#login-email').fill('viewer@demo.test');
  await page.locator('#login-password').fill(DEMO_PASSWORD);
  await page.locator('#login-password').press('Enter');

  // Back where the session ended, with its filter; the notice is gone for next time.
  await expect(page).toHaveURL(/\/invoices\?from=2025-01-01$/);
  await expect(page.getByTestId('invoices-page')).toBeVisible();
  expect(await page.evaluate(() => sessionStorage.getItem('portal.return'))).toBeNull();
});

test('a link opened without a session comes back to its page after signing in; logging out does not', async ({
  page,
}, testInfo) => {
  await page.goto('/orders');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.locator('#login-email')).toBeVisible();
  // Not an ended session: no message about one.
  await expect(page.getByTestId('session-ended')).toHaveCount(0);
  await page.locator('#login-email').fill('viewer@demo.test');
  await page.locator('#login-password').fill(DEMO_PASSWORD);
  await page.locator('#login-password').press('Enter');
  await expect(page).toHaveURL(/\/orders$/);
  await expect(page.getByTestId('orders-page')).toBeVisible();

  if (isPhone(testInfo)) await page.getByRole('button', { name: /Menu|תפריט/ }).click();
  await page.getByRole('button', { name: /Log out|התנתקות/ }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.locator('#login-email').fill('viewer@demo.test');
  await page.locator('#login-password').fill(DEMO_PASSWORD);
  await page.locator('#login-password').press('Enter');
  await expect(page.getByTestId('home-viewer')).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
});

test('offline, a banner says changes are not saved and offers to try again', async ({ page, context }, testInfo) => {
  await openSignedIn(page, 'viewer@demo.test', 'en', '/orders');
  await expect(page.getByTestId('orders-page')).toBeVisible();
  await expect(page.getByTestId('offline-banner')).toHaveCount(0);

  await context.setOffline(true);
  const banner = page.getByTestId('offline-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toHaveAttribute('role', 'alert');
  await expect(banner).toContainText('You are offline; changes are not saved');
  // A page opened while offline says it could not load, in words, not a raw error.
  if (isPhone(testInfo)) await page.getByRole('button', { name: 'Menu' }).press('Enter');
  await page.getByRole('link', { name: 'Invoices' }).first().press('Enter');
  await expect(page.getByTestId('invoices-page')).toBeVisible();
  await expect(page.getByText(/cannot be reached/).first()).toBeVisible();

  // Trying again while still offline keeps the banner and says so.
  await page.getByTestId('offline-retry').press('Enter');
  await expect(banner).toContainText('Still offline');

  // Back online: trying again loads the page's data.
  await context.setOffline(false);
  await expect(banner).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('invoices-page')).toBeVisible();
  await expect(page.getByText(/cannot be reached/)).toHaveCount(0);
});

test('offline with the banner, "Try again" reloads the page once the server answers', async ({ page }) => {
  await openSignedIn(page, 'viewer@demo.test', 'he', '/orders');
  await expect(page.getByTestId('orders-page')).toBeVisible();
  // The server stops answering the app until "Try again" asks /healthz. The browser
  // itself stays online, so no late 'online' event (nor any other request) can clear
  // the banner before the retry does.
  let serverBack = false;
  await page.route('**/graphql', (route) => (serverBack ? route.continue() : route.abort('connectionrefused')));
  await page.route('**/healthz', (route) => {
    serverBack = true;
    return route.continue();
  });
  await page.evaluate(() => window.dispatchEvent(new Event('offline')));
  const banner = page.getByTestId('offline-banner');
  await expect(banner).toContainText('אין חיבור לאינטרנט');
  await page.getByTestId('offline-retry').click();
  await expect(banner).toHaveCount(0);
  await expect(page.getByTestId('orders-page')).toBeVisible();
  expect(serverBack).toBe(true);
});

test('an API error reads in the user\'s language from its code, with the server\'s detail only in English', async ({
  page,
}) => {
  // A date range the server refuses (BAD_USER_INPUT "from must not be after to").
  const refused = '/staff/orders?from=2026-12-31&to=2026-01-01';
  await openSignedIn(page, 'staff@demo.test', 'he', refused);
  const error = page.getByTestId('queue-orders').getByTestId('list-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText('חלק מהפרטים אינם תקינים');
  await expect(error).not.toContainText('from must not be after to');

  await openSignedIn(page, 'staff@demo.test', 'en', refused);
  await expect(error).toBeVisible();
  await expect(error).toContainText('Some of the details are not valid');
  await expect(error).toContainText('from must not be after to');
});
