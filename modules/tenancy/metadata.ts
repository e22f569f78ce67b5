import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { tenantName, type Tenant } from '@/tenants/registry';
import { TENANT_HEADERS } from '@/tenants/request-headers';
import { tenantPageContext } from './context';

/** generateMetadata for a tenant page whose title is one translation key. */
export function titleFromKey(key: string) {
  return async function generateMetadata({ params }: { params: Promise<{ tenant: string; locale: string }> }): Promise<Metadata> {
    const { tenant, locale } = await params;
    const { t } = await tenantPageContext(tenant, locale);
    return { title: t(key) };
  };
}

/** The origin the visitor used (validated Host from the proxy), for absolute URLs in metadata, sitemaps and feeds. */
export async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get(TENANT_HEADERS.host) ?? h.get('host') ?? 'localhost';
  return `${h.get('x-forwarded-proto') === 'https' ? 'https' : 'http'}://${host}`;
}

/**
 * Per-tenant sharing and search metadata for every page: the tenant's description, hreflang alternates to the same
 * page in each enabled language (x-default: the default language), canonical URL, Open Graph card with the
 * tenant's branded image.
 */
export async function tenantSeoMetadata(ctx: { tenant: Tenant; locale: string; basePath: string; t: (key: string, o?: Record<string, unknown>) => string }): Promise<Metadata> {
  const origin = await requestOrigin();
  // The page path after the locale, without its query: alternates point at the same page, not the same search.
  const pagePath = ((await headers()).get(TENANT_HEADERS.path) ?? '').split('?')[0] ?? '';
  const { tenant, locale, basePath } = ctx;
  const name = tenantName(tenant, locale);
  const tagline = (tenant.config.tagline as Record<string, string | undefined>)[locale];
  const description = tagline ? `${tagline}. ${ctx.t('seo.description', { name })}` : ctx.t('seo.description', { name });
  const url = (code: string) => `${origin}${basePath}/${code}${pagePath}`;
  const languages: Record<string, string> = {};
  for (const l of tenant.config.locales) languages[l.code] = url(l.code);
  languages['x-default'] = url(tenant.config.defaultLocale);
  const image = `${origin}${basePath}/api/og?locale=${locale}&v=${tenant.configVersion}`;
  const format = tenant.config.locales.find((l) => l.code === locale)?.format ?? locale;
  return {
    metadataBase: new URL(origin),
    description,
    alternates: { canonical: url(locale), languages },
    openGraph: {
      type: 'website',
      siteName: name,
      description,
      url: url(locale),
      locale: format.replace('-', '_'),
      images: [{ url: image, width: 1200, height: 630, alt: ctx.t('seo.imageAlt', { name }) }],
    },
    twitter: { card: 'summary_large_image', description, images: [image] },
  };
}
