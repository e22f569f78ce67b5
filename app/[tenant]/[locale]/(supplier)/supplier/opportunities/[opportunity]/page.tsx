import { redirect } from 'next/navigation';
import { z } from 'zod';
import { withTenant } from '@/db/with-tenant';
import { supplierPageContext } from '@/modules/applications/page-context';
import { buildFormText, buildSectionModels, type SectionModel } from '@/modules/frameworks/field-models';
import { GeneratedForm } from '@/modules/frameworks/generated-form';
import { frameworkById } from '@/modules/frameworks/queries';
import { formatDate, formatMoney } from '@/modules/i18n/format';
import { localised } from '@/modules/i18n/localised';
import { saveResponseAction } from '@/modules/opportunities/actions';
import { requirementsByEvidence } from '@/modules/opportunities/evidence';
import { eligibleService, findOpportunity, findResponse, maximumRate, responsePricingQuestion } from '@/modules/opportunities/service';
import { pageNotFound, tenantPageContext } from '@/modules/tenancy/context';
import { PageHeading } from '@/modules/ui/page-heading';

/** A supplier's response: the framework's response questions for the lot, plus the price. Editable until the close. */
export default async function RespondPage({ params }: PageProps<'/[tenant]/[locale]/supplier/opportunities/[opportunity]'>) {
  const { tenant: slug, locale, opportunity: id } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant, fmt } = ctx;
  const { supplier } = await supplierPageContext(ctx);
  if (!supplier) redirect(ctx.href('/supplier/register'));
  if (!z.uuid().safeParse(id).success) pageNotFound(ctx);
  const data = await withTenant(tenant, async (tx) => {
    const o = await findOpportunity(tx, id);
    if (!o || o.status === 'draft' || o.status === 'withdrawn') return null;
    return {
      o,
      framework: (await frameworkById(tx, o.frameworkId, tenant.config.timezone))!,
      service: await eligibleService(tx, o, supplier.id),
      response: await findResponse(tx, o.id, supplier.id),
    };
  });
  if (!data) pageNotFound(ctx);
  const { o, framework, service, response } = data;
  const fallback = tenant.config.defaultLocale;
  const cap = service ? maximumRate(service.answers) : null;
  const priceSection: SectionModel = {
    slug: 'price',
    name: t('opportunities.priceLabel'),
    fields: [
      {
        id: 'price',
        type: 'text',
        label: t('opportunities.priceLabel'),
        hint: cap !== null ? t('opportunities.priceHintCapped', { maximum: formatMoney(cap, fmt) }) : t('opportunities.priceHint', { currency: tenant.config.currency }),
        optional: false,
      },
    ],
  };
  const generated = buildSectionModels(framework.definition.questionSets.response, { lot: o.lot, locale, fallback, t, pairs: requirementsByEvidence(framework.definition, o.lot, o.answers) }).filter((m) => m.fields.length > 0);
  // A rate question in the definition is the price; otherwise ask for one.
  const models = responsePricingQuestion(framework.definition, o.lot) ? generated : [...generated, priceSection];
  const open = o.status === 'live';
  return (
    <>
      <p className="mb-2">
        <a href={ctx.href(`/opportunities/${o.id}`)}>{o.title}</a>
      </p>
      <PageHeading>{t('opportunities.respondHeading')}</PageHeading>
      <p className="mb-2 text-lg">{localised(framework.name, locale, fallback)}</p>
      {o.closesAt ? <p className="mb-4">{t('opportunities.closesOnDate', { date: formatDate(o.closesAt, fmt, 'dateTime') })}</p> : null}
      {response?.submittedAt ? (
        <p role="status" className="mb-6 border-s-4 border-brand bg-gray-100 p-4">
          {t('opportunities.submittedOn', { date: formatDate(response.submittedAt, fmt, 'dateTime') })}
        </p>
      ) : null}
      {!service ? (
        <p className="border-s-4 border-error p-4">{t('opportunities.notEligibleExplained', { lot: o.lot })}</p>
      ) : (
        <>
          {!open ? <p className="mb-6 border-s-4 border-error p-4">{t('opportunities.responsesClosed')}</p> : null}
          <GeneratedForm
            sections={models}
            text={buildFormText(t, models.flatMap((m) => m.fields.map((f) => f.maxWords ?? 0)))}
            initialAnswers={responsePricingQuestion(framework.definition, o.lot) ? (response?.answers ?? {}) : { ...(response?.answers ?? {}), price: response?.price ?? '' }}
            action={saveResponseAction}
            hidden={{ opportunity: o.id }}
            submitLabel={t('opportunities.saveDraft')}
            extraSubmit={{ name: 'intent', value: 'submit', label: t('opportunities.submitResponse') }}
            disabled={!open}
          />
        </>
      )}
    </>
  );
}
