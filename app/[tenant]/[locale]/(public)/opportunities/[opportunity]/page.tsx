import { z } from 'zod';
import { withTenant } from '@/db/with-tenant';
import { findSupplierForUser } from '@/modules/applications/service';
import { findBuyerOrganisation } from '@/modules/direct-award/service';
import { frameworkById } from '@/modules/frameworks/queries';
import { localised } from '@/modules/i18n/localised';
import { askQuestionAction } from '@/modules/opportunities/actions';
import { OpportunityAnswers, OpportunityDates, StatusTag } from '@/modules/opportunities/components';
import { eligibleService, findOpportunity, findResponse, listQuestions } from '@/modules/opportunities/service';
import { questionsOpen } from '@/modules/opportunities/status';
import { pageNotFound, signedInUser, tenantPageContext } from '@/modules/tenancy/context';
import { ActionForm } from '@/modules/ui/action-form';
import { PageHeading } from '@/modules/ui/page-heading';

/** A published opportunity: the requirement, dates, published answers to questions, and what the viewer may do. */
export default async function OpportunityPage({ params }: PageProps<'/[tenant]/[locale]/opportunities/[opportunity]'>) {
  const { tenant: slug, locale, opportunity: id } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant, fmt } = ctx;
  if (!z.uuid().safeParse(id).success) pageNotFound(ctx);
  const user = await signedInUser();
  const data = await withTenant(tenant, async (tx) => {
    const o = await findOpportunity(tx, id);
    // Drafts and withdrawn opportunities are not public: they answer like a missing page.
    if (!o || o.status === 'draft' || o.status === 'withdrawn') return null;
    const framework = (await frameworkById(tx, o.frameworkId, tenant.config.timezone))!;
    const supplier = user ? await findSupplierForUser(tx, user.id) : null;
    const organisation = user ? await findBuyerOrganisation(tx, user.id) : null;
    return {
      o,
      framework,
      supplier,
      isOwner: organisation?.id === o.organisationId,
      eligible: supplier ? Boolean(await eligibleService(tx, o, supplier.id)) : false,
      response: supplier ? await findResponse(tx, o.id, supplier.id) : null,
      questions: await listQuestions(tx, o.id, { publishedOnly: true, supplierId: supplier?.id }),
    };
  });
  if (!data) pageNotFound(ctx);
  const { o, framework, supplier, isOwner, eligible, response, questions } = data;
  const fallback = tenant.config.defaultLocale;
  const L = (text: Partial<Record<string, string>>) => localised(text, locale, fallback);
  const lot = framework.definition.lots.find((l) => l.slug === o.lot);
  const published = questions.filter((q) => q.publishedAt);
  const mine = questions.filter((q) => !q.publishedAt);
  return (
    <>
      <p className="mb-2">
        <a href={ctx.href('/opportunities')}>{t('opportunities.publicTitle')}</a>
      </p>
      <PageHeading>{o.title}</PageHeading>
      <p className="mb-4 text-lg">
        {L(framework.name)} · {lot ? L(lot.name) : o.lot} · {t('opportunities.reference', { reference: o.reference })}
      </p>
      <p className="mb-6">
        <StatusTag status={o.status} t={t} />
      </p>
      <OpportunityDates o={o} t={t} fmt={fmt} />
      {isOwner ? (
        <p className="mb-6 border-s-4 border-brand p-4">
          <a href={ctx.href(`/buyer/opportunities/${o.id}`)}>{t('opportunities.manageLink')}</a>
        </p>
      ) : null}
      {supplier && o.status === 'live' ? (
        <section aria-labelledby="respond" className="mb-8 border-s-4 border-brand p-4">
          <h2 id="respond" className="mb-2 text-xl font-bold">{t('opportunities.respondHeading')}</h2>
          {eligible ? (
            <p>
              <a href={ctx.href(`/supplier/opportunities/${o.id}`)}>
                {response?.submittedAt ? t('opportunities.editResponse') : t('opportunities.startResponse')}
              </a>
            </p>
          ) : (
            <p>{t('opportunities.notEligibleExplained', { lot: lot ? L(lot.name) : o.lot })}</p>
          )}
        </section>
      ) : null}
      {!user && o.status === 'live' ? (
        <p className="mb-8">
          <a href={ctx.href(`/sign-in?next=${encodeURIComponent(ctx.href(`/opportunities/${o.id}`))}`)}>{t('opportunities.signInToRespond')}</a>
        </p>
      ) : null}
      <OpportunityAnswers def={framework.definition} lot={o.lot} answers={o.answers} t={t} locale={locale} fallback={fallback} fmt={fmt} L={L} />
      <section aria-labelledby="qa" className="mb-8">
        <h2 id="qa" className="mb-2 text-2xl font-bold">{t('opportunities.questionsHeading')}</h2>
        {published.length === 0 ? (
          <p>{t('opportunities.noPublishedQuestions')}</p>
        ) : (
          <dl className="divide-y divide-rule border-y border-rule" data-testid="published-questions">
            {published.map((q) => (
              <div key={q.id} className="py-3">
                <dt className="font-bold">{q.question}</dt>
                <dd className="mt-1 whitespace-pre-line">{q.answer}</dd>
              </div>
            ))}
          </dl>
        )}
        {mine.length > 0 ? (
          <>
            <h3 className="mb-2 mt-6 text-xl font-bold">{t('opportunities.yourQuestions')}</h3>
            <ul className="list-disc ps-6">
              {mine.map((q) => (
                <li key={q.id}>{q.question} <span className="text-muted">({t('opportunities.awaitingAnswer')})</span></li>
              ))}
            </ul>
          </>
        ) : null}
        {supplier && eligible && questionsOpen(o, new Date()) ? (
          <div className="mt-6">
            <h3 className="mb-2 text-xl font-bold">{t('opportunities.askHeading')}</h3>
            <p className="mb-4 max-w-2xl">{t('opportunities.askIntro')}</p>
            <ActionForm
              id="ask"
              action={askQuestionAction}
              fields={[
                { name: 'opportunity', label: '', type: 'hidden', defaultValue: o.id },
                { name: 'question', label: t('opportunities.questionLabel'), type: 'textarea', rows: 4 },
              ]}
              submitLabel={t('opportunities.askSubmit')}
              errorSummaryTitle={t('errors.summaryTitle')}
            />
          </div>
        ) : null}
      </section>
    </>
  );
}
