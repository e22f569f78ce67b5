import { expect, test } from '@playwright/test';
import { requestAs, rootUrl, tenantUrl, PORT } from './support';
import { postAs } from './security-support';

/*
 * Security headers on every HTML response, a per-request nonce on every script Next writes, no CSP violation in
 * a real browser, and cross-origin (or Origin-less) state-changing requests refused before they reach the app.
 */

const HTML_PAGES: { host: string; path: string; status: number }[] = [
  { host: 'uk.localhost', path: '/en', status: 200 },
  { host: 'uk.localhost', path: '/cy/sign-in', status: 200 },
  { host: 'ca.localhost', path: '/fr/catalogue', status: 200 },
  { host: 'cl.localhost', path: '/es/frameworks', status: 200 },
  { host: 'localhost', path: '/t/uk/en/sign-in', status: 200 },
  { host: 'localhost', path: '/platform/en', status: 200 },
  { host: 'uk.localhost', path: '/en/no-such-page', status: 404 },
  { host: 'unknown.localhost', path: '/', status: 404 },
];

function nonceOf(csp: string): string {
  return /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1] ?? '';
}

for (const { host, path, status } of HTML_PAGES) {
  test(`headers and script nonces on ${host}${path}`, async () => {
    const first = await requestAs(host, path);
    expect(first.status).toBe(status);
    const csp = String(first.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'(;|$)/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(first.headers['x-content-type-options']).toBe('nosniff');
    expect(first.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(first.headers['x-frame-options']).toBe('DENY');
    // Plain HTTP without a trusted proxy: no HSTS (it would pin a dev host); HTTPS is covered in the unit test.
    expect(first.headers['strict-transport-security']).toBeUndefined();
    const nonce = nonceOf(csp);
    expect(nonce.length).toBeGreaterThanOrEqual(16);
    const scripts = first.body.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    // A fresh nonce per request (a cached page would repeat it and could not run its scripts).
    const second = await requestAs(host, path);
    expect(nonceOf(String(second.headers['content-security-policy']))).not.toBe(nonce);
  });
}

test('route handlers answer with a sandboxing CSP and nosniff', async () => {
  for (const path of ['/api/health', '/api/branding/logo', '/api/auth/csrf']) {
    const res = await requestAs('uk.localhost', path);
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'none'");
    expect(String(res.headers['content-security-policy'])).toContain('sandbox');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  }
});

test('pages hydrate under the CSP with no violation, and an injected inline script does not run', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
  });
  page.on('pageerror', (error) => violations.push(error.message));
  await page.goto(tenantUrl('uk', '/en/sign-in'));
  // The client-side validation (a React effect focusing the summary) needs the hydrated bundle.
  await page.locator('#email').fill('not-an-email');
  await page.locator('form button[type=submit]').click();
  await expect(page.locator('[data-error-summary]')).toBeFocused();
  await page.goto(tenantUrl('ca', '/fr/catalogue'));
  await page.goto(rootUrl('/t/cl/es/frameworks'));
  expect(violations).toEqual([]);
  await page.goto(tenantUrl('uk', '/en'));
  // What an XSS would try: markup with an inline handler is inserted, and the browser refuses to run it.
  await page.evaluate(() => {
    document.body.insertAdjacentHTML('beforeend', '<img alt="" src="data:," onload="window.__injected = true" onerror="window.__injected = true">');
  });
  await expect.poll(() => violations.some((v) => /inline event handler|script-src/i.test(v))).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
});

test('another site cannot post the sign-in form (server action) on a tenant host', async ({ page }) => {
  // The attacker's page is served by Playwright; its form posts to the real server with Origin: http://evil.example.
  const target = await requestAs('uk.localhost', '/en/sign-in');
  const fields = [...target.body.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)]
    .map(([, name, value]) => `<input type="hidden" name="${name}" value="${value ?? ''}">`)
    .join('');
  await page.route('http://evil.example/**', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<form id="f" method="post" enctype="multipart/form-data" action="${tenantUrl('uk', '/en/sign-in')}">${fields}<input name="email" value="csrf-victim@uk.demo.example"></form>`,
    }),
  );
  await page.goto('http://evil.example/attack');
  const [response] = await Promise.all([page.waitForResponse((r) => r.url().includes('/en/sign-in')), page.locator('#f').evaluate((f: HTMLFormElement) => f.submit())]);
  expect(response.status()).toBe(403);
  // Let the refused submission finish navigating before leaving, or the next navigation races it.
  await page.waitForURL(tenantUrl('uk', '/en/sign-in'));
  await page.goto(tenantUrl('uk', '/en/dev/outbox'));
  await expect(page.getByTestId('outbox-message').filter({ hasText: 'csrf-victim' })).toHaveCount(0);
});

test('state-changing requests without an Origin, or from another origin or tenant, are refused', async () => {
  const cases: { host: string; path: string; origin?: string }[] = [
    { host: 'uk.localhost', path: '/en/sign-in' },
    { host: 'uk.localhost', path: '/en/sign-in', origin: 'null' },
    { host: 'uk.localhost', path: '/en/sign-in', origin: `http://ca.localhost:${PORT}` },
    { host: 'uk.localhost', path: '/en/sign-in', origin: `https://uk.localhost:${PORT}` },
    { host: 'localhost', path: '/t/uk/en/sign-in', origin: `http://uk.localhost:${PORT}` },
    { host: 'uk.localhost', path: '/api/auth/signin/email' },
    { host: 'uk.localhost', path: '/api/auth/signout', origin: 'http://evil.example' },
  ];
  for (const c of cases) {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const res = await postAs(c.host, c.path, 'email=x%40y.example', { 'content-type': 'application/x-www-form-urlencoded', ...(c.origin ? { origin: c.origin } : {}) }, method);
      expect(res.status, `${method} ${c.host}${c.path} origin=${c.origin}`).toBe(403);
    }
  }
  // The same request from the page's own origin reaches the app (the form re-renders with its validation message).
  const ok = await postAs('uk.localhost', '/en/sign-in', 'email=', { 'content-type': 'application/x-www-form-urlencoded', origin: `http://uk.localhost:${PORT}` });
  expect(ok.status).not.toBe(403);
});
