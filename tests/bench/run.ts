import os from 'node:os';
import path from 'node:path';
import { startPg15Cluster } from '@/tests/support/pg15-cluster';
import { runCatalogueBench, type Machine } from './catalogue-report';
import { runProvisioningBench } from './provisioning';
import { runDatabaseBenchmarks, startEmbeddedHost, type DatabaseKind } from './db';
import { runHttpBenchmarks, startServer } from './http';
import { renderOcdsMarkdown, runOcdsBench } from './ocds';
import { runPublicBench } from './public-pages';
import { caseRows, commit, writeDayResult, type SuiteOutput, type SuiteResult, type SummaryRow } from './results';
import { round, type CaseResult } from './stats';

/*
 * npm run bench: every benchmark next to its floor, on loopback only, into ONE result per day:
 * tests/bench/results/<YYYY-MM-DD>.json (each suite's full report) and .md (a table of our figure beside its floor
 * for every benchmark, then each suite's detail), with the table copied into README.md between the bench markers
 * (tests/bench/results.ts). Suites, in order:
 *   foundation: on in-memory PGlite (its own process, as under npm start) and a throwaway PostgreSQL 15:
 *      select 1 → raw schema-qualified select → withTenant() + listLatestSuppliers(), sequential and 8 in flight,
 *      with two breakdown rows (the same transaction in raw postgres.js, prepared and unnamed) that say where
 *      withTenant's cost over the floor goes; then HTTP against the production server (launcher + next start on a
 *      fresh embedded database): /api/health → tenant home → tenant 404;
 *   catalogue (catalogue-report.ts): 100,000 services on PostgreSQL 15, the search page under autocannon;
 *   ocds (ocds.ts): building and validating 10,000 releases;
 *   public (public-pages.ts): JavaScript bytes per page, the open-data dashboard cached vs aggregated;
 *   provisioning (provisioning.ts): onboarding per template next to the raw DDL; 100 and 1,000 tenants: provision,
 *      migrate all, per-tenant export.
 * `npm run bench -- catalogue ocds` runs some of them (the day's file keeps the other suites' last results).
 * Exit code 1 when a section failed or any operation errored: a fast wrong answer is not a result.
 * The server is started exactly like npm start, so it runs `next build` into the shared .next when sources are
 * newer than the build; SKIP_BUILD=1 (read by the launcher) benchmarks the existing build instead.
 */

const SUITES = ['foundation', 'catalogue', 'ocds', 'public', 'provisioning'] as const;
type Suite = (typeof SUITES)[number];
const requested = process.argv.slice(2);
const unknown = requested.filter((a) => !(SUITES as readonly string[]).includes(a));
if (unknown.length) {
  console.error(`[bench] unknown suite ${unknown.join(', ')}; choose from ${SUITES.join(', ')} (default: all)`);
  process.exit(2);
}
const selected = new Set<Suite>(requested.length ? (requested as Suite[]) : SUITES);
/**
 * Hard ceiling for the whole run; every case is capped. Normal on 2 cores: foundation ~1.5 min, catalogue
 * ~8 min, ocds ~1 min, public ~2 min, provisioning ~12 min, plus a build when .next is stale; more under load.
 */
const WATCHDOG_MS =
  ((selected.has('foundation') ? 8 : 0) + (selected.has('catalogue') ? 18 : 0) + (selected.has('ocds') ? 5 : 0) + (selected.has('public') ? 8 : 0) + (selected.has('provisioning') ? 30 : 0)) * 60_000;

const log = (line: string) => console.log(`[bench] ${line}`);

// Synchronous cleanups for anything outside this process, run on normal exit, signals and the watchdog.
const cleanups = new Set<() => void>();
function onExitCleanup(fn: () => void): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}
process.on('exit', () => {
  for (const fn of cleanups) {
    try {
      fn();
    } catch {
      // Best effort: keep running the others.
    }
  }
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));
setTimeout(() => {
  console.error(`[bench] watchdog: still running after ${WATCHDOG_MS / 60_000} min, aborting`);
  process.exit(2);
}, WATCHDOG_MS).unref();

interface Failure {
  section: string;
  error: string;
}

const outputs: SuiteOutput[] = [];

/** Runs one suite, keeps its result for the day's file, and never lets one suite's crash lose the others. */
async function runSuite(suite: Suite, fn: (machine: () => Machine) => Promise<SuiteResult>): Promise<number> {
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  const code = commit();
  log(`${suite}: starting, load ${loadBefore.map((x) => x.toFixed(2)).join(' ')}`);
  let result: SuiteResult;
  try {
    result = await fn(() => machineInfo(startedAt, loadBefore));
  } catch (error) {
    console.error(`[bench] ${suite} failed:`, error);
    const message = error instanceof Error ? error.message : String(error);
    result = { code: 1, report: { error: message }, markdown: `# ${suite}\n\n**Failed:** ${message.split('\n')[0]}\n`, summary: [] };
  }
  const machine = machineInfo(startedAt, loadBefore);
  outputs.push({
    suite,
    commit: code,
    startedAt: machine.date,
    loadAverageBefore: machine.loadAverageBefore,
    loadAverageAfter: machine.loadAverageAfter,
    durationSeconds: machine.durationSeconds,
    ...result,
  });
  // Written after every suite: a run stopped half-way keeps what it measured.
  const files = writeDayResult(outputs);
  log(`${suite}: done in ${machine.durationSeconds} s (exit ${result.code}); wrote ${path.relative(process.cwd(), files.json)} and .md, README table`);
  return result.code;
}

async function main(): Promise<number> {
  let code = 0;
  if (selected.has('foundation')) code = Math.max(code, await runSuite('foundation', runFoundation));
  if (selected.has('catalogue')) code = Math.max(code, await runSuite('catalogue', (machine) => runCatalogueBench({ log, onExitCleanup, machine })));
  if (selected.has('ocds')) code = Math.max(code, await runSuite('ocds', async (machine) => runOcds(machine)));
  if (selected.has('public')) code = Math.max(code, await runSuite('public', () => runPublicBench({ log, onExitCleanup })));
  if (selected.has('provisioning')) code = Math.max(code, await runSuite('provisioning', (machine) => runProvisioningBench({ log, onExitCleanup, machine })));
  return code;
}

/** Building and validating a 10,000-release OCDS package (tests/bench/ocds.ts), in process. */
function runOcds(machineNow: () => Machine): SuiteResult {
  const report = runOcdsBench(log);
  const machine = machineNow();
  const markdown = renderOcdsMarkdown(report, machine);
  console.log(`\n${markdown}`);
  // The floor of publishing a package is writing it out: JSON.stringify of the same releases.
  const floor = report.steps.find((s) => s.step.startsWith('serialise'));
  const summary: SummaryRow[] = report.steps
    .filter((s) => s !== floor)
    .map((s) => ({ suite: 'ocds', benchmark: `${s.step}, ${report.releases.toLocaleString('en')} releases`, database: 'in process', ours: s.medianMs, floor: floor?.step ?? 'JSON.stringify', floorValue: floor?.medianMs ?? null, unit: 'ms' as const, statistic: 'median' }));
  return { code: report.valid ? 0 : 1, report: { machine, ...report }, markdown, summary };
}

function machineInfo(startedAt: Date, loadBefore: number[]): Machine {
  return {
    date: startedAt.toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpuCount: os.availableParallelism?.() ?? os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    totalMemoryMb: Math.round(os.totalmem() / 2 ** 20),
    // Other work on the machine (a test run, a build) shows up here and in the numbers.
    loadAverageBefore: loadBefore.map((x) => round(x, 2)),
    loadAverageAfter: os.loadavg().map((x) => round(x, 2)),
    durationSeconds: round((Date.now() - startedAt.getTime()) / 1000, 1),
  };
}

async function runFoundation(machineNow: () => Machine): Promise<SuiteResult> {
  // The concurrent database variant runs on a pool of 4 (the app defaults to 8); read at the first getDb().
  process.env.DATABASE_POOL_SIZE = '4';

  const results: CaseResult[] = [];
  const failures: Failure[] = [];
  const databases: Record<string, { version: string; supplierRows: number }> = {};
  let server: { startupSeconds: number; built: boolean } | null = null;
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
  const databaseSection = (kind: DatabaseKind, start: () => Promise<{ url: string; stop: () => Promise<void> | void; kill: () => void }>) =>
    section(kind, async () => {
      const db = await start();
      const forget = onExitCleanup(db.kill);
      try {
        const run = await runDatabaseBenchmarks(kind, db.url, log);
        databases[kind] = { version: run.version, supplierRows: run.supplierRows };
        results.push(...run.results);
      } finally {
        await db.stop();
        forget();
      }
    });

  await databaseSection('pglite', startEmbeddedHost);
  await databaseSection('pg15', async () => {
    const cluster = await startPg15Cluster();
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      cluster.stop();
    };
    return { url: cluster.url, stop, kill: stop };
  });
  await section('http', async () => {
    const started = await startServer(log);
    server = { startupSeconds: started.startupSeconds, built: started.built };
    const forget = onExitCleanup(started.kill);
    try {
      results.push(...(await runHttpBenchmarks(started.port, log)));
    } finally {
      await started.stop();
      forget();
    }
  });

  const report = {
    machine: machineNow(),
    databases,
    // A build just before the HTTP cases means a hot CPU and cold caches; the launcher decides (SKIP_BUILD=1 reuses .next).
    server,
    benchmarks: results,
    failures,
  };
  const markdown = renderMarkdown(report.machine, databases, results, failures);
  console.log(`\n${markdown}`);
  const errored = results.filter((r) => r.errors > 0);
  if (failures.length || errored.length) console.error(`[bench] ${failures.length} section(s) failed, ${errored.length} case(s) with errors`);
  return { code: failures.length || errored.length ? 1 : 0, report, markdown, summary: caseRows('foundation', results) };
}

function renderMarkdown(
  machine: { date: string; node: string; cpuCount: number; cpuModel: string; loadAverageBefore: number[]; durationSeconds: number },
  databases: Record<string, { version: string }>,
  results: CaseResult[],
  failures: Failure[],
): string {
  const lines = [
    '# Foundation benchmarks',
    '',
    `${machine.date} · Node ${machine.node} · ${machine.cpuCount} × ${machine.cpuModel} · load ${machine.loadAverageBefore.join(' ')} at start · ${machine.durationSeconds} s`,
    '',
    ...Object.entries(databases).map(([kind, d]) => `- ${kind}: ${d.version.split(',')[0]}`),
    '',
    '"vs floor" compares the mean with the named floor on the same database and mode. Times in ms.',
    '',
    '| Case | Database | Mode | n | mean | p50 | p95 | p99 | ops/s | vs floor | errors |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
  ];
  for (const r of results) {
    const floor = r.floor ? results.find((f) => f.name === r.floor && f.database === r.database && f.mode === r.mode) : undefined;
    const vs = r.kind === 'floor' && !floor
      ? 'floor'
      : floor
        ? `×${(r.meanMs / floor.meanMs).toFixed(2)} (${signed(r.meanMs - floor.meanMs)}) vs ${floor.label}`
        : '–';
    const mode = r.mode === 'sequential' ? 'seq' : `${r.concurrency} in flight`;
    const n = `${r.iterations}${r.capped ? ' (capped)' : ''}`;
    lines.push(
      `| ${r.label}${r.kind === 'breakdown' ? ' *(breakdown)*' : ''} | ${r.database} | ${mode} | ${n} | ${fmt(r.meanMs)} | ${fmt(r.p50Ms)} | ${fmt(r.p95Ms)} | ${fmt(r.p99Ms)} | ${Math.round(r.opsPerSec)} | ${vs} | ${r.errors} |`,
    );
  }
  if (failures.length) {
    lines.push('', '**Failed sections:**', ...failures.map((f) => `- ${f.section}: ${f.error.split('\n')[0]}`));
  }
  return `${lines.join('\n')}\n`;
}

function fmt(ms: number): string {
  return ms < 10 ? ms.toFixed(3) : ms.toFixed(1);
}

function signed(ms: number): string {
  return `${ms >= 0 ? '+' : '−'}${fmt(Math.abs(ms))} ms`;
}

main()
  .then((code) => process.exit(code))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
