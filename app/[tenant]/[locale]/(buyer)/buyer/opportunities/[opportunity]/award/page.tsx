import { redirect } from 'next/navigation';
import { and, eq } from 'drizzle-orm';
import { suppliers } from '@/db/schema/tenant';
import { opportunityResponses } from '@/db/schema/tenant-opportunities';
import { withTenant } from '@/db/with-tenant';
import { formatMoney } from '@/modules/i18n/format';
import { completeAwardAction } from '@/modules/opportunities/actions';
import { buyerOpportunityContext } from '@/modules/opportunities/page-context';
import { tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { ActionForm } from '@/modules/ui/action-form';
import { PageHeading } from '@/modules/ui/page-heading';

export const generateMetadata = titleFromKey('opportunities.awardTitle');

/** Award, step two: the contract details. Submitting awards the opportunity and creates the call-off contract. */
export default async function AwardPage({ params }: PageProps<'/[tenant]/[locale]/buyer/opportunities/[opportunity]/award'>) {
  const { tenant: slug, locale, opportunity: id } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant, fmt } = ctx;
  const { o } = await buyerOpportunityContext(ctx, id);
  if (o.status !== 'closed' || !o.pendingAwardResponseId) redirect(ctx.href(`/buyer/opportunities/${o.id}`));
  const [winner] = await withTenant(tenant, (tx) =>
    tx
      .select({ name: suppliers.legalName, price: opportunityResponses.price })
      .from(opportunityResponses)
      .innerJoin(suppliers, eq(suppliers.id, opportunityResponses.supplierId))
      .where(and(eq(opportunityResponses.id, o.pendingAwardResponseId!), eq(opportunityResponses.opportunityId, o.id))),
  );
  return (
    <>
      <p className="mb-2">
        <a href={ctx.href(`/buyer/opportunities/${o.id}/responses`)}>{t('opportunities.responsesTitle')}</a>
      </p>
      <PageHeading>{t('opportunities.awardTitle')}</PageHeading>
      <p className="mb-2 text-lg">{t('opportunities.awardTo', { supplier: winner?.name ?? '' })}</p>
      {winner?.price ? <p className="mb-6">{t('opportunities.quotedPrice', { price: formatMoney(Number(winner.price), fmt) })}</p> : null}
      <p className="mb-6 max-w-2xl">{t('opportunities.awardIntro', { currency: tenant.config.currency })}</p>
      <ActionForm
        id="award-form"
        action={completeAwardAction}
        fields={[
          { name: 'opportunity', label: '', type: 'hidden', defaultValue: o.id },
          { name: 'value', label: t('opportunities.contractValue', { currency: tenant.config.currency }), hint: t('opportunities.contractValueHint'), type: 'text' },
          { name: 'startDate', label: t('opportunities.startDate'), type: 'date' },
          { name: 'endDate', label: t('opportunities.endDate'), type: 'date' },
        ]}
        submitLabel={t('opportunities.confirmAward')}
        errorSummaryTitle={t('errors.summaryTitle')}
      />
    </>
  );
}
