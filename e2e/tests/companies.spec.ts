import { expect, test } from './fixtures';
import { openMenu, signIn, texts } from './support';

test('supplier staff sees the customer companies with their credit limits', async ({ page }, testInfo) => {
  await signIn(page, 'staff@demo.test');
  await expect(page.getByTestId('dashboard-page')).toBeVisible();
  await openMenu(page, testInfo);
  const t = await texts(page);
  await page.getByRole('navigation', { name: t.navigation }).getByRole('link', { name: t.companies }).click();

  const table = page.getByTestId('companies-table');
  await expect(table).toBeVisible();
  const galil = table.getByRole('row').filter({ hasText: 'Galil Hardware Ltd' });
  await expect(galil).toContainText('₪ 500,000.00');
  await expect(table.getByRole('row').filter({ hasText: 'Negev Builders Ltd' })).toHaveCount(1);
});
