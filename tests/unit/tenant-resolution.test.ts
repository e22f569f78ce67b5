import { describe, expect, it } from 'vitest';
import { negotiateLocale, textDirection } from '@/modules/i18n/locales';
import { safeNextPath } from '@/modules/auth/next-path';
import { hostnameOf, resolveRequestTarget } from '@/tenants/resolve-host';

describe('tenant resolution from host and path', () => {
  it('reads a tenant from its subdomain of the root domain', () => {
    expect(resolveRequestTarget('uk.localhost:3000', '/en', 'localhost')).toMatchObject({ kind: 'tenant', by: 'subdomain', slug: 'uk', basePath: '' });
  });

  it('falls back to /t/<slug>/ on the root domain', () => {
    expect(resolveRequestTarget('localhost:3000', '/t/ca/fr/sign-in', 'localhost')).toEqual({
      kind: 'tenant', by: 'path', slug: 'ca', basePath: '/t/ca', rest: '/fr/sign-in',
    });
    expect(resolveRequestTarget('localhost', '/t/ca', 'localhost')).toMatchObject({ slug: 'ca', rest: '/' });
  });

  it('treats other hosts as custom domains to look up', () => {
    expect(resolveRequestTarget('marketplace.uk.example', '/en', 'localhost')).toMatchObject({ kind: 'domain', domain: 'marketplace.uk.example' });
    expect(resolveRequestTarget('MARKETPLACE.UK.EXAMPLE:443', '/', 'localhost')).toMatchObject({ domain: 'marketplace.uk.example' });
  });

  it('the root domain is the platform; reserved and malformed subdomains resolve to nothing', () => {
    expect(resolveRequestTarget('localhost:3000', '/platform/en', 'localhost')).toEqual({ kind: 'platform' });
    for (const host of ['www.localhost', 'api.localhost', 'platform.localhost', 'admin.localhost', 'a.localhost']) {
      const target = resolveRequestTarget(host, '/', 'localhost');
      if (host === 'www.localhost') expect(target.kind).toBe('platform');
      else expect(target.kind, host).toBe('unknown');
    }
    expect(resolveRequestTarget('localhost', '/t/admin/en', 'localhost')).toEqual({ kind: 'unknown' });
    expect(resolveRequestTarget('localhost', '/t/..%2f/en', 'localhost')).toEqual({ kind: 'unknown' });
  });

  it('refuses hosts that are not host names', () => {
    for (const bad of [null, '', 'uk.localhost/evil', 'uk localhost', 'uk.localhost:99999999', '<script>']) {
      expect(hostnameOf(bad), String(bad)).toBeNull();
    }
  });

  it('honours a configurable root domain', () => {
    expect(resolveRequestTarget('uk.market.gov.example', '/en', 'market.gov.example')).toMatchObject({ kind: 'tenant', slug: 'uk' });
  });
});

describe('locale negotiation and direction', () => {
  it('picks the first enabled language the browser asks for', () => {
    expect(negotiateLocale('cy-GB,cy;q=0.9,en;q=0.8', ['en', 'cy'], 'en')).toBe('cy');
    expect(negotiateLocale('fr-CA,fr;q=0.9', ['en', 'cy'], 'en')).toBe('en');
    expect(negotiateLocale('de;q=0.9,es;q=0.5', ['es'], 'es')).toBe('es');
    expect(negotiateLocale(null, ['en', 'fr'], 'fr')).toBe('fr');
  });

  it('knows right-to-left languages', () => {
    expect(textDirection('ar')).toBe('rtl');
    expect(textDirection('cy')).toBe('ltr');
  });
});

describe('post-sign-in redirects stay on the marketplace', () => {
  it('accepts only same-site paths under the prefix', () => {
    expect(safeNextPath('/t/uk/en/admin', '/t/uk/en')).toBe('/t/uk/en/admin');
    for (const bad of ['https://evil.example/', '//evil.example', '/\\evil.example', '/t/ca/en/admin', '/t/uk/enx', 42, '']) {
      expect(safeNextPath(bad, '/t/uk/en'), String(bad)).toBeNull();
    }
  });
});

describe('hostile paths', () => {
  it('a malformed percent-encoding in /t/ is an unknown tenant, not an error', () => {
    expect(resolveRequestTarget('localhost', '/t/%E0/en', 'localhost')).toEqual({ kind: 'unknown' });
  });
});

describe('saved catalogue searches', () => {
  it('keep only catalogue parameters', async () => {
    const { cleanCatalogueSearch } = await import('@/modules/catalogue/query-params');
    expect(cleanCatalogueSearch('?q=cloud&evil=1&f.dataLocation=in-country&sort=newest')).toBe('q=cloud&f.dataLocation=in-country');
    expect(cleanCatalogueSearch('q=cloud&sort=newest&page=3', true)).toBe('q=cloud&sort=newest');
  });
});

describe('links in email', () => {
  it('use the tenant canonical address, whichever way the sender reached it', async () => {
    const { vi } = await import('vitest');
    const { notifyContextFor } = await import('@/modules/notifications/links');
    vi.stubEnv('PUBLIC_URL_SCHEME', 'https');
    vi.stubEnv('PUBLIC_URL_PORT', '443');
    vi.stubEnv('ROOT_DOMAIN', 'marketplace.example');
    type LinkTenant = Parameters<typeof notifyContextFor>[0]['tenant'];
    const onSubdomain = { slug: 'ca', config: { domains: [], defaultLocale: 'fr', locales: [{ code: 'fr', format: 'fr-CA' }], timezone: 'America/Toronto', currency: 'CAD' } } as unknown as LinkTenant;
    const onDomain = { slug: 'uk', config: { domains: ['marketplace.uk.example'], defaultLocale: 'en', locales: [{ code: 'en', format: 'en-GB' }], timezone: 'Europe/London', currency: 'GBP' } } as unknown as LinkTenant;
    // The sender's request context (e.g. reached through /t/ca on the platform host) is not an input any more.
    expect(notifyContextFor({ tenant: onSubdomain })).toEqual({ baseUrl: 'https://ca.marketplace.example', locale: 'fr', fmt: { format: 'fr-CA', timezone: 'America/Toronto', currency: 'CAD' } });
    expect(notifyContextFor({ tenant: onDomain }).baseUrl).toBe('https://marketplace.uk.example');
    vi.unstubAllEnvs();
  });
});
