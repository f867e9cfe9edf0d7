import { expect, test } from './fixtures';
import { signIn } from './support';

test('a refresh cookie the server no longer accepts leads to the login page and is cleared', async ({ page, context }) => {
  await context.addCookies([
    {
      name: 'portal_refresh',
      value: 'expired-or-forged',
      domain: '127.0.0.1',
      path: '/auth',
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
    },
  ]);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.locator('#login-email')).toBeVisible();
  // The server answered the refresh with a clearing cookie.
  const cookies = await context.cookies();
  expect(cookies.find((cookie) => cookie.name === 'portal_refresh')).toBeUndefined();
  // No token is ever kept where scripts could read it later.
  expect(await page.evaluate(() => localStorage.getItem('portal.session'))).toBeNull();
});

test('the access token lives in memory only and a reload restores the session from the cookie', async ({ page }) => {
  await signIn(page, 'viewer@demo.test');
  await expect(page.getByTestId('home-viewer')).toBeVisible();
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(stored).not.toContain('eyJ');
  await page.reload();
  await expect(page.getByTestId('home-viewer')).toBeVisible();
});

test('a signed-in user sees the not-found page for an unknown address', async ({ page }) => {
  await signIn(page, 'viewer@demo.test');
  await expect(page.getByTestId('home-viewer')).toBeVisible();
  await page.goto('/no/such/page');
  await expect(page.getByTestId('not-found')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Page not found|הדף לא נמצא/);
});
