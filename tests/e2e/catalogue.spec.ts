import { expect, test } from '@playwright/test';
import { expectAccessible, tenantUrl } from './support';

test('search the catalogue: words, facets with counts, size filter, shareable URL, empty state', async ({ page }) => {
  await page.goto(tenantUrl('uk', '/en/catalogue'));
  await expectAccessible(page);
  await expect(page.getByTestId('result-count')).toContainText('services found');
  await page.getByLabel('Search for services').fill('monitoring');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page).toHaveURL(/q=monitoring/);
  const results = page.getByTestId('results');
  await expect(results.locator('li').first()).toContainText('Managed Kubernetes Hosting');
  // The snippet marks the matched word.
  await expect(results.locator('mark').first()).toHaveText(/monitoring/i);
  // Everything is in the URL: the same link gives the same page.
  const shared = page.url();
  await page.goto(shared);
  await expect(page.getByTestId('results').locator('li').first()).toContainText('Managed Kubernetes Hosting');
  await page.getByLabel('Search for services').fill('kubernetes');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByTestId('results').locator('li').first()).toContainText('Managed Kubernetes Hosting');

  await page.goto(tenantUrl('uk', '/en/catalogue?framework=cloud-services-14&size=large'));
  await expect(page.getByTestId('results')).toContainText('CaseFlow Case Management');
  await expect(page.getByTestId('results')).not.toContainText('Managed Kubernetes Hosting');
  await expectAccessible(page);

  await page.goto(tenantUrl('uk', '/en/catalogue?q=zzzyzzy&size=sme'));
  await expect(page.getByTestId('empty-state')).toBeVisible();
  await page.getByRole('link', { name: 'Clear all filters' }).click();
  await expect(page.getByTestId('results').locator('li')).not.toHaveCount(0);
});

test('facet counts lead to exactly that many results', async ({ page }) => {
  await page.goto(tenantUrl('uk', '/en/catalogue?framework=cloud-services-14'));
  const facet = page.locator('[data-facet]').first();
  const firstOption = facet.locator('label').first();
  const count = Number(/\((\d+)\)/.exec((await firstOption.textContent()) ?? '')?.[1]);
  await facet.locator('input').first().check();
  await page.getByRole('button', { name: 'Apply filters' }).click();
  if (count === 0) await expect(page.getByTestId('empty-state')).toBeVisible();
  else await expect(page.getByTestId('results').locator('li')).toHaveCount(count);
});

test('the catalogue works without JavaScript, in Spanish', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(tenantUrl('cl', '/es/catalogue'));
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await page.locator('#catalogue-q').fill('datos abiertos');
  await page.locator('form[role=search] button[type=submit]').first().click();
  await expect(page.getByTestId('results')).toContainText('Portal de datos abiertos');
  await context.close();
});

test('the catalogue in Spanish passes the accessibility scan', async ({ page }) => {
  await page.goto(tenantUrl('cl', '/es/catalogue?q=datos'));
  await expect(page.getByTestId('results')).toContainText('Portal de datos abiertos');
  await expectAccessible(page);
});

test('a signed-in person saves a search for email digests, sees it, and stops it', async ({ page }) => {
  await page.goto(tenantUrl('ca', '/fr/dev/sign-in'));
  await page.getByRole('button', { name: /James Wilson/ }).click();
  await expect(page).toHaveURL(tenantUrl('ca', '/fr/account'));
  await page.goto(tenantUrl('ca', '/fr/catalogue?q=cloud'));
  await page.locator('#create-alert button[type=submit]').click();
  await expect(page.locator('#create-alert').getByRole('status')).toBeVisible();
  await page.goto(tenantUrl('ca', '/fr/alerts'));
  await expect(page.getByTestId('alerts')).toContainText('“cloud”');
  await expectAccessible(page);
  await page.getByTestId('alerts').locator('button[type=submit]').first().click();
  await expect(page).toHaveURL(/\/fr\/alerts\?deleted=1$/);
  await expect(page.getByTestId('alerts')).toHaveCount(0);
});

test('a misspelt search still finds services with similarly spelt words', async ({ page }) => {
  await page.goto(tenantUrl('uk', '/en/catalogue?q=kubrnetes&framework=cloud-services-14'));
  await expect(page.getByTestId('fuzzy-notice')).toContainText('kubrnetes');
  await expect(page.getByTestId('results')).toContainText('Managed Kubernetes Hosting');
});
