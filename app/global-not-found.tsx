import type { Metadata } from 'next';
import { headers } from 'next/headers';
import './globals.css';
import { textDirection } from '@/modules/i18n/locales';
import { brandStyle } from '@/modules/ui/brand-style';
import { getTranslator } from '@/modules/i18n/server';
import { tenantFromRequest } from '@/modules/tenancy/context';
import { tenantName } from '@/tenants/registry';
import { TENANT_HEADERS } from '@/tenants/request-headers';

export const metadata: Metadata = { title: '404', robots: { index: false } };

/*
 * Every 404 renders here (Next renders notFound() from any page with this document, because the real root
 * layouts sit under dynamic segments). It is still tenant-aware: brand, language and direction come from the
 * headers the proxy set; an unknown host gets the neutral "marketplace not found" page.
 */
export default async function GlobalNotFound() {
  const resolved = await tenantFromRequest();
  const h = await headers();
  if (!resolved) {
    const t = getTranslator('en');
    return (
      <html lang="en" dir="ltr">
        <body>
          <main id="main-content" className="mx-auto max-w-3xl px-4 py-12">
            <h1 className="mb-6 text-3xl font-bold">{t('unknownMarketplace.title')}</h1>
            <p className="mb-4 text-lg">{t('unknownMarketplace.body')}</p>
          </main>
        </body>
      </html>
    );
  }
  const { tenant, basePath } = resolved;
  const enabled = tenant.config.locales.map((l) => l.code as string);
  const requested = h.get(TENANT_HEADERS.locale) ?? '';
  const locale = enabled.includes(requested) ? requested : tenant.config.defaultLocale;
  const t = getTranslator(locale, { slug: tenant.slug, configVersion: tenant.configVersion, terminology: tenant.config.terminology });
  const branding = tenant.config.branding;
  const home = `${basePath}/${locale}`;
  return (
    <html lang={locale} dir={textDirection(locale)} style={brandStyle(branding)}>
      <body className="flex min-h-screen flex-col">
        <a href="#main-content" className="skip-link bg-focus text-ink">
          {t('layout.skipLink')}
        </a>
        <header className="bg-brand text-brand-text">
          <div className="mx-auto max-w-5xl px-4 py-3">
            <a href={home} className="text-xl font-bold text-brand-text no-underline">
              {tenantName(tenant, locale)}
            </a>
          </div>
        </header>
        <main id="main-content" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">
          <h1 className="mb-6 text-3xl font-bold md:text-4xl">{t('notFound.title')}</h1>
          <p className="mb-4">{t('notFound.body')}</p>
          <p>
            <a href={home}>{t('notFound.backHome')}</a>
          </p>
        </main>
      </body>
    </html>
  );
}
