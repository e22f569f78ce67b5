import { z } from 'zod';
import { withTenant } from '@/db/with-tenant';
import { serviceTitle } from '@/modules/frameworks/definition-schema';
import { findPublishedService } from '@/modules/catalogue/queries';
import { applicableQuestions } from '@/modules/frameworks/answer-validation';
import { AnswerValue } from '@/modules/frameworks/answer-display';
import { questionsOf, serviceTitleQuestionId } from '@/modules/frameworks/definition-schema';
import { frameworkById } from '@/modules/frameworks/queries';
import { localised } from '@/modules/i18n/localised';
import { pageNotFound, tenantPageContext } from '@/modules/tenancy/context';
import { PageHeading } from '@/modules/ui/page-heading';

/** A published service: every answer, rendered from its framework's definition. */
export default async function ServicePage({ params }: PageProps<'/[tenant]/[locale]/services/[service]'>) {
  const { tenant: slug, locale, service: serviceId } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant, fmt } = ctx;
  if (!z.uuid().safeParse(serviceId).success) pageNotFound(ctx);
  const data = await withTenant(tenant, async (tx) => {
    const row = await findPublishedService(tx, serviceId);
    if (!row) return null;
    const framework = await frameworkById(tx, row.service.frameworkId, tenant.config.timezone);
    return framework ? { ...row, framework } : null;
  });
  if (!data) pageNotFound(ctx);
  const { service, supplier, framework } = data;
  const fallback = tenant.config.defaultLocale;
  const def = framework.definition;
  const lot = def.lots.find((l) => l.slug === service.lot);
  const applicable = new Set(applicableQuestions(def, 'services', service.lot).map((q) => q.id));
  const name = serviceTitle(framework.definition, service.answers) ?? t('applications.untitledService');
  return (
    <>
      <p className="mb-2">
        <a href={ctx.href(`/frameworks/${framework.slug}`)}>{localised(framework.name, locale, fallback)}</a>
        {lot ? ` · ${localised(lot.name, locale, fallback)}` : ''}
      </p>
      <PageHeading>{name}</PageHeading>
      <p className="mb-8 text-lg">
        {supplier.legalName} · {t(`sizes.${supplier.organisationSize}`)}
      </p>
      {def.questionSets.services.map((section) => {
        const rows = questionsOf([section])
          .map((q) => q.question)
          .filter((q) => applicable.has(q.id) && q.id !== serviceTitleQuestionId(def) && service.answers[q.id] !== undefined);
        if (rows.length === 0) return null;
        return (
          <section key={section.slug} aria-labelledby={`s-${section.slug}`} className="mb-8">
            <h2 id={`s-${section.slug}`} className="mb-2 text-2xl font-bold">{localised(section.name, locale, fallback)}</h2>
            <dl className="divide-y divide-rule border-y border-rule">
              {rows.map((q) => (
                <div key={q.id} className="grid gap-2 py-2 md:grid-cols-[1fr_2fr]">
                  <dt className="font-bold">{localised(q.label, locale, fallback)}</dt>
                  <dd>
                    <AnswerValue question={q} value={service.answers[q.id]} t={t} locale={locale} fallback={fallback} fmt={fmt} basePath={ctx.basePath} />
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
    </>
  );
}
