import { withTenant } from '@/db/with-tenant';
import { serviceTitle } from '@/modules/frameworks/definition-schema';
import { listPublishedServices } from '@/modules/catalogue/queries';
import { listPublishedClarifications } from '@/modules/frameworks/clarifications';
import { findFrameworkBySlug } from '@/modules/frameworks/queries';
import { FrameworkTimeline, StatusTag } from '@/modules/frameworks/timeline';
import { localised } from '@/modules/i18n/localised';
import { pageNotFound, tenantPageContext } from '@/modules/tenancy/context';
import { PageHeading } from '@/modules/ui/page-heading';

export default async function FrameworkPage({ params }: PageProps<'/[tenant]/[locale]/frameworks/[framework]'>) {
  const { tenant: slug, locale, framework: frameworkSlug } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant, fmt } = ctx;
  const data = await withTenant(tenant, async (tx) => {
    const found = await findFrameworkBySlug(tx, frameworkSlug, tenant.config.timezone);
    return found ? { framework: found, published: await listPublishedServices(tx, found.id), clarifications: await listPublishedClarifications(tx, found.id) } : null;
  });
  if (!data) pageNotFound(ctx);
  const { framework, published, clarifications } = data;
  const fallback = tenant.config.defaultLocale;
  const def = framework.definition;
  return (
    <>
      <PageHeading>{localised(framework.name, locale, fallback)}</PageHeading>
      <p className="mb-4">
        <StatusTag status={framework.status} t={t} />
      </p>
      {def.description ? <p className="mb-8 max-w-3xl text-lg">{localised(def.description, locale, fallback)}</p> : null}
      <h2 className="mb-2 text-2xl font-bold">{t('frameworks.keyDates')}</h2>
      <div className="mb-10">
        <FrameworkTimeline schedule={framework.schedule} t={t} fmt={fmt} />
      </div>
      <h2 className="mb-4 text-2xl font-bold">{t('frameworks.lots')}</h2>
      <ul className="grid gap-4 md:grid-cols-2">
        {def.lots.map((lot) => (
          <li key={lot.slug} className="border border-rule p-4">
            <h3 className="mb-1 text-lg font-bold">{localised(lot.name, locale, fallback)}</h3>
            {lot.description ? <p className="mb-2">{localised(lot.description, locale, fallback)}</p> : null}
            <p className="text-sm text-muted">{lot.awardRoutes.map((r) => t(`frameworks.routes.${r}`)).join(' · ')}</p>
            {(() => {
              const inLot = published.filter((p) => p.service.lot === lot.slug);
              if (inLot.length === 0) return null;
              return (
                <>
                  <p className="mt-3 font-bold">{t('catalogue.servicesInLot', { count: inLot.length })}</p>
                  <ul className="list-disc ps-6" data-testid={`lot-services-${lot.slug}`}>
                    {inLot.map(({ service, supplier }) => (
                      <li key={service.id}>
                        <a href={ctx.href(`/services/${service.id}`)}>
                          {serviceTitle(framework.definition, service.answers) ?? t('applications.untitledService')}
                        </a>{' '}
                        <span className="text-muted">({supplier.legalName})</span>
                      </li>
                    ))}
                  </ul>
                </>
              );
            })()}
          </li>
        ))}
      </ul>
      <section aria-labelledby="clarifications" className="mt-10">
        <h2 id="clarifications" className="mb-4 text-2xl font-bold">{t('clarifications.heading')}</h2>
        {clarifications.length === 0 ? (
          <p>{t('clarifications.nonePublished')}</p>
        ) : (
          <dl className="divide-y divide-rule border-y border-rule" data-testid="clarifications">
            {clarifications.map((c) => (
              <div key={c.id} className="py-3">
                <dt className="mb-1 font-bold">{c.question}</dt>
                <dd className="whitespace-pre-line">{c.answer}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>
    </>
  );
}
