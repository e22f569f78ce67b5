import { withTenant } from '@/db/with-tenant';
import { frameworkById } from '@/modules/frameworks/queries';
import { localised } from '@/modules/i18n/localised';
import { isoDateLabel, money } from '@/modules/opendata/format';
import { findPublicContract } from '@/modules/opendata/public-records';
import { pageNotFound, tenantPageContext } from '@/modules/tenancy/context';
import { PageHeading } from '@/modules/ui/page-heading';
import type { Metadata } from 'next';

async function load(slug: string, locale: string, reference: string) {
  const ctx = await tenantPageContext(slug, locale);
  const number = /^\d{1,9}$/.test(reference) ? Number(reference) : NaN;
  const data = Number.isSafeInteger(number)
    ? await withTenant(ctx.tenant, async (tx) => {
        const contract = await findPublicContract(tx, number);
        return contract ? { contract, framework: await frameworkById(tx, contract.frameworkId, ctx.tenant.config.timezone) } : null;
      })
    : null;
  return { ctx, data };
}

export async function generateMetadata({ params }: PageProps<'/[tenant]/[locale]/contracts/[reference]'>): Promise<Metadata> {
  const { tenant, locale, reference } = await params;
  const { ctx, data } = await load(tenant, locale, reference);
  return { title: data ? data.contract.title : ctx.t('publicBrowse.contractsTitle') };
}

/** One awarded contract: public fields only (never terms, statements of work or signatories). */
export default async function ContractPage({ params }: PageProps<'/[tenant]/[locale]/contracts/[reference]'>) {
  const { tenant: slug, locale, reference } = await params;
  const { ctx, data } = await load(slug, locale, reference);
  if (!data) pageNotFound(ctx);
  const { t, tenant, fmt } = ctx;
  const { contract: c, framework } = data;
  const fallback = tenant.config.defaultLocale;
  const lot = framework?.definition.lots.find((l) => l.slug === c.lot);
  const rows: [string, React.ReactNode, string][] = [
    [t('publicBrowse.referenceLabel'), String(c.reference), 'reference'],
    [t('dashboard.buyer'), c.buyerName, 'buyer'],
    [t('publicBrowse.supplier'), `${c.supplierName} (${t(`sizes.${c.supplierSize}`)}${c.supplierRegion ? `, ${c.supplierRegion}` : ''})`, 'supplier'],
    [t('dashboard.value'), money(c.value, { ...fmt, currency: c.currency }), 'value'],
    [t('publicBrowse.awardedOn'), isoDateLabel(c.awardedOn, fmt), 'awarded-on'],
    [t('publicBrowse.period'), t('publicBrowse.periodRange', { start: isoDateLabel(c.startDate, fmt), end: isoDateLabel(c.endDate, fmt) }), 'period'],
    [t('dashboard.framework'), framework ? <a href={ctx.href(`/frameworks/${framework.slug}`)}>{localised(framework.name, locale, fallback)}</a> : c.frameworkSlug, 'framework'],
    [t('publicBrowse.lot'), lot ? localised(lot.name, locale, fallback) : c.lot, 'lot'],
    [t('publicBrowse.route'), t(`frameworks.routes.${c.route}`), 'route'],
    [t('publicBrowse.status'), t(`publicBrowse.statuses.${c.status}`, { defaultValue: c.status }), 'status'],
  ];
  return (
    <>
      <p className="mb-2">
        <a href={ctx.href('/contracts')}>{t('publicBrowse.backToContracts')}</a>
      </p>
      <PageHeading>{c.title}</PageHeading>
      <dl className="mb-8 grid max-w-3xl grid-cols-1 gap-x-6 gap-y-2 md:grid-cols-[max-content_1fr]" data-testid="contract-details">
        {rows.map(([label, value, id]) => (
          <div key={id} className="contents">
            <dt className="font-bold">{label}</dt>
            <dd className="mb-2 md:mb-0" data-testid={`contract-${id}`}>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="mb-2 max-w-3xl text-muted">{t('publicBrowse.publicFieldsNote')}</p>
      <ul className="list-disc ps-6">
        <li>
          <a href={ctx.href(`/open-data?framework=${c.frameworkSlug}`)}>{t('publicBrowse.frameworkSpend')}</a>
        </li>
        <li>
          <a href={`${ctx.basePath}/api/ocds/releases`}>{t('dashboard.ocdsFeed')}</a>
        </li>
      </ul>
    </>
  );
}
