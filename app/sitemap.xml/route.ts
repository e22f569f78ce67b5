import { NextResponse } from 'next/server';
import { withTenant } from '@/db/with-tenant';
import { listSitemapEntries } from '@/modules/opendata/sitemap';
import { tenantFromRequest } from '@/modules/tenancy/context';
import { requestOrigin } from '@/modules/tenancy/metadata';

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/** The tenant's public pages in every enabled language, each with its hreflang alternates. */
export async function GET(): Promise<Response> {
  const resolved = await tenantFromRequest();
  if (!resolved) return NextResponse.json({ error: 'not_found' }, { status: 404 });
  const { tenant, basePath } = resolved;
  const origin = await requestOrigin();
  const paths = await withTenant(tenant, (tx) => listSitemapEntries(tx, tenant.config.timezone));
  const locales = tenant.config.locales.map((l) => l.code as string);
  const url = (locale: string, path: string) => escapeXml(`${origin}${basePath}/${locale}${path}`);
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ...paths.flatMap((entry) =>
      locales.map((locale) =>
        [
          '<url>',
          `<loc>${url(locale, entry.path)}</loc>`,
          entry.lastModified ? `<lastmod>${entry.lastModified.toISOString()}</lastmod>` : '',
          ...locales.map((alt) => `<xhtml:link rel="alternate" hreflang="${alt}" href="${url(alt, entry.path)}"/>`),
          `<xhtml:link rel="alternate" hreflang="x-default" href="${url(tenant.config.defaultLocale, entry.path)}"/>`,
          '</url>',
        ].join(''),
      ),
    ),
    '</urlset>',
  ].join('\n');
  return new Response(body, { headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=3600' } });
}
