import { LOCALE_NATIVE_NAMES, isShippedLocale } from '@/modules/i18n/locales';
import { getTranslator } from '@/modules/i18n/server';
import { PlatformOpenDataFigures } from '@/modules/opendata/platform-figures';
import { PageHeading } from '@/modules/ui/page-heading';
import { listTenants, tenantName } from '@/tenants/registry';
import { rootDomain } from '@/tenants/resolve-host';

/** Public list of the marketplaces on this platform. */
export default async function PlatformHome({ params }: PageProps<'/platform/[locale]'>) {
  const { locale } = await params;
  const t = getTranslator(locale);
  const port = process.env.PORT ? `:${process.env.PORT}` : '';
  const live = (await listTenants()).filter((tenant) => tenant.status === 'active' || tenant.status === 'trial');
  const regionNames = new Intl.DisplayNames([locale], { type: 'region' });
  return (
    <>
      <PageHeading>{t('platform.title')}</PageHeading>
      <p className="mb-8 max-w-3xl text-lg">{t('platform.intro')}</p>
      <h2 className="mb-4 text-2xl font-bold">{t('platform.marketplacesHeading')}</h2>
      {live.length === 0 ? (
        <p>{t('platform.noMarketplaces')}</p>
      ) : (
        <table className="w-full border-collapse">
          <caption className="mb-2 text-start text-muted">{t('platform.marketplacesCaption')}</caption>
          <thead>
            <tr className="border-b-2 border-ink">
              <th scope="col" className="p-2 text-start">{t('platform.name')}</th>
              <th scope="col" className="p-2 text-start">{t('platform.country')}</th>
              <th scope="col" className="p-2 text-start">{t('platform.languages')}</th>
            </tr>
          </thead>
          <tbody>
            {live.map((tenant) => {
              const name = tenantName(tenant, locale);
              return (
                <tr key={tenant.id} className="border-b border-rule">
                  <td className="p-2">
                    <a href={`http://${tenant.slug}.${rootDomain()}${port}/`} aria-label={t('platform.visit', { name })}>
                      {name}
                    </a>
                  </td>
                  <td className="p-2">{regionNames.of(tenant.config.country) ?? tenant.config.country}</td>
                  <td className="p-2">
                    {tenant.config.locales
                      .map((l) => (isShippedLocale(l.code) ? LOCALE_NATIVE_NAMES[l.code] : l.code))
                      .join(', ')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <PlatformOpenDataFigures locale={locale} tenantHref={(slug, path) => `http://${slug}.${rootDomain()}${port}${path}`} />
    </>
  );
}
