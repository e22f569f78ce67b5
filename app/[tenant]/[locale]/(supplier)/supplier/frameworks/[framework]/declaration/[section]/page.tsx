import { redirect } from 'next/navigation';
import { withTenant } from '@/db/with-tenant';
import { prefillSectionAction, saveDeclarationAction } from '@/modules/applications/actions';
import { previousDeclarationAnswers } from '@/modules/applications/team';
import { supplierPageContext } from '@/modules/applications/page-context';
import { findApplication } from '@/modules/applications/service';
import { buildFormText, buildSectionModels } from '@/modules/frameworks/field-models';
import { GeneratedForm } from '@/modules/frameworks/generated-form';
import { canChangeApplication } from '@/modules/frameworks/lifecycle';
import { findFrameworkBySlug } from '@/modules/frameworks/queries';
import { localised } from '@/modules/i18n/localised';
import { pageNotFound, tenantPageContext } from '@/modules/tenancy/context';
import { PageHeading } from '@/modules/ui/page-heading';

export default async function DeclarationSectionPage({ params, searchParams }: PageProps<'/[tenant]/[locale]/supplier/frameworks/[framework]/declaration/[section]'>) {
  const { tenant: slug, locale, framework: frameworkSlug, section: sectionSlug } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant } = ctx;
  const { supplier } = await supplierPageContext(ctx);
  if (!supplier) redirect(ctx.href('/supplier/register'));
  const data = await withTenant(tenant, async (tx) => {
    const framework = await findFrameworkBySlug(tx, frameworkSlug, tenant.config.timezone);
    if (!framework) return null;
    const application = await findApplication(tx, supplier.id, framework.id);
    const section = framework.definition.questionSets.declaration.find((s) => s.slug === sectionSlug);
    const previous = section?.prefill ? await previousDeclarationAnswers(tx, supplier.id, framework.id, section) : null;
    return { framework, application, previous };
  });
  if (!data?.application) pageNotFound(ctx);
  const { framework, application, previous } = data;
  const prefilled = (await searchParams).prefilled === '1';
  const section = framework.definition.questionSets.declaration.find((s) => s.slug === sectionSlug);
  if (!section) pageNotFound(ctx);
  const fallback = tenant.config.defaultLocale;
  const models = buildSectionModels([section], { locale, fallback, t });
  const open = canChangeApplication(framework.schedule, tenant.config.timezone, new Date(), application.deadlineExtendedUntil) && (!framework.statusOverride || framework.statusOverride === 'open');
  return (
    <>
      <p className="mb-2">
        <a href={ctx.href(`/supplier/frameworks/${framework.slug}`)}>{localised(framework.name, locale, fallback)}</a>
      </p>
      <PageHeading>{localised(section.name, locale, fallback)}</PageHeading>
      {!open ? <p className="mb-6 border-s-4 border-error p-4">{t('applications.closedNotice')}</p> : null}
      {prefilled ? (
        <p role="status" className="mb-6 border-s-4 border-brand bg-gray-100 p-4">
          {t('applications.prefilledNotice')}
        </p>
      ) : null}
      {open && previous ? (
        <form action={prefillSectionAction} className="mb-8 border border-rule p-4">
          <input type="hidden" name="framework" value={framework.slug} />
          <input type="hidden" name="section" value={section.slug} />
          <p className="mb-3">{t('applications.prefillIntro')}</p>
          <button type="submit" className="cursor-pointer border-2 border-brand px-4 py-2 font-bold">
            {t('applications.prefill')}
          </button>
        </form>
      ) : null}
      <GeneratedForm
        sections={models}
        text={buildFormText(t, models.flatMap((m) => m.fields.map((f) => f.maxWords ?? 0)))}
        initialAnswers={application.declaration}
        action={saveDeclarationAction}
        hidden={{ framework: framework.slug, section: section.slug }}
        submitLabel={t('applications.saveSection')}
        disabled={!open}
      />
    </>
  );
}
