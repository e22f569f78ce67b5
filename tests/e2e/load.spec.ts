import { writeFileSync, mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import autocannon, { type RequestSpec } from 'autocannon';
import { PORT } from './support';
import { closeTestDb, sessionCookieFor } from './security-support';

/*
 * Mixed-tenant load: 50 connections for LOAD_SECONDS (10 in CI, 60 for the full run) over public and signed-in
 * pages of three tenants, each response checked for the right tenant (its name in the title, and no other's).
 * Reports p50/p95/p99 and errors; fails on any wrong-tenant answer, error or unexpected status.
 */

const TENANTS = [
  { slug: 'uk', locale: 'en', name: 'Digital Marketplace UK', buyer: 'buyer@uk.demo.example' },
  { slug: 'ca', locale: 'en', name: 'Canada Digital Marketplace', buyer: 'buyer@ca.demo.example' },
  { slug: 'cl', locale: 'es', name: 'Mercado Digital del Estado de Chile', buyer: 'comprador@cl.demo.example' },
];
const SECONDS = Number(process.env.LOAD_SECONDS ?? 10);

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;
}

test.afterAll(async () => {
  await closeTestDb();
});

test(`${SECONDS} s of mixed-tenant load on 50 connections: every response from the right tenant`, async () => {
  test.setTimeout((SECONDS + 60) * 1000);
  const stats = { wrongTenant: 0, unexpected: 0, checked: 0, samples: [] as number[], wrong: [] as string[] };
  const requests = [];
  for (const tenant of TENANTS) {
    const cookie = await sessionCookieFor(tenant.buyer);
    const others = TENANTS.filter((t) => t !== tenant).map((t) => t.name);
    const pages = [
      { path: `/${tenant.locale}`, signedIn: false },
      { path: `/${tenant.locale}/catalogue?q=cloud`, signedIn: false },
      { path: `/${tenant.locale}/frameworks`, signedIn: false },
      { path: `/${tenant.locale}/account`, signedIn: true },
      { path: `/${tenant.locale}/buyer/projects`, signedIn: true },
    ];
    for (const page of pages) {
      requests.push({
        method: 'GET',
        path: page.path,
        headers: { host: `${tenant.slug}.localhost:${PORT}`, ...(page.signedIn ? { cookie } : {}) },
        setupRequest: (req: RequestSpec, context: Record<string, unknown>) => {
          context.started = performance.now();
          return req;
        },
        onResponse: (status: number, body: string, context: Record<string, unknown>) => {
          stats.samples.push(performance.now() - (context.started as number));
          stats.checked++;
          if (status !== 200) stats.unexpected++;
          const title = /<title>([^<]*)<\/title>/.exec(body)?.[1] ?? '';
          const signedInAs = page.signedIn ? body.includes(tenant.buyer) : true;
          if (!title.includes(tenant.name) || others.some((o) => body.includes(o)) || !signedInAs) {
            stats.wrongTenant++;
            if (stats.wrong.length < 5) stats.wrong.push(`${tenant.slug}${page.path}: ${title}`);
          }
        },
      });
    }
  }
  const result = await autocannon({ url: `http://127.0.0.1:${PORT}`, connections: 50, duration: SECONDS, timeout: 30, requests });
  const sorted = stats.samples.sort((a, b) => a - b);
  const report = {
    seconds: SECONDS,
    connections: 50,
    requests: result.requests.total ?? stats.checked,
    perSecond: Math.round(result.requests.average),
    p50: Math.round(percentile(sorted, 50)),
    p95: Math.round(percentile(sorted, 95)),
    p99: Math.round(percentile(sorted, 99)),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    checked: stats.checked,
    wrongTenant: stats.wrongTenant,
  };
  console.log(`[load] ${JSON.stringify(report)}`);
  mkdirSync('.tmp', { recursive: true });
  writeFileSync('.tmp/load.json', JSON.stringify(report, null, 2));
  expect(stats.checked).toBeGreaterThan(100);
  expect(stats.wrong).toEqual([]);
  expect(stats.wrongTenant).toBe(0);
  expect(result.errors).toBe(0);
  expect(stats.unexpected).toBe(0);
});
