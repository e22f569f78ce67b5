import { redirect } from 'next/navigation';
import { z } from 'zod';
import { withTenant } from '@/db/with-tenant';
import { serviceTitle } from '@/modules/frameworks/definition-schema';
import { saveLiveServiceAction, saveServiceAction } from '@/modules/applications/actions';
import { supplierPageContext } from '@/modules/applications/page-context';
import { findApplication, findSupplierService } from '@/modules/applications/service';
import { buildFormText, buildSectionModels } from '@/modules/frameworks/field-models';
import { GeneratedForm } from '@/modules/frameworks/generated-form';
import { canChangeApplication } from '@/modules/frameworks/lifecycle';
import { findFrameworkBySlug } from '@/modules/frameworks/queries';
import { localised } from '@/modules/i18n/localised';
import { pageNotFound, tenantPageContext } from '@/modules/tenancy/context';
import { PageHeading } from '@/modules/ui/page-heading';

export default async function ServiceEditPage({ params }: PageProps<'/[tenant]/[locale]/supplier/frameworks/[framework]/services/[service]'>) {
  const { tenant: slug, locale, framework: frameworkSlug, service: serviceId } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant } = ctx;
  const { supplier } = await supplierPageContext(ctx);
  if (!supplier) redirect(ctx.href('/supplier/register'));
  if (!z.uuid().safeParse(serviceId).success) pageNotFound(ctx);
  const data = await withTenant(tenant, async (tx) => {
    const framework = await findFrameworkBySlug(tx, frameworkSlug, tenant.config.timezone);
    if (!framework) return null;
    // Only this supplier's own service: another supplier's id answers like a missing one.
    const service = await findSupplierService(tx, supplier.id, serviceId);
    const application = await findApplication(tx, supplier.id, framework.id);
    return service && service.frameworkId === framework.id ? { framework, service, application } : null;
  });
  if (!data) pageNotFound(ctx);
  const { framework, service, application } = data;
  const fallback = tenant.config.defaultLocale;
  const lot = framework.definition.lots.find((l) => l.slug === service.lot);
  const models = buildSectionModels(framework.definition.questionSets.services, { lot: service.lot, locale, fallback, t }).filter((m) => m.fields.length > 0);
  const liveEdit = service.status === 'published' && framework.status === 'live';
  const open =
    service.status !== 'published' &&
    canChangeApplication(framework.schedule, tenant.config.timezone, new Date(), application?.deadlineExtendedUntil) &&
    (!framework.statusOverride || framework.statusOverride === 'open');
  return (
    <>
      <p className="mb-2">
        <a href={ctx.href(`/supplier/frameworks/${framework.slug}`)}>{localised(framework.name, locale, fallback)}</a>
      </p>
      <PageHeading>{serviceTitle(framework.definition, service.answers) ?? t('applications.untitledService')}</PageHeading>
      <p className="mb-6 text-lg">
        {lot ? localised(lot.name, locale, fallback) : service.lot} · <strong>{t(`applications.serviceStatus.${service.status}`)}</strong>
      </p>
      {liveEdit ? (
        <>
          <p className="mb-6 border-s-4 border-brand bg-gray-100 p-4">
            {t(framework.definition.liveEditsNeedApproval ? 'liveEdits.introApproval' : 'liveEdits.intro')}
          </p>
          {service.pendingAnswers ? (
            <p role="status" className="mb-6 border-s-4 border-brand p-4">
              {t('liveEdits.pendingNotice')}
            </p>
          ) : null}
          <GeneratedForm
            sections={models}
            text={buildFormText(t, models.flatMap((m) => m.fields.map((f) => f.maxWords ?? 0)))}
            initialAnswers={service.pendingAnswers ?? service.answers}
            action={saveLiveServiceAction}
            hidden={{ framework: framework.slug, service: service.id }}
            submitLabel={t(framework.definition.liveEditsNeedApproval ? 'liveEdits.submitForApproval' : 'liveEdits.save')}
          />
        </>
      ) : (
      <>
      {!open ? <p className="mb-6 border-s-4 border-error p-4">{t('applications.closedNotice')}</p> : null}
      <GeneratedForm
        sections={models}
        text={buildFormText(t, models.flatMap((m) => m.fields.map((f) => f.maxWords ?? 0)))}
        initialAnswers={service.answers}
        action={saveServiceAction}
        hidden={{ framework: framework.slug, service: service.id }}
        submitLabel={t('applications.saveDraft')}
        extraSubmit={{ name: 'intent', value: 'complete', label: t('applications.markComplete') }}
        disabled={!open}
      />
      </>
      )}
    </>
  );
}
