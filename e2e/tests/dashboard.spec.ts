import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { currentLang, openMenu, openSignedIn, signIn, texts } from './support';

// The staff dashboard on the demo data (a year of order history): the landing page of
// staff, tiles with numbers, charts whose bars tell their value on hover, tap and
// keyboard focus, and a period picker that changes the numbers. Screenshots of both
// profiles go to e2e/artifacts/ (not committed).

const STAFF = 'staff@demo.test';
const DASHBOARD = '/staff/dashboard';

const NAV_LABEL = { he: 'לוח בקרה', en: 'Dashboard' };

/** The number a tile shows, once the dashboard has answered. */
async function tileValue(page: Page, id: string): Promise<string> {
  const value = page.getByTestId(id).getByTestId('kpi-value');
  await expect(value).toHaveText(/\d/);
  return (await value.textContent())?.trim() ?? '';
}

/** The first bar of `chart` with a value above zero. */
async function someBar(chart: Locator): Promise<Locator> {
  const bars = chart.locator('rect.chart-bar');
  await expect(bars.first()).toBeAttached();
  const values = await bars.evaluateAll((all) => all.map((bar) => Number(bar.getAttribute('data-value'))));
  const index = values.findIndex((value) => value > 0);
  expect(index, 'a bar above zero').toBeGreaterThanOrEqual(0);
  return bars.nth(index);
}

test('staff land on the dashboard, its first link, after signing in', async ({ page }, testInfo) => {
  await signIn(page, STAFF);
  await expect(page).toHaveURL(/\/staff\/dashboard$/);
  await expect(page.getByTestId('dashboard-page')).toBeVisible();
  await openMenu(page, testInfo);
  const t = await texts(page);
  const lang = await currentLang(page);
  const links = page.getByRole('navigation', { name: t.navigation }).getByRole('link');
  await expect(links.first()).toHaveText(NAV_LABEL[lang]);
  await expect(links.first()).toHaveAttribute('href', DASHBOARD);
});

for (const lang of ['he', 'en'] as const) {
  test(`the dashboard shows the demo history in tiles and charts (${lang})`, async ({ page }, testInfo) => {
    await openSignedIn(page, STAFF, lang, DASHBOARD);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(NAV_LABEL[lang]);
    await expect(page.locator('html')).toHaveAttribute('dir', lang === 'he' ? 'rtl' : 'ltr');

    // The last 30 days: numbers in every tile that has data, a bar per day.
    const orders = Number(await tileValue(page, 'kpi-orders'));
    expect(orders).toBeGreaterThan(0);
    await expect(page.getByTestId('kpi-revenue').getByTestId('kpi-value')).toContainText('₪');
    const ordersChart = page.getByTestId('orders-chart');
    await expect(ordersChart.locator('rect.chart-bar')).toHaveCount(30);
    await expect(page.getByTestId('status-chart').locator('rect.chart-part').first()).toBeAttached();
    await expect(page.getByTestId('low-stock-row').first()).toBeVisible();

    // Hovering a bar tells its value (the same words a screen reader hears).
    const bar = await someBar(ordersChart);
    const words = await bar.getAttribute('aria-label');
    expect(words).toMatch(/\d/);
    const readout = ordersChart.getByTestId('chart-readout');
    await bar.hover();
    await expect(readout).toHaveText(words ?? '');

    // The keyboard reaches the chart (one tab stop) and arrows move between bars.
    const revenueChart = page.getByTestId('revenue-chart');
    const revenueBars = revenueChart.locator('rect.chart-bar');
    await revenueBars.first().focus();
    await expect(revenueChart.getByTestId('chart-readout')).toHaveText(
      (await revenueBars.first().getAttribute('aria-label')) ?? '',
    );
    await page.keyboard.press('ArrowRight');
    await expect(revenueBars.nth(1)).toBeFocused();
    await expect(revenueBars.nth(1)).toHaveAttribute('tabindex', '0');
    await expect(revenueChart.getByTestId('chart-readout')).toHaveText(
      (await revenueBars.nth(1).getAttribute('aria-label')) ?? '',
    );

    // A year has more orders than 30 days, drawn per week.
    await page.getByTestId('period-365').click();
    await expect(page.getByTestId('period-365')).toHaveAttribute('aria-pressed', 'true');
    await expect
      .poll(async () => Number(await tileValue(page, 'kpi-orders')))
      .toBeGreaterThan(orders);
    const weeks = await ordersChart.locator('rect.chart-bar').count();
    expect(weeks).toBeGreaterThanOrEqual(53);
    expect(weeks).toBeLessThanOrEqual(54);

    // Nothing scrolls sideways, on a phone either.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);

    if (lang === 'he') {
      const artifacts = path.join(__dirname, '..', 'artifacts');
      fs.mkdirSync(artifacts, { recursive: true });
      const name = testInfo.project.name === 'mobile' ? 'dashboard-mobile.png' : 'dashboard-desktop.png';
      await page.screenshot({ path: path.join(artifacts, name), fullPage: true });
    }
  });
}

test('a custom period is checked, then shown', async ({ page }) => {
  await openSignedIn(page, STAFF, 'en', DASHBOARD);
  const before = await tileValue(page, 'kpi-orders');
  await page.getByTestId('period-custom').click();
  await page.getByTestId('period-from').fill('2026-02-10');
  await page.getByTestId('period-to').fill('2026-02-01');
  await page.getByTestId('period-apply').click();
  await expect(page.getByTestId('period-error')).toHaveText('The end date is before the start date');

  // Years before the demo history: no orders, and the page says so.
  await page.getByTestId('period-from').fill('2020-01-01');
  await page.getByTestId('period-to').fill('2020-01-31');
  await page.getByTestId('period-apply').click();
  await expect(page.getByTestId('period-error')).toHaveCount(0);
  await expect(page.getByTestId('period-showing')).toHaveText('Showing 01/01/2020 to 31/01/2020');
  await expect(page.getByTestId('dashboard-empty')).toBeVisible();
  expect(before).not.toBe('0');
  // Low stock is about now, whatever the period.
  await expect(page.getByTestId('low-stock-row').first()).toBeVisible();
  const link = page.getByTestId('low-stock-row').first().getByRole('link');
  await expect(link).toHaveAttribute('href', /^\/staff\/products\?q=/);
});

test('a status part tells its count on tap and on focus', async ({ page }) => {
  await openSignedIn(page, STAFF, 'en', DASHBOARD);
  const chart = page.getByTestId('status-chart');
  const part = chart.locator('rect.chart-part').first();
  await part.click();
  const words = (await part.getAttribute('aria-label')) ?? '';
  expect(words).toMatch(/: \d+ orders?$/);
  await expect(chart.getByTestId('chart-readout')).toHaveText(words);
  await page.keyboard.press('End');
  const last = chart.locator('rect.chart-part').last();
  await expect(last).toBeFocused();
  await expect(chart.getByTestId('chart-readout')).toHaveText((await last.getAttribute('aria-label')) ?? '');
});
