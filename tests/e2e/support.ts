import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const PORT = Number(process.env.E2E_PORT ?? 3300);

export function tenantUrl(slug: string, path = '/'): string {
  return `http://${slug}.localhost:${PORT}${path}`;
}

export function rootUrl(path = '/'): string {
  return `http://localhost:${PORT}${path}`;
}

/** WCAG 2.1 A and AA rules; every page type must come back clean. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary).toEqual([]);
}

/** CSS colours come back from the browser as rgb(); tenant config holds #rrggbb. */
export function hexToRgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Node cannot resolve *.localhost here: connect to loopback and send the tenant host in the Host header. */
export async function requestAs(host: string, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const http = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: PORT, path, method: 'GET', headers: { host: `${host}:${PORT}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Demonstration sign-in as a seeded person of the tenant (ends any earlier session first). */
export async function demoSignIn(page: Page, slug: string, locale: string, name: RegExp): Promise<void> {
  await page.context().clearCookies();
  await page.goto(tenantUrl(slug, `/${locale}/dev/sign-in`));
  await page.getByRole('button', { name }).click();
  await expect(page).toHaveURL(tenantUrl(slug, `/${locale}/account`));
}
