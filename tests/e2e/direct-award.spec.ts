import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, tenantUrl } from './support';

async function demoSignIn(page: Page, slug: string, locale: string, name: RegExp): Promise<void> {
  await page.goto(tenantUrl(slug, `/${locale}/dev/sign-in`));
  await page.getByRole('button', { name }).click();
  await expect(page).toHaveURL(tenantUrl(slug, `/${locale}/account`));
}

test('a buyer saves a search, ends it, downloads the shortlist and records the outcome', async ({ page }) => {
  await demoSignIn(page, 'uk', 'en', /Helen Clarke/);
  await page.goto(tenantUrl('uk', '/en/catalogue?q=secure&framework=cloud-services-14'));
  await page.getByText('Save this search as a project').click();
  const save = page.locator('#save-search');
  await save.getByRole('button', { name: 'Save search' }).click();
  await expect(save.locator('[data-error-summary]')).toContainText('Enter a project name');
  await save.getByLabel('Project name').fill('Security review 2027');
  await save.getByRole('button', { name: 'Save search' }).click();
  await expect(page).toHaveURL(/\/en\/buyer\/projects\/[0-9a-f-]{36}\?created=1$/);
  await expect(page.locator('h1')).toHaveText('Security review 2027');
  await expectAccessible(page);

  const end = page.locator('#end-search');
  await end.getByRole('button', { name: 'End search' }).click();
  await expect(end.locator('[data-error-summary]')).toBeVisible();
  await end.getByLabel('I have finished searching and want to freeze the results').check();
  await end.getByRole('button', { name: 'End search' }).click();
  const shortlist = page.getByTestId('shortlist');
  await expect(shortlist).toContainText('Cloud Security');
  await expectAccessible(page);

  const csv = await page.evaluate(async (url) => {
    const r = await fetch(url);
    return { status: r.status, text: await r.text() };
  }, page.url().replace(/\/en\/buyer\/projects\/([^/?]+).*/, '/api/projects/$1/shortlist.csv'));
  expect(csv.status).toBe(200);
  expect(csv.text).toContain('Severn Secure Ltd');
  const xlsx = await page.evaluate(async (url) => {
    const r = await fetch(url);
    const bytes = new Uint8Array(await r.arrayBuffer());
    return { status: r.status, type: r.headers.get('content-type'), zip: bytes[0] === 0x50 && bytes[1] === 0x4b, size: bytes.length };
  }, page.url().replace(/\/en\/buyer\/projects\/([^/?]+).*/, '/api/projects/$1/shortlist.xlsx'));
  expect(xlsx).toMatchObject({ status: 200, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', zip: true });

  const outcome = page.locator('#record-outcome');
  await outcome.getByLabel('Contract awarded').check();
  await outcome.getByRole('button', { name: 'Record outcome' }).click();
  await expect(outcome.locator('[data-error-summary]')).toContainText('Choose the awarded service');
  await outcome.getByLabel('Contract awarded').check();
  await outcome.getByLabel('Service awarded').selectOption({ index: 1 });
  await outcome.getByLabel(/Contract value/).fill('48000');
  await outcome.getByLabel('Contract start date').fill('2027-01-04');
  await outcome.getByLabel('Contract end date').fill('2027-12-31');
  await outcome.getByRole('button', { name: 'Record outcome' }).click();
  await expect(page.getByTestId('outcome')).toContainText('Contract awarded');
  await expect(page.getByTestId('outcome')).toContainText('£48,000.00');

  // Another organisation's buyer cannot open it.
  const projectUrl = page.url().replace(/\?.*$/, '');
  await demoSignIn(page, 'uk', 'en', /Priya Shah/);
  const other = await page.goto(projectUrl);
  expect(other?.status()).toBe(404);
});
