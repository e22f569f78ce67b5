import { withTenant } from '@/db/with-tenant';
import { serviceTitle, ZFrameworkDefinition, type TFrameworkDefinition } from '@/modules/frameworks/definition-schema';
import { localised } from '@/modules/i18n/localised';
import { indexLetter, listSuppliersWithLiveServices } from '@/modules/opendata/public-records';
import { tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { PageHeading } from '@/modules/ui/page-heading';

export const generateMetadata = titleFromKey('publicBrowse.suppliersTitle');

const LETTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ', '#'];

/** Suppliers A-Z with their live services: plain links and anchors, so it works without JavaScript. */
export default async function SuppliersPage({ params, searchParams }: PageProps<'/[tenant]/[locale]/suppliers'>) {
  const { tenant: slug, locale } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant } = ctx;
  const raw = (await searchParams).letter;
  const letter = typeof raw === 'string' && LETTERS.includes(raw) ? raw : null;
  const all = await withTenant(tenant, (tx) => listSuppliersWithLiveServices(tx));
  const present = new Set(all.map((s) => indexLetter(s.legalName)));
  const shown = letter ? all.filter((s) => indexLetter(s.legalName) === letter) : all;
  const groups = LETTERS.map((l) => ({ letter: l, suppliers: shown.filter((s) => indexLetter(s.legalName) === l) })).filter((g) => g.suppliers.length > 0);
  // Parse each framework's definition once, not once per service.
  const definitions = new Map<string, TFrameworkDefinition>();
  const definitionOf = (slugKey: string, raw: Record<string, unknown>) => {
    if (!definitions.has(slugKey)) definitions.set(slugKey, ZFrameworkDefinition.parse(raw));
    return definitions.get(slugKey)!;
  };
  const fallback = tenant.config.defaultLocale;
  return (
    <>
      <PageHeading>{t('publicBrowse.suppliersTitle')}</PageHeading>
      <p className="mb-6 max-w-3xl text-lg">{t('publicBrowse.suppliersIntro')}</p>
      <nav aria-label={t('publicBrowse.lettersNav')} className="mb-8">
        <ul className="flex flex-wrap gap-2" dir="ltr">
          <li>
            {letter ? <a href={ctx.href('/suppliers')} className="inline-block p-2">{t('publicBrowse.allLetters')}</a> : <span aria-current="page" className="inline-block p-2 font-bold">{t('publicBrowse.allLetters')}</span>}
          </li>
          {LETTERS.map((l) => (
            <li key={l}>
              {l === letter ? (
                <span aria-current="page" className="inline-block bg-brand p-2 font-bold text-brand-text">{l}</span>
              ) : present.has(l) ? (
                <a href={ctx.href(`/suppliers?letter=${encodeURIComponent(l)}`)} className="inline-block p-2" aria-label={t('publicBrowse.letterLink', { letter: l })}>
                  {l}
                </a>
              ) : (
                <span className="inline-block p-2 text-muted">{l}</span>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {groups.length === 0 ? (
        <p>{t('publicBrowse.noSuppliers')}</p>
      ) : (
        groups.map((g) => (
          <section key={g.letter} aria-labelledby={`letter-${g.letter === '#' ? 'other' : g.letter}`} className="mb-8">
            <h2 id={`letter-${g.letter === '#' ? 'other' : g.letter}`} className="mb-4 border-b-2 border-ink text-2xl font-bold">
              {g.letter}
            </h2>
            <ul className="grid gap-4" data-testid="supplier-list">
              {g.suppliers.map((s) => (
                <li key={s.id} className="border border-rule p-4">
                  <h3 className="text-lg font-bold">{s.legalName}</h3>
                  <p className="text-muted">
                    {t(`sizes.${s.organisationSize}`)}
                    {s.region ? ` · ${s.region}` : ''}
                  </p>
                  {s.description ? <p className="mt-2">{s.description}</p> : null}
                  <p className="mt-2 font-bold">{t('publicBrowse.liveServices')}</p>
                  <ul className="list-disc ps-6">
                    {s.services.map((v) => {
                      const def = definitionOf(v.frameworkSlug, v.frameworkDefinition);
                      const lot = def.lots.find((l) => l.slug === v.lot);
                      return (
                        <li key={v.id}>
                          <a href={ctx.href(`/services/${v.id}`)}>{serviceTitle(def, v.answers) ?? t('publicBrowse.untitledService')}</a>
                          {lot ? <span className="text-muted"> · {localised(lot.name, locale, fallback)}</span> : null}
                        </li>
                      );
                    })}
                  </ul>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </>
  );
}
