import { withTenant } from '@/db/with-tenant';
import { deleteAlertAction } from '@/modules/catalogue/alert-actions';
import { listAlerts } from '@/modules/catalogue/alerts';
import { formatDate } from '@/modules/i18n/format';
import { requireTenantRole, tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { PageHeading } from '@/modules/ui/page-heading';

export const generateMetadata = titleFromKey('alerts.title');

/** The person's saved searches with email digests; each can be opened or removed. */
export default async function AlertsPage({ params, searchParams }: PageProps<'/[tenant]/[locale]/alerts'>) {
  const { tenant: slug, locale } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant, fmt } = ctx;
  const { user } = await requireTenantRole(ctx, []);
  const alerts = await withTenant(tenant, (tx) => listAlerts(tx, user.id));
  const deleted = (await searchParams).deleted === '1';
  return (
    <>
      <PageHeading>{t('alerts.title')}</PageHeading>
      {deleted ? <p role="status" className="mb-6 border-s-4 border-brand bg-gray-100 p-4">{t('alerts.deleted')}</p> : null}
      <p className="mb-6 max-w-2xl">{t('alerts.intro')}</p>
      {alerts.length === 0 ? (
        <p>{t('alerts.none')}</p>
      ) : (
        <ul className="divide-y divide-rule border-y border-rule" data-testid="alerts">
          {alerts.map((alert) => {
            const q = new URLSearchParams(alert.searchQuery).get('q');
            return (
              <li key={alert.id} className="flex flex-wrap items-center justify-between gap-4 py-2">
                <span>
                  <a href={`${ctx.href('/catalogue')}${alert.searchQuery ? `?${alert.searchQuery}` : ''}`}>{q ? `“${q}”` : t('alerts.allServices')}</a>{' '}
                  <span className="text-sm text-muted">{t('alerts.since', { date: formatDate(alert.createdAt, fmt) })}</span>
                </span>
                <form action={deleteAlertAction}>
                  <input type="hidden" name="alert" value={alert.id} />
                  <button type="submit" className="cursor-pointer underline">
                    {t('alerts.delete')}
                  </button>
                </form>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
