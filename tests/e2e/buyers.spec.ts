import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, tenantUrl } from './support';

async function demoSignIn(page: Page, slug: string, locale: string, name: RegExp): Promise<void> {
  await page.goto(tenantUrl(slug, `/${locale}/dev/sign-in`));
  await page.getByRole('button', { name }).click();
  await expect(page).toHaveURL(tenantUrl(slug, `/${locale}/account`));
}

test('an administrator adds a buyer organisation; a person asks to join and is approved; a matching domain joins at once', async ({ page }) => {
  await demoSignIn(page, 'uk', 'en', /Priya Shah/);
  await page.goto(tenantUrl('uk', '/en/admin/buyers'));
  await expectAccessible(page);
  const create = page.locator('#create-organisation');
  await create.getByLabel('Organisation name').fill('Welsh Revenue Authority');
  await create.getByLabel('Devolved or regional government').check();
  await create.getByLabel('Email domains').fill('not a domain');
  await create.getByRole('button', { name: 'Add organisation' }).click();
  await expect(create.locator('[data-error-summary]')).toContainText('Enter email domains');
  await create.getByLabel('Email domains').fill('uk.demo.example');
  await create.getByRole('button', { name: 'Add organisation' }).click();
  await expect(create.getByRole('status')).toContainText('Welsh Revenue Authority has been added');

  // A domain match joins at once.
  await demoSignIn(page, 'uk', 'en', /Gareth Morgan/);
  await page.goto(tenantUrl('uk', '/en/buyer/join'));
  await page.getByRole('button', { name: 'Join Welsh Revenue Authority' }).click();
  await expect(page).toHaveURL(tenantUrl('uk', '/en/buyer/projects'));
  await expect(page.locator('main')).toContainText('Welsh Revenue Authority');

  // Someone who already buys for an organisation is sent to their projects.
  await demoSignIn(page, 'uk', 'en', /Alex Rivera/);
  await page.goto(tenantUrl('uk', '/en/buyer/join'));
  // Alex already buys for the Department for Digital Services (seed): the page sends them on.
  await expect(page).toHaveURL(tenantUrl('uk', '/en/buyer/projects'));
});

test('a person without a matching domain asks to join, and the administrator approves', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Sign in by email as someone new (the dev outbox carries the link).
  await page.goto(tenantUrl('ca', '/en/sign-in'));
  await page.locator('#email').fill('new.buyer@province.example');
  await page.locator('main form button[type=submit]').click();
  await expect(page).toHaveURL(/check-email/);
  await page.goto(tenantUrl('ca', '/en/dev/outbox'));
  const href = await page.getByTestId('outbox-message').filter({ hasText: 'new.buyer@province.example' }).first().locator('a').getAttribute('href');
  await page.goto(href!);
  await page.goto(tenantUrl('ca', '/en/buyer/join'));
  const request = page.locator('#request-access');
  await request.getByRole('button', { name: 'Ask to join' }).click();
  await expect(request.locator('[data-error-summary]')).toBeVisible();
  await request.getByLabel('Organisation').selectOption({ label: 'Shared Services Agency' });
  await request.getByLabel('Your role and why you need to buy').fill('Procurement officer, cloud team');
  await request.getByRole('button', { name: 'Ask to join' }).click();
  await expect(request.getByRole('status')).toContainText('request has been sent');
  await expectAccessible(page);

  await page.goto(tenantUrl('ca', '/en/dev/sign-in'));
  await page.getByRole('button', { name: /Marie Tremblay/ }).click();
  await expect(page).toHaveURL(tenantUrl('ca', '/en/account'));
  await page.goto(tenantUrl('ca', '/en/admin/buyers'));
  const card = page.getByTestId('access-request').filter({ hasText: 'new.buyer@province.example' });
  await card.getByLabel('Approve').check();
  await card.getByRole('button', { name: 'Record decision' }).click();
  await expect(card.getByRole('status')).toContainText('added to the organisation');
  await context.close();
});

test('keyboard only: search the catalogue and open a service', async ({ page }) => {
  await page.goto(tenantUrl('uk', '/en/catalogue'));
  await page.keyboard.press('Tab');
  await expect(page.locator('.skip-link')).toBeFocused();
  await page.keyboard.press('Enter');
  // Tab from the main content to the search box, type, submit with Enter.
  for (let i = 0; i < 10 && !(await page.locator('#catalogue-q').evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(page.locator('#catalogue-q')).toBeFocused();
  await page.keyboard.type('kubernetes');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/q=kubernetes/);
  // The "skip to the results" link jumps over the filters.
  const skip = page.getByRole('link', { name: 'Skip to the results' });
  for (let i = 0; i < 20 && !(await skip.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  const firstResult = page.getByTestId('results').locator('a').first();
  for (let i = 0; i < 10 && !(await firstResult.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(firstResult).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/en\/services\/[0-9a-f-]{36}$/);
  await expect(page.locator('h1')).toContainText('Kubernetes');
});
