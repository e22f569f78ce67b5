import { expect, test, type Page } from '@playwright/test';
import { expectNoFormErrors, fillGeneratedForm } from './generated-forms';
import { expectAccessible, tenantUrl } from './support';

async function demoSignIn(page: Page, slug: string, locale: string, name: string | RegExp): Promise<void> {
  await page.goto(tenantUrl(slug, `/${locale}/dev/sign-in`));
  await page.getByRole('button', { name }).click();
  await expect(page).toHaveURL(tenantUrl(slug, `/${locale}/account`));
}

test('the public sees frameworks with derived status, dates and lots, in two languages', async ({ page }) => {
  await page.goto(tenantUrl('uk', '/en'));
  const home = page.getByTestId('home-frameworks');
  await expect(home).toContainText('Digital Outcomes 7');
  await expect(home).toContainText('Open for applications');
  await expect(home).toContainText('Cloud Services 14');
  await page.goto(tenantUrl('uk', '/en/frameworks'));
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Cloud Services 14' }).click();
  await expect(page.locator('h1')).toHaveText('Cloud Services 14');
  await expect(page.getByTestId('framework-status')).toHaveText('Live');
  await expectAccessible(page);
  await page.goto(tenantUrl('uk', '/cy/frameworks/cloud-services-14'));
  await expect(page.locator('h1')).toHaveText('Gwasanaethau Cwmwl 14');
  await expect(page.locator('html')).toHaveAttribute('lang', 'cy');
  await expectAccessible(page);
});

test('an admin creates a framework from a template, sets its status by hand with a reason, and previews its forms', async ({ page }) => {
  await demoSignIn(page, 'uk', 'en', 'Sign in as Priya Shah');
  await page.goto(tenantUrl('uk', '/en/admin/frameworks'));
  await expectAccessible(page);
  const form = page.locator('#create-framework');
  // Bad input first: nothing is created and each problem is explained.
  await form.getByRole('button', { name: 'Create framework' }).click();
  const summary = form.locator('[data-error-summary]');
  await expect(summary).toContainText('Choose what to start from');
  await form.getByLabel(/Start from the template: Digital outcomes/).check();
  await form.getByLabel('Identifier').fill('digital-outcomes-8');
  await form.getByLabel('Name in English').fill('Digital Outcomes 8');
  await form.getByLabel('Name in Cymraeg').fill('Canlyniadau Digidol 8');
  for (const [label, value] of [
    ['Applications open', '2027-03-01'],
    ['Clarification questions close', '2027-03-12'],
    ['Applications close', '2027-03-26'],
    ['Intention to award', '2027-04-19'],
    ['Framework live', '2027-05-03'],
    ['Framework expires', '2027-04-01'],
  ]) {
    await form.getByLabel(label!, { exact: true }).fill(value!);
  }
  await form.getByRole('button', { name: 'Create framework' }).click();
  await expect(form.locator('[data-error-summary]')).toContainText('must not be before');
  await form.getByLabel('Framework expires', { exact: true }).fill('2029-05-03');
  await form.getByRole('button', { name: 'Create framework' }).click();
  await expect(page).toHaveURL(tenantUrl('uk', '/en/admin/frameworks/digital-outcomes-8?created=1'));
  await expect(page.locator('h1')).toHaveText('Digital Outcomes 8');
  await expect(page.getByTestId('framework-status')).toHaveText('Coming');
  await expect(page.getByText('The definition is valid.')).toBeVisible();
  await expectAccessible(page);

  const override = page.locator('#override-form');
  await override.getByLabel('Status').selectOption('open');
  await override.getByRole('button', { name: 'Save status' }).click();
  await expect(override.locator('[data-error-summary]')).toContainText('Give a reason');
  await override.getByLabel('Reason').fill('Opened early at the minister’s request');
  await override.getByRole('button', { name: 'Save status' }).click();
  await expect(override.getByRole('status')).toContainText('saved');
  await page.reload();
  await expect(page.getByTestId('framework-status')).toHaveText('Open for applications');

  await page.getByRole('link', { name: 'Service questions: Digital specialists' }).click();
  await expect(page.locator('h1')).toContainText('Service questions');
  await expect(page.locator('input[disabled]').first()).toBeVisible();
  await expectAccessible(page);

  await page.goto(tenantUrl('uk', '/en/admin'));
  await expect(page.locator('table')).toContainText('framework.status_overridden');
});

test('the JSON editor validates as you type and refuses an invalid definition on save', async ({ page }) => {
  await demoSignIn(page, 'uk', 'en', 'Sign in as Priya Shah');
  await page.goto(tenantUrl('uk', '/en/admin/frameworks/cloud-services-15'));
  const editor = page.locator('#definition-json');
  // Type over one character: filling the whole 120 KB definition takes Chromium minutes on a loaded machine.
  const text = await editor.inputValue();
  const at = text.indexOf('"formatVersion": 1') + '"formatVersion": '.length;
  await editor.focus();
  await editor.evaluate((el: HTMLTextAreaElement, i: number) => el.setSelectionRange(i, i + 1), at);
  await page.keyboard.type('2');
  await expect(page.locator('#definition-issues')).toContainText('formatVersion');
  await editor.fill('{ not json');
  await expect(page.locator('#definition-issues')).toContainText('not valid JSON');
  await page.getByRole('button', { name: 'Save definition' }).click();
  await expect(page.locator('#definition-issues')).toContainText('not valid JSON');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Definition (version 1)' })).toBeVisible();
});

test('a buyer cannot reach framework administration', async ({ page }) => {
  await demoSignIn(page, 'uk', 'en', 'Sign in as Helen Clarke');
  const response = await page.goto(tenantUrl('uk', '/en/admin/frameworks'));
  expect(response?.status()).toBe(404);
});

test('a supplier registers, applies, saves the declaration and adds a service (French)', async ({ page }) => {
  await demoSignIn(page, 'ca', 'fr', /James Wilson/);
  await page.goto(tenantUrl('ca', '/fr/supplier'));
  await expectAccessible(page);
  await page.locator('a[href$="/supplier/register"]').click();
  const form = page.locator('#register');
  await form.locator('input[name=legalName]').fill('Services Gagnon inc.');
  await form.locator('input[name=registrationNumber]').fill('12-34');
  await form.locator('input[name=organisationSize][value=micro]').check();
  await form.locator('select[name=region]').selectOption('Québec');
  await form.locator('button[type=submit]').click();
  await expect(form.locator('[data-error-summary]')).toBeVisible();
  await expect(form.locator('#register-registrationNumber-error')).toBeVisible();
  await expectAccessible(page);
  await form.locator('input[name=registrationNumber]').fill('987 654 321');
  await form.locator('button[type=submit]').click();
  await expect(page).toHaveURL(tenantUrl('ca', '/fr/supplier?registered=1'));
  await expect(page.locator('h1')).toHaveText('Services Gagnon inc.');

  await page.getByRole('link', { name: 'Spécialistes du numérique 2027' }).click();
  await page.locator('#start-application button[type=submit]').click();
  await expect(page.getByTestId('declaration-sections')).toBeVisible();
  await expectAccessible(page);

  await page.getByTestId('declaration-sections').locator('a').first().click();
  const email = page.locator('input[name=primaryContactEmail]');
  await email.fill('pas-un-courriel');
  await page.locator('input[name=primaryContactName]').fill('Chloé Gagnon');
  await page.locator('main form button[type=submit]').first().click();
  await expect(page.locator('[data-error-summary]')).toBeVisible();
  await expect(page.locator('#q-primaryContactEmail-error')).toBeVisible();
  await expectAccessible(page);
  await email.fill('chloe@gagnon.example');
  await page.locator('main form button[type=submit]').first().click();
  await expect(page.getByRole('status')).toBeVisible();

  await page.goBack();
  await page.goto(tenantUrl('ca', '/fr/supplier/frameworks/digital-specialists-2027'));
  await expect(page.getByTestId('declaration-sections')).toContainText(/En cours|en cours/i);
  const addService = page.locator('#add-service');
  await addService.locator('input[name=lot]').first().check();
  await addService.locator('button[type=submit]').click();
  await expect(page).toHaveURL(/\/fr\/supplier\/frameworks\/digital-specialists-2027\/services\/[0-9a-f-]{36}$/);
  await expectAccessible(page);
  await page.locator('button[name=intent][value=complete]').click();
  await expect(page.locator('[data-error-summary]')).toBeVisible();
});

test('follow-up questions are revealed by their trigger', async ({ page }) => {
  await demoSignIn(page, 'uk', 'en', 'Sign in as Alex Rivera');
  await page.goto(tenantUrl('uk', '/en/supplier/register'));
  const form = page.locator('#register');
  await form.locator('input[name=legalName]').fill('Evans Digital Ltd');
  await form.locator('input[name=registrationNumber]').fill('12345678');
  await form.locator('input[name=organisationSize][value=small]').check();
  await form.locator('select[name=region]').selectOption('Wales');
  await form.locator('button[type=submit]').click();
  await expect(page).toHaveURL(tenantUrl('uk', '/en/supplier?registered=1'));
  await page.goto(tenantUrl('uk', '/en/supplier/frameworks/digital-outcomes-7'));
  await page.getByRole('button', { name: 'Apply to this framework' }).click();
  await page.locator('#add-service').getByLabel('Digital specialists').check();
  await page.locator('#add-service').getByRole('button', { name: 'Add service' }).click();
  await expect(page).toHaveURL(/\/services\/[0-9a-f-]{36}$/);
  const roles = page.locator('[data-question=specialistRoles] input[type=checkbox]');
  const before = await page.locator('[data-question]').count();
  await roles.first().check();
  // Choosing a role reveals that role's day-rate question.
  await expect(page.locator('[data-question]')).toHaveCount(before + 1);
  await roles.first().uncheck();
  await expect(page.locator('[data-question]')).toHaveCount(before);
});

// Runs before the assessment test: an extension cannot reopen an application once it has a result.
test("an admin extends one supplier's deadline, with a reason, never to before the framework's own", async ({ page }) => {
  await demoSignIn(page, 'uk', 'en', 'Sign in as Priya Shah');
  await page.goto(tenantUrl('uk', '/en/admin/frameworks/cyber-security-services-3/applications'));
  const extend = page.locator('#extend-deadline');
  await extend.getByLabel('Supplier').selectOption({ label: 'Highland User Research Ltd' });
  await extend.getByLabel('New deadline date').fill('2026-10-01');
  await extend.getByLabel('Reason for the decision').fill('Portal outage on the closing day');
  await extend.getByRole('button', { name: 'Extend deadline' }).click();
  await expect(extend.locator('[data-error-summary]')).toContainText("after the framework's deadline");
  await extend.getByLabel('Supplier').selectOption({ label: 'Highland User Research Ltd' });
  await extend.getByLabel('New deadline date').fill('2026-11-06');
  await extend.getByRole('button', { name: 'Extend deadline' }).click();
  await expect(extend.getByRole('status')).toContainText('extended');
  await page.goto(tenantUrl('uk', '/en/admin'));
  await expect(page.locator('table')).toContainText('application.deadline_extended');
});

test('assessment: the admin runs it, the supplier signs, the admin countersigns; letters reach the outbox', async ({ page }) => {
  await demoSignIn(page, 'uk', 'en', 'Sign in as Priya Shah');
  await page.goto(tenantUrl('uk', '/en/admin/frameworks/cyber-security-services-3/applications'));
  await expectAccessible(page);
  const table = page.getByTestId('applications');
  await expect(table).toContainText('Severn Secure Ltd');
  await page.locator('#run-assessment').getByRole('button', { name: 'Run the automatic assessment' }).click();
  await expect(page.locator('#run-assessment').getByRole('status')).toContainText('3 results decided');
  await page.reload();
  await expect(table.locator('tr', { hasText: 'Severn Secure Ltd' })).toContainText('Pass');

  await demoSignIn(page, 'uk', 'en', 'Sign in as Dafydd Evans');
  await page.goto(tenantUrl('uk', '/en/supplier/frameworks/cyber-security-services-3'));
  await expect(page.getByTestId('application-result')).toContainText('successful');
  const sign = page.locator('#sign-agreement');
  await sign.getByRole('button', { name: 'Sign the agreement' }).click();
  await expect(sign.locator('[data-error-summary]')).toContainText('Enter your full name');
  await expectAccessible(page);
  await sign.getByLabel('Your full name').fill('Dafydd Evans');
  await sign.getByLabel('Your role in the organisation').fill('Managing Director');
  await sign.getByLabel('I have the authority to sign this agreement for my organisation').check();
  await sign.getByRole('button', { name: 'Sign the agreement' }).click();
  await expect(page).toHaveURL(/\?signed=1$/);
  await expect(page.getByTestId('application-result')).toContainText('Waiting for the authority to countersign');
  await page.goto(tenantUrl('uk', '/en/dev/outbox'));
  await expect(page.getByTestId('outbox-message').filter({ hasText: 'Your application to Cyber Security Services 3' }).first()).toBeVisible();

  await demoSignIn(page, 'uk', 'en', 'Sign in as Priya Shah');
  await page.goto(tenantUrl('uk', '/en/admin/frameworks/cyber-security-services-3/applications'));
  const row = page.getByTestId('applications').locator('tr', { hasText: 'Severn Secure Ltd' });
  await expect(row).toContainText('Signed by Dafydd Evans, Managing Director');
  await row.getByRole('button', { name: 'Countersign' }).click();
  await expect(row.getByRole('status')).toContainText('countersigned');
  await page.reload();
  await expect(page.getByTestId('applications').locator('tr', { hasText: 'Severn Secure Ltd' })).toContainText('Countersigned');

  // Go-live (brought forward by hand for the test): the passed supplier's service reaches the catalogue.
  await page.goto(tenantUrl('uk', '/en/admin/frameworks/cyber-security-services-3'));
  const override = page.locator('#override-form');
  await override.getByLabel('Status').selectOption('live');
  await override.getByLabel('Reason').fill('Go-live brought forward for the demonstration');
  await override.getByRole('button', { name: 'Save status' }).click();
  await expect(override.getByRole('status')).toBeVisible();
  await page.goto(tenantUrl('uk', '/en/admin/frameworks/cyber-security-services-3/applications'));
  await page.locator('#publish').getByRole('button', { name: 'Publish services now' }).click();
  await expect(page.locator('#publish').getByRole('status')).toContainText('1 service published');
  await page.goto(tenantUrl('uk', '/cy/frameworks/cyber-security-services-3'));
  await expect(page.getByTestId('lot-services-cloud-support')).toContainText('Penetration Testing');
  await expect(page.getByTestId('lot-services-cloud-support')).not.toContainText('Accessibility Audit');
});

test('the applications export is a CSV for administrators only', async ({ page }) => {
  await demoSignIn(page, 'uk', 'en', 'Sign in as Priya Shah');
  // Fetched by the page itself: the browser carries the session cookie and resolves *.localhost.
  const download = (url: string) =>
    page.evaluate(async (u) => {
      const r = await fetch(u);
      return { status: r.status, type: r.headers.get('content-type') ?? '', text: await r.text() };
    }, url);
  const csv = await download('/api/frameworks/cloud-services-14/applications.csv');
  expect(csv.status).toBe(200);
  expect(csv.type).toContain('text/csv');
  expect(csv.text).toContain('supplier,organisation_size,submitted');
  expect(csv.text).toContain('Cardiff Cloud Works Ltd');
  await demoSignIn(page, 'uk', 'en', 'Sign in as Helen Clarke');
  expect((await download('/api/frameworks/cloud-services-14/applications.csv')).status).toBe(404);
});

test('published services are listed on their framework and render every answer from the definition', async ({ page }) => {
  await page.goto(tenantUrl('uk', '/en/frameworks/cloud-services-14'));
  const software = page.getByTestId('lot-services-cloud-software');
  await expect(software).toContainText('CaseFlow Case Management');
  await software.getByRole('link', { name: 'CaseFlow Case Management' }).click();
  await expect(page.locator('h1')).toHaveText('CaseFlow Case Management');
  await expect(page.getByText('Thames Digital Services plc')).toBeVisible();
  // Pricing formatted in the tenant currency.
  await expect(page.locator('main')).toContainText('£35.00');
  await expectAccessible(page);
  await page.goto(tenantUrl('uk', '/cy/frameworks/cloud-services-14'));
  await expect(page.getByTestId('lot-services-cloud-software')).toContainText('CaseFlow Case Management');
  const missing = await page.goto(tenantUrl('uk', '/en/services/00000000-0000-4000-8000-000000000000'));
  expect(missing?.status()).toBe(404);
});

test('a supplier asks a clarification question; the answer is published to everyone', async ({ page }) => {
  await demoSignIn(page, 'uk', 'en', 'Sign in as Dafydd Evans');
  await page.goto(tenantUrl('uk', '/en/supplier/frameworks/digital-outcomes-7'));
  await page.getByText('Ask a clarification question').click();
  const ask = page.locator('#ask-clarification');
  await ask.getByLabel('Your question').fill('Can a consortium apply?');
  await ask.getByRole('button', { name: 'Send question' }).click();
  await expect(ask.getByRole('status')).toContainText('sent');

  await demoSignIn(page, 'uk', 'en', 'Sign in as Priya Shah');
  await page.goto(tenantUrl('uk', '/en/admin/frameworks/digital-outcomes-7'));
  const card = page.locator('div.border', { hasText: 'Can a consortium apply?' });
  await card.locator('textarea[name=answer]').fill('Yes. Name a lead supplier who signs the agreement.');
  await card.getByRole('button', { name: 'Publish answer' }).click();
  await expect(card.getByRole('status')).toContainText('published');

  await page.goto(tenantUrl('uk', '/en/frameworks/digital-outcomes-7'));
  await expect(page.getByTestId('clarifications')).toContainText('Can a consortium apply?');
  await expect(page.getByTestId('clarifications')).toContainText('Name a lead supplier');
  await expect(page.getByTestId('clarifications')).not.toContainText('Dafydd');
  await expectAccessible(page);
});

test('a supplier edits a live service; the admin sees the difference and approves it', async ({ page }) => {
  await demoSignIn(page, 'uk', 'en', 'Sign in as Dafydd Evans');
  await page.goto(tenantUrl('uk', '/en/supplier/frameworks/cloud-services-14'));
  await page.getByTestId('application-services').getByRole('link', { name: 'Cloud Security Health Check' }).click();
  await page.locator('input[name=serviceName]').fill('Cloud Security Review');
  await page.getByRole('button', { name: 'Send changes for approval' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'sent for approval' })).toBeVisible();
  await page.goto(tenantUrl('uk', '/en/frameworks/cloud-services-14'));
  await expect(page.getByTestId('lot-services-cloud-support')).toContainText('Cloud Security Health Check');

  await demoSignIn(page, 'uk', 'en', 'Sign in as Priya Shah');
  await page.goto(tenantUrl('uk', '/en/admin/frameworks/cloud-services-14/edits'));
  const edit = page.getByTestId('pending-edit').filter({ hasText: 'Severn Secure Ltd' });
  await expect(edit.locator('del')).toContainText('Cloud Security Health Check');
  await expect(edit.locator('ins')).toContainText('Cloud Security Review');
  await expectAccessible(page);
  await edit.getByLabel('Approve and publish').check();
  await edit.getByRole('button', { name: 'Record decision' }).click();
  await expect(edit.getByRole('status')).toContainText('approved');
  await page.goto(tenantUrl('uk', '/en/frameworks/cloud-services-14'));
  await expect(page.getByTestId('lot-services-cloud-support')).toContainText('Cloud Security Review');
});

test('a supplier administrator invites a colleague, who is told by email', async ({ page }) => {
  await demoSignIn(page, 'uk', 'en', 'Sign in as Dafydd Evans');
  await page.goto(tenantUrl('uk', '/en/supplier'));
  const invite = page.locator('#invite');
  await invite.getByLabel('Invite a colleague by email').fill('not-an-address');
  await invite.getByRole('button', { name: 'Send invitation' }).click();
  await expect(invite.locator('[data-error-summary]')).toContainText('correct format');
  await invite.getByLabel('Invite a colleague by email').fill('new.colleague@severn.example');
  await invite.getByRole('button', { name: 'Send invitation' }).click();
  await expect(invite.getByRole('status')).toContainText('new.colleague@severn.example has been invited');
  await page.reload();
  await expect(page.getByTestId('team')).toContainText('new.colleague@severn.example (invited, not yet accepted)');
  await expectAccessible(page);
  await page.goto(tenantUrl('uk', '/en/dev/outbox'));
  await expect(page.getByTestId('outbox-message').filter({ hasText: 'Invitation to join Severn Secure Ltd' }).first()).toBeVisible();
});

test('the structured editor renames a lot in both languages and changes its award routes, as a new version', async ({ page }) => {
  await demoSignIn(page, 'uk', 'cy', /Priya Shah/);
  await page.goto(tenantUrl('uk', '/en/admin/frameworks/digital-outcomes-7'));
  const lots = page.locator('#lots');
  await lots.locator('input[name="lot.digital-outcomes.name.en"]').fill('');
  await lots.getByRole('button', { name: 'Save lots' }).click();
  await expect(lots.locator('[data-error-summary]')).toContainText('Enter a lot name');
  await lots.locator('input[name="lot.digital-outcomes.name.en"]').fill('Digital outcomes and delivery');
  await lots.locator('input[name="lot.digital-outcomes.name.cy"]').fill('Canlyniadau a chyflawni digidol');
  await lots.locator('input[name="lot.digital-outcomes.routes"][value=both]').check();
  await lots.getByRole('button', { name: 'Save lots' }).click();
  await expect(lots.getByRole('status')).toContainText('Saved as version 2');
  await page.goto(tenantUrl('uk', '/cy/frameworks/digital-outcomes-7'));
  await expect(page.locator('main')).toContainText('Canlyniadau a chyflawni digidol');
});

test('a supplier applies to two lots through the pages, in Welsh, and submits', async ({ page }) => {
  test.setTimeout(120_000);
  await demoSignIn(page, 'uk', 'cy', /Gareth Morgan/);
  await page.goto(tenantUrl('uk', '/cy/supplier/register'));
  const form = page.locator('#register');
  await form.locator('input[name=legalName]').fill('Morgan Ymchwil Cyf');
  await form.locator('input[name=registrationNumber]').fill('87654321');
  await form.locator('input[name=organisationSize][value=micro]').check();
  await form.locator('select[name=region]').selectOption('Wales');
  await form.locator('button[type=submit]').click();
  await expect(page).toHaveURL(tenantUrl('uk', '/cy/supplier?registered=1'));

  await page.goto(tenantUrl('uk', '/cy/supplier/frameworks/digital-outcomes-7'));
  await page.locator('#start-application button[type=submit]').click();
  await expect(page.getByTestId('declaration-sections')).toBeVisible();
  const sections = page.getByTestId('declaration-sections').locator('a');
  const sectionCount = await sections.count();
  for (let i = 0; i < sectionCount; i++) {
    await page.getByTestId('declaration-sections').locator('a').nth(i).click();
    await fillGeneratedForm(page);
    await page.locator('main form button[type=submit]').first().click();
    await expect(page.getByRole('status')).toBeVisible();
    await expectNoFormErrors(page);
    await page.goto(tenantUrl('uk', '/cy/supplier/frameworks/digital-outcomes-7'));
  }
  await expect(page.getByTestId('declaration-sections')).not.toContainText(/Heb ddechrau|Ar y gweill/);

  for (const lot of ['digital-outcomes', 'user-research-participants']) {
    await page.locator(`#add-service input[name=lot][value=${lot}]`).check();
    await page.locator('#add-service button[type=submit]').click();
    await expect(page).toHaveURL(/\/services\/[0-9a-f-]{36}$/);
    await fillGeneratedForm(page);
    await page.locator('button[name=intent][value=complete]').click();
    await expect(page.getByRole('status')).toBeVisible();
    await expectNoFormErrors(page);
    await page.goto(tenantUrl('uk', '/cy/supplier/frameworks/digital-outcomes-7'));
  }
  await expect(page.getByTestId('application-services').locator('li')).toHaveCount(2);
  await page.locator('#submit-application button[type=submit]').click();
  await expect(page).toHaveURL(/\?submitted=1$/);
  await expectAccessible(page);
});


test('an invited colleague accepts the invitation before acting for the supplier', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await demoSignIn(page, 'cl', 'es', /Valentina Soto/);
  await page.goto(tenantUrl('cl', '/es/supplier'));
  await page.locator('#invite input[name=email]').fill('colega@andes.example');
  await page.locator('#invite button[type=submit]').click();
  await expect(page.locator('#invite').getByRole('status')).toBeVisible();
  // The colleague signs in by email and accepts.
  await page.goto(tenantUrl('cl', '/es/sign-in'));
  await page.locator('#email').fill('colega@andes.example');
  await page.locator('main form button[type=submit]').click();
  await expect(page).toHaveURL(/check-email/);
  await page.goto(tenantUrl('cl', '/es/dev/outbox'));
  const href = await page.getByTestId('outbox-message').filter({ hasText: 'colega@andes.example' }).first().locator('a[href*="/api/auth/callback/"]').getAttribute('href');
  await page.goto(href!);
  await page.goto(tenantUrl('cl', '/es/supplier'));
  await expect(page.getByTestId('invitation')).toContainText('Andes Nube SpA');
  await expectAccessible(page);
  await page.getByTestId('invitation').locator('button[value=accept]').click();
  await expect(page.locator('h1')).toHaveText('Andes Nube SpA');
  await context.close();
});
