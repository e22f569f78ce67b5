import { sql, type SQL } from 'drizzle-orm';
import { tenantSettings } from '@/db/schema/tenant';
import type { TenantTx } from '@/db/with-tenant';
import type { SearchFilter } from '@/modules/frameworks/search-filters';

/*
 * Catalogue search on Postgres full-text search. The document is kept by a trigger (published services only)
 * in the tenant's content language; facets come from the framework definition's search filters.
 */

const TEXT_SEARCH_CONFIGS: Record<string, string> = { en: 'english', fr: 'french', es: 'spanish' };

/** Welsh and Arabic have no stemmer in PostgreSQL: they fall back to 'simple' (no stemming, no stop words). */
export function textSearchConfig(locale: string): string {
  return TEXT_SEARCH_CONFIGS[locale] ?? 'simple';
}

export async function setContentLanguage(tx: TenantTx, locale: string): Promise<void> {
  const value = textSearchConfig(locale);
  await tx.insert(tenantSettings).values({ key: 'search_config', value }).onConflictDoUpdate({ target: tenantSettings.key, set: { value } });
}

export const SORTS = ['relevance', 'supplier', 'newest'] as const;
export type Sort = (typeof SORTS)[number];

export interface CatalogueQuery {
  q: string;
  framework?: string;
  lot?: string;
  sizes: string[];
  region?: string;
  /** Facet selections: questionId → chosen option values (any of). */
  filters: Record<string, string[]>;
  sort: Sort;
  page: number;
  /** Only services published or updated after this moment (saved-search digests). */
  changedSince?: Date;
}

export interface CatalogueHit {
  id: string;
  frameworkSlug: string;
  lot: string;
  supplierName: string;
  organisationSize: string;
  region: string | null;
  answers: Record<string, unknown>;
  snippet: string | null;
}

export interface FacetCount {
  questionId: string;
  counts: Record<string, number>;
}

export const PAGE_SIZE = 20;
/** Beyond this the page says "1,000+" rather than counting every match. */
export const COUNT_CAP = 1000;
/** Marks the matched words in snippets without letting stored text become HTML. */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

/** One bound parameter per value: drizzle would otherwise spread an array unpredictably. */
function list(values: string[]): SQL {
  return sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );
}

function conditions(query: CatalogueQuery, text: SQL | null, filterDefs: SearchFilter[], exceptFacet?: string, placements?: string[] | null): SQL {
  const parts: SQL[] = [sql`s.status = 'published'`];
  // Only lots bought by direct award belong in the catalogue (further-competition lots are reached by opportunities).
  if (placements) parts.push(placements.length > 0 ? sql`(f.slug || ':' || s.lot) in (${list(placements)})` : sql`false`);
  if (text) parts.push(text);
  if (query.framework) parts.push(sql`f.slug = ${query.framework}`);
  if (query.lot) parts.push(sql`s.lot = ${query.lot}`);
  if (query.sizes.length > 0) parts.push(sql`p.organisation_size in (${list(query.sizes)})`);
  if (query.region) parts.push(sql`p.region = ${query.region}`);
  if (query.changedSince) parts.push(sql`s.updated_at > ${query.changedSince.toISOString()}::timestamptz`);
  for (const filter of filterDefs) {
    if (filter.questionId === exceptFacet) continue;
    const chosen = query.filters[filter.questionId] ?? [];
    if (chosen.length === 0) continue;
    if (filter.kind === 'boolean') parts.push(sql`s.answers -> ${filter.questionId} = 'true'::jsonb`);
    else if (filter.kind === 'single') parts.push(sql`s.answers ->> ${filter.questionId} in (${list(chosen)})`);
    else parts.push(sql`s.answers -> ${filter.questionId} ?| array[${list(chosen)}]::text[]`);
  }
  return sql.join(parts, sql` and `);
}

export interface SearchOptions {
  config: string;
  filterDefs: SearchFilter[];
  snippetQuestion?: string;
  /** The question naming a service: typo-tolerant fallback when the words match nothing. */
  titleQuestion?: string;
}

export interface SearchResult {
  hits: CatalogueHit[];
  total: number;
  capped: boolean;
  facets: FacetCount[];
  /** True when nothing matched the words and the results are services with similar names instead. */
  fuzzy: boolean;
}

/**
 * "framework:lot" of every lot with the direct-award route, or null when every lot has it (no condition needed).
 * Frameworks are few, so this is one small read per search.
 */
async function directAwardPlacements(tx: TenantTx): Promise<string[] | null> {
  const rows = await tx.execute<{ slug: string; lots: { slug: string; awardRoutes?: string[] }[] }>(sql`select slug, definition -> 'lots' as lots from frameworks`);
  const all = rows.flatMap((r) => (r.lots ?? []).map((l) => ({ key: `${r.slug}:${l.slug}`, direct: (l.awardRoutes ?? []).includes('direct_award') })));
  return all.every((l) => l.direct) ? null : all.filter((l) => l.direct).map((l) => l.key);
}

/** Trigram similarity above which a misspelt name still counts as a match. */
const FUZZY_THRESHOLD = 0.35;

export async function searchCatalogue(tx: TenantTx, query: CatalogueQuery, options: SearchOptions): Promise<SearchResult> {
  // A bounded query: a pathological search cannot hold the connection.
  await tx.execute(sql`select set_config('statement_timeout', '5000', true)`);
  const config = sql`${options.config}::regconfig`;
  const q = query.q.trim();
  const tsQuery = q ? sql`websearch_to_tsquery(${config}, ${q})` : null;
  const exact = await runSearch(tx, query, options, tsQuery ? sql`s.search_document @@ ${tsQuery}` : null, tsQuery, config);
  if (exact.total > 0 || !q || !options.titleQuestion) return { ...exact, fuzzy: false };
  // pg_trgm lives in "public"; tenant transactions do not have it on their search_path.
  const similar = sql`public.word_similarity(${q}, coalesce(s.answers ->> ${options.titleQuestion}, '')) > ${FUZZY_THRESHOLD}`;
  const rank = sql`public.word_similarity(${q}, coalesce(s.answers ->> ${options.titleQuestion}, ''))`;
  return { ...(await runSearch(tx, query, options, similar, null, config, rank)), fuzzy: true };
}

async function runSearch(
  tx: TenantTx,
  query: CatalogueQuery,
  options: SearchOptions,
  text: SQL | null,
  tsQuery: SQL | null,
  config: SQL,
  fuzzyRank?: SQL,
): Promise<Omit<SearchResult, 'fuzzy'>> {
  const placements = await directAwardPlacements(tx);
  const where = conditions(query, text, options.filterDefs, undefined, placements);
  const from = sql`services s join suppliers p on p.id = s.supplier_id join frameworks f on f.id = s.framework_id`;
  const order =
    query.sort === 'supplier'
      ? sql`p.legal_name asc, s.id`
      : query.sort === 'newest'
        ? sql`s.updated_at desc, s.id`
        : tsQuery
          ? sql`ts_rank_cd(s.search_document, ${tsQuery}) desc, p.legal_name asc, s.id`
          : fuzzyRank
            ? sql`${fuzzyRank} desc, p.legal_name asc, s.id`
            : sql`p.legal_name asc, s.id`;
  const snippet =
    tsQuery && options.snippetQuestion
      ? sql`ts_headline(${config}, coalesce(s.answers ->> ${options.snippetQuestion}, ''), ${tsQuery}, ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=10`})`
      : sql`null`;
  const offset = (query.page - 1) * PAGE_SIZE;
  const rows = await tx.execute<{
    id: string;
    framework_slug: string;
    lot: string;
    legal_name: string;
    organisation_size: string;
    region: string | null;
    answers: Record<string, unknown>;
    snippet: string | null;
  }>(sql`select s.id, f.slug as framework_slug, s.lot, p.legal_name, p.organisation_size, p.region, s.answers, ${snippet} as snippet
    from ${from} where ${where} order by ${order} limit ${PAGE_SIZE} offset ${offset}`);
  const [counted] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from (select 1 from ${from} where ${where} limit ${COUNT_CAP + 1}) capped`);
  const total = counted?.n ?? 0;
  const facets: FacetCount[] = [];
  for (const filter of options.filterDefs) {
    // Each facet counts the results of every other filter, so choosing one option does not hide its siblings.
    const facetWhere = conditions(query, text, options.filterDefs, filter.questionId, placements);
    const value =
      filter.kind === 'multi'
        ? sql`jsonb_array_elements_text(case when jsonb_typeof(s.answers -> ${filter.questionId}) = 'array' then s.answers -> ${filter.questionId} else '[]'::jsonb end)`
        : sql`s.answers ->> ${filter.questionId}`;
    // Counted over at most COUNT_CAP matches, like the total: exact for selective searches, and bounded for a
    // common word (counting every match of every facet took ~20 s over 100k services; see bench-results).
    const counts = await tx.execute<{ value: string | null; n: number }>(
      sql`select v.value, count(*)::int as n from (select s.answers from ${from} where ${facetWhere} limit ${COUNT_CAP + 1}) s cross join lateral (select ${value} as value) v group by v.value`,
    );
    facets.push({ questionId: filter.questionId, counts: Object.fromEntries(counts.filter((c) => c.value !== null).map((c) => [c.value as string, c.n])) });
  }
  return {
    hits: rows.map((r) => ({
      id: r.id,
      frameworkSlug: r.framework_slug,
      lot: r.lot,
      supplierName: r.legal_name,
      organisationSize: r.organisation_size,
      region: r.region,
      answers: r.answers,
      snippet: r.snippet,
    })),
    total: Math.min(total, COUNT_CAP),
    capped: total > COUNT_CAP,
    facets,
  };
}
