import { expect, test } from './fixtures';
import { signIn, texts } from './support';

test('a wrong password shows the error and stays on the login page', async ({ page }) => {
  await signIn(page, 'buyer@demo.test', 'not-the-password');
  const t = await texts(page);
  await expect(page.getByRole('alert')).toHaveText(t.wrongCredentials);
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('button', { name: t.signIn })).toBeEnabled();
});

test('after five wrong passwords the page says how long to wait, in both languages', async ({ page }, testInfo) => {
  // An address of its own per project: the lock is the server's, and lasts 5 minutes.
  const email = `locked-${testInfo.project.name.replace(/\W+/g, '-').toLowerCase()}@demo.test`;
  for (let attempt = 0; attempt < 5; attempt++) {
    await signIn(page, email, 'not-the-password');
    await expect(page.getByRole('alert')).toBeVisible();
  }
  await signIn(page, email, 'not-the-password');
  const t = await texts(page);
  await expect(page.getByRole('alert')).toHaveText(t.tooManyAttempts);
  await page.getByRole('button', { name: t.languageButton }).click();
  const other = await texts(page);
  await page.getByLabel(other.password, { exact: true }).press('Enter');
  await expect(page.getByRole('alert')).toHaveText(other.tooManyAttempts);
  await expect(page).toHaveURL(/\/login$/);
});

test('an unknown address of a signed-out visitor leads to the login page', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page).toHaveURL(/\/login$/);
});

test('the sign-in button is disabled and says so while the request is under way', async ({ page }) => {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/graphql', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/login');
  await expect(page.locator('#login-email')).toBeVisible();
  const t = await texts(page);
  await page.getByLabel(t.email, { exact: true }).fill('buyer@demo.test');
  await page.getByLabel(t.password, { exact: true }).fill('demo-password');
  await page.getByRole('button', { name: t.signIn }).click();

  const pending = page.getByRole('button', { name: t.signingIn });
  await expect(pending).toBeDisabled();
  release();
  await expect(page.getByTestId('home-buyer')).toBeVisible();
});
