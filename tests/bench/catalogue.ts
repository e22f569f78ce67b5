import http from 'node:http';
import path from 'node:path';
import autocannon, { type Result as CannonResult } from 'autocannon';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { closeDb, getDb, getSql } from '@/db/client';
import { migratePlatform } from '@/db/migrator';
import { tenants } from '@/db/schema/platform';
import { quoteIdent, tenantSchemaName } from '@/db/tenant-schema';
import { withTenant } from '@/db/with-tenant';
import { parseCatalogueParams } from '@/modules/catalogue/query-params';
import { correctedTsQuery, PAGE_SIZE, placementsOf, RANK_CAP, searchCatalogue, SIMILAR_WORDS_SQL, textSearchConfig, type CatalogueQuery, type Placements } from '@/modules/catalogue/search';
import { questionsOf } from '@/modules/frameworks/definition-schema';
import { findFrameworkBySlug, listFrameworks, type Framework } from '@/modules/frameworks/queries';
import { deriveSearchFilters, type SearchFilter } from '@/modules/frameworks/search-filters';
import { ZTenantConfig } from '@/tenants/config-schema';
import { importTenantFolder } from '@/tenants/import-export';
import { generateCatalogue, type GenerationReport } from './catalogue-data';
import { measure, percentile, round, type CaseResult, type LoopOptions } from './stats';

/*
 * Catalogue search at catalogue scale: 100,000 generated services in the demo `uk` tenant's live framework,
 * searched through searchCatalogue() (the page's path: page of hits + capped count + facet counts, in withTenant's
 * transaction) next to the same page query as raw schema-qualified SQL (the floor), then
 * the real /en/catalogue page under 50 connections (autocannon) next to /api/health.
 */

export const SLUG = 'uk';
export const FRAMEWORK = 'cloud-services-14';
const SEED = 20_261_127;
const FRENCH_SHARE = 0.3;

/** Search cases as the page's own URL parameters, parsed by the page's parser: the same query the page runs. */
export const SEARCH_CASES: { name: string; label: string; params: string }[] = [
  { name: 'common', label: 'near-stop word (in 95% of services)', params: 'q=cloud' },
  { name: 'nearStopWords', label: 'three near-stop words', params: 'q=secure+cloud+data' },
  { name: 'rare', label: 'rare word', params: 'q=hydrographic' },
  { name: 'twoWords', label: 'two words', params: 'q=managed+backup' },
  { name: 'french', label: 'French word', params: 'q=sauvegarde' },
  { name: 'typo', label: 'misspelt word (no match → similar words)', params: 'q=kubernetis' },
  { name: 'typoTwoWords', label: 'word + misspelt word', params: 'q=managed+kubernetis' },
  { name: 'lot', label: 'word + lot', params: 'q=security&lot=cloud-support' },
  { name: 'facetSize', label: 'word + facet + SME', params: 'q=data&f.dataLocation=in-country&size=sme' },
  { name: 'filtersOnly', label: 'no words, lot + facet + SME', params: 'lot=cloud-hosting&f.dataLocation=in-country&size=sme' },
  { name: 'browse', label: 'no words, no filters', params: '' },
];

/** searchCatalogue can take seconds per call at 100k: few samples, bounded by time (flagged "capped"). */
const OURS: LoopOptions = { warmup: 0, iterations: 30, concurrency: 1, capMs: 12_000 };
const RAW: LoopOptions = { warmup: 1, iterations: 60, concurrency: 1, capMs: 5_000 };

export interface Dataset {
  services: number;
  suppliers: number;
  searchConfig: string;
  servicesTotalBytes: number;
  servicesHeapBytes: number;
  searchIndexBytes: number;
  meanLexemes: number;
}

export interface SearchCaseReport {
  database: string;
  name: string;
  label: string;
  params: string;
  /** Every match, counted once outside the timed loops: the selectivity behind the capped total. */
  matches: number;
  /** The words matched nothing and searchCatalogue fell back to services with similar names (counted in matches). */
  fuzzy: boolean;
  total: number;
  capped: boolean;
  facets: number;
  /** Statements searchCatalogue sends per call (savepoint, set_config, placements, page, count, facet passes, …). */
  statements: number;
  /** Facet counting passes per call: one for the facets without a choice, one per chosen facet (per search run). */
  facetPasses: number;
  /** Medians over the measured calls, from the times between consecutive statements of the same transaction. */
  medianMs: { setup: number; page: number; count: number; facets: number; vocabulary: number };
}

export interface DatabaseCatalogueRun {
  version: string;
  dataset: Dataset;
  generation: GenerationReport;
  cases: SearchCaseReport[];
  results: CaseResult[];
}

/** Migrates, imports the demo uk tenant, generates the catalogue into its live framework, and ANALYZEs. */
async function prepare(kind: string, services: number, log: (line: string) => void): Promise<{ version: string; framework: Framework; config: string; generation: GenerationReport; dataset: Dataset }> {
  const sql = getSql();
  const [{ version } = { version: '?' }] = await sql<{ version: string }[]>`select version()`;
  await migratePlatform(sql);
  await importTenantFolder(getDb(), sql, path.join(process.cwd(), 'tenants', SLUG));
  const [row] = await getDb().select({ config: tenants.config }).from(tenants).where(eq(tenants.slug, SLUG));
  const tenantConfig = ZTenantConfig.parse(row!.config);
  const schema = tenantSchemaName(SLUG);
  const { framework, live } = await withTenant({ slug: SLUG }, async (tx) => ({
    framework: await findFrameworkBySlug(tx, FRAMEWORK, tenantConfig.timezone),
    // As the page: live frameworks with a direct-award lot (further-competition ones are reached by opportunities).
    live: (await listFrameworks(tx, tenantConfig.timezone)).filter((f) => f.status === 'live' && f.definition.lots.some((l) => l.awardRoutes.includes('direct_award'))).map((f) => f.slug),
  }));
  // Outside the transaction: PGlite serves one session, so a second connection inside it would wait forever.
  const [setting] = await sql<{ value: string }[]>`select value from ${sql(schema)}.tenant_settings where key = 'search_config'`;
  const searchConfig = setting?.value ?? 'simple';
  // The page searches the only live catalogue framework; another one would change what it queries.
  if (!framework || live.length !== 1 || live[0] !== FRAMEWORK) throw new Error(`expected ${FRAMEWORK} to be the only live framework of ${SLUG}, live: ${live.join(', ') || 'none'}`);
  // The trigger indexes with tenant_settings.search_config, the page queries with the default locale's config.
  const config = textSearchConfig(tenantConfig.defaultLocale);
  if (config !== searchConfig) throw new Error(`index config ${searchConfig} differs from the query config ${config}: nothing would match`);
  log(`${kind}: ${version.split(',')[0]}; generating ${services.toLocaleString('en')} services into ${schema} (${FRAMEWORK}, config '${config}')`);
  const generation = await generateCatalogue(sql, {
    slug: SLUG,
    frameworkId: framework.id,
    definition: framework.definition,
    services,
    suppliers: Math.round(services / 20),
    frenchShare: FRENCH_SHARE,
    seed: SEED,
    regions: tenantConfig.supplierRegistration.regions,
    log: (line) => log(`${kind}: ${line}`),
  });
  const [sizes] = await sql<{ n: number; suppliers: number; total: string; heap: string; gin: string; lexemes: number }[]>`
    select (select count(*)::int from ${sql(schema)}.services where status = 'published') as n,
           (select count(*)::int from ${sql(schema)}.suppliers) as suppliers,
           pg_total_relation_size(${`${schema}.services`}::regclass)::text as total,
           pg_relation_size(${`${schema}.services`}::regclass)::text as heap,
           pg_relation_size(${`${schema}.services_search_idx`}::regclass)::text as gin,
           (select round(avg(length(search_document)))::int from ${sql(schema)}.services) as lexemes`;
  log(`${kind}: generated in ${generation.seconds.total} s; ${sizes!.n} published services, services table ${Math.round(Number(sizes!.total) / 2 ** 20)} MB`);
  return {
    version,
    framework,
    config,
    generation,
    dataset: {
      services: sizes!.n,
      suppliers: sizes!.suppliers,
      searchConfig,
      servicesTotalBytes: Number(sizes!.total),
      servicesHeapBytes: Number(sizes!.heap),
      searchIndexBytes: Number(sizes!.gin),
      meanLexemes: sizes!.lexemes,
    },
  };
}

interface BuiltQuery {
  from: string;
  where: string;
  ts: string | null;
  /** Relevance expression (ts_rank_cd) when there are words. */
  rank: string | null;
  params: unknown[];
}

/**
 * The conditions of modules/catalogue/search.ts, written out as schema-qualified SQL with positional parameters.
 * With `corrected` (tsquery text from the vocabulary) the words are matched as searchCatalogue's fallback does.
 */
function buildRaw(schema: string, query: CatalogueQuery, filterDefs: SearchFilter[], config: string, placements: Placements | null, corrected?: string): BuiltQuery {
  const params: unknown[] = [];
  const bind = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const list = (values: string[]) => values.map(bind).join(', ');
  const q = query.q.trim();
  const parts = [`s.status = 'published'`];
  let ts: string | null = null;
  let rank: string | null = null;
  if (q) {
    // Bound only when used: PostgreSQL cannot type a parameter that no expression refers to.
    ts = corrected ? `${bind(corrected)}::tsquery` : `websearch_to_tsquery(${bind(config)}::regconfig, ${bind(q)})`;
    rank = `ts_rank_cd(s.search_document, ${ts})`;
    parts.push(`s.search_document @@ ${ts}`);
  }
  if (placements) {
    const frameworks = Object.entries(placements).filter(([slug, lots]) => lots.length > 0 && (!query.framework || slug === query.framework));
    parts.push(frameworks.length > 0 ? `(${frameworks.map(([slug, lots]) => `(f.slug = ${bind(slug)} and s.lot in (${list(lots)}))`).join(' or ')})` : 'false');
  }
  if (query.framework) parts.push(`f.slug = ${bind(query.framework)}`);
  if (query.lot) parts.push(`s.lot = ${bind(query.lot)}`);
  if (query.sizes.length > 0) parts.push(`p.organisation_size in (${list(query.sizes)})`);
  if (query.region) parts.push(`p.region = ${bind(query.region)}`);
  for (const filter of filterDefs) {
    const chosen = query.filters[filter.questionId] ?? [];
    if (chosen.length === 0) continue;
    if (filter.kind === 'boolean') parts.push(`s.answers -> ${bind(filter.questionId)} = 'true'::jsonb`);
    else if (filter.kind === 'single') parts.push(`s.answers ->> ${bind(filter.questionId)} in (${list(chosen)})`);
    else parts.push(`s.answers -> ${bind(filter.questionId)} ?| array[${list(chosen)}]::text[]`);
  }
  const from = `${schema}.services s join ${schema}.suppliers p on p.id = s.supplier_id join ${schema}.frameworks f on f.id = s.framework_id`;
  return { from, where: parts.join(' and '), ts, rank, params };
}

/**
 * The page query alone, as searchCatalogue builds it (same columns, order, snippet, limit): relevance ranks the
 * first RANK_CAP matches; `ranked = false` gives the same page sorted by supplier over every match.
 */
function rawPageQuery(built: BuiltQuery, query: CatalogueQuery, config: string, snippetQuestion: string | undefined, ranked = true): { text: string; params: unknown[] } {
  const { ts, rank } = built;
  // Appends to a copy: built.params stays the WHERE clause's own (the uncapped count reuses it).
  const params = [...built.params];
  const bind = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const snippet =
    ts && snippetQuestion
      ? `ts_headline(${bind(config)}::regconfig, coalesce(s.answers ->> ${bind(snippetQuestion)}, ''), ${ts}, ${bind('StartSel=\u0002, StopSel=\u0003, MaxWords=30, MinWords=10')})`
      : 'null';
  const columns = `s.id, f.slug as framework_slug, s.lot, p.legal_name, p.organisation_size, p.region, s.answers, ${snippet} as snippet`;
  const page = `limit ${PAGE_SIZE} offset ${(query.page - 1) * PAGE_SIZE}`;
  if (query.sort === 'relevance' && rank && ranked) {
    const schema = built.from.split('.services')[0];
    const text = `select ${columns} from (select s.id from ${built.from} where ${built.where} limit ${RANK_CAP}) c
      join ${schema}.services s on s.id = c.id join ${schema}.suppliers p on p.id = s.supplier_id join ${schema}.frameworks f on f.id = s.framework_id
      order by ${rank} desc, p.legal_name asc, s.id ${page}`;
    return { text, params };
  }
  const order = query.sort === 'newest' ? 's.updated_at desc, s.id' : 'p.legal_name asc, s.id';
  return { text: `select ${columns} from ${built.from} where ${built.where} order by ${order} ${page}`, params };
}

function median(values: number[]): number {
  return round(percentile([...values].sort((a, b) => a - b), 50));
}

interface Marks {
  started: number;
  statements: { t: number; query: string }[];
  ended: number;
}

type Phase = 'setup' | 'page' | 'count' | 'facet' | 'vocabulary';

function phaseOf(query: string): Phase {
  if (/savepoint|set_config|definition -> 'lots'/i.test(query)) return 'setup';
  if (query.includes('search_words')) return 'vocabulary';
  if (query.includes('jsonb_each(s.answers)')) return 'facet';
  if (query.includes('from (select 1 from')) return 'count';
  return 'page';
}

/** Splits one searchCatalogue call into phases by the moments drizzle handed each statement to the driver. */
function phases(m: Marks): Record<Phase, number> & { facetPasses: number } {
  const kinds = m.statements.map((s) => phaseOf(s.query));
  const at = (i: number) => m.statements[i]?.t ?? m.ended;
  const result = { setup: at(0) - m.started, page: 0, count: 0, facet: 0, vocabulary: 0, facetPasses: 0 };
  // Each statement's span runs to the next statement (the last one's also holds COMMIT's sub-millisecond round trip).
  kinds.forEach((kind, i) => {
    result[kind] += at(i + 1) - at(i);
    if (kind === 'facet') result.facetPasses++;
  });
  return result;
}

export async function runCatalogueDatabase(kind: string, url: string, services: number, log: (line: string) => void): Promise<DatabaseCatalogueRun> {
  process.env.DATABASE_URL = url;
  try {
    const prepared = await prepare(kind, services, log);
    const { framework, config } = prepared;
    const sql = getSql();
    const schema = quoteIdent(tenantSchemaName(SLUG));
    // Same pool as getDb(); the logger only timestamps statements (for the phase split), it does no I/O.
    let marks: Marks = { started: 0, statements: [], ended: 0 };
    const timedDb = drizzle(sql, { logger: { logQuery: (query) => void marks.statements.push({ t: performance.now(), query }) } });
    const snippetQuestion = questionsOf(framework.definition.questionSets.services).find((q) => q.question.type === 'textarea')?.question.id;

    // The direct-award lots, as searchCatalogue reads them per search (the floor reads them once).
    const placements = placementsOf(await sql.unsafe<{ slug: string; lots: { slug: string; awardRoutes?: string[] }[] }[]>(`select slug, definition -> 'lots' as lots from ${schema}.frameworks`));
    const cases: SearchCaseReport[] = [];
    const results: CaseResult[] = [];
    for (const c of SEARCH_CASES) {
      // What the page does with these parameters: the only live framework is chosen, its filters derived for the lot.
      const parsed = parseCatalogueParams(Object.fromEntries(new URLSearchParams(c.params)));
      const query: CatalogueQuery = { ...parsed, framework: framework.slug };
      const filterDefs = deriveSearchFilters(framework.definition, query.lot);
      const options = { config, filterDefs, snippetQuestion, typoTolerant: true };

      // Once, untimed: the first call (it also warms up), every match (beyond the page's cap), and the check
      // that both paths return the same page. The floor follows the path searchCatalogue took (words or fallback).
      marks = { started: performance.now(), statements: [], ended: 0 };
      const first = await withTenant({ slug: SLUG }, (tx) => searchCatalogue(tx, query, options), timedDb);
      const statements = marks.statements.length;
      // The fallback's floor is its two statements written out: the vocabulary lookup, then the page query.
      const similarWords = SIMILAR_WORDS_SQL(schema);
      const lookUp = async () => correctedTsQuery(await sql.unsafe<{ word: string; known: boolean; similar: string[] }[]>(similarWords, [config, query.q.trim()], { prepare: true }));
      const corrected = first.fuzzy ? await lookUp() : null;
      if (first.fuzzy && !corrected) throw new Error(`${c.name}: the raw vocabulary lookup corrects nothing`);
      const built = buildRaw(schema, query, filterDefs, config, placements, corrected ?? undefined);
      const page = rawPageQuery(built, query, config, snippetQuestion);
      const runPage = () => sql.unsafe<{ id: string }[]>(page.text, page.params as never[], { prepare: true });
      const runRaw = first.fuzzy
        ? async () => {
            if ((await lookUp()) !== corrected) throw new Error('vocabulary lookup changed');
            return runPage();
          }
        : runPage;
      const [{ n: matches } = { n: 0 }] = await sql.unsafe<{ n: number }[]>(`select count(*)::int as n from ${built.from} where ${built.where}`, built.params as never[]);
      const expectedIds = first.hits.map((h) => h.id);
      const rawIds = (await runRaw()).map((r) => r.id);
      if (rawIds.join() !== expectedIds.join()) throw new Error(`${c.name}: the raw page query returns a different page than searchCatalogue`);
      if (matches > 0 && expectedIds.length === 0) throw new Error(`${c.name}: ${matches} matches but no hits`);
      const firstId = expectedIds[0];
      log(
        `${kind}: ${c.label} (${c.params || 'no parameters'}): ${matches.toLocaleString('en')} ${first.fuzzy ? `matches of similar words (${corrected})` : 'matches'}, shown ${first.capped ? `${first.total}+` : first.total}, ${statements} statements`,
      );

      const split: ReturnType<typeof phases>[] = [];
      const ours = await measure(
        { name: `catalogue.${c.name}.searchCatalogue`, label: `${c.label}: withTenant → searchCatalogue`, kind: 'ours', database: kind, floor: `catalogue.${c.name}.raw` },
        async () => {
          marks = { started: performance.now(), statements: [], ended: 0 };
          const result = await withTenant({ slug: SLUG }, (tx) => searchCatalogue(tx, query, options), timedDb);
          marks.ended = performance.now();
          split.push(phases(marks));
          if (result.total !== first.total || result.hits[0]?.id !== firstId) throw new Error(`${c.name}: result changed between calls`);
        },
        OURS,
      );
      const raw = await measure(
        { name: `catalogue.${c.name}.raw`, label: `${c.label}: raw page query`, kind: 'floor', database: kind },
        async () => {
          const rows = await runRaw();
          if (rows.length !== expectedIds.length || rows[0]?.id !== firstId) throw new Error(`${c.name}: raw page changed`);
        },
        RAW,
      );
      results.push(ours, raw);
      if (c.name === 'common') {
        // Relevance order has to rank every match before it can return 20; name order can stop at 20.
        const unranked = rawPageQuery(built, query, config, snippetQuestion, false);
        results.push(
          await measure(
            { name: `catalogue.${c.name}.rawUnranked`, label: `${c.label}: raw page query sorted by supplier (no ranking)`, kind: 'breakdown', database: kind, floor: `catalogue.${c.name}.raw` },
            async () => {
              const rows = await sql.unsafe(unranked.text, unranked.params as never[], { prepare: true });
              if (rows.length !== expectedIds.length) throw new Error('unranked page has a different length');
            },
            RAW,
          ),
        );
      }

      const report: SearchCaseReport = {
        database: kind,
        name: c.name,
        label: c.label,
        params: c.params,
        matches,
        fuzzy: first.fuzzy,
        total: first.total,
        capped: first.capped,
        facets: filterDefs.length,
        statements,
        facetPasses: split[0]?.facetPasses ?? 0,
        medianMs: {
          setup: median(split.map((s) => s.setup)),
          page: median(split.map((s) => s.page)),
          count: median(split.map((s) => s.count)),
          facets: median(split.map((s) => s.facet)),
          vocabulary: median(split.map((s) => s.vocabulary)),
        },
      };
      cases.push(report);
      const m = report.medianMs;
      log(
        `${kind}: ${c.label}: ours p50 ${ours.p50Ms} ms (n ${ours.iterations}${ours.capped ? ', capped' : ''}${ours.errors ? `, ${ours.errors} ERRORS: ${ours.firstError}` : ''}), raw p50 ${raw.p50Ms} ms; ` +
          `setup ${m.setup} + page ${m.page} + count ${m.count} + ${report.facets} facets in ${report.facetPasses} passes ${m.facets} + vocabulary ${m.vocabulary} ms`,
      );
    }
    return { version: prepared.version, dataset: prepared.dataset, generation: prepared.generation, cases, results };
  } finally {
    await closeDb();
    delete process.env.DATABASE_URL;
  }
}

export interface ThroughputResult {
  name: string;
  label: string;
  kind: 'floor' | 'ours';
  path: string;
  connections: number;
  durationSeconds: number;
  /** The last of up to 3 requests on the idle server just before the run (each checked to be the real page). */
  idleRequestMs: number;
  idleResponseBytes: number;
  requests: number;
  requestsPerSec: number;
  latencyMs: { mean: number; p50: number; p97_5: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

const CONNECTIONS = 50;
const DURATION_S = 10;
const REQUEST_TIMEOUT_S = 10;

/**
 * autocannon against the production server, fixed duration, 50 keep-alive connections from this process (so
 * the load generator shares the 2 cores with the server and the database). The expensive page runs last: the
 * server keeps working on requests whose clients gave up, which would slow whatever ran after it.
 */
export async function runCatalogueHttp(port: number, expectations: { rareTotal: number }, log: (line: string) => void): Promise<ThroughputResult[]> {
  const host = `${SLUG}.localhost:${port}`;
  const cases: { name: string; label: string; kind: 'floor' | 'ours'; path: string; check: (status: number, body: string) => string | null }[] = [
    { name: 'http.health', label: 'GET /api/health (floor)', kind: 'floor', path: '/api/health', check: (s, b) => (s === 200 && b.includes('"ok"') ? null : `health: ${s}`) },
    {
      name: 'http.catalogue.rare',
      label: 'GET /en/catalogue?q=hydrographic',
      kind: 'ours',
      path: '/en/catalogue?q=hydrographic',
      check: (s, b) => (s === 200 && b.includes('data-testid="results"') && b.includes(`${expectations.rareTotal} service`) ? null : `rare: status ${s}, expected ${expectations.rareTotal} results`),
    },
    {
      name: 'http.catalogue.common',
      label: 'GET /en/catalogue?q=cloud',
      kind: 'ours',
      path: '/en/catalogue?q=cloud',
      check: (s, b) => (s === 200 && b.includes('data-testid="results"') ? null : `common: status ${s}, no results list`),
    },
  ];
  const results: ThroughputResult[] = [];
  for (const c of cases) {
    // Up to 3 requests on the idle server (the first to a route is cold), fewer when one takes seconds;
    // each must be the real page. The last one's time is reported.
    let idle = { status: 0, body: '' };
    let idleRequestMs = 0;
    const idleDeadline = performance.now() + 15_000;
    for (let i = 0; i < 3 && (i === 0 || performance.now() < idleDeadline); i++) {
      const t0 = performance.now();
      idle = await request(port, host, c.path, 60_000);
      idleRequestMs = round(performance.now() - t0, 1);
      const problem = c.check(idle.status, idle.body);
      if (problem) throw new Error(`${c.path} is not the expected page: ${problem}`);
    }
    const instance = autocannon({
      url: `http://127.0.0.1:${port}${c.path}`,
      connections: CONNECTIONS,
      duration: DURATION_S,
      timeout: REQUEST_TIMEOUT_S,
      headers: { host, 'accept-language': 'en' },
    });
    // autocannon ends on its own after the duration; this only guards against it hanging.
    let guard: NodeJS.Timeout | undefined;
    const result: CannonResult = await Promise.race([
      Promise.resolve(instance),
      new Promise<never>((_, reject) => {
        guard = setTimeout(() => {
          instance.stop();
          reject(new Error(`autocannon ${c.path} did not finish within ${DURATION_S + 30} s`));
        }, (DURATION_S + 30) * 1000);
      }),
    ]).finally(() => clearTimeout(guard));
    const requests = result.latency.totalCount ?? 0;
    const r: ThroughputResult = {
      name: c.name,
      label: c.label,
      kind: c.kind,
      path: c.path,
      connections: CONNECTIONS,
      durationSeconds: result.duration,
      idleRequestMs,
      idleResponseBytes: Buffer.byteLength(idle.body),
      requests,
      requestsPerSec: round(requests / result.duration, 1),
      latencyMs: { mean: round(result.latency.mean, 1), p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99, max: result.latency.max },
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, v]) => [code, Number(v.count)])),
    };
    log(`http: ${c.label}: ${r.requestsPerSec} req/s, p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, ${r.non2xx} non-2xx, ${r.errors} errors (${r.timeouts} timeouts); idle request ${idleRequestMs} ms`);
    results.push(r);
  }
  return results;
}

function request(port: number, host: string, urlPath: string, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, method: 'GET', agent: false, headers: { host, 'accept-language': 'en' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`${urlPath}: no response within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}
