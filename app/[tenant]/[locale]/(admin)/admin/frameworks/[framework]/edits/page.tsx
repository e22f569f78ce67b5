import { withTenant } from '@/db/with-tenant';
import { decideLiveEditAction } from '@/modules/applications/live-edit-actions';
import { diffAnswers, listPendingEdits } from '@/modules/applications/live-edits';
import { applicableQuestions } from '@/modules/frameworks/answer-validation';
import { AnswerValue } from '@/modules/frameworks/answer-display';
import { serviceTitle } from '@/modules/frameworks/definition-schema';
import { findFrameworkBySlug } from '@/modules/frameworks/queries';
import { localised } from '@/modules/i18n/localised';
import { pageNotFound, requireTenantRole, tenantPageContext } from '@/modules/tenancy/context';
import { ActionForm } from '@/modules/ui/action-form';
import { PageHeading } from '@/modules/ui/page-heading';

/** Edits to live services waiting for approval, each shown as a difference: before and after. */
export default async function LiveEditsPage({ params }: PageProps<'/[tenant]/[locale]/admin/frameworks/[framework]/edits'>) {
  const { tenant: slug, locale, framework: frameworkSlug } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant, fmt } = ctx;
  await requireTenantRole(ctx, ['tenant_admin', 'framework_manager', 'platform_admin']);
  const data = await withTenant(tenant, async (tx) => {
    const framework = await findFrameworkBySlug(tx, frameworkSlug, tenant.config.timezone);
    return framework ? { framework, pending: await listPendingEdits(tx, framework.id) } : null;
  });
  if (!data) pageNotFound(ctx);
  const { framework, pending } = data;
  const fallback = tenant.config.defaultLocale;
  const def = framework.definition;
  return (
    <>
      <p className="mb-2">
        <a href={ctx.href(`/admin/frameworks/${framework.slug}`)}>{localised(framework.name, locale, fallback)}</a>
      </p>
      <PageHeading>{t('liveEdits.adminTitle')}</PageHeading>
      {pending.length === 0 ? <p>{t('liveEdits.nonePending')}</p> : null}
      {pending.map(({ service, supplier }) => {
        const questions = applicableQuestions(def, 'services', service.lot);
        const changes = diffAnswers(def, service.lot, service.answers, service.pendingAnswers ?? {});
        return (
          <section key={service.id} aria-labelledby={`edit-${service.id}`} className="mb-10 border border-rule p-4" data-testid="pending-edit">
            <h2 id={`edit-${service.id}`} className="mb-1 text-xl font-bold">
              {serviceTitle(def, service.answers) ?? t('applications.untitledService')}
            </h2>
            <p className="mb-4 text-muted">{supplier.legalName}</p>
            <table className="mb-4 w-full border-collapse">
              <caption className="mb-2 text-start text-muted">{t('liveEdits.diffCaption', { count: changes.length })}</caption>
              <thead>
                <tr className="border-b-2 border-ink">
                  <th scope="col" className="p-2 text-start">{t('liveEdits.question')}</th>
                  <th scope="col" className="p-2 text-start">{t('liveEdits.before')}</th>
                  <th scope="col" className="p-2 text-start">{t('liveEdits.after')}</th>
                </tr>
              </thead>
              <tbody>
                {changes.map((c) => {
                  const q = questions.find((x) => x.id === c.questionId)!;
                  return (
                    <tr key={c.questionId} className="border-b border-rule align-top">
                      <th scope="row" className="p-2 text-start font-normal">{localised(q.label, locale, fallback)}</th>
                      <td className="bg-red-50 p-2">
                        <del>
                          <AnswerValue question={q} value={c.before} t={t} locale={locale} fallback={fallback} fmt={fmt} basePath={ctx.basePath} />
                        </del>
                      </td>
                      <td className="bg-green-50 p-2">
                        <ins>
                          <AnswerValue question={q} value={c.after} t={t} locale={locale} fallback={fallback} fmt={fmt} basePath={ctx.basePath} />
                        </ins>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <ActionForm
              id={`decide-edit-${service.id}`}
              action={decideLiveEditAction}
              fields={[
                { name: 'framework', label: '', type: 'hidden', defaultValue: framework.slug },
                { name: 'service', label: '', type: 'hidden', defaultValue: service.id },
                { name: 'decision', label: t('liveEdits.decision'), type: 'radios', options: [{ value: 'approve', label: t('liveEdits.approve') }, { value: 'reject', label: t('liveEdits.reject') }] },
              ]}
              submitLabel={t('liveEdits.record')}
              errorSummaryTitle={t('errors.summaryTitle')}
            />
          </section>
        );
      })}
    </>
  );
}
