import { z } from 'zod';
import { withTenant } from '@/db/with-tenant';
import { contractIdForOutcome } from '@/modules/contracts/service';
import { endSearchAction, recordOutcomeAction } from '@/modules/direct-award/actions';
import { buyerPageContext } from '@/modules/direct-award/page-context';
import { findOutcome, findProject, listSnapshots } from '@/modules/direct-award/service';
import { serviceTitle } from '@/modules/frameworks/definition-schema';
import { listFrameworks } from '@/modules/frameworks/queries';
import { formatDate, formatMoney } from '@/modules/i18n/format';
import { pageNotFound, tenantPageContext } from '@/modules/tenancy/context';
import { ActionForm } from '@/modules/ui/action-form';
import { PageHeading } from '@/modules/ui/page-heading';

/** A direct award project: its search, the frozen shortlist once ended, the download, and the outcome. */
export default async function ProjectPage({ params, searchParams }: PageProps<'/[tenant]/[locale]/buyer/projects/[project]'>) {
  const { tenant: slug, locale, project: projectId } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant, fmt } = ctx;
  const { organisation } = await buyerPageContext(ctx);
  if (!organisation || !z.uuid().safeParse(projectId).success) pageNotFound(ctx);
  const data = await withTenant(tenant, async (tx) => {
    const project = await findProject(tx, organisation.id, projectId);
    if (!project) return null;
    const outcome = await findOutcome(tx, project.id);
    const contractId = outcome ? await contractIdForOutcome(tx, outcome.id) : null;
    return { project, snapshots: await listSnapshots(tx, project.id), outcome, contractId, frameworks: await listFrameworks(tx, tenant.config.timezone) };
  });
  if (!data) pageNotFound(ctx);
  const { project, snapshots, outcome, contractId, frameworks } = data;
  const query = await searchParams;
  const titleOf = (snapshot: (typeof snapshots)[number]) => {
    const f = frameworks.find((x) => x.slug === snapshot.frameworkSlug);
    return (f && serviceTitle(f.definition, snapshot.answers)) ?? t('applications.untitledService');
  };
  const hidden = { name: 'project', label: '', type: 'hidden' as const, defaultValue: project.id };
  return (
    <>
      <p className="mb-2">
        <a href={ctx.href('/buyer/projects')}>{t('projects.title')}</a>
      </p>
      <PageHeading>{project.name}</PageHeading>
      {query.created === '1' ? <p role="status" className="mb-6 border-s-4 border-brand bg-gray-100 p-4">{t('projects.createdNotice')}</p> : null}
      {query.outcome === '1' ? <p role="status" className="mb-6 border-s-4 border-brand bg-gray-100 p-4">{t('projects.outcomeNotice')}</p> : null}
      <p className="mb-6">
        <a href={`${ctx.href('/catalogue')}${project.searchQuery ? `?${project.searchQuery}` : ''}`}>{t('projects.viewSearch')}</a>
      </p>
      {!project.searchEndedAt ? (
        <section aria-labelledby="end" className="mb-10">
          <h2 id="end" className="mb-2 text-2xl font-bold">{t('projects.endHeading')}</h2>
          <p className="mb-4 max-w-2xl">{t('projects.endIntro')}</p>
          <ActionForm
            id="end-search"
            action={endSearchAction}
            fields={[hidden, { name: 'confirm', label: t('projects.confirmLabel'), type: 'radios', options: [{ value: 'yes', label: t('projects.confirmYes') }] }]}
            submitLabel={t('projects.end')}
            errorSummaryTitle={t('errors.summaryTitle')}
          />
        </section>
      ) : (
        <>
          <section aria-labelledby="shortlist" className="mb-10">
            <h2 id="shortlist" className="mb-2 text-2xl font-bold">{t('projects.shortlistHeading', { count: snapshots.length })}</h2>
            <p className="mb-4 text-muted">{t('projects.endedOn', { date: formatDate(project.searchEndedAt, fmt, 'dateTime') })}</p>
            <table className="mb-4 w-full border-collapse" data-testid="shortlist">
              <caption className="mb-2 text-start text-muted">{t('projects.shortlistCaption')}</caption>
              <thead>
                <tr className="border-b-2 border-ink">
                  <th scope="col" className="p-2 text-start">{t('projects.service')}</th>
                  <th scope="col" className="p-2 text-start">{t('assessment.supplier')}</th>
                </tr>
              </thead>
              <tbody>
                {snapshots.map((s) => (
                  <tr key={s.serviceId} className="border-b border-rule">
                    <td className="p-2">{titleOf(s)}</td>
                    <td className="p-2">{s.supplierName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p>
              <a href={`${ctx.basePath}/api/projects/${project.id}/shortlist.csv`} download>
                {t('projects.download')}
              </a>
              {' · '}
              <a href={`${ctx.basePath}/api/projects/${project.id}/shortlist.xlsx`} download>
                {t('projects.downloadXlsx')}
              </a>
            </p>
          </section>
          <section aria-labelledby="outcome" className="mb-10">
            <h2 id="outcome" className="mb-2 text-2xl font-bold">{t('projects.outcomeHeading')}</h2>
            {outcome ? (
              <p data-testid="outcome">
                {t(`projects.results.${outcome.result}`)}
                {outcome.result === 'awarded' && outcome.value
                  ? ` · ${snapshots.find((s) => s.serviceId === outcome.serviceId)?.supplierName ?? ''} · ${formatMoney(Number(outcome.value), fmt)}`
                  : ''}
                {contractId ? (
                  <>
                    {' · '}
                    <a href={ctx.href(`/buyer/contracts/${contractId}`)}>{t('contracts.viewContract')}</a>
                  </>
                ) : null}
              </p>
            ) : (
              <ActionForm
                id="record-outcome"
                action={recordOutcomeAction}
                fields={[
                  hidden,
                  {
                    name: 'result',
                    label: t('projects.result'),
                    type: 'radios',
                    options: (['awarded', 'cancelled', 'none_suitable'] as const).map((r) => ({ value: r, label: t(`projects.results.${r}`) })),
                  },
                  {
                    name: 'service',
                    label: t('projects.awardedService'),
                    type: 'select',
                    options: [{ value: '', label: t('projects.chooseService') }, ...snapshots.map((s) => ({ value: s.serviceId, label: `${titleOf(s)} – ${s.supplierName}` }))],
                  },
                  { name: 'value', label: t('projects.value', { currency: tenant.config.currency }), type: 'text' },
                  { name: 'startDate', label: t('projects.startDate'), type: 'date' },
                  { name: 'endDate', label: t('projects.endDate'), type: 'date' },
                ]}
                submitLabel={t('projects.recordOutcome')}
                errorSummaryTitle={t('errors.summaryTitle')}
              />
            )}
          </section>
        </>
      )}
      <p className="text-sm text-muted">{organisation.name}</p>
    </>
  );
}
