import { withTenant } from '@/db/with-tenant';
import { buyerPageContext } from '@/modules/direct-award/page-context';
import { listFrameworks } from '@/modules/frameworks/queries';
import { localised } from '@/modules/i18n/localised';
import { createOpportunityAction } from '@/modules/opportunities/actions';
import { competitionLots } from '@/modules/opportunities/service';
import { pageNotFound, tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { ActionForm } from '@/modules/ui/action-form';
import { PageHeading } from '@/modules/ui/page-heading';

export const generateMetadata = titleFromKey('opportunities.create');

export default async function NewOpportunityPage({ params }: PageProps<'/[tenant]/[locale]/buyer/opportunities/new'>) {
  const { tenant: slug, locale } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant } = ctx;
  const { organisation } = await buyerPageContext(ctx);
  if (!organisation) pageNotFound(ctx);
  const fallback = tenant.config.defaultLocale;
  const frameworks = await withTenant(tenant, (tx) => listFrameworks(tx, tenant.config.timezone));
  const options = frameworks.flatMap((f) =>
    competitionLots(f).map((l) => ({ value: `${f.slug}:${l.slug}`, label: `${localised(l.name, locale, fallback)} (${localised(f.name, locale, fallback)})` })),
  );
  return (
    <>
      <p className="mb-2">
        <a href={ctx.href('/buyer/opportunities')}>{t('opportunities.buyerTitle')}</a>
      </p>
      <PageHeading>{t('opportunities.create')}</PageHeading>
      <p className="mb-6 max-w-2xl">{t('opportunities.createIntro')}</p>
      {options.length === 0 ? (
        <p className="border-s-4 border-brand p-4">{t('opportunities.noCompetitionLots')}</p>
      ) : (
        <ActionForm
          id="new-opportunity"
          action={createOpportunityAction}
          fields={[
            { name: 'placement', label: t('opportunities.chooseLotLabel'), type: 'radios', options },
            { name: 'title', label: t('opportunities.titleLabel'), hint: t('opportunities.titleHint'), type: 'text' },
          ]}
          submitLabel={t('opportunities.createSubmit')}
          errorSummaryTitle={t('errors.summaryTitle')}
        />
      )}
    </>
  );
}
