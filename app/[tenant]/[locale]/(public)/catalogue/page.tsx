import { withTenant } from '@/db/with-tenant';
import { catalogueHref, parseCatalogueParams } from '@/modules/catalogue/query-params';
import { COUNT_CAP, MARK_END, MARK_START, searchCatalogue, SORTS, textSearchConfig, PAGE_SIZE } from '@/modules/catalogue/search';
import { questionsOf, serviceTitle } from '@/modules/frameworks/definition-schema';
import { listFrameworks } from '@/modules/frameworks/queries';
import { deriveSearchFilters } from '@/modules/frameworks/search-filters';
import { formatNumber } from '@/modules/i18n/format';
import { localised } from '@/modules/i18n/localised';
import { signedInUser, tenantPageContext } from '@/modules/tenancy/context';
import { createProjectAction } from '@/modules/direct-award/actions';
import { createAlertAction } from '@/modules/catalogue/alert-actions';
import { listTeams } from '@/modules/buyers/teams';
import { findBuyerOrganisation } from '@/modules/direct-award/service';
import { ActionForm } from '@/modules/ui/action-form';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { PageHeading } from '@/modules/ui/page-heading';

export const generateMetadata = titleFromKey('catalogue.title');

/** Snippet text with the matched words marked; the stored text is never treated as HTML. */
function Snippet({ text }: { text: string }) {
  const parts = text.split(MARK_START);
  return (
    <>
      {parts.map((part, i) => {
        if (i === 0) return <span key={i}>{part}</span>;
        const [marked, rest] = part.split(MARK_END);
        return (
          <span key={i}>
            <mark>{marked}</mark>
            {rest}
          </span>
        );
      })}
    </>
  );
}

/** The catalogue: a server-rendered GET form, so every state is a link and it works without JavaScript. */
export default async function CataloguePage({ params, searchParams }: PageProps<'/[tenant]/[locale]/catalogue'>) {
  const { tenant: slug, locale } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant, fmt } = ctx;
  const raw = await searchParams;
  const query = parseCatalogueParams(raw);
  const fallback = tenant.config.defaultLocale;
  const base = ctx.href('/catalogue');
  const user = await signedInUser();
  const { frameworks, result, filterDefs, selected, buyerOrganisation, teams } = await withTenant(tenant, async (tx) => {
    const live = (await listFrameworks(tx, tenant.config.timezone)).filter((f) => f.status === 'live' && f.definition.lots.some((l) => l.awardRoutes.includes('direct_award')));
    const chosen = live.find((f) => f.slug === query.framework) ?? (live.length === 1 ? live[0] : undefined);
    const defs = chosen ? deriveSearchFilters(chosen.definition, query.lot) : [];
    const snippetQuestion = chosen ? questionsOf(chosen.definition.questionSets.services).find((q) => q.question.type === 'textarea')?.question.id : undefined;
    const searched = await searchCatalogue(
      tx,
      { ...query, framework: chosen?.slug ?? query.framework, lot: chosen ? query.lot : undefined },
      { config: textSearchConfig(fallback), filterDefs: defs, snippetQuestion, typoTolerant: true },
    );
    const organisation = user ? await findBuyerOrganisation(tx, user.id) : null;
    const teams = organisation && user ? (await listTeams(tx, organisation.id, user.id)).filter((team) => team.isMember) : [];
    return { frameworks: live, result: searched, filterDefs: defs, selected: chosen, buyerOrganisation: organisation, teams };
  });
  const frameworkBySlug = new Map(frameworks.map((f) => [f.slug, f]));
  const countText = result.capped ? t('catalogue.countCapped', { count: formatNumber(1000, fmt) }) : t('catalogue.count', { count: result.total });
  const active: { label: string; href: string }[] = [];
  if (query.q) active.push({ label: `“${query.q}”`, href: catalogueHref(base, raw, { q: null, page: null }) });
  if (query.lot && selected) active.push({ label: localised(selected.definition.lots.find((l) => l.slug === query.lot)?.name, locale, fallback), href: catalogueHref(base, raw, { lot: null, page: null }) });
  for (const size of ([] as string[]).concat(raw.size ?? [])) active.push({ label: t(`catalogue.size.${size}`), href: catalogueHref(base, raw, { size: ([] as string[]).concat(raw.size ?? []).filter((s) => s !== size), page: null }) });
  if (query.region) active.push({ label: query.region, href: catalogueHref(base, raw, { region: null, page: null }) });
  for (const [qid, values] of Object.entries(query.filters)) {
    const def = filterDefs.find((f) => f.questionId === qid);
    for (const value of values) {
      const label = def?.options.find((o) => o.value === value)?.label;
      active.push({ label: label ? localised(label, locale, fallback) : def ? localised(def.label, locale, fallback) : value, href: catalogueHref(base, raw, { [`f.${qid}`]: values.filter((v) => v !== value), page: null }) });
    }
  }
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  const regions = tenant.config.supplierRegistration.regions;
  const sizeValues = ([] as string[]).concat(raw.size ?? []);
  return (
    <>
      <PageHeading>{t('catalogue.title')}</PageHeading>
      {buyerOrganisation ? (
        <details className="mb-6 border border-rule p-4">
          <summary className="cursor-pointer font-bold">{t('projects.saveSearch')}</summary>
          <p className="my-3 max-w-2xl">{t('projects.saveSearchIntro', { organisation: buyerOrganisation.name })}</p>
          <ActionForm
            id="save-search"
            action={createProjectAction}
            fields={[
              { name: 'search', label: '', type: 'hidden', defaultValue: catalogueHref('', raw, { page: null }).replace(/^\?/, '') },
              { name: 'name', label: t('projects.name'), hint: t('projects.nameHint'), type: 'text' },
              ...(teams.length > 0
                ? [
                    {
                      name: 'team',
                      label: t('teams.shareWith'),
                      type: 'radios' as const,
                      defaultValue: '',
                      options: [{ value: '', label: t('teams.wholeOrganisation', { organisation: buyerOrganisation.name }) }, ...teams.map((team) => ({ value: team.id, label: team.name }))],
                    },
                  ]
                : []),
            ]}
            submitLabel={t('projects.save')}
            errorSummaryTitle={t('errors.summaryTitle')}
          />
        </details>
      ) : null}
      {user ? (
        <div className="mb-6">
          <ActionForm
            id="create-alert"
            action={createAlertAction}
            fields={[{ name: 'search', label: '', type: 'hidden', defaultValue: catalogueHref('', raw, { page: null, sort: null }).replace(/^\?/, '') }]}
            submitLabel={t('alerts.subscribe')}
            errorSummaryTitle={t('errors.summaryTitle')}
          />
        </div>
      ) : null}
      <form method="get" action={base} role="search" aria-label={t('catalogue.title')}>
        <div className="mb-6 flex flex-wrap items-end gap-2">
          <div className="grow">
            <label htmlFor="catalogue-q" className="mb-1 block text-lg font-bold">
              {t('catalogue.searchLabel')}
            </label>
            <input id="catalogue-q" name="q" type="search" defaultValue={query.q} className="w-full border-2 border-ink p-2" />
          </div>
          <button type="submit" className="cursor-pointer bg-brand px-5 py-2 text-lg font-bold text-brand-text">
            {t('catalogue.search')}
          </button>
        </div>
        <a href="#results-count" className="mb-4 inline-block">
          {t('catalogue.skipToResults')}
        </a>
        <div className="grid gap-8 md:grid-cols-[16rem_1fr]">
          <div>
            <h2 className="mb-2 text-xl font-bold">{t('catalogue.filters')}</h2>
            <div className="mb-4">
              <label htmlFor="catalogue-framework" className="mb-1 block font-bold">{t('catalogue.framework')}</label>
              <select id="catalogue-framework" name="framework" defaultValue={selected?.slug ?? ''} className="w-full border-2 border-ink p-2">
                {frameworks.length !== 1 ? <option value="">{t('catalogue.allFrameworks')}</option> : null}
                {frameworks.map((f) => (
                  <option key={f.slug} value={f.slug}>{localised(f.name, locale, fallback)}</option>
                ))}
              </select>
            </div>
            {selected ? (
              <div className="mb-4">
                <label htmlFor="catalogue-lot" className="mb-1 block font-bold">{t('catalogue.lot')}</label>
                <select id="catalogue-lot" name="lot" defaultValue={query.lot ?? ''} className="w-full border-2 border-ink p-2">
                  <option value="">{t('catalogue.allLots')}</option>
                  {selected.definition.lots.filter((l) => l.awardRoutes.includes('direct_award')).map((l) => (
                    <option key={l.slug} value={l.slug}>{localised(l.name, locale, fallback)}</option>
                  ))}
                </select>
              </div>
            ) : null}
            <fieldset className="mb-4">
              <legend className="mb-1 font-bold">{t('catalogue.supplierSize')}</legend>
              {['sme', 'large'].map((size) => (
                <div key={size} className="flex items-center gap-2">
                  <input type="checkbox" id={`size-${size}`} name="size" value={size} defaultChecked={sizeValues.includes(size)} className="h-5 w-5" />
                  <label htmlFor={`size-${size}`}>{t(`catalogue.size.${size}`)}</label>
                </div>
              ))}
            </fieldset>
            {regions.length > 0 ? (
              <div className="mb-4">
                <label htmlFor="catalogue-region" className="mb-1 block font-bold">{t('applications.region')}</label>
                <select id="catalogue-region" name="region" defaultValue={query.region ?? ''} className="w-full border-2 border-ink p-2">
                  <option value="">{t('catalogue.allRegions')}</option>
                  {regions.map((r) => (
                    <option key={r} value={r}>{r}</option>
                  ))}
                </select>
              </div>
            ) : null}
            {filterDefs.map((filter) => {
              const counts = result.facets.find((f) => f.questionId === filter.questionId)?.counts ?? {};
              const chosen = query.filters[filter.questionId] ?? [];
              const options = filter.kind === 'boolean' ? [{ value: 'true', label: null }] : filter.options;
              return (
                <fieldset key={filter.questionId} className="mb-4" data-facet={filter.questionId}>
                  <legend className="mb-1 font-bold">{localised(filter.label, locale, fallback)}</legend>
                  {options.map((o, i) => (
                    <div key={o.value} className="flex items-center gap-2">
                      <input type="checkbox" id={`f-${filter.questionId}-${i}`} name={`f.${filter.questionId}`} value={o.value} defaultChecked={chosen.includes(o.value)} className="h-5 w-5" />
                      <label htmlFor={`f-${filter.questionId}-${i}`}>
                        {o.label ? localised(o.label, locale, fallback) : t('forms.yes')} <span className="text-muted">({(counts[o.value] ?? 0) > COUNT_CAP ? `${formatNumber(COUNT_CAP, fmt)}+` : formatNumber(counts[o.value] ?? 0, fmt)})</span>
                      </label>
                    </div>
                  ))}
                </fieldset>
              );
            })}
            <div className="mb-4">
              <label htmlFor="catalogue-sort" className="mb-1 block font-bold">{t('catalogue.sort')}</label>
              <select id="catalogue-sort" name="sort" defaultValue={query.sort} className="w-full border-2 border-ink p-2">
                {SORTS.map((s) => (
                  <option key={s} value={s}>{t(`catalogue.sorts.${s}`)}</option>
                ))}
              </select>
            </div>
            <button type="submit" className="cursor-pointer border-2 border-brand px-4 py-2 font-bold">
              {t('catalogue.apply')}
            </button>
          </div>
          <div>
            <p className="mb-4 text-lg font-bold" role="status" data-testid="result-count" id="results-count" tabIndex={-1}>
              {countText}
            </p>
            {result.fuzzy ? (
              <p className="mb-4 border-s-4 border-brand bg-gray-100 p-3" data-testid="fuzzy-notice">
                {t('catalogueSearch.similarWords', { q: query.q })}
              </p>
            ) : null}
            {result.timedOut ? (
              <p className="mb-4 border-s-4 border-brand bg-gray-100 p-3" role="alert" data-testid="search-timed-out">
                {t('catalogueSearch.timedOut')}
              </p>
            ) : null}
            {active.length > 0 ? (
              <ul className="mb-4 flex flex-wrap gap-2" aria-label={t('catalogue.activeFilters')}>
                {active.map((a) => (
                  <li key={a.href}>
                    <a href={a.href} className="inline-block border border-rule px-2 py-1">
                      {t('catalogue.remove', { filter: a.label })}
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
            {result.hits.length === 0 ? (
              <div data-testid="empty-state">
                <p className="mb-2">{t('catalogue.noResults')}</p>
                {active.length > 0 ? (
                  <p>
                    <a href={base}>{t('catalogue.clearAll')}</a>
                  </p>
                ) : null}
              </div>
            ) : (
              <ol className="space-y-4" data-testid="results">
                {result.hits.map((hit) => {
                  const framework = frameworkBySlug.get(hit.frameworkSlug);
                  const lot = framework?.definition.lots.find((l) => l.slug === hit.lot);
                  return (
                    <li key={hit.id} className="border-b border-rule pb-4">
                      <h3 className="text-lg font-bold">
                        <a href={ctx.href(`/services/${hit.id}`)}>{(framework && serviceTitle(framework.definition, hit.answers)) ?? t('applications.untitledService')}</a>
                      </h3>
                      <p className="text-muted">
                        {hit.supplierName} · {t(`sizes.${hit.organisationSize}`)}
                        {lot ? ` · ${localised(lot.name, locale, fallback)}` : ''}
                      </p>
                      {hit.snippet ? (
                        <p className="mt-1">
                          <Snippet text={hit.snippet} />
                        </p>
                      ) : null}
                    </li>
                  );
                })}
              </ol>
            )}
            {pages > 1 ? (
              <nav aria-label={t('catalogue.pagination')} className="mt-6 flex gap-4">
                {query.page > 1 ? <a href={catalogueHref(base, raw, { page: String(query.page - 1) })}>{t('catalogue.previous')}</a> : null}
                <span>{t('catalogue.pageOf', { page: query.page, pages })}</span>
                {query.page < pages ? <a href={catalogueHref(base, raw, { page: String(query.page + 1) })}>{t('catalogue.next')}</a> : null}
              </nav>
            ) : null}
          </div>
        </div>
      </form>
    </>
  );
}
