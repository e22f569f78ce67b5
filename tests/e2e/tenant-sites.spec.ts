import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectAccessible, hexToRgb, requestAs, rootUrl, tenantUrl } from './support';

const config = (slug: string) => JSON.parse(readFileSync(`tenants/${slug}/tenant.json`, 'utf8'));

const homes: { slug: string; locale: string; name: string }[] = [
  { slug: 'uk', locale: 'en', name: 'Digital Marketplace UK' },
  { slug: 'uk', locale: 'cy', name: 'Marchnad Ddigidol y DU' },
  { slug: 'ca', locale: 'en', name: 'Canada Digital Marketplace' },
  { slug: 'ca', locale: 'fr', name: 'Marché numérique du Canada' },
  { slug: 'cl', locale: 'es', name: 'Mercado Digital del Estado de Chile' },
];

for (const home of homes) {
  test(`${home.slug} home in ${home.locale}: own name, colours, language and direction`, async ({ page }) => {
    const response = await page.goto(tenantUrl(home.slug, `/${home.locale}`));
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1')).toHaveText(home.name);
    await expect(page.locator('html')).toHaveAttribute('lang', home.locale);
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    const header = page.locator('body > header');
    await expect(header).toHaveCSS('background-color', hexToRgb(config(home.slug).branding.primary));
    await expect(page.getByTestId('supplier-count')).toContainText(/\d/);
    await expectAccessible(page);
  });
}

test('a locale the tenant does not enable redirects to its default language on the same page', async ({ page }) => {
  await page.goto(tenantUrl('cl', '/en/sign-in'));
  await expect(page).toHaveURL(tenantUrl('cl', '/es/sign-in'));
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
});

test('the bare host negotiates a language from the browser', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'cy-GB' });
  const page = await context.newPage();
  await page.goto(tenantUrl('uk', '/'));
  await expect(page).toHaveURL(tenantUrl('uk', '/cy'));
  await context.close();
});

test('right-to-left: Arabic renders with dir=rtl and logical layout', async ({ page }) => {
  await page.goto(tenantUrl('qa', '/ar'));
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.getByRole('link', { name: 'English' })).toBeVisible();
  // The skip link text is the Arabic string, not the English one.
  await expect(page.locator('.skip-link')).not.toHaveText('Skip to main content');
  await expectAccessible(page);
});

test('the language switcher keeps the page', async ({ page }) => {
  await page.goto(tenantUrl('uk', '/en/sign-in'));
  await page.getByRole('link', { name: 'Cymraeg' }).click();
  await expect(page).toHaveURL(tenantUrl('uk', '/cy/sign-in'));
  await expect(page.locator('html')).toHaveAttribute('lang', 'cy');
});

test('tenant terminology overrides layer over base strings', async ({ page }) => {
  await page.goto(tenantUrl('ca', '/en'));
  await expect(page.getByRole('heading', { name: 'Recently joined vendors' })).toBeVisible();
  await page.goto(tenantUrl('uk', '/en'));
  await expect(page.getByRole('heading', { name: 'Recently joined suppliers' })).toBeVisible();
});

test('a custom domain serves its tenant', async ({ page }) => {
  await page.goto(`http://marketplace.uk.example:${new URL(tenantUrl('uk')).port}/en`);
  await expect(page.locator('h1')).toHaveText('Digital Marketplace UK');
});

test('the /t/<slug>/ path fallback serves the tenant and keeps its links under the prefix', async ({ page }) => {
  await page.goto(rootUrl('/t/ca/fr'));
  await expect(page.locator('h1')).toHaveText('Marché numérique du Canada');
  await expect(page.getByRole('link', { name: 'Se connecter' }).first()).toHaveAttribute('href', '/t/ca/fr/sign-in');
});

test('an unknown tenant is a real 404 page', async ({ page }) => {
  const response = await page.goto(tenantUrl('nowhere', '/en'));
  expect(response?.status()).toBe(404);
  await expect(page.locator('h1')).toHaveText('Marketplace not found');
  await expectAccessible(page);
});

test('an unknown page inside a tenant is a branded, translated 404', async ({ page }) => {
  const response = await page.goto(tenantUrl('uk', '/cy/no-such-page'));
  expect(response?.status()).toBe(404);
  await expect(page.locator('html')).toHaveAttribute('lang', 'cy');
  await expect(page.locator('body > header')).toHaveCSS('background-color', hexToRgb(config('uk').branding.primary));
  await expectAccessible(page);
});

test('the platform home lists the marketplaces', async ({ page }) => {
  await page.goto(rootUrl('/'));
  await expect(page).toHaveURL(rootUrl('/platform/en'));
  for (const name of ['Digital Marketplace UK', 'Canada Digital Marketplace', 'Mercado Digital del Estado de Chile']) {
    await expect(page.getByRole('link', { name: `Visit ${name}` })).toBeVisible();
  }
  await expectAccessible(page);
  await page.goto(rootUrl('/platform/ar'));
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expectAccessible(page);
});

test('a client-sent tenant header is ignored', async () => {
  const response = await requestAs('uk.localhost', '/en', { 'x-tenant': 'ca', 'x-tenant-base': '/t/ca', 'x-tenant-locale': 'fr' });
  expect(response.status).toBe(200);
  expect(response.body).toContain('Digital Marketplace UK');
  expect(response.body).not.toContain('Canada Digital Marketplace');
});

test('a forged forwarded host is not trusted without TRUST_PROXY', async () => {
  const response = await requestAs('uk.localhost', '/en', { 'x-forwarded-host': 'ca.localhost' });
  expect(response.body).toContain('Digital Marketplace UK');
});

test('health answers on any host with the database kind', async () => {
  for (const host of ['localhost', 'uk.localhost', 'nowhere.localhost', 'unknown.example']) {
    const response = await requestAs(host, '/api/health');
    expect(response.status, host).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ status: 'ok', database: 'embedded' });
  }
});

test('tenant logos are served per tenant as inert images', async () => {
  const uk = await requestAs('uk.localhost', '/api/branding/logo');
  expect(uk.headers['content-type']).toBe('image/svg+xml');
  expect(uk.headers['x-content-type-options']).toBe('nosniff');
  expect(String(uk.headers['content-security-policy'])).toContain('sandbox');
  const ca = await requestAs('ca.localhost', '/api/branding/logo');
  expect(ca.body).not.toEqual(uk.body);
  expect((await requestAs('qa.localhost', '/api/branding/logo')).status).toBe(404);
  expect((await requestAs('nowhere.localhost', '/api/branding/logo')).status).toBe(404);
});
