import { expect, test } from '@playwright/test';
import { tenantUrl, PORT } from './support';
import { postAs } from './security-support';

/* Sign-in is limited per account (5 links per 15 minutes) and per client address, in Postgres. */

test('the sixth link request for one account is refused with a translated message, and no sixth mail is sent', async ({ page }) => {
  const email = `limit-${Date.now()}@uk.demo.example`;
  for (let i = 0; i < 5; i++) {
    await page.goto(tenantUrl('uk', '/cy/sign-in'));
    await page.locator('#email').fill(email);
    await page.locator('form button[type=submit]').click();
    await expect(page).toHaveURL(tenantUrl('uk', '/cy/sign-in/check-email'));
  }
  await page.goto(tenantUrl('uk', '/cy/sign-in'));
  await page.locator('#email').fill(email);
  await page.locator('form button[type=submit]').click();
  const summary = page.locator('[data-error-summary]');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Gormod o ymdrechion i fewngofnodi');
  await expect(summary).toContainText('15');
  await page.goto(tenantUrl('uk', '/cy/dev/outbox'));
  await expect(page.getByTestId('outbox-message').filter({ hasText: email })).toHaveCount(5);
});

test("Auth.js's own sign-in endpoint answers 429 with Retry-After, per account and per address", async () => {
  const origin = `http://ca.localhost:${PORT}`;
  const form = { 'content-type': 'application/x-www-form-urlencoded', origin };
  const email = encodeURIComponent(`limit-api-${Date.now()}@ca.demo.example`);
  const statuses: number[] = [];
  let last;
  for (let i = 0; i < 6; i++) {
    last = await postAs('ca.localhost', '/api/auth/signin/email', `email=${email}&csrfToken=x`, form);
    statuses.push(last.status);
  }
  expect(statuses.slice(0, 5)).not.toContain(429);
  expect(last!.status).toBe(429);
  const retry = Number(last!.headers['retry-after']);
  expect(retry).toBeGreaterThan(800);
  expect(retry).toBeLessThanOrEqual(900);
  // Per address: 21 different accounts from one address (this server trusts no proxy, so the header is the key).
  const address = { ...form, 'x-forwarded-for': `192.0.2.${Date.now() % 250}` };
  const perAddress: number[] = [];
  for (let i = 0; i < 21; i++) {
    perAddress.push((await postAs('ca.localhost', '/api/auth/signin/email', `email=a${i}-${Date.now()}%40ca.demo.example&csrfToken=x`, address)).status);
  }
  expect(perAddress.slice(0, 20)).not.toContain(429);
  expect(perAddress[20]).toBe(429);
});
