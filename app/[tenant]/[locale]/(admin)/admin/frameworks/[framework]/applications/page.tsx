import { withTenant } from '@/db/with-tenant';
import { listApplications } from '@/modules/applications/assessment';
import { countersignAction, decideAction, extendDeadlineAction, publishServicesAction, runAssessmentAction } from '@/modules/applications/assessment-actions';
import { findFrameworkBySlug } from '@/modules/frameworks/queries';
import { StatusTag } from '@/modules/frameworks/timeline';
import { formatDate } from '@/modules/i18n/format';
import { localised } from '@/modules/i18n/localised';
import { pageNotFound, requireTenantRole, tenantPageContext } from '@/modules/tenancy/context';
import { ActionForm } from '@/modules/ui/action-form';
import { PageHeading } from '@/modules/ui/page-heading';

/** Assessment: automatic results, the discretionary queue, agreements to countersign, publication. */
export default async function ApplicationsPage({ params }: PageProps<'/[tenant]/[locale]/admin/frameworks/[framework]/applications'>) {
  const { tenant: slug, locale, framework: frameworkSlug } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant, fmt } = ctx;
  const { roles } = await requireTenantRole(ctx, ['tenant_admin', 'framework_manager', 'evaluator', 'platform_admin']);
  const canManage = roles.some((r) => r === 'tenant_admin' || r === 'framework_manager' || r === 'platform_admin');
  const data = await withTenant(tenant, async (tx) => {
    const framework = await findFrameworkBySlug(tx, frameworkSlug, tenant.config.timezone);
    return framework ? { framework, rows: await listApplications(tx, framework) } : null;
  });
  if (!data) pageNotFound(ctx);
  const { framework, rows } = data;
  const fallback = tenant.config.defaultLocale;
  const discretionary = rows.filter((r) => r.result === 'discretionary');
  const hidden = { name: 'framework', label: '', type: 'hidden' as const, defaultValue: framework.slug };
  return (
    <>
      <p className="mb-2">
        <a href={ctx.href(`/admin/frameworks/${framework.slug}`)}>{localised(framework.name, locale, fallback)}</a>
      </p>
      <PageHeading>{t('assessment.title')}</PageHeading>
      <p className="mb-6">
        <StatusTag status={framework.status} t={t} />
      </p>
      {rows.length === 0 ? (
        <p className="mb-8">{t('assessment.none')}</p>
      ) : (
        <div className="mb-8 overflow-x-auto">
          <table className="w-full border-collapse" data-testid="applications">
            <caption className="mb-2 text-start text-muted">{t('assessment.caption', { count: rows.length })}</caption>
            <thead>
              <tr className="border-b-2 border-ink">
                <th scope="col" className="p-2 text-start">{t('assessment.supplier')}</th>
                <th scope="col" className="p-2 text-start">{t('assessment.submitted')}</th>
                <th scope="col" className="p-2 text-start">{t('assessment.automatic')}</th>
                <th scope="col" className="p-2 text-start">{t('assessment.result')}</th>
                <th scope="col" className="p-2 text-start">{t('assessment.agreement')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.supplierId} className="border-b border-rule align-top">
                  <td className="p-2">
                    {r.legalName}
                    <br />
                    <span className="text-sm text-muted">{t(`sizes.${r.organisationSize}`)}</span>
                  </td>
                  <td className="p-2">{r.submitted ? t('forms.yes') : t('forms.no')}</td>
                  <td className="p-2">{t(`assessment.results.${r.automatic.result}`)}</td>
                  <td className="p-2">{r.result ? t(`assessment.results.${r.result}`) : '—'}</td>
                  <td className="p-2">
                    {r.agreementCountersignedAt
                      ? t('assessment.countersignedOn', { date: formatDate(r.agreementCountersignedAt, fmt) })
                      : r.agreementSignedAt
                        ? t('assessment.signedBy', { name: r.agreementSignerName ?? '', role: r.agreementSignerRole ?? '' })
                        : '—'}
                    {canManage && r.agreementSignedAt && !r.agreementCountersignedAt ? (
                      <div className="mt-2">
                        <ActionForm
                          id={`countersign-${r.supplierId}`}
                          action={countersignAction}
                          fields={[hidden, { name: 'supplier', label: '', type: 'hidden', defaultValue: r.supplierId }]}
                          submitLabel={t('assessment.countersign')}
                          errorSummaryTitle={t('errors.summaryTitle')}
                        />
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="mb-8">
        <a href={`${ctx.basePath}/api/frameworks/${framework.slug}/applications.csv`} download>
          {t('assessment.downloadCsv')}
        </a>
      </p>
      {canManage ? (
        <section aria-labelledby="run" className="mb-10">
          <h2 id="run" className="mb-2 text-2xl font-bold">{t('assessment.runHeading')}</h2>
          <p className="mb-4 max-w-2xl">{t('assessment.runIntro')}</p>
          <ActionForm id="run-assessment" action={runAssessmentAction} fields={[hidden]} submitLabel={t('assessment.run')} errorSummaryTitle={t('errors.summaryTitle')} />
        </section>
      ) : null}
      <section aria-labelledby="queue" className="mb-10">
        <h2 id="queue" className="mb-2 text-2xl font-bold">{t('assessment.queueHeading')}</h2>
        {discretionary.length === 0 ? <p>{t('assessment.queueEmpty')}</p> : null}
        {discretionary.map((r) => (
          <div key={r.supplierId} className="mb-6 border border-rule p-4">
            <h3 className="mb-2 text-lg font-bold">{r.legalName}</h3>
            <p className="mb-4">{t('assessment.needsDecision', { questions: r.automatic.needsDecision.join(', ') })}</p>
            <ActionForm
              id={`decide-${r.supplierId}`}
              action={decideAction}
              fields={[
                hidden,
                { name: 'supplier', label: '', type: 'hidden', defaultValue: r.supplierId },
                { name: 'result', label: t('assessment.decision'), type: 'radios', options: [{ value: 'pass', label: t('assessment.results.pass') }, { value: 'fail', label: t('assessment.results.fail') }] },
                { name: 'reason', label: t('assessment.reason'), hint: t('assessment.reasonHint'), type: 'textarea', rows: 3 },
              ]}
              submitLabel={t('assessment.decide')}
              errorSummaryTitle={t('errors.summaryTitle')}
            />
          </div>
        ))}
      </section>
      {canManage && rows.length > 0 ? (
        <section aria-labelledby="extend" className="mb-10">
          <h2 id="extend" className="mb-2 text-2xl font-bold">{t('assessment.extendHeading')}</h2>
          <p className="mb-4 max-w-2xl">{t('assessment.extendIntro', { timezone: tenant.config.timezone })}</p>
          <ActionForm
            id="extend-deadline"
            action={extendDeadlineAction}
            fields={[
              hidden,
              { name: 'supplier', label: t('assessment.supplier'), type: 'select', options: [{ value: '', label: t('assessment.chooseSupplier') }, ...rows.map((r) => ({ value: r.supplierId, label: r.legalName }))] },
              { name: 'date', label: t('assessment.extensionDate'), type: 'date' },
              { name: 'time', label: t('assessment.extensionTime'), type: 'time', defaultValue: framework.schedule.deadlineTime },
              { name: 'reason', label: t('assessment.reason'), hint: t('assessment.reasonHint'), type: 'textarea', rows: 3 },
            ]}
            submitLabel={t('assessment.extend')}
            errorSummaryTitle={t('errors.summaryTitle')}
          />
        </section>
      ) : null}
      {canManage && framework.status === 'live' ? (
        <section aria-labelledby="publish" className="mb-10">
          <h2 id="publish" className="mb-2 text-2xl font-bold">{t('assessment.publishHeading')}</h2>
          <p className="mb-4 max-w-2xl">{t('assessment.publishIntro')}</p>
          <ActionForm id="publish" action={publishServicesAction} fields={[hidden]} submitLabel={t('assessment.publish')} errorSummaryTitle={t('errors.summaryTitle')} />
        </section>
      ) : null}
    </>
  );
}
