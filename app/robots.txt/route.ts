import { tenantFromRequest } from '@/modules/tenancy/context';
import { requestOrigin } from '@/modules/tenancy/metadata';

/*
 * robots.txt per host: a tenant's public pages may be indexed, its signed-in areas and most of the API may not
 * (the open-data downloads and the sharing image may). The platform's root domain lists marketplaces only.
 */
export async function GET(): Promise<Response> {
  const resolved = await tenantFromRequest();
  const origin = await requestOrigin();
  const lines = resolved
    ? [
        'User-agent: *',
        'Allow: /',
        'Allow: /api/open-data/',
        'Allow: /api/og',
        'Allow: /api/ocds/',
        'Disallow: /api/',
        ...['admin', 'supplier', 'buyer', 'account', 'alerts', 'sign-in', 'dev'].map((area) => `Disallow: /*/${area}`),
        '',
        `Sitemap: ${origin}${resolved.basePath}/sitemap.xml`,
      ]
    : ['User-agent: *', 'Allow: /', 'Disallow: /api/'];
  return new Response(`${lines.join('\n')}\n`, {
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=3600' },
  });
}
