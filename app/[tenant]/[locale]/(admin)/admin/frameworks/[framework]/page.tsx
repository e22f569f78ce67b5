import { withTenant } from '@/db/with-tenant';
import { overrideStatusAction, saveLotsAction, saveScheduleAction } from '@/modules/frameworks/actions';
import { LOCALE_NATIVE_NAMES, isShippedLocale } from '@/modules/i18n/locales';
import { answerClarificationAction } from '@/modules/frameworks/clarification-actions';
import { listAllClarifications } from '@/modules/frameworks/clarifications';
import { formatDate } from '@/modules/i18n/format';
import { DefinitionEditor } from '@/modules/frameworks/definition-editor';
import { QUESTION_SETS } from '@/modules/frameworks/definition-schema';
import { FRAMEWORK_STATUSES } from '@/modules/frameworks/lifecycle';
import { findFrameworkBySlug } from '@/modules/frameworks/queries';
import { scheduleFields } from '@/modules/frameworks/schedule-fields';
import { FrameworkTimeline, StatusTag } from '@/modules/frameworks/timeline';
import { localised } from '@/modules/i18n/localised';
import { BASE_RESOURCES } from '@/modules/i18n/server';
import { pageNotFound, requireTenantRole, tenantPageContext } from '@/modules/tenancy/context';
import { ActionForm } from '@/modules/ui/action-form';
import { PageHeading } from '@/modules/ui/page-heading';

export default async function ManageFrameworkPage({ params, searchParams }: PageProps<'/[tenant]/[locale]/admin/frameworks/[framework]'>) {
  const { tenant: slug, locale, framework: frameworkSlug } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant, fmt } = ctx;
  await requireTenantRole(ctx, ['tenant_admin', 'framework_manager', 'platform_admin']);
  const data = await withTenant(tenant, async (tx) => {
    const found = await findFrameworkBySlug(tx, frameworkSlug, tenant.config.timezone);
    return found ? { framework: found, questions: await listAllClarifications(tx, found.id) } : null;
  });
  if (!data) pageNotFound(ctx);
  const { framework, questions } = data;
  const fallback = tenant.config.defaultLocale;
  const created = (await searchParams).created === '1';
  const definitionMessages = Object.fromEntries(
    Object.keys((BASE_RESOURCES.en as { definition: Record<string, string> }).definition).map((key) => [`definition.${key}`, t(`definition.${key}`)]),
  );
  const sets = QUESTION_SETS.filter((set) => framework.definition.questionSets[set].length > 0);
  return (
    <>
      <p className="mb-2">
        <a href={ctx.href('/admin/frameworks')}>{t('frameworks.adminTitle')}</a>
      </p>
      <PageHeading>{localised(framework.name, locale, fallback)}</PageHeading>
      {created ? (
        <p role="status" className="mb-6 border-s-4 border-brand bg-gray-100 p-4">
          {t('frameworks.createdNotice')}
        </p>
      ) : null}
      <p className="mb-6">
        <StatusTag status={framework.status} t={t} />{' '}
        {framework.statusOverride ? <span>{t('frameworks.overriddenBecause', { reason: framework.statusOverrideReason ?? '' })}</span> : null}
      </p>
      <p className="mb-8">
        <a href={ctx.href(`/admin/frameworks/${framework.slug}/applications`)}>{t('assessment.title')}</a>
        {' · '}
        <a href={ctx.href(`/admin/frameworks/${framework.slug}/edits`)}>{t('liveEdits.adminTitle')}</a>
      </p>
      <section aria-labelledby="dates" className="mb-10">
        <h2 id="dates" className="mb-4 text-2xl font-bold">{t('frameworks.keyDates')}</h2>
        <div className="mb-6">
          <FrameworkTimeline schedule={framework.schedule} t={t} fmt={fmt} />
        </div>
        <ActionForm
          id="schedule"
          action={saveScheduleAction}
          fields={[{ name: 'framework', label: '', type: 'hidden', defaultValue: framework.slug }, ...scheduleFields(t, tenant.config.timezone, framework.schedule)]}
          submitLabel={t('frameworks.saveDates')}
          errorSummaryTitle={t('errors.summaryTitle')}
        />
      </section>
      <section aria-labelledby="lots-editor" className="mb-10">
        <h2 id="lots-editor" className="mb-2 text-2xl font-bold">{t('frameworks.lotsHeading')}</h2>
        <p className="mb-4 max-w-2xl">{t('frameworks.lotsIntro')}</p>
        <ActionForm
          id="lots"
          action={saveLotsAction}
          fields={[
            { name: 'framework', label: '', type: 'hidden', defaultValue: framework.slug },
            { name: 'baseVersion', label: '', type: 'hidden', defaultValue: String(framework.definitionVersion) },
            ...framework.definition.lots.flatMap((lot) => [
              ...tenant.config.locales.map((l) => ({
                name: `lot.${lot.slug}.name.${l.code}`,
                label: t('frameworks.lotNameIn', { language: isShippedLocale(l.code) ? LOCALE_NATIVE_NAMES[l.code] : l.code }),
                type: 'text' as const,
                defaultValue: (lot.name as Record<string, string>)[l.code] ?? '',
                group: localised(lot.name, locale, fallback),
              })),
              {
                name: `lot.${lot.slug}.routes`,
                label: t('frameworks.awardRoutes'),
                type: 'radios' as const,
                group: localised(lot.name, locale, fallback),
                defaultValue: lot.awardRoutes.length === 2 ? 'both' : lot.awardRoutes[0] === 'direct_award' ? 'direct' : 'further',
                options: [
                  { value: 'direct', label: t('frameworks.routes.direct_award') },
                  { value: 'further', label: t('frameworks.routes.further_competition') },
                  { value: 'both', label: t('frameworks.routesBoth') },
                ],
              },
            ]),
          ]}
          submitLabel={t('frameworks.saveLots')}
          errorSummaryTitle={t('errors.summaryTitle')}
        />
      </section>
      <section aria-labelledby="clarification-questions" className="mb-10">
        <h2 id="clarification-questions" className="mb-2 text-2xl font-bold">{t('clarifications.adminHeading')}</h2>
        {questions.length === 0 ? <p>{t('clarifications.noneAsked')}</p> : null}
        {questions.map((q) => (
          <div key={q.id} className="mb-6 border border-rule p-4">
            <p className="mb-2 whitespace-pre-line font-bold">{q.question}</p>
            {q.publishedAt ? <p className="mb-2 text-sm text-muted">{t('clarifications.publishedOn', { date: formatDate(q.publishedAt, fmt) })}</p> : null}
            <ActionForm
              id={`answer-${q.id}`}
              action={answerClarificationAction}
              fields={[
                { name: 'framework', label: '', type: 'hidden', defaultValue: framework.slug },
                { name: 'question', label: '', type: 'hidden', defaultValue: q.id },
                { name: 'answer', label: t('clarifications.answer'), type: 'textarea', rows: 3, defaultValue: q.answer ?? '' },
              ]}
              submitLabel={t('clarifications.publish')}
              errorSummaryTitle={t('errors.summaryTitle')}
            />
          </div>
        ))}
      </section>
      <section aria-labelledby="override" className="mb-10">
        <h2 id="override" className="mb-2 text-2xl font-bold">{t('frameworks.overrideHeading')}</h2>
        <p className="mb-4 max-w-2xl">{t('frameworks.overrideIntro')}</p>
        <ActionForm
          id="override-form"
          action={overrideStatusAction}
          fields={[
            { name: 'framework', label: '', type: 'hidden', defaultValue: framework.slug },
            {
              name: 'status',
              label: t('frameworks.statusHeading'),
              type: 'select',
              defaultValue: framework.statusOverride ?? '',
              options: [{ value: '', label: t('frameworks.followDates') }, ...FRAMEWORK_STATUSES.map((s) => ({ value: s, label: t(`frameworks.status.${s}`) }))],
            },
            { name: 'reason', label: t('frameworks.reason'), hint: t('frameworks.reasonHint'), type: 'textarea', rows: 3, defaultValue: framework.statusOverrideReason ?? '' },
          ]}
          submitLabel={t('frameworks.saveStatus')}
          errorSummaryTitle={t('errors.summaryTitle')}
        />
      </section>
      <section aria-labelledby="preview" className="mb-10">
        <h2 id="preview" className="mb-2 text-2xl font-bold">{t('frameworks.previewHeading')}</h2>
        <ul className="list-disc ps-6">
          {sets.flatMap((set) =>
            set === 'services'
              ? framework.definition.lots.map((lot) => (
                  <li key={`${set}-${lot.slug}`}>
                    <a href={ctx.href(`/admin/frameworks/${framework.slug}/preview/${set}?lot=${lot.slug}`)}>
                      {t(`frameworks.sets.${set}`)}: {localised(lot.name, locale, fallback)}
                    </a>
                  </li>
                ))
              : [
                  <li key={set}>
                    <a href={ctx.href(`/admin/frameworks/${framework.slug}/preview/${set}`)}>{t(`frameworks.sets.${set}`)}</a>
                  </li>,
                ],
          )}
        </ul>
      </section>
      <section aria-labelledby="definition" className="mb-10">
        <h2 id="definition" className="mb-2 text-2xl font-bold">{t('frameworks.definitionHeading', { version: framework.definitionVersion })}</h2>
        <DefinitionEditor
          framework={framework.slug}
          baseVersion={framework.definitionVersion}
          initial={JSON.stringify(framework.definition, null, 2)}
          messages={definitionMessages}
          text={{
            label: t('frameworks.definitionLabel'),
            hint: t('frameworks.definitionHint'),
            save: t('frameworks.saveDefinition'),
            valid: t('frameworks.definitionValid'),
            issuesTitle: t('frameworks.definitionIssues'),
            invalidJson: t('frameworks.invalidJsonShort'),
          }}
        />
      </section>
    </>
  );
}
