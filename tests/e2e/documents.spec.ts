import { expect, test, type Page } from '@playwright/test';
import { demoSignIn, expectAccessible, requestAs, tenantUrl } from './support';

/*
 * Uploaded documents (issue 9, item 2): typed by content, size-limited, names cleaned, served only as attachments
 * with nosniff, to the people allowed; another tenant's document answers like an unknown one.
 */

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

async function documentLinks(page: Page): Promise<string[]> {
  return page.locator('main a[href*="/api/documents/"]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute('href')!));
}

test('a published service offers its documents as attachments, with nosniff, in two languages; another tenant gets 404', async ({ page }) => {
  await page.goto(tenantUrl('uk', '/en/frameworks/cloud-services-14'));
  await page.getByTestId('lot-services-cloud-software').getByRole('link', { name: 'CaseFlow Case Management' }).click();
  const links = await documentLinks(page);
  expect(links.length).toBeGreaterThan(0);
  await expectAccessible(page);
  const serviceUrl = page.url();
  await page.goto(serviceUrl.replace('/en/', '/cy/'));
  expect(await documentLinks(page)).toEqual(links);

  const file = await requestAs('uk.localhost', links[0]!);
  expect(file.status).toBe(200);
  expect(file.headers['content-type']).toBe('application/pdf');
  expect(file.headers['content-disposition']).toMatch(/^attachment; filename="[^"]+\.pdf"; filename\*=UTF-8''/);
  expect(file.headers['x-content-type-options']).toBe('nosniff');
  expect(file.body.startsWith('%PDF')).toBe(true);

  // The same document id through another tenant's host or path: unknown there.
  expect((await requestAs('ca.localhost', links[0]!)).status).toBe(404);
  expect((await requestAs('localhost', `/t/ca${links[0]!}`)).status).toBe(404);
  expect((await requestAs('uk.localhost', '/api/documents/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  expect((await requestAs('uk.localhost', '/api/documents/..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
});

test('a supplier replaces a service document (French): a page disguised as a PDF is refused with a translated error and nothing changes; a real PDF is kept', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await demoSignIn(page, 'ca', 'fr', /Chloé Gagnon/);
  await page.goto(tenantUrl('ca', '/fr/supplier/frameworks/cloud-services-2026'));
  await page.getByTestId('application-services').getByRole('link', { name: 'Sovereign Cloud Hosting' }).click();
  const field = page.locator('[data-question=pricingDocument]');
  const before = await field.locator('[data-current-file]').textContent();
  expect(before).toContain('.pdf');

  await field.locator('input[type=file]').setInputFiles({ name: 'tarifs<img src=x onerror=alert(1)>.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html><script>alert(1)</script></html>') });
  await page.locator('main form button[type=submit]').first().click();
  await expect(page.locator('[data-error-summary]')).toBeVisible();
  await expect(page.locator('#q-pricingDocument-error')).toContainText('Le fichier choisi doit être de type PDF');
  await expectAccessible(page);
  await page.reload();
  await expect(page.locator('[data-question=pricingDocument] [data-current-file]')).toHaveText(before!);

  await page.locator('[data-question=pricingDocument] input[type=file]').setInputFiles({ name: '../../Grille tarifaire <img src=x onerror=alert(1)>.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.locator('main form button[type=submit]').first().click();
  await expect(page.getByRole('status')).toBeVisible();
  await page.reload();
  // The name is kept as text without its path or markup characters; nothing ran.
  await expect(page.locator('[data-question=pricingDocument] [data-current-file]')).toContainText('Grille tarifaire _img src=x onerror=alert(1)_.pdf');
  expect(dialogs).toEqual([]);
});
