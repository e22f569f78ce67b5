import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, tenantUrl } from './support';

/** Requests a magic link on the tenant's sign-in page and follows it from the dev outbox. */
async function signInByEmail(page: Page, slug: string, locale: string, email: string): Promise<void> {
  await page.goto(tenantUrl(slug, `/${locale}/sign-in`));
  await page.locator('#email').fill(email);
  await page.locator('form button[type=submit]').click();
  await expect(page).toHaveURL(tenantUrl(slug, `/${locale}/sign-in/check-email`));
  await page.goto(tenantUrl(slug, `/${locale}/dev/outbox`));
  const message = page.getByTestId('outbox-message').filter({ hasText: email }).first();
  const link = message.locator('a[href*="/api/auth/callback/"]');
  const href = await link.getAttribute('href');
  expect(href).toContain(`${slug}.localhost`);
  await page.goto(href!);
}

test('magic-link sign-in through the dev outbox lands on the account page with the tenant roles', async ({ page }) => {
  await signInByEmail(page, 'uk', 'en', 'admin@uk.demo.example');
  await expect(page).toHaveURL(tenantUrl('uk', '/en/account'));
  await expect(page.getByTestId('signed-in-as')).toContainText('admin@uk.demo.example');
  await expect(page.getByTestId('roles')).toContainText('Marketplace administrator');
  await expectAccessible(page);
  // The sign-in is in the tenant's audit log.
  await page.goto(tenantUrl('uk', '/en/admin'));
  await expect(page.locator('table')).toContainText('auth.signed_in');
});

test('each tenant host keeps its own session, in the same browser at once', async ({ page }) => {
  await signInByEmail(page, 'uk', 'en', 'alex.rivera@demo.example');
  await expect(page.getByTestId('roles')).toContainText('Buyer');
  // Not signed in on ca yet: the uk cookie is host-only.
  await page.goto(tenantUrl('ca', '/en/account'));
  await expect(page).toHaveURL(/ca\.localhost.*\/en\/sign-in/);
  await signInByEmail(page, 'ca', 'en', 'alex.rivera@demo.example');
  await expect(page.getByTestId('roles')).toContainText('Supplier administrator');
  await expect(page.getByTestId('roles')).not.toContainText('Buyer');
  // Both sessions are alive side by side.
  await page.goto(tenantUrl('uk', '/en/account'));
  await expect(page.getByTestId('roles')).toContainText('Buyer');
  const cookies = await page.context().cookies();
  const sessionHosts = cookies.filter((c) => c.name.endsWith('mp.session')).map((c) => c.domain).sort();
  expect(sessionHosts).toEqual(['ca.localhost', 'uk.localhost']);
});

test('an invalid email gets a translated error summary and sends nothing', async ({ page }) => {
  await page.goto(tenantUrl('uk', '/cy/sign-in'));
  await page.locator('#email').fill('not-an-email');
  await page.locator('form button[type=submit]').click();
  const summary = page.locator('[data-error-summary]');
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(summary).not.toContainText('Enter an email address');
  await expect(page.locator('#email')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
  await page.goto(tenantUrl('uk', '/cy/dev/outbox'));
  await expect(page.getByTestId('outbox-message').filter({ hasText: 'not-an-email' })).toHaveCount(0);
});

test('the sign-in form works without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(tenantUrl('ca', '/fr/sign-in'));
  await page.locator('#email').fill('');
  await page.locator('form button[type=submit]').click();
  await expect(page.locator('[data-error-summary]')).toBeVisible();
  await page.locator('#email').fill('buyer@ca.demo.example');
  await page.locator('form button[type=submit]').click();
  await expect(page).toHaveURL(tenantUrl('ca', '/fr/sign-in/check-email'));
  await context.close();
});

test('a used or forged link is refused with a clear page', async ({ page }) => {
  await page.goto(tenantUrl('uk', '/api/auth/callback/email?token=forged&email=admin%40uk.demo.example'));
  await expect(page).toHaveURL(/\/sign-in\/error/);
  await expect(page.locator('h1')).toHaveText('We could not sign you in');
  await expectAccessible(page);
});

test('roles are checked on the server: a buyer cannot open administration; an admin can', async ({ page }) => {
  await page.goto(tenantUrl('uk', '/en/dev/sign-in'));
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Sign in as Helen Clarke' }).click();
  await expect(page).toHaveURL(tenantUrl('uk', '/en/account'));
  const response = await page.goto(tenantUrl('uk', '/en/admin'));
  expect(response?.status()).toBe(404);

  await page.goto(tenantUrl('uk', '/en/dev/sign-in'));
  await page.getByRole('button', { name: 'Sign in as Priya Shah' }).click();
  await expect(page.getByTestId('signed-in-as')).toContainText('admin@uk.demo.example');
  await page.goto(tenantUrl('uk', '/en/admin'));
  await expect(page.locator('h1')).toHaveText('Administration');
  await expect(page.locator('table')).toContainText('auth.demo_signed_in');
  await expectAccessible(page);
});

test('signing out ends the session on the server', async ({ page }) => {
  await page.goto(tenantUrl('cl', '/es/dev/sign-in'));
  await page.getByRole('button', { name: /Camila Rojas/ }).click();
  await expect(page).toHaveURL(tenantUrl('cl', '/es/account'));
  const before = (await page.context().cookies()).find((c) => c.name.endsWith('mp.session'));
  await page.locator('header form button[type=submit]').click();
  await expect(page).toHaveURL(/\/es\?signed-out=1/);
  await expect(page.getByRole('status')).toBeVisible();
  // Replaying the old cookie no longer works: the session row is gone.
  await page.context().addCookies([{ ...before!, expires: -1 }]);
  await page.goto(tenantUrl('cl', '/es/account'));
  await expect(page).toHaveURL(/\/es\/sign-in/);
});

test('pages that need sign-in send anonymous visitors to sign in and back', async ({ page }) => {
  await page.goto(tenantUrl('ca', '/fr/admin'));
  await expect(page).toHaveURL(tenantUrl('ca', `/fr/sign-in?next=${encodeURIComponent('/fr/admin')}`));
  await expectAccessible(page);
});

test('check-email and outbox pages are accessible', async ({ page }) => {
  await page.goto(tenantUrl('uk', '/en/sign-in/check-email'));
  await expectAccessible(page);
  await page.goto(tenantUrl('uk', '/en/dev/outbox'));
  await expectAccessible(page);
});
