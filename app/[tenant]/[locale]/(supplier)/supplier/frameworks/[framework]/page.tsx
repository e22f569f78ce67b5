import { withTenant } from '@/db/with-tenant';
import { serviceTitle } from '@/modules/frameworks/definition-schema';
import { addServiceAction, startApplicationAction, submitApplicationAction } from '@/modules/applications/actions';
import { signAgreementAction } from '@/modules/applications/assessment-actions';
import { askClarificationAction } from '@/modules/frameworks/clarification-actions';
import { clarificationsOpen } from '@/modules/frameworks/clarifications';
import { supplierPageContext } from '@/modules/applications/page-context';
import { declarationProgress, findApplication, listApplicationServices } from '@/modules/applications/service';
import { canChangeApplication, supplierDeadline } from '@/modules/frameworks/lifecycle';
import { findFrameworkBySlug } from '@/modules/frameworks/queries';
import { StatusTag } from '@/modules/frameworks/timeline';
import { formatDate } from '@/modules/i18n/format';
import { localised } from '@/modules/i18n/localised';
import { pageNotFound, tenantPageContext } from '@/modules/tenancy/context';
import { ActionForm } from '@/modules/ui/action-form';
import { PageHeading } from '@/modules/ui/page-heading';
import { redirect } from 'next/navigation';

/** The supplier's task list for one framework: declaration sections, services per lot, submission. */
export default async function ApplicationPage({ params, searchParams }: PageProps<'/[tenant]/[locale]/supplier/frameworks/[framework]'>) {
  const { tenant: slug, locale, framework: frameworkSlug } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant, fmt } = ctx;
  const { supplier } = await supplierPageContext(ctx);
  if (!supplier) redirect(ctx.href('/supplier/register'));
  const data = await withTenant(tenant, async (tx) => {
    const framework = await findFrameworkBySlug(tx, frameworkSlug, tenant.config.timezone);
    if (!framework) return null;
    const application = await findApplication(tx, supplier.id, framework.id);
    const serviceList = application ? await listApplicationServices(tx, supplier.id, framework.id) : [];
    return { framework, application, serviceList };
  });
  if (!data) pageNotFound(ctx);
  const { framework, application, serviceList } = data;
  const query = await searchParams;
  const fallback = tenant.config.defaultLocale;
  const open = framework.statusOverride ? framework.statusOverride === 'open' : canChangeApplication(framework.schedule, tenant.config.timezone, new Date(), application?.deadlineExtendedUntil);
  const deadline = supplierDeadline(framework.schedule, tenant.config.timezone, application?.deadlineExtendedUntil);
  const progress = application ? declarationProgress(framework, application.declaration) : {};
  const name = localised(framework.name, locale, fallback);
  return (
    <>
      <p className="mb-2">
        <a href={ctx.href('/supplier')}>{supplier.legalName}</a>
      </p>
      <PageHeading>{name}</PageHeading>
      {query.submitted === '1' ? (
        <p role="status" className="mb-6 border-s-4 border-brand bg-gray-100 p-4">
          {t('applications.submittedNotice')}
        </p>
      ) : null}
      <p className="mb-2">
        <StatusTag status={framework.status} t={t} />
      </p>
      <p className="mb-8 text-lg">
        {open ? t('applications.deadline', { date: formatDate(deadline, fmt, 'dateTime') }) : t('applications.closedNotice')}
      </p>
      {application?.result && application.result !== 'discretionary' ? (
        <section aria-labelledby="result" className="mb-8 border-4 border-brand p-4" data-testid="application-result">
          <h2 id="result" className="mb-2 text-2xl font-bold">{t(`assessment.supplierResult.${application.result}`)}</h2>
          {application.result === 'pass' && !application.agreementSignedAt ? (
            <>
              <p className="mb-4 max-w-2xl">{t('assessment.signIntro', { version: framework.definitionVersion })}</p>
              <ActionForm
                id="sign-agreement"
                action={signAgreementAction}
                fields={[
                  { name: 'framework', label: '', type: 'hidden', defaultValue: framework.slug },
                  { name: 'signerName', label: t('assessment.signerName'), type: 'text', autoComplete: 'name' },
                  { name: 'signerRole', label: t('assessment.signerRole'), type: 'text', autoComplete: 'organization-title' },
                  { name: 'authority', label: t('assessment.authority'), type: 'radios', options: [{ value: 'yes', label: t('assessment.authorityYes') }] },
                ]}
                submitLabel={t('assessment.sign')}
                errorSummaryTitle={t('errors.summaryTitle')}
              />
            </>
          ) : null}
          {application.agreementSignedAt ? (
            <p>
              {t('assessment.signedOn', { name: application.agreementSignerName ?? '', date: formatDate(application.agreementSignedAt, fmt, 'dateTime') })}{' '}
              {application.agreementCountersignedAt ? t('assessment.countersignedOn', { date: formatDate(application.agreementCountersignedAt, fmt) }) : t('assessment.awaitingCountersignature')}
            </p>
          ) : null}
        </section>
      ) : null}
      {clarificationsOpen(framework, tenant.config.timezone) ? (
        <details className="mb-8 border border-rule p-4">
          <summary className="cursor-pointer font-bold">{t('clarifications.askHeading')}</summary>
          <p className="my-4 max-w-2xl">{t('clarifications.askIntro')}</p>
          <ActionForm
            id="ask-clarification"
            action={askClarificationAction}
            fields={[
              { name: 'framework', label: '', type: 'hidden', defaultValue: framework.slug },
              { name: 'question', label: t('clarifications.question'), type: 'textarea', rows: 4 },
            ]}
            submitLabel={t('clarifications.ask')}
            errorSummaryTitle={t('errors.summaryTitle')}
          />
        </details>
      ) : null}
      {!application ? (
        open ? (
          <form action={startApplicationAction} id="start-application">
            <input type="hidden" name="framework" value={framework.slug} />
            <p className="mb-4 max-w-2xl">{t('applications.startIntro')}</p>
            <button type="submit" className="cursor-pointer bg-brand px-5 py-2 text-lg font-bold text-brand-text">
              {t('applications.start')}
            </button>
          </form>
        ) : (
          <p>{t('applications.notApplied')}</p>
        )
      ) : (
        <>
          <h2 className="mb-2 text-2xl font-bold">1. {t('applications.declarationHeading')}</h2>
          <ul className="mb-8 divide-y divide-rule border-y border-rule" data-testid="declaration-sections">
            {framework.definition.questionSets.declaration.map((section) => (
              <li key={section.slug} className="flex items-center justify-between gap-4 py-2">
                <a href={ctx.href(`/supplier/frameworks/${framework.slug}/declaration/${section.slug}`)}>{localised(section.name, locale, fallback)}</a>
                <strong className="text-sm uppercase">{t(`applications.progress.${progress[section.slug] ?? 'notStarted'}`)}</strong>
              </li>
            ))}
          </ul>
          <h2 className="mb-2 text-2xl font-bold">2. {t('applications.servicesHeading')}</h2>
          {serviceList.length === 0 ? (
            <p className="mb-4">{t('applications.noServices')}</p>
          ) : (
            <ul className="mb-6 divide-y divide-rule border-y border-rule" data-testid="application-services">
              {serviceList.map((s) => {
                const lot = framework.definition.lots.find((l) => l.slug === s.lot);
                const title = serviceTitle(framework.definition, s.answers) ?? t('applications.untitledService');
                return (
                  <li key={s.id} className="flex items-center justify-between gap-4 py-2">
                    <span>
                      <a href={ctx.href(`/supplier/frameworks/${framework.slug}/services/${s.id}`)}>{title}</a>{' '}
                      <span className="text-muted">({lot ? localised(lot.name, locale, fallback) : s.lot})</span>
                    </span>
                    <strong className="text-sm uppercase">{t(`applications.serviceStatus.${s.status}`)}</strong>
                  </li>
                );
              })}
            </ul>
          )}
          {open ? (
            <div className="mb-10">
              <ActionForm
                id="add-service"
                action={addServiceAction}
                fields={[
                  { name: 'framework', label: '', type: 'hidden', defaultValue: framework.slug },
                  {
                    name: 'lot',
                    label: t('applications.addServiceLot'),
                    type: 'radios',
                    options: framework.definition.lots.map((l) => ({ value: l.slug, label: localised(l.name, locale, fallback) })),
                  },
                ]}
                submitLabel={t('applications.addService')}
                errorSummaryTitle={t('errors.summaryTitle')}
              />
            </div>
          ) : null}
          <h2 className="mb-2 text-2xl font-bold">3. {t('applications.submitHeading')}</h2>
          {application.declarationStatus === 'complete' ? (
            <p className="mb-4">{t('applications.alreadySubmitted')}</p>
          ) : null}
          {open ? (
            <>
              <p className="mb-4 max-w-2xl">{t('applications.submitIntro')}</p>
              <ActionForm
                id="submit-application"
                action={submitApplicationAction}
                fields={[{ name: 'framework', label: '', type: 'hidden', defaultValue: framework.slug }]}
                submitLabel={t('applications.submit')}
                errorSummaryTitle={t('errors.summaryTitle')}
              />
            </>
          ) : null}
        </>
      )}
    </>
  );
}
