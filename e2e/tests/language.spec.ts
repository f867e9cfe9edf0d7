import { expect, test } from './fixtures';
import { openMenu, signIn, TEXTS, texts } from './support';

test('the language switch flips the direction and the texts, and is remembered', async ({ page }, testInfo) => {
  const html = page.locator('html');

  // Signed out: the login page starts in Hebrew, right to left.
  await page.goto('/login');
  await expect(html).toHaveAttribute('lang', 'he');
  await expect(html).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TEXTS.he.signIn);

  await page.getByRole('button', { name: TEXTS.he.languageButton }).click();
  await expect(html).toHaveAttribute('lang', 'en');
  await expect(html).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TEXTS.en.signIn);
  await expect(page.getByLabel(TEXTS.en.email, { exact: true })).toBeVisible();

  // Signed in, the switch also saves the choice on the server (setLanguage).
  await signIn(page, 'viewer@demo.test');
  await expect(page.getByTestId('home-viewer')).toBeVisible();
  const before = await texts(page);
  const after = before === TEXTS.he ? TEXTS.en : TEXTS.he;
  const [dirBefore, dirAfter] = before === TEXTS.he ? ['rtl', 'ltr'] : ['ltr', 'rtl'];
  await expect(html).toHaveAttribute('dir', dirBefore);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(before.greeting);

  await openMenu(page, testInfo);
  const saved = page.waitForResponse(
    (response) => response.url().endsWith('/graphql') && response.request().postData()?.includes('setLanguage') === true,
  );
  await page.getByRole('button', { name: before.languageButton }).click();
  await expect(html).toHaveAttribute('dir', dirAfter);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(after.greeting);
  expect((await saved).ok()).toBe(true);

  // A reload keeps the language.
  await page.reload();
  await expect(page.getByTestId('home-viewer')).toBeVisible();
  await expect(html).toHaveAttribute('dir', dirAfter);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(after.greeting);
});
