import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startPg15Cluster } from '@/tests/support/pg15-cluster';
import { runCatalogueDatabase, runCatalogueHttp, FRAMEWORK, SLUG, type DatabaseCatalogueRun, type ThroughputResult } from './catalogue';
import { startEmbeddedHost } from './db';
import { startServer } from './http';
import type { SuiteResult, SummaryRow } from './results';
import type { CaseResult } from './stats';

/*
 * `npm run bench -- catalogue`: the catalogue search benchmark (tests/bench/catalogue.ts) on PostgreSQL 15 with
 * 100,000 services, the production page under load on the same database, and the same searches on PGlite with
 * a smaller catalogue (WASM, one process: 100k rows would take minutes to generate there and the searches many
 * seconds each). Returns the report to run.ts, which writes tests/bench/results/<date>.{json,md}.
 */

/** BENCH_CATALOGUE_SERVICES / BENCH_CATALOGUE_PGLITE_SERVICES override the sizes (0 skips PGlite) for quick runs. */
const PG15_SERVICES = Number(process.env.BENCH_CATALOGUE_SERVICES ?? 100_000);
const PGLITE_SERVICES = Number(process.env.BENCH_CATALOGUE_PGLITE_SERVICES ?? 10_000);

/*
 * The code under test is edited while benchmarks run (one shared tree). This process loaded these files when
 * it started, and the server is built from them when it starts: their hashes at load and at the end say whether
 * every number in the report comes from the same code.
 */
const WATCHED_SOURCES = ['modules/catalogue/search.ts', 'modules/catalogue/query-params.ts', 'app/[tenant]/[locale]/(public)/catalogue/page.tsx'];
function hashSources(): Record<string, string> {
  return Object.fromEntries(
    WATCHED_SOURCES.map((file) => {
      try {
        return [file, createHash('sha256').update(readFileSync(path.join(process.cwd(), file))).digest('hex').slice(0, 12)];
      } catch {
        return [file, 'missing'];
      }
    }),
  );
}
const SOURCES_AT_LOAD = hashSources();

export interface BenchContext {
  log: (line: string) => void;
  onExitCleanup: (fn: () => void) => () => void;
  machine: () => Machine;
}

export interface Machine {
  date: string;
  node: string;
  platform: string;
  cpuCount: number;
  cpuModel: string;
  totalMemoryMb: number;
  loadAverageBefore: number[];
  loadAverageAfter: number[];
  durationSeconds: number;
}

interface Failure {
  section: string;
  error: string;
}

export async function runCatalogueBench(ctx: BenchContext): Promise<SuiteResult> {
  const { log } = ctx;
  const failures: Failure[] = [];
  const runs: Record<string, DatabaseCatalogueRun> = {};
  let http: ThroughputResult[] = [];
  let server: { database: string; startupSeconds: number; built: boolean } | null = null;
  const section = async (name: string, fn: () => Promise<void>) => {
    const started = performance.now();
    try {
      await fn();
    } catch (error) {
      console.error(`[bench] ${name} failed:`, error);
      failures.push({ section: name, error: error instanceof Error ? error.message : String(error) });
    }
    log(`${name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };

  await section('catalogue/pg15', async () => {
    const cluster = await startPg15Cluster();
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      cluster.stop();
    };
    const forget = ctx.onExitCleanup(stop);
    try {
      runs.pg15 = await runCatalogueDatabase('pg15', cluster.url, PG15_SERVICES, log);
      const rare = runs.pg15.cases.find((c) => c.name === 'rare');
      // Its own section: a server that fails to start must not discard the database results above.
      await section('catalogue/http', async () => {
        const started = await startServer(log, { databaseUrl: cluster.url });
        server = { database: 'pg15', startupSeconds: started.startupSeconds, built: started.built };
        const forgetServer = ctx.onExitCleanup(started.kill);
        try {
          http = await runCatalogueHttp(started.port, { rareTotal: rare?.total ?? 0 }, log);
        } finally {
          await started.stop();
          forgetServer();
        }
      });
    } finally {
      stop();
      forget();
    }
  });
  if (PGLITE_SERVICES > 0) {
    await section('catalogue/pglite', async () => {
      const db = await startEmbeddedHost();
      const forget = ctx.onExitCleanup(db.kill);
      try {
        runs.pglite = await runCatalogueDatabase('pglite', db.url, PGLITE_SERVICES, log);
      } finally {
        await db.stop();
        forget();
      }
    });
  }

  const machine = ctx.machine();
  const sourcesAtEnd = hashSources();
  const sourcesChanged = WATCHED_SOURCES.filter((f) => sourcesAtEnd[f] !== SOURCES_AT_LOAD[f]);
  if (sourcesChanged.length) console.error(`[bench] catalogue: ${sourcesChanged.join(', ')} changed during the run; the numbers may mix two versions`);
  const report = {
    machine,
    sources: SOURCES_AT_LOAD,
    sourcesChangedDuringRun: sourcesChanged,
    tenant: SLUG,
    framework: FRAMEWORK,
    databases: Object.fromEntries(Object.entries(runs).map(([kind, r]) => [kind, { version: r.version, dataset: r.dataset, generation: r.generation }])),
    searches: Object.values(runs).flatMap((r) => r.cases),
    benchmarks: Object.values(runs).flatMap((r) => r.results),
    server,
    http,
    failures,
  };
  const markdown = renderMarkdown(machine, runs, http, failures, sourcesChanged);
  console.log(`\n${markdown}`);
  const errored = report.benchmarks.filter((r) => r.errors > 0);
  if (failures.length || errored.length) console.error(`[bench] catalogue: ${failures.length} section(s) failed, ${errored.length} case(s) with errors`);
  return { code: failures.length || errored.length ? 1 : 0, report, markdown, summary: summaryRows(runs, http) };
}

function summaryRows(runs: Record<string, DatabaseCatalogueRun>, http: ThroughputResult[]): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const run of Object.values(runs)) {
    for (const c of run.cases) {
      const ours = run.results.find((r) => r.name === `catalogue.${c.name}.searchCatalogue`);
      const raw = run.results.find((r) => r.name === `catalogue.${c.name}.raw`);
      if (!ours || !raw) continue;
      const size = `${Math.round(run.dataset.services / 1000)}k services`;
      rows.push({ suite: 'catalogue', benchmark: `search, ${c.label} \`${c.params || '—'}\` (${size})`, database: c.database, ours: ours.p50Ms, floor: 'the page query alone, raw SQL', floorValue: raw.p50Ms, unit: 'ms', statistic: 'median' });
    }
  }
  const health = http.find((h) => h.kind === 'floor');
  for (const h of http.filter((x) => x.kind === 'ours')) {
    rows.push({ suite: 'catalogue', benchmark: `${h.label}, ${h.connections} connections`, database: 'http/pg15', ours: h.latencyMs.p50, floor: health?.label ?? 'GET /api/health', floorValue: health?.latencyMs.p50 ?? null, unit: 'ms', statistic: 'median latency' });
  }
  return rows;
}

function renderMarkdown(machine: Machine, runs: Record<string, DatabaseCatalogueRun>, http: ThroughputResult[], failures: Failure[], sourcesChanged: string[]): string {
  const lines = [
    '# Catalogue search benchmarks',
    '',
    `${machine.date} · Node ${machine.node} · ${machine.cpuCount} × ${machine.cpuModel} · load ${machine.loadAverageBefore.join(' ')} at start · ${machine.durationSeconds} s · ` +
      `search.ts ${SOURCES_AT_LOAD['modules/catalogue/search.ts']}`,
    '',
  ];
  if (sourcesChanged.length) lines.push(`**Warning:** ${sourcesChanged.map((f) => `\`${f}\``).join(', ')} changed during the run: the numbers may come from two versions of the code.`, '');
  for (const [kind, run] of Object.entries(runs)) {
    const d = run.dataset;
    const g = run.generation;
    lines.push(
      `- **${kind}** (${run.version.split(',')[0]}): ${int(d.services)} published services of ${int(d.suppliers)} suppliers in \`t_${SLUG}\` / \`${FRAMEWORK}\` ` +
        `(${int(g.servicesByLanguage.en)} English, ${int(g.servicesByLanguage.fr)} French; ${Object.entries(g.servicesByLot).map(([lot, n]) => `${lot} ${int(n)}`).join(', ')}); ` +
        `services table ${mb(d.servicesTotalBytes)} (heap ${mb(d.servicesHeapBytes)}, GIN ${mb(d.searchIndexBytes)}), ${d.meanLexemes} lexemes per document; ` +
        `generated, validated and inserted in ${g.seconds.suppliers + g.seconds.services} s (answer generation ${g.seconds.generateCpu} s, validateAnswers ${g.validateAnswersMs} ms per service), ANALYZE ${g.seconds.analyze} s.`,
    );
  }
  const config = Object.values(runs)[0]?.dataset.searchConfig ?? '?';
  if (runs.pglite && runs.pg15) {
    lines.push(
      `- PGlite gets ${int(runs.pglite.dataset.services)} services, not ${int(runs.pg15.dataset.services)}: at ten times the size its generation and the slow searches would take minutes each (they grow with the matches), more than doubling the run. No HTTP run on PGlite.`,
    );
  }
  lines.push(
    `- Text search uses \`${config}\` for both languages: the configuration is per tenant (\`tenant_settings.search_config\`, from the default locale), so French text is indexed and queried without French stemming or stop words.`,
    '',
    '## Search',
    '',
    '"ours": `withTenant` → `searchCatalogue` as the page calls it (page with snippets: relevance ranks the first 1,001 matches by id; count capped at 1,000; ' +
      'the facets without a choice counted in one pass over at most 1,001 matches, plus one pass per chosen facet; a misspelt word looked up in the tenant\'s vocabulary). ' +
      '"raw": the same page query alone, schema-qualified, prepared, no transaction — the floor (for the fallback: the vocabulary lookup, then the page query). ' +
      'Sequential; times in ms. The last five columns split ours\' median by statement (from the moments each statement was sent; "setup": savepoint, ' +
      'statement timeout, the direct-award lots). "n" is the number of timed calls (\\* = the time limit ended the loop first).',
    '',
    '| Query | DB | matches | shown | ours p50 | ours p95 | ours mean | n | raw p50 | raw p95 | raw mean | n | ours/raw | setup | page | count | facets (passes) | vocabulary |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const run of Object.values(runs)) {
    for (const c of run.cases) {
      const ours = run.results.find((r) => r.name === `catalogue.${c.name}.searchCatalogue`);
      const raw = run.results.find((r) => r.name === `catalogue.${c.name}.raw`);
      if (!ours || !raw) continue;
      const m = c.medianMs;
      lines.push(
        `| ${c.label} \`${c.params || '—'}\` | ${c.database} | ${int(c.matches)}${c.fuzzy ? ' (similar words)' : ''} | ${c.capped ? `${int(c.total)}+` : int(c.total)} | ${fmt(ours.p50Ms)} | ${fmt(ours.p95Ms)} | ${fmt(ours.meanMs)} | ${n(ours)} | ` +
          `${fmt(raw.p50Ms)} | ${fmt(raw.p95Ms)} | ${fmt(raw.meanMs)} | ${n(raw)} | ×${ratio(ours.meanMs / raw.meanMs)} | ${fmt(m.setup)} | ${fmt(m.page)} | ${fmt(m.count)} | ${fmt(m.facets)} (${c.facetPasses}) | ${c.fuzzy ? fmt(m.vocabulary) : '–'} |`,
      );
    }
  }
  const extras = Object.values(runs).flatMap((r) => r.results.filter((x) => x.kind === 'breakdown'));
  if (extras.length) {
    lines.push('');
    for (const x of extras) {
      const floor = Object.values(runs).flatMap((r) => r.results).find((f) => f.name === x.floor && f.database === x.database);
      lines.push(`- ${x.label} (${x.database}): p50 ${fmt(x.p50Ms)} ms, mean ${fmt(x.meanMs)} ms (n ${n(x)})${floor ? ` vs ranked ${fmt(floor.meanMs)} ms` : ''}.`);
    }
  }
  const errored = Object.values(runs).flatMap((r) => r.results).filter((r) => r.errors > 0);
  for (const r of errored) lines.push(`- **${r.label} (${r.database}): ${r.errors} errors** — ${r.firstError ?? ''}`);
  if (http.length) {
    lines.push(
      '',
      `## Page throughput (production server on pg15, autocannon, ${http[0]!.connections} connections, ${http[0]!.durationSeconds} s each)`,
      '',
      'Load generator in the benchmark process, on the same cores as the server and PostgreSQL; server pool of 8 connections; a request unanswered after 10 s counts as a timeout (and has no latency). ' +
        '"idle": the same page alone, warm, just before the run. Times in ms.',
      '',
      '| Case | req/s | latency p50 | p97.5 | p99 | max | responses | non-2xx | errors (timeouts) | idle |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...http.map((h) => {
        const l = (ms: number) => (h.requests > 0 ? int(ms) : '—');
        return `| ${h.label} | ${h.requestsPerSec} | ${l(h.latencyMs.p50)} | ${l(h.latencyMs.p97_5)} | ${l(h.latencyMs.p99)} | ${l(h.latencyMs.max)} | ${int(h.requests)} | ${h.non2xx} | ${h.errors} (${h.timeouts}) | ${fmt(h.idleRequestMs)} |`;
      }),
    );
  }
  if (failures.length) lines.push('', '**Failed sections:**', ...failures.map((f) => `- ${f.section}: ${f.error.split('\n')[0]}`));
  return `${lines.join('\n')}\n`;
}

function ratio(x: number): string {
  return x < 100 ? x.toFixed(1) : Math.round(x).toLocaleString('en');
}

function n(r: CaseResult): string {
  return `${r.iterations}${r.capped ? '*' : ''}`;
}

function int(x: number): string {
  return x.toLocaleString('en');
}

function mb(bytes: number): string {
  return `${Math.round(bytes / 2 ** 20)} MB`;
}

function fmt(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : Math.round(ms).toLocaleString('en');
}
