import { withTenant } from '@/db/with-tenant';
import { QUESTION_SETS, type QuestionSetName } from '@/modules/frameworks/definition-schema';
import { buildFormText, buildSectionModels } from '@/modules/frameworks/field-models';
import { GeneratedForm } from '@/modules/frameworks/generated-form';
import { findFrameworkBySlug } from '@/modules/frameworks/queries';
import { localised } from '@/modules/i18n/localised';
import { pageNotFound, requireTenantRole, tenantPageContext } from '@/modules/tenancy/context';
import { PageHeading } from '@/modules/ui/page-heading';

/** Every generated form, exactly as a supplier (or buyer) would see it, but inert. */
export default async function PreviewPage({ params, searchParams }: PageProps<'/[tenant]/[locale]/admin/frameworks/[framework]/preview/[set]'>) {
  const { tenant: slug, locale, framework: frameworkSlug, set } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant } = ctx;
  await requireTenantRole(ctx, ['tenant_admin', 'framework_manager', 'platform_admin']);
  if (!(QUESTION_SETS as readonly string[]).includes(set)) pageNotFound(ctx);
  const framework = await withTenant(tenant, (tx) => findFrameworkBySlug(tx, frameworkSlug, tenant.config.timezone));
  if (!framework) pageNotFound(ctx);
  const lotParam = (await searchParams).lot;
  const lot = framework.definition.lots.find((l) => l.slug === lotParam);
  const fallback = tenant.config.defaultLocale;
  const sections = framework.definition.questionSets[set as QuestionSetName];
  const models = buildSectionModels(sections, { lot: lot?.slug, locale, fallback, t });
  const wordLimits = models.flatMap((m) => m.fields.map((f) => f.maxWords ?? 0));
  return (
    <>
      <p className="mb-2">
        <a href={ctx.href(`/admin/frameworks/${framework.slug}`)}>{localised(framework.name, locale, fallback)}</a>
      </p>
      <PageHeading>
        {t('frameworks.previewOf', { set: t(`frameworks.sets.${set}`) })}
        {lot ? `: ${localised(lot.name, locale, fallback)}` : ''}
      </PageHeading>
      <p className="mb-8 border-s-4 border-brand bg-gray-100 p-4">{t('frameworks.previewNotice')}</p>
      <GeneratedForm sections={models} text={buildFormText(t, wordLimits)} initialAnswers={{}} disabled />
    </>
  );
}
