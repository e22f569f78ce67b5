import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type enStrings from '../../locales/en/contracts.json';
import { expectAccessible, tenantUrl } from './support';

const strings = (locale: string, file: string) => JSON.parse(readFileSync(path.join(process.cwd(), 'locales', locale, `${file}.json`), 'utf8'));

/*
 * The call-off journey in two languages on the demo data: the buyer completes the terms of a drafted
 * direct-award contract and sends it, both sides sign, the buyer adds a statement of work (over the contract
 * value first: refused), both sign it, and each PDF downloads as a PDF for the parties only.
 */

type Strings = typeof enStrings;
const journeys = [
  { slug: 'uk', locale: 'en', s: strings('en', 'contracts') as Strings, common: strings('en', 'common') as { errors: { summaryTitle: string } }, buyer: /Helen Clarke/, supplier: /Dafydd Evans/, outsider: /Priya Shah/, title: 'Security operations support', value: '52800' },
  { slug: 'ca', locale: 'fr', s: strings('fr', 'contracts') as Strings, common: strings('fr', 'common') as { errors: { summaryTitle: string } }, buyer: /James Wilson/, supplier: /Chloé Gagnon/, outsider: /Marie Tremblay/, title: "Stockage de sauvegarde et d'archives", value: '84000' },
];

async function demoSignIn(page: Page, slug: string, locale: string, name: RegExp): Promise<void> {
  await page.context().clearCookies();
  await page.goto(tenantUrl(slug, `/${locale}/dev/sign-in`));
  await page.getByRole('button', { name }).click();
  await expect(page).toHaveURL(tenantUrl(slug, `/${locale}/account`));
}

async function fetchFile(page: Page, url: string) {
  return page.evaluate(async (u) => {
    const r = await fetch(u);
    const bytes = new Uint8Array(await r.arrayBuffer());
    return {
      status: r.status,
      type: r.headers.get('content-type'),
      disposition: r.headers.get('content-disposition'),
      nosniff: r.headers.get('x-content-type-options'),
      magic: String.fromCharCode(...bytes.slice(0, 5)),
      size: bytes.length,
    };
  }, url);
}

for (const j of journeys) {
  test(`${j.slug}/${j.locale}: terms completed, call-off and statement of work signed by both sides, PDFs`, async ({ page }) => {
    const { s } = j;
    const c = s.contracts;
    const sow = s.statementsOfWork;
    const href = (path: string) => tenantUrl(j.slug, `/${j.locale}${path}`);

    // Buyer: list, detail, terms with a validation error, then saved and sent.
    await demoSignIn(page, j.slug, j.locale, j.buyer);
    await page.goto(href('/buyer/contracts'));
    await expect(page.locator('h1')).toHaveText(c.title);
    await expectAccessible(page);
    await page.getByRole('link', { name: j.title }).click();
    await expect(page.locator('h1')).toHaveText(j.title);
    await expect(page.getByTestId('contract-status')).toHaveText(c.status.drafted);
    const contractUrl = page.url();
    await expectAccessible(page);
    await page.getByRole('link', { name: c.completeTerms }).click();
    await expect(page.locator('h1')).toHaveText(c.termsTitle);
    await page.locator('#terms-form-value').fill('12,5');
    await page.locator('#terms-form-deliverables').fill('');
    await page.locator('#terms-form').getByRole('button', { name: c.saveTerms }).click();
    const summary = page.locator('#terms-form [data-error-summary]');
    await expect(summary).toContainText(j.common.errors.summaryTitle);
    await expect(summary).toContainText(c.errors.money);
    await expect(summary).toContainText(c.errors.required);
    await expectAccessible(page);
    await page.locator('#terms-form-value').fill(j.value);
    await page.locator('#terms-form-deliverables').fill(j.locale === 'fr' ? 'Stockage chiffré de 200 To, rétention de sept ans, rapports mensuels.' : 'Monitoring, incident response within one hour, monthly threat report.');
    await page.locator('#terms-form-extensionOptions').fill(j.locale === 'fr' ? 'Une prolongation de 12 mois.' : 'One extension of 12 months.');
    await page.locator('#terms-form').getByRole('button', { name: c.saveTerms }).click();
    await expect(page.getByRole('status')).toHaveText(c.done.saved);
    await page.locator('#send').getByRole('button', { name: c.sendForSignature }).click();
    await expect(page.getByTestId('contract-status')).toHaveText(c.status.awaiting_signatures);
    await page.locator('#sign-contract-role').fill(j.locale === 'fr' ? 'Directeur, Approvisionnement' : 'Head of Digital Procurement');
    await page.locator('#sign-contract').getByRole('button', { name: c.sign }).click();
    await expect(page.getByRole('status')).toHaveText(c.done.signed);
    await expect(page.getByTestId('contract-signatures')).toContainText(j.locale === 'fr' ? 'Directeur, Approvisionnement' : 'Head of Digital Procurement');
    await expect(page.locator('#sign-contract')).toHaveCount(0);
    await expectAccessible(page);

    // The "ready to sign" email went through the queue (dev outbox, in the marketplace's default language).
    const reference = /(\d{5})/.exec((await page.getByTestId('contract-reference').textContent()) ?? '')![1];
    await expect(async () => {
      await page.goto(href('/dev/outbox'));
      await expect(page.locator('main')).toContainText(`Contract ${reference} is ready to sign: ${j.title}`, { timeout: 1000 });
    }).toPass({ timeout: 30_000 });

    // Supplier: their list, then sign the version shown.
    await demoSignIn(page, j.slug, j.locale, j.supplier);
    await page.goto(href('/supplier/contracts'));
    await expectAccessible(page);
    await page.getByRole('link', { name: j.title }).click();
    await expect(page.getByTestId('terms')).toContainText(j.locale === 'fr' ? 'rétention de sept ans' : 'within one hour');
    await page.locator('#sign-contract').getByRole('button', { name: c.sign }).click();
    await expect(page.locator('#sign-contract [data-error-summary]')).toContainText(c.errors.signerRole);
    await page.locator('#sign-contract-role').fill(j.locale === 'fr' ? 'Directrice générale' : 'Director');
    await page.locator('#sign-contract').getByRole('button', { name: c.sign }).click();
    await expect(page.getByTestId('contract-status')).toHaveText(c.status.active);
    await expectAccessible(page);
    const supplierContractUrl = page.url().replace(/\?.*$/, '');

    // Buyer: a statement of work; over the contract value first.
    await demoSignIn(page, j.slug, j.locale, j.buyer);
    await page.goto(contractUrl);
    await page.getByRole('link', { name: sow.add }).click();
    await expect(page.locator('h1')).toHaveText(sow.newTitle);
    await expectAccessible(page);
    const form = page.locator('#statement-form');
    await form.locator('#statement-form-title').fill(j.locale === 'fr' ? 'Mise en service' : 'Onboarding');
    await form.locator('#statement-form-scope').fill(j.locale === 'fr' ? 'Configuration des politiques de sauvegarde et essais de restauration.' : 'Connect log sources and agree the runbooks for incidents.');
    await form.locator('#statement-form-m1Title').fill(j.locale === 'fr' ? 'Essai de restauration' : 'Log sources connected');
    await form.locator('#statement-form-m1Due').fill('2027-02-15');
    await form.locator('#statement-form-m1Criteria').fill(j.locale === 'fr' ? 'Restauration complète réussie.' : 'All 12 sources visible in the console.');
    await form.locator('#statement-form-m1Price').fill('900000');
    await form.getByRole('button', { name: sow.create }).click();
    await expect(form.locator('[data-error-summary]')).toContainText(j.locale === 'fr' ? 'dépasseraient la valeur du contrat' : 'would cost more than the contract value');
    await expectAccessible(page);
    await form.locator('#statement-form-m1Price').fill('12000');
    await form.getByRole('button', { name: sow.create }).click();
    await expect(page.getByRole('status')).toHaveText(sow.done.created);
    await expect(page.getByTestId('statement-total')).toContainText('12');
    await page.locator('#sign-statement-role').fill(j.locale === 'fr' ? 'Directeur, Approvisionnement' : 'Head of Digital Procurement');
    await page.locator('#sign-statement').getByRole('button', { name: c.sign }).click();
    await expect(page.getByRole('status')).toHaveText(sow.done.signed);
    await expectAccessible(page);

    // Supplier signs the statement of work and downloads both PDFs.
    await demoSignIn(page, j.slug, j.locale, j.supplier);
    await page.goto(supplierContractUrl);
    await page.getByTestId('statements').getByRole('link').first().click();
    await page.locator('#sign-statement-role').fill(j.locale === 'fr' ? 'Directrice générale' : 'Director');
    await page.locator('#sign-statement').getByRole('button', { name: c.sign }).click();
    await expect(page.getByTestId('contract-status')).toHaveText(c.status.active);
    await expectAccessible(page);
    const sowPdfUrl = (await page.getByTestId('statement-pdf').getAttribute('href'))!;
    await page.goto(supplierContractUrl);
    const contractPdfUrl = (await page.getByTestId('contract-pdf').getAttribute('href'))!;
    for (const url of [contractPdfUrl, sowPdfUrl]) {
      const file = await fetchFile(page, url);
      expect(file).toMatchObject({ status: 200, type: 'application/pdf', nosniff: 'nosniff', magic: '%PDF-' });
      expect(file.disposition).toMatch(/^attachment; filename="contract-\d+/);
      expect(file.size).toBeGreaterThan(2000);
    }

    // Someone who is neither party gets nothing.
    await demoSignIn(page, j.slug, j.locale, j.outsider);
    expect((await fetchFile(page, contractPdfUrl)).status).toBe(404);
    expect((await page.goto(supplierContractUrl))?.status()).toBe(404);
  });
}

test('uk/cy: a variation is proposed in Welsh, the previous version stays in force, the history shows the change, and it is withdrawn', async ({ page }) => {
  const s = strings('cy', 'contracts') as Strings;
  const c = s.contracts;
  const href = (path: string) => tenantUrl('uk', `/cy${path}`);
  await demoSignIn(page, 'uk', 'cy', /Helen Clarke/);
  await page.goto(href('/buyer/contracts'));
  await expect(page.getByTestId('contracts')).toContainText('£184,000.00');
  await page.getByRole('link', { name: 'Records platform hosting' }).click();
  await page.getByRole('link', { name: c.proposeVariation }).click();
  await expect(page.locator('h1')).toHaveText(c.variationTitle);
  await page.locator('#terms-form-value').fill('190000');
  await page.locator('#terms-form').getByRole('button', { name: c.proposeVariation }).click();
  await expect(page.locator('#terms-form [data-error-summary]')).toContainText(c.errors.reasonRequired);
  await expectAccessible(page);
  await page.locator('#terms-form-reason').fill('Cynnydd yn y data sydd i’w storio ar ôl uno dwy adran.');
  await page.locator('#terms-form').getByRole('button', { name: c.proposeVariation }).click();
  await expect(page.getByRole('status').first()).toHaveText(c.done.variation);
  await expect(page.getByTestId('terms')).toContainText('£190,000.00');
  const history = page.getByTestId('variation-2');
  await expect(history).toContainText('£184,000.00');
  await expect(history).toContainText('£190,000.00');
  await expect(history).toContainText(c.variationUnsigned);
  await expectAccessible(page);
  // Until the supplier signs it, the list (and spend figures) still show the version in force.
  const contractUrl = page.url().replace(/\?.*$/, '');
  await page.goto(href('/buyer/contracts'));
  await expect(page.getByTestId('contracts')).toContainText('£184,000.00');
  // The supplier will not agree: the buyer withdraws it; it stays in the history.
  await page.goto(contractUrl);
  await page.locator('#withdraw-variation').getByRole('button', { name: c.withdrawVariation }).click();
  await expect(page.getByRole('status').first()).toHaveText(c.done.withdrawn);
  await expect(page.getByTestId('terms')).toContainText('£184,000.00');
  await expect(page.getByTestId('variation-2')).toContainText('tynnwyd yn ôl');
  await expectAccessible(page);
  await page.goto(href('/buyer/contracts'));
  // A terminated contract shows why and when.
  await page.getByRole('link', { name: 'Citizen feedback survey tool' }).click();
  await expect(page.getByTestId('contract-status')).toHaveText(c.status.terminated);
  await expect(page.getByRole('status')).toContainText('accessibility audit');
  await expectAccessible(page);
});

test('ca/fr: the administrator sees the notification queue and the provider form validates', async ({ page }) => {
  const n = (strings('fr', 'contracts') as { notifications: { apiKeyInvalid: string; admin: Record<string, string> } }).notifications;
  await demoSignIn(page, 'ca', 'fr', /Marie Tremblay/);
  await page.goto(tenantUrl('ca', '/fr/admin/notifications'));
  await expect(page.locator('h1')).toHaveText(n.admin.title!);
  await expect(page.getByTestId('queue')).toBeVisible();
  await expectAccessible(page);
  const form = page.locator('#notification-settings');
  await form.getByRole('radio', { name: n.admin.notify }).check();
  await form.locator('#notification-settings-apiKey').fill('not a key');
  await form.locator('#notification-settings-templates').fill('default 1234');
  await form.getByRole('button', { name: n.admin.save }).click();
  await expect(form.locator('[data-error-summary]')).toContainText(n.admin.templatesInvalid!);
  await expect(form.locator('[data-error-summary]')).toContainText(n.apiKeyInvalid);
  // The typed key is never sent back to the page.
  await expect(form.locator('#notification-settings-apiKey')).toHaveValue('');
  await expectAccessible(page);
  await form.getByRole('radio', { name: n.admin.smtp }).check();
  await form.getByRole('button', { name: n.admin.save }).click();
  await expect(form.getByRole('status')).toHaveText(n.admin.saved!);
});
