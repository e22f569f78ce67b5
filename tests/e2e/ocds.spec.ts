import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { validateRecordPackage, validateReleasePackage } from '../../modules/ocds/validate';
import { expectAccessible, requestAs, tenantUrl } from './support';

const PREFIXES: Record<string, string> = { uk: 'ocds-uk0dem', ca: 'ocds-ca0dem', cl: 'ocds-cl0dem' };

for (const slug of ['uk', 'ca', 'cl']) {
  test(`${slug}: the public OCDS release package answers on the tenant host, open and valid`, async () => {
    const response = await requestAs(`${slug}.localhost`, '/api/ocds/releases?limit=1000');
    expect(response.status).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(String(response.headers['cache-control'])).toMatch(/public/);
    const pkg = JSON.parse(response.body);
    expect(pkg.version).toBe('1.1');
    expect(pkg.uri).toBe(`http://${slug}.localhost:${process.env.E2E_PORT ?? 3300}/api/ocds/releases?limit=1000`);
    expect(pkg.releases.length).toBeGreaterThan(0);
    expect(validateReleasePackage(pkg, { expectedPrefix: PREFIXES[slug] }).issues).toEqual([]);
    // A call-off points at its framework, whose record is served with compiled and versioned releases.
    const callOff = pkg.releases.find((r: { relatedProcesses?: unknown[]; tender?: { competitive?: boolean } }) => r.relatedProcesses && r.tender?.competitive === false);
    expect(callOff.tender.competitive).toBe(false);
    const record = await requestAs(`${slug}.localhost`, `/api/ocds/records/${callOff.relatedProcesses[0].identifier}`);
    expect(record.status).toBe(200);
    const recordPackage = JSON.parse(record.body);
    expect(validateRecordPackage(recordPackage, { expectedPrefix: PREFIXES[slug] }).issues).toEqual([]);
    expect(recordPackage.records[0].compiledRelease.awards.length).toBeGreaterThan(0);
    const bulk = await requestAs(`${slug}.localhost`, '/api/ocds/releases.jsonl');
    expect(bulk.status).toBe(200);
    expect(bulk.body.trimEnd().split('\n')).toHaveLength(pkg.releases.length);
  });
}

test('another tenant’s ocid is not found on this host; an unknown host answers 404', async () => {
  const uk = JSON.parse((await requestAs('uk.localhost', '/api/ocds/releases')).body);
  expect((await requestAs('ca.localhost', `/api/ocds/records/${uk.releases[0].ocid}`)).status).toBe(404);
  expect((await requestAs('nowhere.localhost', '/api/ocds/releases')).status).toBe(404);
});

async function demoSignIn(page: Page, slug: string, locale: string, name: RegExp): Promise<void> {
  await page.goto(tenantUrl(slug, `/${locale}/dev/sign-in`));
  await page.getByRole('button', { name }).click();
  await expect(page).toHaveURL(tenantUrl(slug, `/${locale}/account`));
}

test('the open-data page shows the prefix and a valid package, and imports a framework from OCDS (invalid files change nothing)', async ({ page }) => {
  await demoSignIn(page, 'uk', 'cy', /Priya Shah/);
  await page.goto(tenantUrl('uk', '/cy/admin/open-data'));
  await expect(page.getByTestId('ocds-prefix-status')).toContainText('ocds-uk0dem');
  await expect(page.getByTestId('ocds-test-prefix')).toBeVisible();
  await expect(page.getByTestId('ocds-validation')).toContainText('Dilys');
  await expectAccessible(page);

  await page.goto(tenantUrl('uk', '/en/admin/open-data'));
  await expect(page.getByTestId('ocds-validation')).toContainText('Valid');
  // Everything is already out: publishing the current data again adds nothing.
  await page.getByRole('button', { name: 'Publish current data' }).click();
  await expect(page.getByTestId('ocds-published-now')).toHaveText('Releases published: 0.');
  const fixture = path.join(process.cwd(), 'tests', 'fixtures', 'ocds', 'import', 'framework-release-package.json');
  const broken = JSON.parse(await (await import('node:fs/promises')).readFile(fixture, 'utf8'));
  broken.releases[1].awards[0].status = 'approved';
  await page.getByLabel('OCDS package file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  await page.getByRole('button', { name: 'Check and import' }).click();
  await expect(page.getByTestId('ocds-import-errors')).toContainText('/releases/1/awards/0/status');
  await expect(page.getByTestId('ocds-import-errors')).toContainText('Nothing has been changed');
  await expectAccessible(page);

  await page.getByLabel('OCDS package file').setInputFiles(fixture);
  await page.getByRole('button', { name: 'Check and import' }).click();
  await expect(page.getByTestId('ocds-imported')).toContainText('digital-and-data-services-2');
  await page.getByTestId('ocds-imported').getByRole('link', { name: 'digital-and-data-services-2' }).click();
  await expect(page.locator('h1')).toContainText('Digital and Data Services 2');
});

test('the publication policy page is public', async ({ page }) => {
  await page.goto(tenantUrl('cl', '/es/open-data/ocds'));
  await expect(page.locator('h1')).toHaveText('Datos abiertos de contratación');
  await expect(page.locator('main')).toContainText('ocds-cl0dem');
  await expectAccessible(page);
});
