import { z } from 'zod';
import { withTenant } from '@/db/with-tenant';
import { listFrameworks } from '@/modules/frameworks/queries';
import { formatDate } from '@/modules/i18n/format';
import { localised } from '@/modules/i18n/localised';
import { StatusTag } from '@/modules/opportunities/components';
import { listPublicOpportunities, PUBLIC_STATUSES } from '@/modules/opportunities/queries';
import { tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { PageHeading } from '@/modules/ui/page-heading';

export const generateMetadata = titleFromKey('opportunities.publicTitle');

const ZQuery = z.object({
  status: z.enum(PUBLIC_STATUSES).optional().catch(undefined),
  lot: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

/** Everyone can read published opportunities and their outcome: a GET form, no JavaScript needed. */
export default async function OpportunitiesPage({ params, searchParams }: PageProps<'/[tenant]/[locale]/opportunities'>) {
  const { tenant: slug, locale } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant, fmt } = ctx;
  const fallback = tenant.config.defaultLocale;
  const raw = await searchParams;
  const query = ZQuery.parse({ status: raw.status || undefined, lot: raw.lot || undefined, page: raw.page ?? 1 });
  const { list, lots } = await withTenant(tenant, async (tx) => {
    const frameworks = await listFrameworks(tx, tenant.config.timezone);
    const lots = frameworks.flatMap((f) => f.definition.lots.filter((l) => l.awardRoutes.includes('further_competition')).map((l) => ({ slug: l.slug, name: l.name })));
    return { list: await listPublicOpportunities(tx, query), lots: [...new Map(lots.map((l) => [l.slug, l])).values()] };
  });
  const href = (changes: Record<string, string | null>) => {
    const p = new URLSearchParams();
    const merged = { status: query.status ?? null, lot: query.lot ?? null, page: String(query.page), ...changes };
    for (const [k, v] of Object.entries(merged)) if (v && !(k === 'page' && v === '1')) p.set(k, v);
    const s = p.toString();
    return ctx.href(`/opportunities${s ? `?${s}` : ''}`);
  };
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  return (
    <>
      <PageHeading>{t('opportunities.publicTitle')}</PageHeading>
      <p className="mb-6 max-w-2xl">{t('opportunities.publicIntro')}</p>
      <form method="get" action={ctx.href('/opportunities')} className="mb-8 flex flex-wrap items-end gap-4" role="search" aria-label={t('opportunities.filterLabel')}>
        <div>
          <label htmlFor="opp-status" className="mb-1 block font-bold">{t('opportunities.filterStatus')}</label>
          <select id="opp-status" name="status" defaultValue={query.status ?? ''} className="border-2 border-ink p-2">
            <option value="">{t('opportunities.filterAll')}</option>
            {PUBLIC_STATUSES.map((s) => (
              <option key={s} value={s}>{t(`opportunities.status.${s}`)}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="opp-lot" className="mb-1 block font-bold">{t('catalogue.lot')}</label>
          <select id="opp-lot" name="lot" defaultValue={query.lot ?? ''} className="border-2 border-ink p-2">
            <option value="">{t('opportunities.filterAll')}</option>
            {lots.map((l) => (
              <option key={l.slug} value={l.slug}>{localised(l.name, locale, fallback)}</option>
            ))}
          </select>
        </div>
        <button type="submit" className="cursor-pointer bg-brand px-5 py-2 text-lg font-bold text-brand-text">{t('opportunities.applyFilters')}</button>
      </form>
      <p className="mb-4" role="status">{t('opportunities.resultCount', { count: list.total })}</p>
      {list.items.length === 0 ? (
        <div className="border-s-4 border-brand p-4">
          <p className="mb-2">{t('opportunities.noneFound')}</p>
          {query.status || query.lot ? <a href={ctx.href('/opportunities')}>{t('opportunities.clearFilters')}</a> : null}
        </div>
      ) : (
        <ul className="divide-y divide-rule border-y border-rule" data-testid="opportunities">
          {list.items.map((o) => (
            <li key={o.id} className="py-4">
              <h2 className="mb-1 text-xl font-bold">
                <a href={ctx.href(`/opportunities/${o.id}`)}>{o.title}</a>
              </h2>
              <p className="mb-1 text-muted">
                {o.organisationName} · {localised(o.frameworkName, locale, fallback)} · {t('opportunities.reference', { reference: o.reference })}
              </p>
              <p className="flex flex-wrap items-center gap-3">
                <StatusTag status={o.status} t={t} />
                <span>
                  {o.status === 'live'
                    ? t('opportunities.closesOnDate', { date: formatDate(o.closesAt!, fmt, 'dateTime') })
                    : t('opportunities.closedOnDate', { date: formatDate(o.closesAt!, fmt) })}
                </span>
                {o.status !== 'live' ? <span>{t('opportunities.responsesCount', { count: o.responseCount })}</span> : null}
              </p>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 ? (
        <nav aria-label={t('catalogue.pagination')} className="mt-6 flex gap-4">
          {query.page > 1 ? <a href={href({ page: String(query.page - 1) })}>{t('catalogue.previous')}</a> : null}
          {query.page < pages ? <a href={href({ page: String(query.page + 1) })}>{t('catalogue.next')}</a> : null}
        </nav>
      ) : null}
    </>
  );
}
