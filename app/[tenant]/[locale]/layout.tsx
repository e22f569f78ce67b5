import type { Metadata } from 'next';
import { headers } from 'next/headers';
import '@/app/globals.css';
import { textDirection } from '@/modules/i18n/locales';
import { brandStyle } from '@/modules/ui/brand-style';
import { isDemoMode, signedInUser, tenantPageContext } from '@/modules/tenancy/context';
import { LanguageSwitcher } from '@/modules/ui/language-switcher';
import { SiteFooter } from '@/modules/ui/site-footer';
import { publicFooterLinks } from '@/modules/opendata/footer-links';
import { SiteHeader, type NavLink } from '@/modules/ui/site-header';
import { devOutboxEnabled } from '@/modules/notifications/send-mail';
import { tenantSeoMetadata } from '@/modules/tenancy/metadata';
import { tenantName } from '@/tenants/registry';
import { TENANT_HEADERS } from '@/tenants/request-headers';

export async function generateMetadata({ params }: LayoutProps<'/[tenant]/[locale]'>): Promise<Metadata> {
  const { tenant: slug, locale } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const name = tenantName(ctx.tenant, locale);
  return {
    ...(await tenantSeoMetadata(ctx)),
    title: { default: name, template: `%s – ${name}` },
    icons: { icon: `${ctx.basePath}/api/branding/favicon?v=${ctx.tenant.configVersion}` },
  };
}

/** Root layout of every tenant site: language and direction, brand colours, header, footer. */
export default async function TenantLayout({ children, params }: LayoutProps<'/[tenant]/[locale]'>) {
  const { tenant: slug, locale } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { tenant, t } = ctx;
  const user = await signedInUser();
  const pagePath = (await headers()).get(TENANT_HEADERS.path) ?? '';
  const branding = tenant.config.branding;
  const links: NavLink[] = [
    { href: ctx.href('/catalogue'), label: t('nav.catalogue') },
    { href: ctx.href('/opportunities'), label: t('nav.opportunities') },
    { href: ctx.href('/frameworks'), label: t('nav.frameworks') },
    { href: ctx.href('/open-data'), label: t('publicHome.navOpenData') },
    user ? { href: ctx.href('/account'), label: t('nav.account') } : { href: ctx.href('/sign-in'), label: t('nav.signIn') },
  ];
  if (isDemoMode() && devOutboxEnabled()) links.push({ href: ctx.href('/dev/outbox'), label: t('nav.devOutbox') });
  const footerLinks: NavLink[] = [
    ...publicFooterLinks(ctx),
    ...tenant.config.footerLinks.map((link) => ({
      href: link.href.startsWith('/') ? ctx.href(link.href) : link.href,
      label: (link.label as Record<string, string>)[locale] ?? Object.values(link.label)[0] ?? link.href,
    })),
  ];
  return (
    <html lang={locale} dir={textDirection(locale)} style={brandStyle(branding)}>
      <body className="flex min-h-screen flex-col">
        <a href="#main-content" className="skip-link bg-focus text-ink">
          {t('layout.skipLink')}
        </a>
        <SiteHeader
          t={t}
          name={tenantName(tenant, locale)}
          homeHref={ctx.href('')}
          logoSrc={branding.logo ? `${ctx.basePath}/api/branding/logo?v=${tenant.configVersion}` : null}
          links={links}
          signedIn={Boolean(user)}
          notice={isDemoMode() ? t('layout.betaBanner') : undefined}
        />
        <LanguageSwitcher
          t={t}
          current={locale}
          enabled={tenant.config.locales.map((l) => l.code)}
          basePath={ctx.basePath}
          pagePath={pagePath}
        />
 {tenant.status === 'suspended' ? (
          <div role="status" className="border-b-4 border-error bg-gray-100" data-testid="suspended-notice">
            <p className="mx-auto max-w-5xl px-4 py-3 font-bold">{t('tenantSettings.suspendedNotice', { name: tenantName(tenant, locale) })}</p>
          </div>
        ) : null}
        <main id="main-content" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">
          {children}
        </main>
        <SiteFooter t={t} links={footerLinks} />
      </body>
    </html>
  );
}
