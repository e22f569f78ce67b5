import { withTenant } from '@/db/with-tenant';
import { listFrameworks } from '@/modules/frameworks/queries';
import { localised } from '@/modules/i18n/localised';
import { filterQuery, parseOpenDataFilters } from '@/modules/opendata/filters';
import { isoDateLabel, money } from '@/modules/opendata/format';
import { CONTRACTS_PAGE_SIZE, listPublicContracts } from '@/modules/opendata/public-records';
import { tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { PageHeading } from '@/modules/ui/page-heading';

export const generateMetadata = titleFromKey('publicBrowse.contractsTitle');

/** Awarded contracts, newest first: a GET form and page links, so every view is a URL and works without JavaScript. */
export default async function ContractsPage({ params, searchParams }: PageProps<'/[tenant]/[locale]/contracts'>) {
  const { tenant: slug, locale } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant, fmt } = ctx;
  const raw = await searchParams;
  const filters = parseOpenDataFilters(raw);
  const pageNumber = Math.min(10_000, Math.max(1, Number.parseInt(typeof raw.page === 'string' ? raw.page : '1', 10) || 1));
  const { list, frameworks } = await withTenant(tenant, async (tx) => ({
    list: await listPublicContracts(tx, filters, { limit: CONTRACTS_PAGE_SIZE, offset: (pageNumber - 1) * CONTRACTS_PAGE_SIZE }),
    frameworks: await listFrameworks(tx, tenant.config.timezone),
  }));
  const pages = Math.max(1, Math.ceil(list.total / CONTRACTS_PAGE_SIZE));
  const base = { from: filters.from, to: filters.to, framework: filters.framework };
  const pageHref = (n: number) => ctx.href(`/contracts${filterQuery(base, n > 1 ? { page: String(n) } : {})}`);
  const fallback = tenant.config.defaultLocale;
  const contractFmt = (currency: string) => ({ ...fmt, currency });
  return (
    <>
      <PageHeading>{t('publicBrowse.contractsTitle')}</PageHeading>
      <p className="mb-6 max-w-3xl text-lg">{t('publicBrowse.contractsIntro')}</p>
      <form method="get" action={ctx.href('/contracts')} className="mb-8 flex flex-wrap items-end gap-6 border border-rule p-4">
        <div>
          <label htmlFor="framework" className="mb-1 block font-bold">{t('dashboard.framework')}</label>
          <select id="framework" name="framework" defaultValue={filters.framework ?? ''} className="border-2 border-ink p-1">
            <option value="">{t('dashboard.allFrameworks')}</option>
            {frameworks.map((f) => (
              <option key={f.slug} value={f.slug}>{localised(f.name, locale, fallback)}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="from" className="mb-1 block font-bold">{t('dashboard.from')}</label>
          <input id="from" name="from" type="date" defaultValue={filters.from ?? ''} className="border-2 border-ink p-1" />
        </div>
        <div>
          <label htmlFor="to" className="mb-1 block font-bold">{t('dashboard.to')}</label>
          <input id="to" name="to" type="date" defaultValue={filters.to ?? ''} className="border-2 border-ink p-1" />
        </div>
        <button type="submit" className="bg-brand px-4 py-2 font-bold text-brand-text">{t('dashboard.apply')}</button>
        <a href={ctx.href('/contracts')}>{t('dashboard.clear')}</a>
      </form>
      <p className="mb-4" role="status">{t('publicBrowse.contractsFound', { number: list.total.toLocaleString(fmt.format) })}</p>
      {list.rows.length === 0 ? (
        <p>{t('publicBrowse.noContracts')}</p>
      ) : (
        <div className="mb-6 overflow-x-auto">
          <table className="w-full border-collapse" data-testid="contracts-table">
            <caption className="mb-2 text-start text-muted">{t('publicBrowse.contractsCaption')}</caption>
            <thead>
              <tr className="border-b-2 border-ink">
                <th scope="col" className="p-2 text-start">{t('publicBrowse.contract')}</th>
                <th scope="col" className="p-2 text-start">{t('dashboard.buyer')}</th>
                <th scope="col" className="p-2 text-start">{t('publicBrowse.supplier')}</th>
                <th scope="col" className="p-2 text-end">{t('dashboard.value')}</th>
                <th scope="col" className="p-2 text-start">{t('publicBrowse.awardedOn')}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((c) => (
                <tr key={c.id} className="border-b border-rule">
                  <th scope="row" className="p-2 text-start font-normal">
                    <a href={ctx.href(`/contracts/${c.reference}`)}>{c.title}</a>
                    <span className="block text-sm text-muted">{t('publicBrowse.reference', { reference: c.reference })}</span>
                  </th>
                  <td className="p-2">{c.buyerName}</td>
                  <td className="p-2">{c.supplierName}</td>
                  <td className="p-2 text-end tabular-nums">{money(c.value, contractFmt(c.currency))}</td>
                  <td className="p-2">{isoDateLabel(c.awardedOn, fmt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav aria-label={t('publicBrowse.pagination')} className="mb-8">
          <ul className="flex flex-wrap gap-4">
            {pageNumber > 1 ? <li><a href={pageHref(pageNumber - 1)} rel="prev">{t('publicBrowse.previous')}</a></li> : null}
            <li>{t('publicBrowse.pageOf', { page: pageNumber, pages })}</li>
            {pageNumber < pages ? <li><a href={pageHref(pageNumber + 1)} rel="next">{t('publicBrowse.next')}</a></li> : null}
          </ul>
        </nav>
      ) : null}
      <p className="mb-2">
        <a href={`${ctx.basePath}/api/open-data/contracts.csv${filterQuery(base)}`}>{t('publicBrowse.downloadContracts')}</a>
      </p>
      <p>
        <a href={ctx.href('/open-data')}>{t('publicBrowse.openDataLink')}</a>
      </p>
    </>
  );
}
