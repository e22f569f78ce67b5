import { withTenant } from '@/db/with-tenant';
import { FrameworkCard } from '@/modules/frameworks/framework-card';
import { listFrameworks } from '@/modules/frameworks/queries';
import { formatDate, formatPercent } from '@/modules/i18n/format';
import { HomeSpendFigures, LatestOpportunities } from '@/modules/opendata/home-sections';
import { countSuppliers, listLatestSuppliers } from '@/modules/suppliers/queries';
import { tenantPageContext } from '@/modules/tenancy/context';
import { PageHeading } from '@/modules/ui/page-heading';
import { tenantName } from '@/tenants/registry';

export default async function TenantHome({ params, searchParams }: PageProps<'/[tenant]/[locale]'>) {
  const { tenant: slug, locale } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { tenant, t, fmt } = ctx;
  const signedOut = (await searchParams)['signed-out'] === '1';
  const { counts, latest, frameworkList } = await withTenant(tenant, async (tx) => ({
    counts: await countSuppliers(tx),
    latest: await listLatestSuppliers(tx, 6),
    frameworkList: await listFrameworks(tx, tenant.config.timezone),
  }));
  // Live and upcoming frameworks, open ones first: that is what buyers and suppliers come for.
  const statusOrder = ['open', 'live', 'coming', 'pending', 'standstill'];
  const featured = frameworkList
    .filter((f) => statusOrder.includes(f.status))
    .sort((a, b) => statusOrder.indexOf(a.status) - statusOrder.indexOf(b.status))
    .slice(0, 4);
  const tagline = (tenant.config.tagline as Record<string, string>)[locale];
  return (
    <>
      {signedOut ? (
        <p role="status" className="mb-6 border-s-4 border-brand bg-gray-100 p-4">
          {t('signIn.signedOut')}
        </p>
      ) : null}
      <PageHeading>{tenantName(tenant, locale)}</PageHeading>
      {tagline ? <p className="mb-4 text-xl">{tagline}</p> : null}
      <p className="mb-8 max-w-3xl text-lg">{t('home.intro')}</p>

      <section aria-labelledby="figures" className="mb-10">
        <h2 id="figures" className="mb-4 text-2xl font-bold">
          {t('home.figuresHeading')}
        </h2>
        <ul className="grid gap-4 md:grid-cols-2">
          <li className="border-s-4 border-brand bg-gray-100 p-4">
            <p className="text-3xl font-bold" data-testid="supplier-count">
              {t('home.suppliersCount', { count: counts.total })}
            </p>
            <p>{t('home.smeCount', { count: counts.sme })}</p>
          </li>
          {tenant.config.smeTargetPercent !== undefined ? (
            <li className="border-s-4 border-brand bg-gray-100 p-4">
              <p className="text-lg">
                {t('home.smeTarget', { percent: formatPercent(tenant.config.smeTargetPercent / 100, fmt) })}
              </p>
            </li>
          ) : null}
        </ul>
      </section>

      <HomeSpendFigures ctx={ctx} />
      <LatestOpportunities ctx={ctx} />

      {featured.length > 0 ? (
        <section aria-labelledby="frameworks" className="mb-10">
          <h2 id="frameworks" className="mb-4 text-2xl font-bold">
            {t('home.frameworksHeading')}
          </h2>
          <ul className="mb-4 grid gap-4 md:grid-cols-2" data-testid="home-frameworks">
            {featured.map((f) => (
              <FrameworkCard key={f.id} framework={f} href={ctx.href(`/frameworks/${f.slug}`)} t={t} fmt={fmt} locale={locale} fallback={tenant.config.defaultLocale} headingLevel={3} />
            ))}
          </ul>
          <p>
            <a href={ctx.href('/frameworks')}>{t('home.allFrameworks')}</a>
          </p>
        </section>
      ) : null}

      <div className="mb-10 grid gap-8 md:grid-cols-2">
        <section aria-labelledby="buying">
          <h2 id="buying" className="mb-2 text-2xl font-bold">
            {t('home.buyHeading')}
          </h2>
          <p className="mb-2">{t('home.buyText')}</p>
          <p>
            <a href={ctx.href('/how-to-buy')}>{t('guidance.titles.howToBuy')}</a>
          </p>
        </section>
        <section aria-labelledby="selling">
          <h2 id="selling" className="mb-2 text-2xl font-bold">
            {t('home.sellHeading')}
          </h2>
          <p className="mb-2">{t('home.sellText')}</p>
          <p className="mb-2">
            <a href={ctx.href('/supplier')}>{t('home.sellLink')}</a>
          </p>
          <p>
            <a href={ctx.href('/how-to-sell')}>{t('guidance.titles.howToSell')}</a>
          </p>
        </section>
      </div>

      <section aria-labelledby="latest-suppliers">
        <h2 id="latest-suppliers" className="mb-4 text-2xl font-bold">
          {t('home.latestSuppliersHeading')}
        </h2>
        {latest.length === 0 ? (
          <p>{t('home.noSuppliers')}</p>
        ) : (
          <ul className="grid gap-4 md:grid-cols-2">
            {latest.map((s) => (
              <li key={s.id} className="border border-rule p-4">
                <h3 className="text-lg font-bold">{s.legalName}</h3>
                <p className="text-muted">
                  {t(`sizes.${s.organisationSize}`)}
                  {s.region ? ` · ${t('home.region', { region: s.region })}` : ''}
                </p>
                {s.description ? <p className="mt-2">{s.description}</p> : null}
                <p className="mt-2 text-sm text-muted">{t('home.joinedOn', { date: formatDate(s.createdAt, fmt) })}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
