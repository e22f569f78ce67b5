import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, hexToRgb, requestAs, rootUrl, tenantUrl } from './support';

/*
 * Onboarding end to end: a platform operator creates "Republic of Testland" in Spanish with its own colours and
 * logo, the new administrator signs in through the emailed links, the public site shows the brand and language,
 * and a suspended marketplace shows its notice. Refusals (contrast, duplicate and reserved slug, unsafe SVG) are
 * checked on the way.
 */

const FIXTURES = path.join(process.cwd(), 'tests/fixtures/onboarding');
const SLUG = 'testland';
const ADMIN = 'ana.perez@testland.example';
const BRAND = '#7a1f3d';

async function signInAsOperator(page: Page, locale: string): Promise<void> {
  await page.goto(rootUrl(`/platform/${locale}/dev/sign-in`));
  await page.locator('form button[type=submit]').first().click();
  await expect(page).toHaveURL(rootUrl(`/platform/${locale}/console`));
}

async function saveStep(page: Page): Promise<void> {
  await page.locator('form[id^=step-] button[type=submit]').click();
}

async function expectFieldError(page: Page, field: string, text: string | RegExp): Promise<void> {
  const summary = page.locator('[data-error-summary]');
  await expect(summary).toBeVisible();
  await expect(summary).toContainText(text);
  await expect(page.locator(`[id$="-${field}-error"]`)).toContainText(text);
}

test('the operator console lists the demo marketplaces with status, plan and counts, in two languages', async ({ page }) => {
  await signInAsOperator(page, 'en');
  const table = page.getByTestId('tenants-table');
  for (const slug of ['uk', 'ca', 'cl']) await expect(table).toContainText(slug);
  const uk = table.locator('tr', { hasText: 'Digital Marketplace UK' });
  await expect(uk).toContainText('Active');
  await expect(uk).toContainText('Government');
  await expect(table.locator('tr', { hasText: 'Chile' })).toContainText('Trial');
  // Counts come from each tenant's own schema: the UK demo has suppliers and frameworks.
  await expect(uk.locator('td').nth(4)).not.toHaveText('0');
  await expect(uk.locator('td').nth(6)).not.toHaveText('0');
  await expectAccessible(page);
  // Search and filters.
  await page.locator('#q').fill('canada');
  await page.locator('div[role=search] button[type=submit]').click();
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(table).toContainText('ca');
  await page.goto(rootUrl('/platform/en/console?status=trial'));
  await expect(page.getByTestId('tenants-table').locator('tbody tr', { hasText: 'Canada' })).toHaveCount(0);
  await page.goto(rootUrl('/platform/es/console'));
  await expect(page.locator('h1')).toHaveText('Mercados');
  await expectAccessible(page);
  // Right to left: the console in Arabic.
  await page.goto(rootUrl('/platform/ar/console'));
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('h1')).toHaveText('الأسواق');
  await expectAccessible(page);
  // People without the platform role do not see it.
  await page.context().clearCookies();
  await page.goto(rootUrl('/platform/en/console'));
  await expect(page).toHaveURL(/\/platform\/en\/sign-in\?next=/);
  await expectAccessible(page);
});

test('a platform admin onboards Republic of Testland in Spanish; the new admin signs in by email; the site is branded; suspension shows a notice', async ({ page }) => {
  test.setTimeout(180_000);
  await signInAsOperator(page, 'en');
  await page.getByRole('button', { name: 'Set up a new marketplace' }).click();
  await expect(page).toHaveURL(/\/console\/drafts\/[0-9a-f-]+\/authority$/);
  const draftUrl = page.url().replace(/\/authority$/, '');
  await expect(page.getByRole('navigation', { name: 'Steps' }).locator('li')).toHaveCount(7);
  await expectAccessible(page);

  // 1. Authority (bad codes refused first).
  await page.getByLabel('Name of the marketplace').fill('República de Testlandia');
  await page.getByLabel('National government').check();
  await page.getByLabel('Country code').fill('Testland');
  await page.getByLabel('Time zone').fill('America/Santiago');
  await page.getByLabel('Currency code').fill('CLP');
  await saveStep(page);
  await expectFieldError(page, 'country', 'two-letter country code');
  await page.getByLabel('Country code').fill('cl');
  await saveStep(page);

  // 2. Address: a duplicate slug and a reserved one are refused with clear errors.
  await expect(page).toHaveURL(/\/address$/);
  await page.getByLabel('Identifier').fill('uk');
  await saveStep(page);
  await expectFieldError(page, 'slug', 'The identifier uk is already in use');
  await page.getByLabel('Identifier').fill('admin');
  await saveStep(page);
  await expectFieldError(page, 'slug', 'This identifier is reserved');
  await page.getByLabel('Identifier').fill(SLUG);
  await saveStep(page);

  // 3. Languages: Spanish only.
  await expect(page).toHaveURL(/\/languages$/);
  await page.getByRole('group', { name: 'Languages' }).getByLabel('Español').check();
  await page.getByRole('group', { name: 'Default language' }).getByLabel('Español').check();
  await saveStep(page);

  // 4. Branding: a colour pair failing WCAG AA is refused; an unsafe SVG is refused; then own colours and logo.
  await expect(page).toHaveURL(/\/branding$/);
  await page.getByLabel('Header and button colour').fill('#ffdd00');
  await page.getByLabel('Text colour on the header').fill('#ffffff');
  await page.getByLabel('Link colour').fill(BRAND);
  await expect(page.getByTestId('brand-preview')).toContainText('too low');
  await saveStep(page);
  await expectFieldError(page, 'primaryText', /contrast ratio of 1\.\d+:1/);
  await page.getByLabel('Header and button colour').fill(BRAND);
  await page.getByLabel('Logo (optional)').setInputFiles(path.join(FIXTURES, 'unsafe-logo.svg'));
  await saveStep(page);
  await expectFieldError(page, 'logo', 'scripts or event handlers');
  await page.getByLabel('Header and button colour').fill(BRAND);
  await page.getByLabel('Text colour on the header').fill('#ffffff');
  await page.getByLabel('Link colour').fill(BRAND);
  await expect(page.getByTestId('brand-preview')).not.toContainText('too low');
  // Checked once the chosen colours pass: the preview of a failing pair fails contrast by design.
  await expectAccessible(page);
  await page.getByLabel('Logo (optional)').setInputFiles(path.join(FIXTURES, 'testland-logo.png'));
  await saveStep(page);

  // 5. Template; 6. open data and administrator (a bad OCDS prefix first).
  await expect(page).toHaveURL(/\/template$/);
  await page.getByLabel('Both').check();
  await saveStep(page);
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByLabel('OCDS prefix (optional)').fill('ocds-XYZ');
  await page.getByLabel("Administrator's name").fill('Ana Pérez');
  await page.getByLabel("Administrator's email address").fill(ADMIN);
  await saveStep(page);
  await expectFieldError(page, 'ocidPrefix', 'ocds-a1b2c3');
  await page.getByLabel('OCDS prefix (optional)').fill('ocds-tl0001');
  await saveStep(page);

  // The draft is resumable: leaving and coming back lands on review with every answer kept.
  await expect(page).toHaveURL(/\/review$/);
  await page.goto(rootUrl('/platform/en/console'));
  await page.getByRole('link', { name: 'República de Testlandia' }).click();
  await expect(page).toHaveURL(/\/review$/);
  await expect(page.getByTestId('review')).toContainText('testland');
  await expect(page.getByTestId('review')).toContainText(ADMIN);
  await expectAccessible(page);

  // Create: progress until live, then a link to the marketplace.
  await page.getByRole('button', { name: 'Create marketplace' }).click();
  await expect(page).toHaveURL(draftUrl);
  await expect(page.getByTestId('draft-status')).toHaveText('The marketplace is live.', { timeout: 60_000 });
  await expectAccessible(page);
  await expect(page.getByTestId('live-link')).toHaveAttribute('href', tenantUrl(SLUG, '/'));

  // The new administrator follows the emailed invitation, then the sign-in link.
  await page.context().clearCookies();
  await page.goto(tenantUrl(SLUG, '/es/dev/outbox'));
  const invitation = page.getByTestId('outbox-message').filter({ hasText: 'Eres administrador de República de Testlandia' });
  await expect(invitation).toHaveCount(1);
  await invitation.locator('a').first().click();
  await expect(page).toHaveURL(/testland\.localhost.*\/es\/sign-in\?next=/);
  await page.locator('#email').fill(ADMIN);
  await page.locator('form button[type=submit]').click();
  await expect(page).toHaveURL(tenantUrl(SLUG, '/es/sign-in/check-email'));
  await page.goto(tenantUrl(SLUG, '/es/dev/outbox'));
  const link = page.getByTestId('outbox-message').filter({ hasText: ADMIN }).locator('a[href*="/api/auth/callback/"]').first();
  await page.goto((await link.getAttribute('href'))!);
  await expect(page).toHaveURL(tenantUrl(SLUG, '/es/admin'));
  await expect(page.locator('h1')).toHaveText('Administración');

  // The public site: Spanish, the brand colour and the uploaded logo, template frameworks.
  await page.goto(tenantUrl(SLUG, '/'));
  await expect(page).toHaveURL(tenantUrl(SLUG, '/es'));
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.locator('header').first()).toHaveCSS('background-color', hexToRgb(BRAND));
  await expect(page.locator('header img')).toHaveAttribute('src', /\/api\/branding\/logo/);
  await expect(page.locator('header')).toContainText('República de Testlandia');
  const logo = await requestAs(`${SLUG}.localhost`, '/api/branding/logo');
  expect(logo.headers['content-type']).toBe('image/png');
  await page.goto(tenantUrl(SLUG, '/es/frameworks'));
  await expect(page.locator('main')).toContainText('Servicios en la nube');
  await expectAccessible(page);

  // Suspension from the console: the public site shows a notice; only administrators may sign in.
  await page.context().clearCookies();
  await signInAsOperator(page, 'en');
  await page.goto(rootUrl(`/platform/en/console/tenants/${SLUG}`));
  await expect(page.getByTestId('tenant-facts')).toContainText('Trial');
  await expect(page.getByTestId('billing-not-configured')).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Suspended').check();
  await page.getByLabel('Reason').fill('Pago pendiente');
  await page.getByRole('button', { name: 'Change status' }).click();
  await expect(page.getByTestId('tenant-facts')).toContainText('Suspended');
  await expect(page.locator('table')).toContainText('Pago pendiente');
  await page.context().clearCookies();
  await page.goto(tenantUrl(SLUG, '/es'));
  await expect(page.getByTestId('suspended-notice')).toContainText('República de Testlandia está suspendido');
  await expectAccessible(page);
  await page.goto(tenantUrl(SLUG, '/es/sign-in'));
  await page.locator('#email').fill('alguien@testland.example');
  await page.locator('form button[type=submit]').click();
  await expect(page.locator('[data-error-summary]')).toContainText('Solo sus administradores pueden ingresar');
});

test('the import page and the self-serve request page (off by default) behave', async ({ page }) => {
  await signInAsOperator(page, 'en');
  await page.goto(rootUrl('/platform/en/console/import?error=slugTaken&slug=uk'));
  await expect(page.locator('[data-error-summary]')).toContainText('already in use');
  await expectAccessible(page);
  const request = await page.request.get(rootUrl('/platform/en/request'), { maxRedirects: 5 });
  expect(request.status()).toBe(404);
});

test('a tenant administrator edits settings: terminology with preview, SME target, members', async ({ page }) => {
  await page.goto(tenantUrl('uk', '/en/dev/sign-in'));
  await page.getByRole('button', { name: 'Sign in as Priya Shah' }).click();
  await expect(page).toHaveURL(tenantUrl('uk', '/en/account'));
  await page.goto(tenantUrl('uk', '/en/admin/settings'));
  await expect(page.locator('h1')).toHaveText('Marketplace settings');
  await expectAccessible(page);

  // Terminology: the preview shows the standard wording and, once saved, the override.
  const preview = page.getByTestId('terminology-preview');
  await expect(preview.locator('tr', { hasText: 'English' }).first()).toContainText('Supplier');
  await page.getByLabel('“Supplier” in English').fill('Seller');
  await page.locator('#settings-terminology button[type=submit]').click();
  await expect(page.locator('#settings-terminology [role=status]')).toHaveText('Saved.');
  await page.reload();
  await expect(page.getByTestId('terminology-preview').locator('tr', { hasText: 'Seller' })).toHaveCount(1);

  // SME target: bad input is refused next to the field; a number is stored.
  await page.getByLabel('Target (% of spend)').fill('140');
  await page.locator('#settings-sme button[type=submit]').click();
  await expect(page.locator('#settings-sme [data-error-summary]')).toContainText('from 0 to 100');
  await page.getByLabel('Target (% of spend)').fill('35');
  await page.locator('#settings-sme button[type=submit]').click();
  await expect(page.locator('#settings-sme [role=status]')).toHaveText('Saved.');

  // The accessibility statement is edited with the guidance pages.
  await expect(page.locator('#accessibility a')).toHaveAttribute('href', '/en/admin/guidance');

  // Members: add a framework manager; the invitation is in the outbox.
  await page.goto(tenantUrl('uk', '/cy/admin/settings'));
  await expectAccessible(page);
  await page.goto(tenantUrl('uk', '/en/admin/settings#members'));
  await page.getByLabel('Full name').fill('Morgan Lee');
  await page.getByLabel('Email address').fill('morgan.lee@uk.demo.example');
  await page.locator('#invite-member').getByLabel('Framework manager').check();
  await page.locator('#invite-member button[type=submit]').click();
  await expect(page.locator('#invite-member [role=status]')).toContainText('morgan.lee@uk.demo.example');
  await page.reload();
  await expect(page.getByTestId('members')).toContainText('morgan.lee@uk.demo.example');
  await page.goto(tenantUrl('uk', '/en/dev/outbox'));
  await expect(page.getByTestId('outbox-message').filter({ hasText: 'morgan.lee@uk.demo.example' })).toHaveCount(1);
});

test('a tenant administrator connects an OpenID Connect provider; people sign in with it on that tenant only', async ({ page }) => {
  test.setTimeout(120_000);
  const { default: Provider } = await import('oidc-provider');
  const net = await import('node:net');
  const port = await new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as { port: number };
      probe.close(() => resolve(free));
    });
  });
  const issuer = `http://127.0.0.1:${port}`;
  // A real OpenID provider on loopback; its development login accepts any login name (mapped to a demo person).
  const people: Record<string, { email: string; name: string }> = { helen: { email: 'buyer@uk.demo.example', name: 'Helen Clarke' } };
  const provider = new Provider(issuer, {
    clients: [{ client_id: 'marketplace-uk', client_secret: 'uk-client-secret-for-tests-only', redirect_uris: [tenantUrl('uk', '/api/auth/callback/oidc')], grant_types: ['authorization_code'], response_types: ['code'] }],
    findAccount: async (_ctx: unknown, sub: string) => ({ accountId: sub, claims: async () => ({ sub, email: people[sub]?.email, email_verified: true, name: people[sub]?.name }) }),
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    cookies: { keys: ['oidc-test-cookie-key'] },
    features: { devInteractions: { enabled: true } },
  } as never);
  const server = provider.listen(port, '127.0.0.1');
  try {
    await page.goto(tenantUrl('uk', '/en/dev/sign-in'));
    await page.getByRole('button', { name: 'Sign in as Priya Shah' }).click();
    await expect(page).toHaveURL(tenantUrl('uk', '/en/account'));
    await page.goto(tenantUrl('uk', '/en/admin/settings#identity'));
    await expect(page.locator('#identity')).toContainText(tenantUrl('uk', '/api/auth/callback/oidc'));
    const form = page.locator('#settings-identity');
    await form.getByLabel('Button text').fill('Testland ID');
    await form.getByLabel('Issuer URL').fill('not a url');
    await form.getByLabel('Client ID').fill('marketplace-uk');
    await form.getByLabel('Client secret').fill('uk-client-secret-for-tests-only');
    await form.locator('button[type=submit]').click();
    await expect(form.locator('[data-error-summary]')).toContainText('web address');
    await form.getByLabel('Issuer URL').fill(issuer);
    await form.getByLabel('Client secret').fill('uk-client-secret-for-tests-only');
    await form.locator('button[type=submit]').click();
    await expect(form.locator('[role=status]')).toHaveText('Saved.');

    // Another tenant does not offer it.
    await page.context().clearCookies();
    await page.goto(tenantUrl('ca', '/en/sign-in'));
    await expect(page.getByRole('button', { name: /Testland ID/ })).toHaveCount(0);

    await page.goto(tenantUrl('uk', '/en/sign-in'));
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Sign in with Testland ID' }).click();
    await expect(page).toHaveURL(new RegExp(`^${issuer}/`));
    await page.locator('input[name=login]').fill('helen');
    await page.locator('input[name=password]').fill('any');
    await page.locator('button[type=submit]').click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page).toHaveURL(tenantUrl('uk', '/en/account'));
    await expect(page.getByTestId('signed-in-as')).toContainText('buyer@uk.demo.example');
    await expect(page.getByTestId('roles')).toContainText('Buyer');
  } finally {
    // Switched off again (even when a step above failed), so later suites see the uk sign-in page as shipped.
    await page.context().clearCookies();
    await page.goto(tenantUrl('uk', '/en/dev/sign-in'));
    await page.getByRole('button', { name: 'Sign in as Priya Shah' }).click();
    await expect(page).toHaveURL(tenantUrl('uk', '/en/account'));
    await page.goto(tenantUrl('uk', '/en/admin/settings#identity'));
    const identity = page.locator('#settings-identity');
    await identity.getByLabel('No', { exact: true }).check();
    await identity.locator('button[type=submit]').click();
    await expect(identity.locator('[role=status]')).toHaveText('Saved.');
    await page.goto(tenantUrl('uk', '/en/sign-in'));
    await expect(page.getByRole('button', { name: /Testland ID/ })).toHaveCount(0);
    await new Promise((resolve) => server.close(resolve));
  }
});
