import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';

// A test of the test: the guard in fixtures.ts must see what the policy blocks.

async function injectInlineScript(page: Page): Promise<void> {
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true;';
    document.head.append(script);
  });
}

test('the policy blocks an injected inline script and the guard reports it', async ({ page, cspViolations }) => {
  await page.goto('/login');
  await expect(page.locator('#login-email')).toBeVisible();
  await injectInlineScript(page);
  await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
  expect(cspViolations.join('\n')).toContain('script-src');
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  // Seen and checked: this test passes.
  cspViolations.length = 0;
});

test('a violation fails the test that caused it', async ({ page, cspViolations }) => {
  test.fail(true, 'the guard must turn this violation into a failure');
  await page.goto('/login');
  await expect(page.locator('#login-email')).toBeVisible();
  await injectInlineScript(page);
  await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
});
