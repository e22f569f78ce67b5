import { withTenant } from '@/db/with-tenant';
import { AnswerValue } from '@/modules/frameworks/answer-display';
import { applicableQuestions } from '@/modules/frameworks/answer-validation';
import { formatDate, formatMoney } from '@/modules/i18n/format';
import { chooseWinnerAction, evaluateResponseAction } from '@/modules/opportunities/actions';
import { buyerOpportunityContext } from '@/modules/opportunities/page-context';
import { weightedTotal } from '@/modules/opportunities/scoring';
import { listSubmittedResponses } from '@/modules/opportunities/service';
import { tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { ActionForm } from '@/modules/ui/action-form';
import { PageHeading } from '@/modules/ui/page-heading';
import { requirementsByEvidence } from '@/modules/opportunities/evidence';

export const generateMetadata = titleFromKey('opportunities.responsesTitle');

/** After the close: every submitted response, scored against the definition's weights, then the winner chosen. */
export default async function ResponsesPage({ params, searchParams }: PageProps<'/[tenant]/[locale]/buyer/opportunities/[opportunity]/responses'>) {
  const { tenant: slug, locale, opportunity: id } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant, fmt } = ctx;
  const { o, framework, fallback, L } = await buyerOpportunityContext(ctx, id);
  const query = await searchParams;
  const rows = await withTenant(tenant, (tx) => listSubmittedResponses(tx, o));
  const scoring = framework.definition.scoring ?? { technical: 100, cultural: 0, price: 0 };
  const questions = applicableQuestions(framework.definition, 'response', o.lot);
  const requirements = requirementsByEvidence(framework.definition, o.lot, o.answers);
  const scored = rows
    .map((r) => ({ ...r, total: r.evaluation ? weightedTotal(scoring, r.evaluation) : null }))
    .sort((a, b) => (b.total ?? -1) - (a.total ?? -1));
  const hidden = { name: 'opportunity', label: '', type: 'hidden' as const, defaultValue: o.id };
  const shortlisted = scored.filter((r) => r.evaluation?.shortlisted);
  const scoreOptions = (current: number | null | undefined) => String(current ?? '');
  return (
    <>
      <p className="mb-2">
        <a href={ctx.href(`/buyer/opportunities/${o.id}`)}>{o.title}</a>
      </p>
      <PageHeading>{t('opportunities.responsesTitle')}</PageHeading>
      {query.scored ? <p role="status" className="mb-6 border-s-4 border-brand bg-gray-100 p-4">{t('opportunities.notice.scored')}</p> : null}
      {o.status === 'live' || o.status === 'draft' ? (
        <p className="border-s-4 border-brand p-4">{t('opportunities.responsesAfterClose')}</p>
      ) : (
        <>
          <p className="mb-4 max-w-2xl">{t('opportunities.weightsIntro', { technical: scoring.technical, cultural: scoring.cultural, price: scoring.price })}</p>
          {rows.length > 0 ? (
            <p className="mb-6">
              <a href={`${ctx.basePath}/api/opportunities/${o.id}/responses.csv`} download>{t('opportunities.downloadResponses')}</a>
            </p>
          ) : null}
          {rows.length === 0 ? <p>{t('opportunities.noResponses')}</p> : null}
          {scored.length > 0 ? (
            <table className="mb-10 w-full border-collapse" data-testid="ranking">
              <caption className="mb-2 text-start text-muted">{t('opportunities.rankingCaption')}</caption>
              <thead>
                <tr className="border-b-2 border-ink">
                  <th scope="col" className="p-2 text-start">{t('assessment.supplier')}</th>
                  <th scope="col" className="p-2 text-end">{t('opportunities.priceLabel')}</th>
                  <th scope="col" className="p-2 text-end">{t('opportunities.totalScore')}</th>
                  <th scope="col" className="p-2 text-start">{t('opportunities.shortlistedLabel')}</th>
                </tr>
              </thead>
              <tbody>
                {scored.map((r) => (
                  <tr key={r.response.id} className="border-b border-rule">
                    <td className="p-2"><a href={`#r-${r.response.id}`}>{r.supplierName}</a></td>
                    <td className="p-2 text-end">{r.response.price ? formatMoney(Number(r.response.price), fmt) : '—'}</td>
                    <td className="p-2 text-end">{r.total === null ? t('opportunities.notScored') : r.total}</td>
                    <td className="p-2">{r.evaluation?.shortlisted ? t('opportunities.yes') : t('opportunities.no')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {scored.map((r, i) => (
            <section key={r.response.id} id={`r-${r.response.id}`} aria-labelledby={`h-${r.response.id}`} className="mb-10 border-t-2 border-ink pt-4">
              <h2 id={`h-${r.response.id}`} className="mb-1 text-2xl font-bold">{r.supplierName}</h2>
              <p className="mb-4 text-muted">
                {t(`sizes.${r.supplierSize}`)} · {t('opportunities.submittedOn', { date: formatDate(r.response.submittedAt!, fmt, 'dateTime') })}
              </p>
              <dl className="mb-6 divide-y divide-rule border-y border-rule">
                <div className="grid gap-2 py-2 md:grid-cols-[1fr_2fr]">
                  <dt className="font-bold">{t('opportunities.priceLabel')}</dt>
                  <dd>{r.response.price ? formatMoney(Number(r.response.price), fmt) : '—'}</dd>
                </div>
                {questions
                  .filter((q) => r.response.answers[q.id] !== undefined)
                  .map((q) => (
                    <div key={q.id} className="grid gap-2 py-2 md:grid-cols-[1fr_2fr]">
                      <dt className="font-bold">{L(q.label)}</dt>
                      <dd>
                        <AnswerValue question={q} value={r.response.answers[q.id]} t={t} locale={locale} fallback={fallback} fmt={fmt} basePath={ctx.basePath} pairedItems={requirements[q.id]} />
                      </dd>
                    </div>
                  ))}
              </dl>
              {o.status === 'closed' ? (
                <ActionForm
                  id={`score-${i}`}
                  action={evaluateResponseAction}
                  fields={[
                    hidden,
                    { name: 'response', label: '', type: 'hidden', defaultValue: r.response.id },
                    { name: 'technical', label: t('opportunities.scoreTechnical', { weight: scoring.technical }), hint: t('opportunities.scoreHint'), type: 'text', defaultValue: scoreOptions(r.evaluation?.technical), group: t('opportunities.scoresLegend') },
                    { name: 'cultural', label: t('opportunities.scoreCultural', { weight: scoring.cultural }), hint: t('opportunities.scoreHint'), type: 'text', defaultValue: scoreOptions(r.evaluation?.cultural), group: t('opportunities.scoresLegend') },
                    { name: 'price', label: t('opportunities.scorePrice', { weight: scoring.price }), hint: t('opportunities.scoreHint'), type: 'text', defaultValue: scoreOptions(r.evaluation?.price), group: t('opportunities.scoresLegend') },
                    {
                      name: 'shortlisted',
                      label: t('opportunities.shortlistedLabel'),
                      type: 'radios',
                      defaultValue: r.evaluation ? (r.evaluation.shortlisted ? 'yes' : 'no') : undefined,
                      options: [
                        { value: 'yes', label: t('opportunities.yes') },
                        { value: 'no', label: t('opportunities.no') },
                      ],
                    },
                    { name: 'notes', label: t('opportunities.notesLabel'), type: 'textarea', rows: 3, defaultValue: r.evaluation?.notes ?? '' },
                  ]}
                  submitLabel={t('opportunities.saveScores')}
                  errorSummaryTitle={t('errors.summaryTitle')}
                />
              ) : null}
            </section>
          ))}
          {o.status === 'closed' && rows.length > 0 ? (
            <section aria-labelledby="winner" className="mb-10 border-t-2 border-ink pt-4">
              <h2 id="winner" className="mb-2 text-2xl font-bold">{t('opportunities.chooseWinnerHeading')}</h2>
              {shortlisted.length === 0 ? (
                <p>{t('opportunities.shortlistFirst')}</p>
              ) : (
                <ActionForm
                  id="winner-form"
                  action={chooseWinnerAction}
                  fields={[
                    hidden,
                    {
                      name: 'response',
                      label: t('opportunities.winnerLabel'),
                      type: 'radios',
                      defaultValue: o.pendingAwardResponseId ?? undefined,
                      options: shortlisted.map((r) => ({ value: r.response.id, label: `${r.supplierName} (${r.total ?? t('opportunities.notScored')})` })),
                    },
                  ]}
                  submitLabel={t('opportunities.continueToContract')}
                  errorSummaryTitle={t('errors.summaryTitle')}
                />
              )}
            </section>
          ) : null}
        </>
      )}
    </>
  );
}
