import { eq } from 'drizzle-orm';
import { contracts } from '@/db/schema/tenant-contracts';
import { withTenant } from '@/db/with-tenant';
import { formatDate } from '@/modules/i18n/format';
import { answerQuestionAction, copyOpportunityAction, endOpportunityAction, publishOpportunityAction } from '@/modules/opportunities/actions';
import { closingDates } from '@/modules/opportunities/closing';
import { OpportunityAnswers, OpportunityDates, StatusTag } from '@/modules/opportunities/components';
import { buyerOpportunityContext } from '@/modules/opportunities/page-context';
import { listQuestions, opportunitySections, sectionProgress } from '@/modules/opportunities/service';
import { tenantPageContext } from '@/modules/tenancy/context';
import { ActionForm } from '@/modules/ui/action-form';
import { PageHeading } from '@/modules/ui/page-heading';

const NOTICES = ['created', 'saved', 'published', 'copied', 'awarded'] as const;

/** The buyer's view of one opportunity: task list and publishing while a draft, questions while live, evaluation after. */
export default async function BuyerOpportunityPage({ params, searchParams }: PageProps<'/[tenant]/[locale]/buyer/opportunities/[opportunity]'>) {
  const { tenant: slug, locale, opportunity: id } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant, fmt } = ctx;
  const { o, framework, fallback, L, lotName } = await buyerOpportunityContext(ctx, id);
  const query = await searchParams;
  const { questions, contract } = await withTenant(tenant, async (tx) => ({
    questions: await listQuestions(tx, o.id, { publishedOnly: false }),
    contract: (await tx.select({ id: contracts.id, reference: contracts.reference }).from(contracts).where(eq(contracts.opportunityId, o.id)).limit(1))[0] ?? null,
  }));
  const def = framework.definition;
  const progress = sectionProgress(def, o);
  const sections = opportunitySections(def, o.lot);
  const hidden = { name: 'opportunity', label: '', type: 'hidden' as const, defaultValue: o.id };
  const rules = tenant.config.opportunityRules;
  const now = new Date();
  const notice = NOTICES.find((n) => query[n] !== undefined);
  const ended = typeof query.ended === 'string' && ['withdrawn', 'cancelled', 'unsuccessful'].includes(query.ended) ? query.ended : null;
  const unanswered = questions.filter((q) => !q.publishedAt);
  const answered = questions.filter((q) => q.publishedAt);
  return (
    <>
      <p className="mb-2">
        <a href={ctx.href('/buyer/opportunities')}>{t('opportunities.buyerTitle')}</a>
      </p>
      <PageHeading>{o.title}</PageHeading>
      <p className="mb-4 text-lg">
        {L(framework.name)} · {lotName} · {t('opportunities.reference', { reference: o.reference })}
      </p>
      <p className="mb-6">
        <StatusTag status={o.status} t={t} />
      </p>
      {notice ? (
        <p role="status" className="mb-6 border-s-4 border-brand bg-gray-100 p-4">
          {t(`opportunities.notice.${notice}`)}
        </p>
      ) : null}
      {ended ? (
        <p role="status" className="mb-6 border-s-4 border-brand bg-gray-100 p-4">
          {t(`opportunities.notice.${ended}`)}
        </p>
      ) : null}
      <OpportunityDates o={o} t={t} fmt={fmt} />
      {o.status !== 'draft' && o.status !== 'withdrawn' ? (
        <p className="mb-6">
          <a href={ctx.href(`/opportunities/${o.id}`)}>{t('opportunities.viewPublic')}</a>
        </p>
      ) : null}

      {o.status === 'draft' ? (
        <>
          <section aria-labelledby="tasks" className="mb-10">
            <h2 id="tasks" className="mb-2 text-2xl font-bold">{t('opportunities.taskListHeading')}</h2>
            <p className="mb-4">{t('opportunities.sectionsComplete', { done: progress.filter((p) => p.complete).length, total: progress.length })}</p>
            <ol className="divide-y divide-rule border-y border-rule" data-testid="task-list">
              {sections.map(({ section }) => {
                const complete = progress.find((p) => p.slug === section.slug)?.complete;
                return (
                  <li key={section.slug} className="flex justify-between gap-4 py-3">
                    <a href={ctx.href(`/buyer/opportunities/${o.id}/sections/${section.slug}`)} aria-describedby={`task-${section.slug}`}>
                      {L(section.name)}
                    </a>
                    <strong id={`task-${section.slug}`} className={complete ? '' : 'text-muted'}>
                      {complete ? t('opportunities.taskComplete') : t('opportunities.taskIncomplete')}
                    </strong>
                  </li>
                );
              })}
            </ol>
          </section>
          <section aria-labelledby="preview" className="mb-10">
            <h2 id="preview" className="mb-4 text-2xl font-bold">{t('opportunities.previewHeading')}</h2>
            <div className="border-2 border-dashed border-rule p-4">
              <OpportunityAnswers def={def} lot={o.lot} answers={o.answers} t={t} locale={locale} fallback={fallback} fmt={fmt} L={L} />
            </div>
          </section>
          <section aria-labelledby="publish" className="mb-10">
            <h2 id="publish" className="mb-2 text-2xl font-bold">{t('opportunities.publishHeading')}</h2>
            <p className="mb-4 max-w-2xl">{t('opportunities.publishIntro')}</p>
            <ActionForm
              id="publish-form"
              action={publishOpportunityAction}
              fields={[
                hidden,
                { name: 'version', label: '', type: 'hidden', defaultValue: String(o.version) },
                {
                  name: 'lengthDays',
                  label: t('opportunities.lengthLabel'),
                  type: 'radios',
                  defaultValue: String(o.lengthDays),
                  options: rules.lengths.map((l) => {
                    const dates = closingDates(now, l.days, rules, tenant.config.timezone)!;
                    return {
                      value: String(l.days),
                      label: t('opportunities.lengthOption', {
                        count: l.days,
                        closes: formatDate(dates.closesAt, fmt, 'dateTime'),
                        questions: formatDate(dates.questionsCloseAt, fmt, 'dateTime'),
                      }),
                    };
                  }),
                },
                { name: 'confirm', label: t('opportunities.confirmLabel'), type: 'radios', options: [{ value: 'yes', label: t('opportunities.confirmYes') }] },
              ]}
              submitLabel={t('opportunities.publish')}
              errorSummaryTitle={t('errors.summaryTitle')}
            />
          </section>
        </>
      ) : null}

      {o.status === 'live' ? (
        <>
          <section aria-labelledby="questions" className="mb-10">
            <h2 id="questions" className="mb-2 text-2xl font-bold">{t('opportunities.questionsHeading')}</h2>
            {unanswered.length === 0 ? <p className="mb-4">{t('opportunities.noUnansweredQuestions')}</p> : null}
            {unanswered.map((q, i) => (
              <div key={q.id} className="mb-6 border-s-4 border-brand p-4">
                <p className="mb-3 whitespace-pre-line font-bold">{q.question}</p>
                <ActionForm
                  id={`answer-${i}`}
                  action={answerQuestionAction}
                  fields={[
                    hidden,
                    { name: 'question', label: '', type: 'hidden', defaultValue: q.id },
                    { name: 'answer', label: t('opportunities.answerLabel'), hint: t('opportunities.answerHint'), type: 'textarea', rows: 4 },
                  ]}
                  submitLabel={t('opportunities.publishAnswer')}
                  errorSummaryTitle={t('errors.summaryTitle')}
                />
              </div>
            ))}
            {answered.length > 0 ? (
              <dl className="divide-y divide-rule border-y border-rule">
                {answered.map((q) => (
                  <div key={q.id} className="py-3">
                    <dt className="font-bold">{q.question}</dt>
                    <dd className="mt-1 whitespace-pre-line">{q.answer}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
          </section>
          <section aria-labelledby="withdraw" className="mb-10">
            <h2 id="withdraw" className="mb-2 text-2xl font-bold">{t('opportunities.withdrawHeading')}</h2>
            <p className="mb-4 max-w-2xl">{t('opportunities.withdrawIntro')}</p>
            <ActionForm
              id="withdraw-form"
              action={endOpportunityAction}
              fields={[
                hidden,
                { name: 'outcome', label: t('opportunities.confirmLabel'), type: 'radios', options: [{ value: 'withdrawn', label: t('opportunities.withdrawConfirm') }] },
                { name: 'reason', label: t('opportunities.reasonLabel'), type: 'textarea', rows: 3 },
              ]}
              submitLabel={t('opportunities.withdraw')}
              errorSummaryTitle={t('errors.summaryTitle')}
            />
          </section>
        </>
      ) : null}

      {o.status === 'closed' ? (
        <>
          <section aria-labelledby="evaluate" className="mb-10">
            <h2 id="evaluate" className="mb-2 text-2xl font-bold">{t('opportunities.evaluateHeading')}</h2>
            <p className="mb-4">
              <a href={ctx.href(`/buyer/opportunities/${o.id}/responses`)}>{t('opportunities.viewResponses')}</a>
            </p>
            {o.pendingAwardResponseId ? (
              <p>
                <a href={ctx.href(`/buyer/opportunities/${o.id}/award`)}>{t('opportunities.continueAward')}</a>
              </p>
            ) : null}
          </section>
          <section aria-labelledby="no-award" className="mb-10">
            <h2 id="no-award" className="mb-2 text-2xl font-bold">{t('opportunities.noAwardHeading')}</h2>
            <ActionForm
              id="end-form"
              action={endOpportunityAction}
              fields={[
                hidden,
                {
                  name: 'outcome',
                  label: t('opportunities.outcomeLabel'),
                  type: 'radios',
                  options: [
                    { value: 'cancelled', label: t('opportunities.outcomeCancelled') },
                    { value: 'unsuccessful', label: t('opportunities.outcomeUnsuccessful') },
                  ],
                },
                { name: 'reason', label: t('opportunities.reasonLabel'), type: 'textarea', rows: 3 },
              ]}
              submitLabel={t('opportunities.recordOutcome')}
              errorSummaryTitle={t('errors.summaryTitle')}
            />
          </section>
        </>
      ) : null}

      {o.status === 'awarded' && contract ? (
        <section aria-labelledby="contract" className="mb-10">
          <h2 id="contract" className="mb-2 text-2xl font-bold">{t('opportunities.contractHeading')}</h2>
          <p>
            <a href={ctx.href(`/buyer/contracts/${contract.id}`)}>{t('opportunities.contractLink', { reference: contract.reference })}</a>
          </p>
        </section>
      ) : null}
      {o.outcomeReason && o.status !== 'awarded' ? <p className="mb-8">{t('opportunities.outcomeReason', { reason: o.outcomeReason })}</p> : null}

      {o.status !== 'draft' ? (
        <section aria-labelledby="copy" className="mb-10">
          <h2 id="copy" className="mb-2 text-2xl font-bold">{t('opportunities.copyHeading')}</h2>
          <p className="mb-4 max-w-2xl">{t('opportunities.copyIntro')}</p>
          <ActionForm id="copy-form" action={copyOpportunityAction} fields={[hidden]} submitLabel={t('opportunities.copy')} errorSummaryTitle={t('errors.summaryTitle')} />
        </section>
      ) : null}
    </>
  );
}
