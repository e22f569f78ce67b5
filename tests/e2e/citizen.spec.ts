import { parse } from 'csv-parse/sync';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible, requestAs, rootUrl, tenantUrl } from './support';

/*
 * A citizen, signed out, in two languages (one right-to-left): home → opportunities → an awarded contract → the dashboard,
 * with and without JavaScript, axe-clean on every page; the charts, the tables and the CSV downloads agree.
 */

const journeys = [
  { slug: 'uk', locale: 'en', dir: 'ltr', texts: { opportunities: 'Opportunities', contracts: 'Awarded contracts', openData: 'Open data', heading: 'Open data: where the money goes' } },
  { slug: 'qa', locale: 'ar', dir: 'rtl', texts: { opportunities: 'الفرص', contracts: 'العقود المُرساة', openData: 'البيانات المفتوحة', heading: 'البيانات المفتوحة: أين تذهب الأموال' } },
] as const;

/** Every bar of a chart (key → value) equals the row of the table beside it. */
async function expectChartMatchesTable(page: Page, chart: string): Promise<Map<string, number>> {
  const bars = await page.locator(`svg[data-chart="${chart}"] g[data-key]`).evaluateAll((gs) => gs.map((g) => [g.getAttribute('data-key')!, Number(g.getAttribute('data-value'))] as const));
  const section = page.locator(`section:has(svg[data-chart="${chart}"])`);
  const rows = await section.locator('tbody tr[data-key]').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-key')!, Number(tr.getAttribute('data-value'))] as const));
  expect(bars.length).toBeGreaterThan(0);
  expect(bars).toEqual(rows);
  return new Map(rows);
}

async function citizenJourney(page: Page, j: (typeof journeys)[number], withAxe: boolean) {
  await page.goto(tenantUrl(j.slug, `/${j.locale}`));
  await expect(page.locator('html')).toHaveAttribute('dir', j.dir);
  await expect(page.getByTestId('home-spend')).toBeVisible();
  if (withAxe) await expectAccessible(page);

  await page.getByRole('navigation').getByRole('link', { name: j.texts.opportunities, exact: true }).first().click();
  await expect(page).toHaveURL(tenantUrl(j.slug, `/${j.locale}/opportunities`));
  if (withAxe) await expectAccessible(page);

  await page.getByRole('contentinfo').getByRole('link', { name: j.texts.contracts, exact: true }).click();
  await expect(page).toHaveURL(tenantUrl(j.slug, `/${j.locale}/contracts`));
  const first = page.getByTestId('contracts-table').locator('tbody tr').first();
  const title = (await first.locator('th a').innerText()).trim();
  if (withAxe) await expectAccessible(page);
  await first.locator('th a').click();
  await expect(page).toHaveURL(new RegExp(`/${j.locale}/contracts/\\d+$`));
  await expect(page.locator('h1')).toHaveText(title);
  await expect(page.getByTestId('contract-value')).toContainText(/\d/);
  if (withAxe) await expectAccessible(page);

  await page.getByRole('navigation').getByRole('link', { name: j.texts.openData, exact: true }).first().click();
  await expect(page.locator('h1')).toHaveText(j.texts.heading);
  if (withAxe) await expectAccessible(page);
}

for (const j of journeys) {
  test(`${j.slug} in ${j.locale} (${j.dir}): home → opportunities → awarded contract → dashboard; charts equal their tables; axe clean`, async ({ page }) => {
    await citizenJourney(page, j, true);
    await expectChartMatchesTable(page, 'chart-over-time');
    await expectChartMatchesTable(page, 'chart-by-region');
    await expectChartMatchesTable(page, 'chart-by-framework');
    await expectChartMatchesTable(page, 'chart-by-buyer');
    // Headline total equals the sum of the months.
    const months = await expectChartMatchesTable(page, 'chart-over-time');
    const monthsTotal = [...months.values()].reduce((a, b) => a + b, 0);
    const regions = await expectChartMatchesTable(page, 'chart-by-region');
    expect([...regions.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(monthsTotal, 2);
    if (j.dir === 'rtl') {
      // Mirrored: labels sit to the right of their bars.
      const bar = page.locator('svg[data-chart="chart-by-region"] g[data-key]').first();
      const label = await bar.locator('text').first().boundingBox();
      const rect = await bar.locator('rect').boundingBox();
      expect(label!.x).toBeGreaterThan(rect!.x + rect!.width - 1);
    }
  });

  test(`${j.slug} in ${j.locale}: the same pages without JavaScript, and the filter form as a shareable URL`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await citizenJourney(page, j, false);
    await page.locator(`input[name=period][value=year]`).check();
    await page.locator('form[action$="/open-data"] button[type=submit]').click();
    await expect(page).toHaveURL(/period=year/);
    const years = await expectChartMatchesTable(page, 'chart-over-time');
    expect([...years.keys()].every((k) => /^\d{4}$/.test(k))).toBe(true);
    // axe needs script in the page, so it runs on the JavaScript journey above: the server sends the same HTML.
    await context.close();
  });
}

test('each CSV download holds the figures shown on the page, for the same filters', async ({ page }) => {
  const query = '?from=2025-01-01&to=2099-12-31';
  await page.goto(tenantUrl('uk', `/en/open-data${query}`));
  const regions = await expectChartMatchesTable(page, 'chart-by-region');
  const csv = await requestAs('uk.localhost', `/api/open-data/spend-by-region.csv${query}`);
  expect(csv.status).toBe(200);
  expect(csv.headers['content-type']).toContain('text/csv');
  const rows = parse(csv.body.replace(/^\uFEFF/, '')) as string[][];
  expect(rows[0]).toEqual(['region', 'value_GBP', 'contracts']);
  expect(new Map(rows.slice(1).map((r) => [r[0] || '-', Number(r[1])]))).toEqual(regions);
  const months = await expectChartMatchesTable(page, 'chart-over-time');
  const monthly = parse((await requestAs('uk.localhost', `/api/open-data/spend-over-time.csv${query}`)).body.replace(/^\uFEFF/, '')) as string[][];
  expect(new Map(monthly.slice(1).map((r) => [r[0]!, Number(r[1])]))).toEqual(months);
  // The headline value on the page is the total of the contracts download.
  const contracts = parse((await requestAs('uk.localhost', `/api/open-data/contracts.csv${query}`)).body.replace(/^\uFEFF/, '')) as string[][];
  const total = contracts.slice(1).reduce((sum, r) => sum + Number(r[11]), 0);
  expect([...months.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(total, 2);
  expect((await requestAs('uk.localhost', '/api/open-data/nothing.csv')).status).toBe(404);
});

test('the language switcher keeps the dashboard and its filters', async ({ page }) => {
  await page.goto(tenantUrl('uk', '/en/open-data?period=quarter'));
  await page.getByRole('link', { name: 'Cymraeg' }).click();
  await expect(page).toHaveURL(tenantUrl('uk', '/cy/open-data?period=quarter'));
  await expect(page.locator('html')).toHaveAttribute('lang', 'cy');
  await expect(page.locator('input[name=period][value=quarter]')).toBeChecked();
});

test('suppliers A to Z, and the guidance, contact and accessibility pages', async ({ page }) => {
  await page.goto(tenantUrl('uk', '/en/suppliers'));
  await expect(page.getByTestId('supplier-list').first()).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Suppliers starting with C' }).click();
  await expect(page).toHaveURL(/letter=C/);
  await expect(page.getByRole('heading', { level: 3 }).first()).toHaveText(/^C/);
  for (const [path, heading] of [
    ['/en/how-to-buy', 'How to buy'],
    ['/en/how-to-sell', 'How to sell'],
    ['/en/contact', 'Contact us'],
    ['/en/accessibility', 'Accessibility statement for Digital Marketplace UK'],
  ] as const) {
    await page.goto(tenantUrl('uk', path));
    await expect(page.locator('h1')).toHaveText(heading);
    await expectAccessible(page);
  }
  await expect(page.getByRole('heading', { name: 'Compliance status' })).toBeVisible();
  await page.goto(tenantUrl('qa', '/ar/accessibility'));
  await expect(page.locator('h1')).toContainText('بيان إمكانية الوصول');
  await expectAccessible(page);
});

async function signInAs(browser: Browser, slug: string, locale: string, name: RegExp): Promise<Page> {
  // axe-core/playwright needs pages opened through browser.newContext().
  const page = await (await browser.newContext()).newPage();
  await page.goto(tenantUrl(slug, `/${locale}/dev/sign-in`));
  await page.getByRole('button', { name }).click();
  await expect(page).not.toHaveURL(/dev\/sign-in/);
  return page;
}

test('a tenant administrator writes the Welsh "how to sell" page in Markdown; script never reaches the page', async ({ browser }) => {
  const admin = await signInAs(browser, 'uk', 'en', /Priya Shah/);
  await admin.goto(tenantUrl('uk', '/en/admin/guidance'));
  await expectAccessible(admin);
  await admin.goto(tenantUrl('uk', '/en/admin/guidance?page=how-to-sell&content=cy'));
  await admin.getByLabel('Page text (Markdown)').fill('## Sut i ymuno\n\nDarllenwch [y canllaw](https://example.org/canllaw).\n\n<script>window.__x = 1</script><img src=x onerror="window.__x=2">');
  await admin.getByRole('button', { name: 'Save page' }).click();
  await expect(admin.getByText('Page saved.')).toBeVisible();
  const citizen = await (await browser.newContext()).newPage();
  await citizen.goto(tenantUrl('uk', '/cy/how-to-sell'));
  await expect(citizen.getByRole('heading', { name: 'Sut i ymuno' })).toBeVisible();
  await expect(citizen.getByRole('link', { name: 'y canllaw' })).toHaveAttribute('href', 'https://example.org/canllaw');
  expect(await citizen.locator('main script, main img').count()).toBe(0);
  expect(await citizen.evaluate(() => (window as unknown as { __x?: number }).__x)).toBeUndefined();
  // English still shows the built-in text.
  await citizen.goto(tenantUrl('uk', '/en/how-to-sell'));
  await expect(citizen.getByRole('heading', { name: 'Who can sell' })).toBeVisible();
  await admin.close();
  await citizen.close();
});

test('SEO: hreflang alternates, robots.txt and sitemap.xml per tenant host, branded Open Graph image', async ({ page }) => {
  await page.goto(tenantUrl('uk', '/en/open-data'));
  await expect(page.locator('link[rel=alternate][hreflang=cy]')).toHaveAttribute('href', tenantUrl('uk', '/cy/open-data'));
  await expect(page.locator('link[rel=alternate][hreflang=x-default]')).toHaveAttribute('href', tenantUrl('uk', '/en/open-data'));
  await expect(page.locator('meta[name=description]')).toHaveAttribute('content', /Digital Marketplace UK/);
  const og = await page.locator('meta[property="og:image"]').getAttribute('content');
  expect(og).toContain('/api/og?locale=en');
  // Node cannot resolve *.localhost: fetch the image over loopback with the tenant's Host.
  const image = await requestAs('uk.localhost', new URL(og!).pathname + new URL(og!).search);
  expect(image.status).toBe(200);
  expect(image.headers['content-type']).toBe('image/png');

  const robots = await requestAs('uk.localhost', '/robots.txt');
  expect(robots.status).toBe(200);
  expect(robots.body).toContain(`Sitemap: ${tenantUrl('uk', '/sitemap.xml')}`);
  expect(robots.body).toContain('Disallow: /*/admin');
  const sitemap = await requestAs('ca.localhost', '/sitemap.xml');
  expect(sitemap.status).toBe(200);
  expect(sitemap.body).toContain(`<loc>${tenantUrl('ca', '/fr/open-data')}</loc>`);
  expect(sitemap.body).toContain(`hreflang="en" href="${tenantUrl('ca', '/en/open-data')}"`);
  expect(sitemap.body).toMatch(/\/contracts\/\d+<\/loc>/);
  expect(sitemap.body).not.toContain('uk.localhost');
  expect((await requestAs('nowhere.localhost', '/sitemap.xml')).status).toBe(404);
});

test('the platform home combines the figures of the marketplaces that opted in', async ({ page }) => {
  await page.goto(rootUrl('/platform/en'));
  const figures = page.getByTestId('platform-figures');
  await expect(figures).toContainText('£');
  await expect(figures).toContainText('CLP');
  const table = page.locator('table', { has: page.locator('caption', { hasText: 'Spend by marketplace' }) });
  await expect(table).toContainText('Digital Marketplace UK');
  // The qa test marketplace did not opt in.
  await expect(table).not.toContainText('Test Marketplace');
  await expectAccessible(page);
});
