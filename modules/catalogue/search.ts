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

function conditions(query: CatalogueQuery, text: SQL | null, filterDefs: SearchFilter[], exceptFacet?: string, placements?: Placements | null): SQL {
  const parts: SQL[] = [sql`s.status = 'published'`];
  // Only lots bought by direct award belong in the catalogue (further-competition lots are reached by opportunities).
  // Written per framework as slug = … and lot in (…), so the planner estimates it from the columns' statistics (a
  // concatenated "framework:lot" defeated the estimate, and browsing 100k services sorted them all instead of 20).
  if (placements) {
    const frameworks = Object.entries(placements).filter(([slug, lots]) => lots.length > 0 && (!query.framework || slug === query.framework));
    parts.push(frameworks.length > 0 ? sql`(${sql.join(frameworks.map(([slug, lots]) => sql`(f.slug = ${slug} and s.lot in (${list(lots)}))`), sql` or `)})` : sql`false`);
  }
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
  /** When the words match nothing, search again with similar words from the tenant's vocabulary. */
  typoTolerant?: boolean;
  /** Per statement; a search that takes longer ends with `timedOut` instead of an error. */
  statementTimeoutMs?: number;
}

export interface SearchResult {
  hits: CatalogueHit[];
  total: number;
  capped: boolean;
  facets: FacetCount[];
  /** True when nothing matched the words and the results are services with similar words instead. */
  fuzzy: boolean;
  /** The search was stopped by the statement timeout: nothing to show, and the page says so. */
  timedOut: boolean;
}

/** Framework slug → its lots with the direct-award route. */
export type Placements = Record<string, string[]>;

/**
 * The lots with the direct-award route per framework, or null when every lot has it (no condition needed).
 * Frameworks are few, so this is one small read per search.
 */
async function directAwardPlacements(tx: TenantTx): Promise<Placements | null> {
  const rows = await tx.execute<{ slug: string; lots: { slug: string; awardRoutes?: string[] }[] }>(sql`select slug, definition -> 'lots' as lots from frameworks`);
  return placementsOf(rows);
}

export function placementsOf(rows: { slug: string; lots: { slug: string; awardRoutes?: string[] }[] | null }[]): Placements | null {
  const all = rows.flatMap((r) => (r.lots ?? []).map((l) => ({ framework: r.slug, lot: l.slug, direct: (l.awardRoutes ?? []).includes('direct_award') })));
  if (all.every((l) => l.direct)) return null;
  const out: Placements = {};
  for (const l of all) if (l.direct) (out[l.framework] ??= []).push(l.lot);
  return out;
}

/** Trigram similarity above which a vocabulary word counts as a spelling of the query's word. */
export const FUZZY_THRESHOLD = 0.35;
/** Similar words tried per misspelt word (the best first). */
const FUZZY_ALTERNATIVES = 3;
/**
 * Relevance ranks at most this many matches: ts_rank_cd reads each match's whole (TOASTed) document, which took
 * ~0.5 s for a word in most of 100k services. The candidates are the first matches the scan meets, with no order:
 * any ORDER BY there (even by id) made PostgreSQL read every match first, 1.1-1.9 s for near-stop words at 100k
 * (tests/bench). Within the cap the order is exact; for a word in most services the page shows the best of
 * RANK_CAP matches, and says "1,000+".
 */
export const RANK_CAP = COUNT_CAP + 1;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 5000;

const EMPTY: Omit<SearchResult, 'fuzzy' | 'timedOut'> = { hits: [], total: 0, capped: false, facets: [] };

/** PostgreSQL's query_canceled, raised by statement_timeout. */
export function isStatementTimeout(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === '57014') return true;
  }
  return false;
}

export async function searchCatalogue(tx: TenantTx, query: CatalogueQuery, options: SearchOptions): Promise<SearchResult> {
  // In a savepoint: a search stopped by the timeout rolls back alone and the caller's transaction goes on.
  try {
    return await tx.transaction(async (sp) => {
      // A bounded query: a pathological search cannot hold the connection.
      await sp.execute(sql`select set_config('statement_timeout', ${String(options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS)}, true)`);
      return search(sp, query, options);
    });
  } catch (error) {
    if (!isStatementTimeout(error)) throw error;
    return { ...EMPTY, fuzzy: false, timedOut: true };
  }
}

async function search(tx: TenantTx, query: CatalogueQuery, options: SearchOptions): Promise<SearchResult> {
  const config = sql`${options.config}::regconfig`;
  const q = query.q.trim();
  const tsQuery = q ? sql`websearch_to_tsquery(${config}, ${q})` : null;
  const exact = await runSearch(tx, query, options, tsQuery, config);
  if (exact.total > 0 || !q || !options.typoTolerant) return { ...exact, fuzzy: false, timedOut: false };
  const corrected = await similarWordsQuery(tx, q, config);
  if (!corrected) return { ...exact, fuzzy: false, timedOut: false };
  return { ...(await runSearch(tx, query, options, sql`${corrected}::tsquery`, config)), fuzzy: true, timedOut: false };
}

/**
 * The query's words with each unknown word replaced by its closest words in the vocabulary (search_words), as
 * tsquery text: (a | b) & c. Null when no word needed correcting or one has no similar word (nothing can match).
 * Cost: one similarity per vocabulary word per query word, independent of the number of services.
 */
async function similarWordsQuery(tx: TenantTx, q: string, config: SQL): Promise<string | null> {
  // pg_trgm lives in "public"; tenant transactions do not have it on their search_path.
  const rows = await tx.execute<{ word: string; known: boolean; similar: string[] }>(sql`
    select w.word,
      exists (select 1 from search_words v where v.word = w.word) as known,
      array(select v.word from search_words v where public.similarity(v.word, w.word) > ${FUZZY_THRESHOLD}
            order by public.similarity(v.word, w.word) desc, v.word limit ${FUZZY_ALTERNATIVES}) as similar
    from unnest(tsvector_to_array(to_tsvector(${config}, ${q}))) as w(word)`);
  return correctedTsQuery(rows);
}

/** (a | b) & c from each query word and its similar vocabulary words; null when there is nothing to search again. */
export function correctedTsQuery(rows: { word: string; known: boolean; similar: string[] }[]): string | null {
  if (rows.length === 0 || rows.every((r) => r.known) || rows.some((r) => !r.known && r.similar.length === 0)) return null;
  // Lexemes are quoted as tsquery literals (quote doubled, backslash escaped), so no word becomes an operator.
  const literal = (word: string) => `'${word.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
  return rows.map((r) => `(${(r.known ? [r.word] : r.similar).map(literal).join(' | ')})`).join(' & ');
}

/** The vocabulary lookup of the typo fallback as plain SQL ($1 config, $2 query text): for benchmarks' floors. */
export const SIMILAR_WORDS_SQL = (schema: string) => `select w.word,
      exists (select 1 from ${schema}.search_words v where v.word = w.word) as known,
      array(select v.word from ${schema}.search_words v where public.similarity(v.word, w.word) > ${FUZZY_THRESHOLD}
            order by public.similarity(v.word, w.word) desc, v.word limit ${FUZZY_ALTERNATIVES}) as similar
    from unnest(tsvector_to_array(to_tsvector($1::regconfig, $2))) as w(word)`;

async function runSearch(tx: TenantTx, query: CatalogueQuery, options: SearchOptions, tsQuery: SQL | null, config: SQL): Promise<Omit<SearchResult, 'fuzzy' | 'timedOut'>> {
  const placements = await directAwardPlacements(tx);
  const text = tsQuery ? sql`s.search_document @@ ${tsQuery}` : null;
  const where = conditions(query, text, options.filterDefs, undefined, placements);
  const from = sql`services s join suppliers p on p.id = s.supplier_id join frameworks f on f.id = s.framework_id`;
  const snippet =
    tsQuery && options.snippetQuestion
      ? sql`ts_headline(${config}, coalesce(s.answers ->> ${options.snippetQuestion}, ''), ${tsQuery}, ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=10`})`
      : sql`null`;
  const columns = sql`s.id, f.slug as framework_slug, s.lot, p.legal_name, p.organisation_size, p.region, s.answers, ${snippet} as snippet`;
  const offset = (query.page - 1) * PAGE_SIZE;
  const ranked = query.sort === 'relevance' && tsQuery !== null;
  const order = query.sort === 'newest' ? sql`s.updated_at desc, s.id` : sql`p.legal_name asc, s.id`;
  const rows = await tx.execute<{
    id: string;
    framework_slug: string;
    lot: string;
    legal_name: string;
    organisation_size: string;
    region: string | null;
    answers: Record<string, unknown>;
    snippet: string | null;
  }>(
    ranked
      ? // Rank the first RANK_CAP matches only (see RANK_CAP); snippets for the page's 20 only.
        // The rank is computed outside the capped subquery, for the candidates only.
        sql`select ${columns} from (select s.id from ${from} where ${where} limit ${RANK_CAP}) c
          join services s on s.id = c.id join suppliers p on p.id = s.supplier_id join frameworks f on f.id = s.framework_id
          order by ts_rank_cd(s.search_document, ${tsQuery}) desc, p.legal_name asc, s.id limit ${PAGE_SIZE} offset ${offset}`
      : sql`select ${columns} from ${from} where ${where} order by ${order} limit ${PAGE_SIZE} offset ${offset}`,
  );
  const [counted] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from (select 1 from ${from} where ${where} limit ${COUNT_CAP + 1}) capped`);
  const total = counted?.n ?? 0;
  // Nothing matched and no facet chosen: every facet would count the same empty set.
  const anyChosen = options.filterDefs.some((f) => (query.filters[f.questionId] ?? []).length > 0);
  const facets =
    total === 0 && !anyChosen
      ? options.filterDefs.map((f) => ({ questionId: f.questionId, counts: {} }))
      : await countFacets(tx, query, options.filterDefs, text, placements, from);
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

/**
 * Each facet counts the results of every other filter, so choosing one option does not hide its siblings. Facets
 * with nothing chosen share the search's own conditions and are counted together in one pass over the matches;
 * each facet with a choice needs its own pass (without its own condition). Counted over at most COUNT_CAP + 1
 * matches, like the total: exact for selective searches, bounded for a common word (counting every match of every
 * facet took ~20 s over 100k services).
 */
async function countFacets(tx: TenantTx, query: CatalogueQuery, filterDefs: SearchFilter[], text: SQL | null, placements: Placements | null, from: SQL): Promise<FacetCount[]> {
  const ids = (filters: SearchFilter[]) => (filters.length > 0 ? sql`e.key in (${list(filters.map((f) => f.questionId))})` : sql`false`);
  const pass = async (filters: SearchFilter[], exceptFacet?: string) => {
    if (filters.length === 0) return [];
    const where = conditions(query, text, filterDefs, exceptFacet, placements);
    const multi = filters.filter((f) => f.kind === 'multi');
    const single = filters.filter((f) => f.kind !== 'multi');
    // jsonb_each reads each (TOASTed) answers document once; naming each question with -> would read it again
    // per question. Scalars count as ->> would give them; arrays count each element for multi-choice questions.
    return tx.execute<{ question: string; value: string | null; n: number }>(
      sql`select e.key as question, v.value, count(*)::int as n from (select s.answers from ${from} where ${where} limit ${COUNT_CAP + 1}) s
        cross join lateral jsonb_each(s.answers) e
        cross join lateral (
          select e.value #>> '{}' as value where ${ids(single)}
          union all
          select x from jsonb_array_elements_text(case when jsonb_typeof(e.value) = 'array' then e.value else '[]'::jsonb end) x where ${ids(multi)}
        ) v
        where ${ids(filters)} group by e.key, v.value`,
    );
  };
  const chosen = (f: SearchFilter) => (query.filters[f.questionId] ?? []).length > 0;
  const rows = [...(await pass(filterDefs.filter((f) => !chosen(f))))];
  for (const filter of filterDefs.filter(chosen)) rows.push(...(await pass([filter], filter.questionId)));
  return filterDefs.map((filter) => ({
    questionId: filter.questionId,
    counts: Object.fromEntries(rows.filter((r) => r.question === filter.questionId && r.value !== null).map((r) => [r.value as string, r.n])),
  }));
}
