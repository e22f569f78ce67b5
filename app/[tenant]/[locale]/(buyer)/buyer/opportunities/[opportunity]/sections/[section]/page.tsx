import { redirect } from 'next/navigation';
import { buildFormText, buildSectionModels } from '@/modules/frameworks/field-models';
import { GeneratedForm } from '@/modules/frameworks/generated-form';
import { saveOpportunitySectionAction } from '@/modules/opportunities/actions';
import { buyerOpportunityContext } from '@/modules/opportunities/page-context';
import { pageNotFound, tenantPageContext } from '@/modules/tenancy/context';
import { PageHeading } from '@/modules/ui/page-heading';

/** One section of the task list, generated from the framework's opportunity questions for this lot. */
export default async function OpportunitySectionPage({ params }: PageProps<'/[tenant]/[locale]/buyer/opportunities/[opportunity]/sections/[section]'>) {
  const { tenant: slug, locale, opportunity: id, section: sectionSlug } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t } = ctx;
  const { o, framework, fallback, L } = await buyerOpportunityContext(ctx, id);
  const section = framework.definition.questionSets.opportunity.find((s) => s.slug === sectionSlug);
  if (!section) pageNotFound(ctx);
  if (o.status !== 'draft') redirect(ctx.href(`/buyer/opportunities/${o.id}`));
  const models = buildSectionModels([section], { lot: o.lot, locale, fallback, t }).filter((m) => m.fields.length > 0);
  if (models.length === 0) pageNotFound(ctx);
  return (
    <>
      <p className="mb-2">
        <a href={ctx.href(`/buyer/opportunities/${o.id}`)}>{o.title}</a>
      </p>
      <PageHeading>{L(section.name)}</PageHeading>
      <GeneratedForm
        sections={models}
        text={buildFormText(t, models.flatMap((m) => m.fields.map((f) => f.maxWords ?? 0)))}
        initialAnswers={o.answers}
        action={saveOpportunitySectionAction}
        hidden={{ opportunity: o.id, section: section.slug, version: String(o.version) }}
        submitLabel={t('opportunities.saveAndReturn')}
      />
    </>
  );
}
