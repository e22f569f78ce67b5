import { redirect } from 'next/navigation';
import { withTenant } from '@/db/with-tenant';
import { supplierPageContext } from '@/modules/applications/page-context';
import { formatDate } from '@/modules/i18n/format';
import { StatusTag } from '@/modules/opportunities/components';
import { listSupplierOpportunities } from '@/modules/opportunities/queries';
import { tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { ActionForm } from '@/modules/ui/action-form';
import { PageHeading } from '@/modules/ui/page-heading';
import { opportunityAlertsAction } from '@/modules/opportunities/actions';
import { opportunityAlertsEnabled } from '@/modules/opportunities/notify';

export const generateMetadata = titleFromKey('opportunities.supplierTitle');

/** Live opportunities this supplier may respond to, and every response it has started. */
export default async function SupplierOpportunitiesPage({ params }: PageProps<'/[tenant]/[locale]/supplier/opportunities'>) {
  const { tenant: slug, locale } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant, fmt } = ctx;
  const { supplier, user } = await supplierPageContext(ctx);
  if (!supplier) redirect(ctx.href('/supplier/register'));
  const { list, alerts } = await withTenant(tenant, async (tx) => ({
    list: await listSupplierOpportunities(tx, supplier.id),
    alerts: await opportunityAlertsEnabled(tx, user.id),
  }));
  const responseState = (o: (typeof list)[number]) =>
    o.submittedAt ? t('opportunities.responseSubmittedState') : o.responseId ? t('opportunities.responseDraftState') : t('opportunities.responseNotStarted');
  return (
    <>
      <PageHeading>{t('opportunities.supplierTitle')}</PageHeading>
      <p className="mb-6 max-w-2xl">{t('opportunities.supplierIntro')}</p>
      {list.length === 0 ? (
        <p>{t('opportunities.supplierNone')}</p>
      ) : (
        <table className="w-full border-collapse" data-testid="supplier-opportunities">
          <caption className="mb-2 text-start text-muted">{t('opportunities.supplierCaption')}</caption>
          <thead>
            <tr className="border-b-2 border-ink">
              <th scope="col" className="p-2 text-start">{t('opportunities.titleLabel')}</th>
              <th scope="col" className="p-2 text-start">{t('opportunities.statusLabel')}</th>
              <th scope="col" className="p-2 text-start">{t('opportunities.closesOn')}</th>
              <th scope="col" className="p-2 text-start">{t('opportunities.yourResponse')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((o) => (
              <tr key={o.id} className="border-b border-rule">
                <td className="p-2"><a href={ctx.href(`/opportunities/${o.id}`)}>{o.title}</a></td>
                <td className="p-2"><StatusTag status={o.status} t={t} /></td>
                <td className="p-2">{o.closesAt ? formatDate(o.closesAt, fmt, 'dateTime') : '—'}</td>
                <td className="p-2">
                  {o.status === 'live' ? <a href={ctx.href(`/supplier/opportunities/${o.id}`)}>{responseState(o)}</a> : responseState(o)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section aria-labelledby="alerts" className="mt-10">
        <h2 id="alerts" className="mb-2 text-2xl font-bold">{t('opportunities.alertsHeading')}</h2>
        <p className="mb-4">{alerts ? t('opportunities.alertsCurrentlyOn') : t('opportunities.alertsCurrentlyOff')}</p>
        <ActionForm
          id="alerts-form"
          action={opportunityAlertsAction}
          fields={[
            {
              name: 'alerts',
              label: t('opportunities.alertsLabel'),
              type: 'radios',
              defaultValue: alerts ? 'on' : 'off',
              options: [
                { value: 'on', label: t('opportunities.alertsYes') },
                { value: 'off', label: t('opportunities.alertsNo') },
              ],
            },
          ]}
          submitLabel={t('opportunities.alertsSave')}
          errorSummaryTitle={t('errors.summaryTitle')}
        />
      </section>
    </>
  );
}
