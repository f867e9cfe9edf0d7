import { expect, test } from './fixtures';
import { signIn } from './support';

test('a session the server no longer accepts is cleared and leads to the login page', async ({ page }) => {
  await page.goto('/login');
  await expect(page.locator('#login-email')).toBeVisible();
  await page.evaluate(() => {
    const user = {
      id: '2',
      email: 'buyer@demo.test',
      name: 'Noa Levi',
      role: 'BUYER',
      language: 'he',
      company: { id: '1', name: 'Galil Hardware Ltd' },
    };
    localStorage.setItem('portal.session', JSON.stringify({ token: 'expired-or-forged', user }));
  });

  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  expect(await page.evaluate(() => localStorage.getItem('portal.session'))).toBeNull();
});

test('a signed-in user sees the not-found page for an unknown address', async ({ page }) => {
  await signIn(page, 'viewer@demo.test');
  await expect(page.getByTestId('home-viewer')).toBeVisible();
  await page.goto('/no/such/page');
  await expect(page.getByTestId('not-found')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Page not found|הדף לא נמצא/);
});
