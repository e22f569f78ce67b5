import { getDb } from '@/db/client';
import { PLANS } from '@/modules/billing/plans';
import { LOCALE_NATIVE_NAMES, isShippedLocale } from '@/modules/i18n/locales';
import { startDraftAction } from '@/modules/onboarding/actions';
import { listConsoleTenants, TENANT_STATUSES } from '@/modules/onboarding/console-queries';
import { listDrafts } from '@/modules/onboarding/drafts';
import { requirePlatformAdmin } from '@/modules/onboarding/platform-context';
import { PageHeading } from '@/modules/ui/page-heading';

/** The operator's list of marketplaces: status, plan, languages and size, with search and filters (GET form). */
export default async function ConsolePage({ params, searchParams }: PageProps<'/platform/[locale]/console'>) {
  const { locale } = await params;
  const ctx = await requirePlatformAdmin(locale, '/console');
  const { t } = ctx;
  const sp = await searchParams;
  const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v.slice(0, 100) : '');
  const filter = { q: one(sp.q), status: one(sp.status), plan: one(sp.plan) };
  const db = getDb();
  const [rows, drafts] = await Promise.all([
    listConsoleTenants(db, { q: filter.q, status: filter.status || undefined, plan: filter.plan || undefined }),
    listDrafts(db, ['requested', 'draft', 'provisioning', 'failed']),
  ]);
  const nf = new Intl.NumberFormat(locale);
  return (
    <>
      <PageHeading>{t('platformConsole.title')}</PageHeading>
      <form action={startDraftAction} className="mb-8">
        <button type="submit" className="cursor-pointer bg-ink px-5 py-2 text-lg font-bold text-white">
          {t('platformConsole.startOnboarding')}
        </button>
      </form>
      {drafts.length > 0 ? (
        <section aria-labelledby="drafts-heading" className="mb-10">
          <h2 id="drafts-heading" className="mb-2 text-2xl font-bold">
            {t('platformConsole.draftsHeading')}
          </h2>
          <ul className="list-disc ps-6">
            {drafts.map((d) => {
              const data = d.data as { authority?: { name?: string }; address?: { slug?: string } };
              const label = data.authority?.name ?? d.requesterEmail ?? t('platformConsole.untitledDraft');
              return (
                <li key={d.id}>
                  <a href={ctx.href(`/console/drafts/${d.id}`)}>{label}</a> — {t(`platformConsole.draftStatus.${d.status}`)}
                  {data.address?.slug ? ` (${data.address.slug})` : ''}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      <div role="search" aria-label={t('platformConsole.filterLabel')}>
        <form method="get" className="mb-6 flex flex-wrap items-end gap-4">
          <div>
            <label htmlFor="q" className="mb-1 block font-bold">
              {t('platformConsole.search')}
            </label>
            <input id="q" name="q" type="search" defaultValue={filter.q} className="border-2 border-ink p-2" />
          </div>
          <div>
            <label htmlFor="status" className="mb-1 block font-bold">
              {t('platformConsole.status')}
            </label>
            <select id="status" name="status" defaultValue={filter.status} className="border-2 border-ink p-2">
              <option value="">{t('platformConsole.any')}</option>
              {TENANT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`platformConsole.statuses.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="plan" className="mb-1 block font-bold">
              {t('platformConsole.plan')}
            </label>
            <select id="plan" name="plan" defaultValue={filter.plan} className="border-2 border-ink p-2">
              <option value="">{t('platformConsole.any')}</option>
              {PLANS.map((p) => (
                <option key={p.id} value={p.id}>
                  {t(`billing.plans.${p.id}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="cursor-pointer border-2 border-ink px-4 py-2 font-bold">
            {t('platformConsole.apply')}
          </button>
        </form>
      </div>
      {rows.length === 0 ? (
        <p>{t('platformConsole.noTenants')}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse" data-testid="tenants-table">
            <caption className="mb-2 text-start text-muted">{t('platformConsole.tableCaption', { total: rows.length })}</caption>
            <thead>
              <tr className="border-b-2 border-ink">
                <th scope="col" className="p-2 text-start">{t('platformConsole.marketplace')}</th>
                <th scope="col" className="p-2 text-start">{t('platformConsole.status')}</th>
                <th scope="col" className="p-2 text-start">{t('platformConsole.plan')}</th>
                <th scope="col" className="p-2 text-start">{t('platformConsole.languages')}</th>
                <th scope="col" className="p-2 text-end">{t('platformConsole.suppliers')}</th>
                <th scope="col" className="p-2 text-end">{t('platformConsole.services')}</th>
                <th scope="col" className="p-2 text-end">{t('platformConsole.frameworks')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const names = row.config.name as Record<string, string | undefined>;
                const name = names[locale] ?? names[row.config.defaultLocale] ?? row.slug;
                return (
                  <tr key={row.id} className="border-b border-rule">
                    <td className="p-2">
                      <a href={ctx.href(`/console/tenants/${row.slug}`)}>{name}</a>
                      <span className="block font-mono text-sm text-muted">{row.slug}</span>
                    </td>
                    <td className="p-2">{t(`platformConsole.statuses.${row.status}`)}</td>
                    <td className="p-2">{row.plan ? t(`billing.plans.${row.plan}`) : '—'}</td>
                    <td className="p-2">{row.config.locales.map((l) => (isShippedLocale(l.code) ? LOCALE_NATIVE_NAMES[l.code] : l.code)).join(', ')}</td>
                    <td className="p-2 text-end">{row.counts ? nf.format(row.counts.suppliers) : '—'}</td>
                    <td className="p-2 text-end">{row.counts ? nf.format(row.counts.services) : '—'}</td>
                    <td className="p-2 text-end">{row.counts ? nf.format(row.counts.frameworks) : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
