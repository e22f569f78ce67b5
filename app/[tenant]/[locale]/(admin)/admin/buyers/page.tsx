import { withTenant } from '@/db/with-tenant';
import { createOrganisationAction, decideAccessAction } from '@/modules/buyers/actions';
import { listOrganisations, listPendingRequests, ORGANISATION_TYPES } from '@/modules/buyers/service';
import { formatDate } from '@/modules/i18n/format';
import { requireTenantRole, tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { ActionForm } from '@/modules/ui/action-form';
import { PageHeading } from '@/modules/ui/page-heading';

export const generateMetadata = titleFromKey('buyers.title');

export default async function BuyerOrganisationsPage({ params }: PageProps<'/[tenant]/[locale]/admin/buyers'>) {
  const { tenant: slug, locale } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant, fmt } = ctx;
  await requireTenantRole(ctx, ['tenant_admin', 'platform_admin']);
  const { organisations, requests } = await withTenant(tenant, async (tx) => ({ organisations: await listOrganisations(tx), requests: await listPendingRequests(tx) }));
  return (
    <>
      <p className="mb-2">
        <a href={ctx.href('/admin')}>{t('admin.title')}</a>
      </p>
      <PageHeading>{t('buyers.title')}</PageHeading>
      {organisations.length === 0 ? (
        <p className="mb-8">{t('buyers.none')}</p>
      ) : (
        <table className="mb-10 w-full border-collapse" data-testid="organisations">
          <caption className="mb-2 text-start text-muted">{t('buyers.caption')}</caption>
          <thead>
            <tr className="border-b-2 border-ink">
              <th scope="col" className="p-2 text-start">{t('buyers.name')}</th>
              <th scope="col" className="p-2 text-start">{t('buyers.type')}</th>
              <th scope="col" className="p-2 text-start">{t('buyers.domains')}</th>
              <th scope="col" className="p-2 text-start">{t('buyers.members')}</th>
            </tr>
          </thead>
          <tbody>
            {organisations.map((o) => (
              <tr key={o.id} className="border-b border-rule">
                <td className="p-2">{o.name}</td>
                <td className="p-2">{t(`buyers.types.${o.organisationType}`)}</td>
                <td className="p-2">{o.emailDomains.join(', ') || '—'}</td>
                <td className="p-2">{o.members}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section aria-labelledby="requests" className="mb-10">
        <h2 id="requests" className="mb-2 text-2xl font-bold">{t('buyers.requestsHeading')}</h2>
        {requests.length === 0 ? <p>{t('buyers.noRequests')}</p> : null}
        {requests.map((r) => (
          <div key={r.id} className="mb-4 border border-rule p-4" data-testid="access-request">
            <p className="font-bold">
              {r.email} → {r.organisation}
            </p>
            <p className="mb-2 text-sm text-muted">{formatDate(r.createdAt, fmt, 'dateTime')}</p>
            <p className="mb-4 whitespace-pre-line">{r.reason}</p>
            <ActionForm
              id={`decide-${r.id}`}
              action={decideAccessAction}
              fields={[
                { name: 'request', label: '', type: 'hidden', defaultValue: r.id },
                { name: 'decision', label: t('buyers.decision'), type: 'radios', options: [{ value: 'approve', label: t('buyers.approve') }, { value: 'reject', label: t('buyers.reject') }] },
              ]}
              submitLabel={t('buyers.record')}
              errorSummaryTitle={t('errors.summaryTitle')}
            />
          </div>
        ))}
      </section>
      <section aria-labelledby="create" className="mb-10">
        <h2 id="create" className="mb-2 text-2xl font-bold">{t('buyers.createHeading')}</h2>
        <ActionForm
          id="create-organisation"
          action={createOrganisationAction}
          fields={[
            { name: 'name', label: t('buyers.name'), type: 'text' },
            { name: 'organisationType', label: t('buyers.type'), type: 'radios', options: ORGANISATION_TYPES.map((v) => ({ value: v, label: t(`buyers.types.${v}`) })) },
            { name: 'emailDomains', label: t('buyers.domains'), hint: t('buyers.domainsHint'), type: 'text', spellCheck: false },
          ]}
          submitLabel={t('buyers.create')}
          errorSummaryTitle={t('errors.summaryTitle')}
        />
      </section>
    </>
  );
}
