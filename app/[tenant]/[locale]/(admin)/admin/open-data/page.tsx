import { headers } from 'next/headers';
import { withTenant } from '@/db/with-tenant';
import { formatDate, formatNumber } from '@/modules/i18n/format';
import { importOcdsAction, publishCurrentDataAction } from '@/modules/ocds/actions';
import { OcdsImportForm } from '@/modules/ocds/import-form';
import { openDataSummary, validateCurrentPackage } from '@/modules/ocds/packages';
import { requireTenantRole, tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { PageHeading } from '@/modules/ui/page-heading';
import { TENANT_HEADERS } from '@/tenants/request-headers';

export const generateMetadata = titleFromKey('ocds.admin.title');

export default async function OpenDataAdminPage({ params, searchParams }: PageProps<'/[tenant]/[locale]/admin/open-data'>) {
  const { tenant: slug, locale } = await params;
  const publishedNow = (await searchParams).published;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant, fmt } = ctx;
  await requireTenantRole(ctx, ['tenant_admin', 'platform_admin']);
  const h = await headers();
  const origin = `${h.get('x-forwarded-proto') === 'https' ? 'https' : 'http'}://${h.get(TENANT_HEADERS.host) ?? 'localhost'}`;
  const { summary, validation } = await withTenant(tenant, async (tx) => ({
    summary: await openDataSummary(tx, tenant),
    validation: await validateCurrentPackage(tx, { tenant, origin, basePath: ctx.basePath }),
  }));
  const api = `${ctx.basePath}/api/ocds`;
  return (
    <>
      <p className="mb-2">
        <a href={ctx.href('/admin')}>{t('admin.title')}</a>
      </p>
      <PageHeading>{t('ocds.admin.title')}</PageHeading>
      <p className="mb-6 max-w-3xl">{t('ocds.admin.intro')}</p>

      <section aria-labelledby="ocds-prefix" className="mb-10">
        <h2 id="ocds-prefix" className="mb-2 text-2xl font-bold">{t('ocds.admin.prefixHeading')}</h2>
        {summary.prefix ? (
          <div data-testid="ocds-prefix-status">
            <p className="mb-2">
              {t('ocds.admin.publishingWith')} <code dir="ltr" className="font-mono">{summary.prefix}</code>
            </p>
            {typeof publishedNow === 'string' && /^\d+$/.test(publishedNow) ? (
              <p role="status" className="mb-2 border-s-4 border-brand ps-4" data-testid="ocds-published-now">
                {t('ocds.admin.publishedNow', { n: publishedNow })}
              </p>
            ) : null}
            {summary.testPrefix ? (
              <p className="border-s-4 border-error ps-4 font-bold" data-testid="ocds-test-prefix">
                {t('ocds.admin.testPrefix')}
              </p>
            ) : null}
            <form action={publishCurrentDataAction} className="mt-4">
              <p className="mb-2 text-muted">{t('ocds.admin.publishHint')}</p>
              <button type="submit" className="cursor-pointer border-2 border-brand px-4 py-2 font-bold">
                {t('ocds.admin.publishNow')}
              </button>
            </form>
          </div>
        ) : (
          <p className="border-s-4 border-error ps-4 font-bold" data-testid="ocds-prefix-status">
            {t('ocds.admin.noPrefix')}
          </p>
        )}
      </section>

      <section aria-labelledby="ocds-counts" className="mb-10">
        <h2 id="ocds-counts" className="mb-2 text-2xl font-bold">{t('ocds.admin.countsHeading')}</h2>
        <dl className="mb-4 grid max-w-2xl grid-cols-[max-content_1fr] gap-x-6 gap-y-2" data-testid="ocds-counts">
          <dt className="font-bold">{t('ocds.admin.releases')}</dt>
          <dd>{formatNumber(summary.releases, fmt)}</dd>
          <dt className="font-bold">{t('ocds.admin.processes')}</dt>
          <dd>{formatNumber(summary.processes, fmt)}</dd>
          <dt className="font-bold">{t('ocds.admin.lastPublished')}</dt>
          <dd>{summary.latest ? formatDate(summary.latest, fmt, 'dateTime') : t('ocds.admin.never')}</dd>
        </dl>
        {Object.keys(summary.byTag).length > 0 ? (
          <table className="mb-4 border-collapse">
            <caption className="mb-2 text-start text-muted">{t('ocds.admin.byTagCaption')}</caption>
            <thead>
              <tr className="border-b-2 border-ink">
                <th scope="col" className="p-2 text-start">{t('ocds.admin.tag')}</th>
                <th scope="col" className="p-2 text-end">{t('ocds.admin.count')}</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(summary.byTag).map(([tag, n]) => (
                <tr key={tag} className="border-b border-rule">
                  <td className="p-2 font-mono text-sm" dir="ltr">{tag}</td>
                  <td className="p-2 text-end">{formatNumber(n, fmt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>

      <section aria-labelledby="ocds-validation" className="mb-10">
        <h2 id="ocds-validation" className="mb-2 text-2xl font-bold">{t('ocds.admin.validationHeading')}</h2>
        {validation.checked === 0 ? (
          <p data-testid="ocds-validation">{t('ocds.admin.nothingPublished')}</p>
        ) : validation.issues.length === 0 ? (
          <p className="font-bold" data-testid="ocds-validation">
            {t('ocds.admin.valid', { count: validation.checked })}
          </p>
        ) : (
          <div data-testid="ocds-validation">
            <p className="mb-2 font-bold text-error">{t('ocds.admin.invalid', { count: validation.issues.length })}</p>
            <ul className="list-disc ps-6">
              {validation.issues.slice(0, 20).map((issue, i) => (
                <li key={`${issue.path}-${i}`} dir="ltr">
                  <code className="font-mono text-sm">{issue.path}</code> {issue.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        {validation.capped ? <p className="mt-2 text-muted">{t('ocds.admin.capped', { n: validation.checked })}</p> : null}
      </section>

      <section aria-labelledby="ocds-feeds" className="mb-10">
        <h2 id="ocds-feeds" className="mb-2 text-2xl font-bold">{t('ocds.admin.feedsHeading')}</h2>
        <ul className="list-disc ps-6">
          <li>
            <a href={`${api}/releases`}>{t('ocds.feeds.releases')}</a>
          </li>
          <li>
            <a href={`${api}/releases.jsonl`}>{t('ocds.feeds.bulk')}</a>
          </li>
          <li>
            <a href={ctx.href('/open-data/ocds')}>{t('ocds.feeds.policy')}</a>
          </li>
        </ul>
      </section>

      <section aria-labelledby="ocds-import" className="mb-10">
        <h2 id="ocds-import" className="mb-2 text-2xl font-bold">{t('ocds.import.heading')}</h2>
        <p className="mb-4 max-w-3xl">{t('ocds.import.intro')}</p>
        <OcdsImportForm
          action={importOcdsAction}
          labels={{
            file: t('ocds.import.file'),
            hint: t('ocds.import.hint'),
            submit: t('ocds.import.submit'),
            summaryTitle: t('errors.summaryTitle'),
            importedTitle: t('ocds.import.importedTitle'),
            path: t('ocds.import.path'),
          }}
        />
      </section>
    </>
  );
}
