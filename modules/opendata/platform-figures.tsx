import { getTranslator } from '@/modules/i18n/server';
import { tenantName } from '@/tenants/registry';
import { platformOpenData } from './platform';

/** Combined open-data figures on the platform's home page, for the marketplaces that opted in. */
export async function PlatformOpenDataFigures({ locale, tenantHref }: { locale: string; tenantHref: (slug: string, path: string) => string }) {
  const t = getTranslator(locale);
  const figures = await platformOpenData();
  if (figures.marketplaces.length === 0) return null;
  const number = new Intl.NumberFormat(locale);
  const money = (value: string, currency: string) => new Intl.NumberFormat(locale, { style: 'currency', currency }).format(Number(value));
  const percent = (value: string) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(Number(value) / 100);
  return (
    <section aria-labelledby="combined-figures" className="mt-10">
      <h2 id="combined-figures" className="mb-2 text-2xl font-bold">
        {t('platformFigures.heading')}
      </h2>
      <p className="mb-4 max-w-3xl">{t('platformFigures.intro')}</p>
      <ul className="mb-6 grid gap-4 md:grid-cols-3" data-testid="platform-figures">
        <li className="border-s-4 border-brand bg-gray-100 p-4">
          <p className="text-2xl font-bold">{number.format(figures.contracts)}</p>
          <p>{t('platformFigures.contracts')}</p>
        </li>
        <li className="border-s-4 border-brand bg-gray-100 p-4">
          <p className="text-2xl font-bold">{figures.smeContractShare ? percent(figures.smeContractShare) : '–'}</p>
          <p>{t('platformFigures.smeShare')}</p>
        </li>
        <li className="border-s-4 border-brand bg-gray-100 p-4">
          <ul>
            {figures.valueByCurrency.map((v) => (
              <li key={v.currency} className="text-xl font-bold">
                {money(v.value, v.currency)}
              </li>
            ))}
          </ul>
          <p>{t('platformFigures.value')}</p>
        </li>
      </ul>
      <table className="w-full border-collapse">
        <caption className="mb-2 text-start text-muted">{t('platformFigures.caption')}</caption>
        <thead>
          <tr className="border-b-2 border-ink">
            <th scope="col" className="p-2 text-start">{t('platform.name')}</th>
            <th scope="col" className="p-2 text-end">{t('platformFigures.value')}</th>
            <th scope="col" className="p-2 text-end">{t('platformFigures.contracts')}</th>
            <th scope="col" className="p-2 text-end">{t('platformFigures.smeValueShare')}</th>
          </tr>
        </thead>
        <tbody>
          {figures.marketplaces.map(({ tenant, headline }) => {
            const lang = tenant.config.locales.some((l) => l.code === locale) ? locale : tenant.config.defaultLocale;
            return (
              <tr key={tenant.id} className="border-b border-rule">
                <th scope="row" className="p-2 text-start font-normal">
                  <a href={tenantHref(tenant.slug, `/${lang}/open-data`)}>{tenantName(tenant, locale)}</a>
                </th>
                <td className="p-2 text-end tabular-nums">{money(headline.value, tenant.config.currency)}</td>
                <td className="p-2 text-end tabular-nums">{number.format(headline.contracts)}</td>
                <td className="p-2 text-end tabular-nums">{headline.smeShare ? percent(headline.smeShare) : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
