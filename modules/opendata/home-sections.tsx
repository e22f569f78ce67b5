import { withTenant } from '@/db/with-tenant';
import { formatDate } from '@/modules/i18n/format';
import type { TenantPageContext } from '@/modules/tenancy/context';
import { cachedForTenant } from './cache';
import { parseOpenDataFilters } from './filters';
import { count, money, percent } from './format';
import { opportunityHref } from './links';
import { listLatestOpportunities } from './public-records';
import { spendHeadline } from './queries';

/** Headline spend on the home page, from the same (cached) figures as the dashboard. */
export async function HomeSpendFigures({ ctx }: { ctx: TenantPageContext }) {
  const { t, tenant, fmt } = ctx;
  const h = await withTenant(tenant, (tx) =>
    cachedForTenant(tx, tenant.slug, ['headline', tenant.config.currency], () => spendHeadline(tx, parseOpenDataFilters({}), tenant.config.currency)),
  );
  return (
    <section aria-labelledby="spend" className="mb-10">
      <h2 id="spend" className="mb-4 text-2xl font-bold">
        {t('publicHome.spendHeading')}
      </h2>
      {h.contracts === 0 ? (
        <p className="mb-4">{t('publicHome.noSpend')}</p>
      ) : (
        <ul className="mb-4 grid gap-4 md:grid-cols-3" data-testid="home-spend">
          <li className="border-s-4 border-brand bg-gray-100 p-4">
            <p className="text-2xl font-bold">{money(h.value, fmt)}</p>
            <p>{t('publicHome.awardedValue')}</p>
          </li>
          <li className="border-s-4 border-brand bg-gray-100 p-4">
            <p className="text-2xl font-bold">{count(h.contracts, fmt)}</p>
            <p>{t('dashboard.contracts')}</p>
          </li>
          <li className="border-s-4 border-brand bg-gray-100 p-4">
            <p className="text-2xl font-bold">{percent(h.smeShare || '0', fmt)}</p>
            <p>{t('dashboard.smeShare')}</p>
          </li>
        </ul>
      )}
      <ul className="flex flex-wrap gap-x-6 gap-y-2">
        <li>
          <a href={ctx.href('/open-data')}>{t('publicHome.openDataLink')}</a>
        </li>
        <li>
          <a href={ctx.href('/contracts')}>{t('dashboard.contractsLink')}</a>
        </li>
        <li>
          <a href={ctx.href('/suppliers')}>{t('publicHome.suppliersLink')}</a>
        </li>
      </ul>
    </section>
  );
}

/** The latest published opportunities, shown only when there are some. */
export async function LatestOpportunities({ ctx }: { ctx: TenantPageContext }) {
  const { t, tenant, fmt } = ctx;
  const latest = await withTenant(tenant, (tx) => listLatestOpportunities(tx, 5));
  if (latest.length === 0) return null;
  return (
    <section aria-labelledby="latest-opportunities" className="mb-10">
      <h2 id="latest-opportunities" className="mb-4 text-2xl font-bold">
        {t('publicHome.opportunitiesHeading')}
      </h2>
      <ul className="grid gap-4 md:grid-cols-2">
        {latest.map((o) => {
          const href = opportunityHref(ctx.href, o.id);
          return (
            <li key={o.id} className="border border-rule p-4">
              <h3 className="text-lg font-bold">{href ? <a href={href}>{o.title}</a> : o.title}</h3>
              <p className="text-muted">{o.buyerName}</p>
              {o.closesAt ? <p className="text-sm">{t('publicHome.closesOn', { date: formatDate(o.closesAt, fmt, 'dateTime') })}</p> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
