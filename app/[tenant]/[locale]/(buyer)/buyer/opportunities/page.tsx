import { withTenant } from '@/db/with-tenant';
import { buyerPageContext } from '@/modules/direct-award/page-context';
import { formatDate } from '@/modules/i18n/format';
import { StatusTag } from '@/modules/opportunities/components';
import { listOrganisationOpportunities } from '@/modules/opportunities/queries';
import { tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { PageHeading } from '@/modules/ui/page-heading';

export const generateMetadata = titleFromKey('opportunities.buyerTitle');

export default async function BuyerOpportunitiesPage({ params }: PageProps<'/[tenant]/[locale]/buyer/opportunities'>) {
  const { tenant: slug, locale } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant, fmt } = ctx;
  const { organisation } = await buyerPageContext(ctx);
  if (!organisation) {
    return (
      <>
        <PageHeading>{t('opportunities.buyerTitle')}</PageHeading>
        <p className="mb-4 max-w-2xl">{t('opportunities.noOrganisation')}</p>
        <a href={ctx.href('/buyer/join')}>{t('buyers.joinTitle')}</a>
      </>
    );
  }
  const list = await withTenant(tenant, (tx) => listOrganisationOpportunities(tx, organisation.id));
  return (
    <>
      <PageHeading>{t('opportunities.buyerTitle')}</PageHeading>
      <p className="mb-6 text-lg">{organisation.name}</p>
      <p className="mb-8">
        <a href={ctx.href('/buyer/opportunities/new')} className="inline-block bg-brand px-5 py-2 text-lg font-bold text-brand-text no-underline">
          {t('opportunities.create')}
        </a>
      </p>
      {list.length === 0 ? (
        <p>{t('opportunities.noneYet')}</p>
      ) : (
        <table className="w-full border-collapse" data-testid="buyer-opportunities">
          <caption className="mb-2 text-start text-muted">{t('opportunities.buyerCaption')}</caption>
          <thead>
            <tr className="border-b-2 border-ink">
              <th scope="col" className="p-2 text-start">{t('opportunities.titleLabel')}</th>
              <th scope="col" className="p-2 text-start">{t('opportunities.statusLabel')}</th>
              <th scope="col" className="p-2 text-start">{t('opportunities.closesOn')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((o) => (
              <tr key={o.id} className="border-b border-rule">
                <td className="p-2"><a href={ctx.href(`/buyer/opportunities/${o.id}`)}>{o.title}</a></td>
                <td className="p-2"><StatusTag status={o.status} t={t} /></td>
                <td className="p-2">{o.closesAt ? formatDate(o.closesAt, fmt) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
