import { redirect } from 'next/navigation';
import { withTenant } from '@/db/with-tenant';
import { joinByDomainAction, requestAccessAction } from '@/modules/buyers/actions';
import { listOrganisations, organisationForEmail } from '@/modules/buyers/service';
import { findBuyerOrganisation } from '@/modules/direct-award/service';
import { requireTenantRole, tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { ActionForm } from '@/modules/ui/action-form';
import { PageHeading } from '@/modules/ui/page-heading';

export const generateMetadata = titleFromKey('buyers.joinTitle');

/** Become a buyer: at once when the email domain belongs to an organisation, else by asking. */
export default async function JoinBuyerPage({ params }: PageProps<'/[tenant]/[locale]/buyer/join'>) {
  const { tenant: slug, locale } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant } = ctx;
  const { user } = await requireTenantRole(ctx, []);
  const { member, match, organisations } = await withTenant(tenant, async (tx) => ({
    member: await findBuyerOrganisation(tx, user.id),
    match: await organisationForEmail(tx, user.email),
    organisations: await listOrganisations(tx),
  }));
  if (member) redirect(ctx.href('/buyer/projects'));
  return (
    <>
      <PageHeading>{t('buyers.joinTitle')}</PageHeading>
      {match ? (
        <form action={joinByDomainAction} className="mb-10">
          <p className="mb-4 max-w-2xl text-lg">{t('buyers.domainMatch', { organisation: match.name })}</p>
          <button type="submit" className="cursor-pointer bg-brand px-5 py-2 text-lg font-bold text-brand-text">
            {t('buyers.join', { organisation: match.name })}
          </button>
        </form>
      ) : (
        <>
          <p className="mb-6 max-w-2xl">{t('buyers.requestIntro')}</p>
          <ActionForm
            id="request-access"
            action={requestAccessAction}
            fields={[
              { name: 'organisation', label: t('buyers.organisation'), type: 'select', options: [{ value: '', label: t('buyers.chooseOrganisation') }, ...organisations.map((o) => ({ value: o.id, label: o.name }))] },
              { name: 'reason', label: t('buyers.reason'), hint: t('buyers.reasonHint'), type: 'textarea', rows: 3 },
            ]}
            submitLabel={t('buyers.requestSubmit')}
            errorSummaryTitle={t('errors.summaryTitle')}
          />
        </>
      )}
    </>
  );
}
