import { createHash } from 'node:crypto';
import type postgres from 'postgres';
import { closeDb, getDb, getSql } from '@/db/client';
import { loadMigrations, mapWithConcurrency, migrateAllTenants, migratePlatform, migrateTenant, type Migration } from '@/db/migrator';
import { quoteIdent, tenantSchemaName } from '@/db/tenant-schema';
import { createDraft } from '@/modules/onboarding/drafts';
import { claimDraftForProvisioning, provisionDraft } from '@/modules/onboarding/provision';
import { exportTenantArchive } from '@/modules/onboarding/tenant-archive';
import { TEMPLATE_CHOICES, type TemplateChoice, type WizardData } from '@/modules/onboarding/wizard-schema';
import { startPg15Cluster } from '@/tests/support/pg15-cluster';
import type { BenchContext } from './catalogue-report';
import { startEmbeddedHost } from './db';
import type { SuiteResult, SummaryRow } from './results';
import { percentile, round } from './stats';

/*
 * npm run bench -- provisioning: how long onboarding takes to make a marketplace live, on in-memory PGlite (its
 * own process, as under npm start) and a throwaway PostgreSQL 15 (fsync off).
 *   - one tenant per template, end to end (provisionDraft: checks, tenant row, migrations through our runner,
 *     template frameworks, admin, invitation, live), next to its floors: the raw DDL of the same schema in one
 *     transaction (no journal, no lock, no seeding) and our migration runner alone;
 *   - 100 and 1,000 tenants provisioned 4 at a time (1,000 on PostgreSQL only unless BENCH_PGLITE_1000=1: PGlite
 *     keeps the whole catalogue in memory);
 *   - at each of those sizes, every tenant in the database: the migration runner over all of them when they are up
 *     to date and with one new migration (a harmless added column), next to the raw SQL floors (read each journal;
 *     the same ALTER TABLE per schema), and the tenant export (modules/onboarding/tenant-archive.ts) of a sample of
 *     tenants next to reading every table of the schema as JSON in one transaction.
 */

const REPEAT = Number(process.env.BENCH_PROVISION_REPEAT ?? 5);
const BULK = (process.env.BENCH_PROVISION_BULK ?? '100,1000').split(',').map(Number).filter((n) => n > 0);
const CONCURRENCY = 4;
/** Tenants exported per scale step (evenly spread over the bulk-provisioned ones). */
const EXPORT_SAMPLE = Number(process.env.BENCH_EXPORT_SAMPLE ?? 50);

interface Timing {
  database: string;
  case: string;
  n: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  floor?: string;
}

interface Bulk {
  database: string;
  tenants: number;
  concurrency: number;
  totalSeconds: number;
  perTenantMs: number;
  tablesPerTenant: number;
  failures: number;
}

/** One operation over many tenants (or a sample), next to its floor. */
interface Scale {
  database: string;
  /** Tenants in the database at this step. */
  tenants: number;
  case: string;
  /** Tenants the operation covered (all, or the export sample). */
  n: number;
  totalMs: number;
  /** Median per tenant where each was timed alone (export), else total ÷ n. */
  perTenantMs: number;
  failures: number;
  floor?: string;
}

let counter = 0;
function slug(prefix: string): string {
  counter++;
  return `${prefix}${process.pid.toString(36)}x${counter.toString(36)}`.slice(0, 30);
}

function wizard(s: string, template: TemplateChoice): WizardData {
  return {
    authority: { name: `Bench authority ${s}`, authorityType: 'agency', country: 'GB', timezone: 'Europe/London', currency: 'GBP' },
    address: { slug: s, domains: [] },
    languages: { locales: ['en', 'cy'], defaultLocale: 'en', names: {} },
    branding: { primary: '#1d4f91', primaryText: '#ffffff', secondary: '#1d4f91' },
    template: { template },
    admin: { adminName: 'Bench admin', adminEmail: `admin@${s}.bench.example` },
  };
}

async function provisionOne(s: string, template: TemplateChoice): Promise<number> {
  const db = getDb();
  const started = performance.now();
  const id = await createDraft(db, null, wizard(s, template));
  await claimDraftForProvisioning(db, id);
  const result = await provisionDraft(db, getSql(), id);
  const ms = performance.now() - started;
  if (result !== s) throw new Error(`provisioning ${s} failed`);
  return ms;
}

function summarise(database: string, name: string, samples: number[], floor?: string): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return { database, case: name, n: samples.length, medianMs: round(percentile(sorted, 50), 1), minMs: round(sorted[0]!, 1), maxMs: round(sorted.at(-1)!, 1), floor };
}

async function measureDatabase(database: string, url: string, ctx: BenchContext, timings: Timing[], bulks: Bulk[], scales: Scale[]): Promise<void> {
  process.env.DATABASE_URL = url;
  process.env.DATABASE_POOL_SIZE = String(CONCURRENCY + 2);
  const sql = getSql();
  await migratePlatform(sql);
  const migrations = await loadMigrations('tenant');
  const statements = migrations.flatMap((m) => m.statements);

  // Warm-up: the first tenant pays for loading templates and preparing statements.
  await provisionOne(slug('warm'), 'both');

  const raw: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    const schema = tenantSchemaName(slug('raw'));
    const started = performance.now();
    await sql.begin(async (tx) => {
      await tx.unsafe(`CREATE SCHEMA ${quoteIdent(schema)}`);
      await tx`select set_config('search_path', ${quoteIdent(schema)}, true)`;
      for (const statement of statements) await tx.unsafe(statement);
    });
    raw.push(performance.now() - started);
  }
  timings.push(summarise(database, 'raw DDL of a tenant schema (one transaction)', raw));

  const runner: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    const s = slug('run');
    await sql`insert into platform.tenants (slug, config, status) values (${s}, '{}'::jsonb, 'provisioning')`;
    const started = performance.now();
    await migrateTenant(sql, s, migrations);
    runner.push(performance.now() - started);
  }
  timings.push(summarise(database, 'migration runner (journal, advisory lock)', runner, 'raw DDL of a tenant schema (one transaction)'));

  for (const template of TEMPLATE_CHOICES) {
    const samples: number[] = [];
    for (let i = 0; i < REPEAT; i++) samples.push(await provisionOne(slug(template.slice(0, 3)), template));
    timings.push(summarise(database, `provision, template ${template}`, samples, 'raw DDL of a tenant schema (one transaction)'));
    ctx.log(`${database}: template ${template} median ${timings.at(-1)!.medianMs} ms`);
  }

  const [tableCount] = await sql<{ n: number }[]>`select count(*)::int as n from information_schema.tables where table_schema = (select 't_' || replace(slug, '-', '_') from platform.tenants where status = 'trial' limit 1)`;

  for (const size of BULK) {
    if (size >= 1000 && database === 'pglite' && process.env.BENCH_PGLITE_1000 !== '1') {
      ctx.log(`${database}: ${size} tenants skipped (set BENCH_PGLITE_1000=1)`);
      continue;
    }
    const slugs = Array.from({ length: size }, () => slug('b'));
    let failures = 0;
    const started = performance.now();
    let done = 0;
    await mapWithConcurrency(slugs, CONCURRENCY, async (s) => {
      try {
        await provisionOne(s, 'blank');
      } catch {
        failures++;
      }
      if (++done % 100 === 0) ctx.log(`${database}: ${done}/${size} tenants`);
    });
    const totalSeconds = (performance.now() - started) / 1000;
    bulks.push({ database, tenants: size, concurrency: CONCURRENCY, totalSeconds: round(totalSeconds, 1), perTenantMs: round((totalSeconds * 1000) / size, 1), tablesPerTenant: tableCount?.n ?? 0, failures });
    ctx.log(`${database}: ${size} tenants in ${round(totalSeconds, 1)} s (${failures} failed)`);
    scales.push(...(await tenantScale(database, sql, migrations, slugs, size, ctx)));
  }
  await closeDb();
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** Migrate all (up to date, then one new migration) and per-tenant export, with every tenant now in the database. */
async function tenantScale(database: string, sql: postgres.Sql, migrations: Migration[], bulkSlugs: string[], step: number, ctx: BenchContext): Promise<Scale[]> {
  const slugs = (await sql<{ slug: string }[]>`select slug from platform.tenants order by slug`).map((r) => r.slug);
  const tenants = slugs.length;
  const out: Scale[] = [];
  const push = (name: string, n: number, totalMs: number, failures: number, floor?: string, perTenantMs?: number) => {
    out.push({ database, tenants, case: name, n, totalMs: round(totalMs, 1), perTenantMs: round(perTenantMs ?? totalMs / n, 2), failures, floor });
    ctx.log(`${database}: ${tenants} tenants: ${name}: ${round(totalMs / 1000, 2)} s${failures ? `, ${failures} FAILED` : ''}`);
  };
  const journalFloor = `raw SQL: read each schema's journal (${CONCURRENCY} at a time)`;
  push(journalFloor, tenants, await timed(() => mapWithConcurrency(slugs, CONCURRENCY, async (s) => void (await sql.unsafe(`select tag from ${quoteIdent(tenantSchemaName(s))}.schema_migrations`)))), 0);
  let failed = 0;
  let ms = await timed(async () => {
    failed = (await migrateAllTenants(sql, { concurrency: CONCURRENCY, migrations })).filter((p) => p.error || (p.result?.applied.length ?? 0) > 0).length;
  });
  push(`migrate all, up to date (runner, ${CONCURRENCY} at a time)`, tenants, ms, failed, journalFloor);

  // A harmless new migration (an added nullable column, as a real one would be) applied to every tenant.
  const column = `bench_probe_${step}`;
  const text = `ALTER TABLE "services" ADD COLUMN "${column}" text`;
  const probe: Migration = { tag: `9900_${column}`, checksum: createHash('sha256').update(text).digest('hex'), statements: [text] };
  const ddlFloor = `raw SQL: the same ALTER TABLE in each schema (${CONCURRENCY} at a time)`;
  push(ddlFloor, tenants, await timed(() => mapWithConcurrency(slugs, CONCURRENCY, async (s) => void (await sql.unsafe(`ALTER TABLE ${quoteIdent(tenantSchemaName(s))}.services ADD COLUMN "${column}_floor" text`)))), 0);
  ms = await timed(async () => {
    failed = (await migrateAllTenants(sql, { concurrency: CONCURRENCY, migrations: [...migrations, probe] })).filter((p) => p.error || p.result?.applied.join() !== probe.tag).length;
  });
  push(`migrate all, one new migration (runner, ${CONCURRENCY} at a time)`, tenants, ms, failed, ddlFloor);

  // Per-tenant export, one at a time, over an even sample of the tenants just provisioned.
  const every = Math.max(1, Math.floor(bulkSlugs.length / EXPORT_SAMPLE));
  const sample = bulkSlugs.filter((_, i) => i % every === 0).slice(0, EXPORT_SAMPLE);
  const rawTimes: number[] = [];
  const oursTimes: number[] = [];
  let exportFailures = 0;
  for (const s of sample) {
    const schema = quoteIdent(tenantSchemaName(s));
    rawTimes.push(
      await timed(() =>
        sql.begin('isolation level repeatable read read only', async (tx) => {
          const tables = await tx<{ name: string }[]>`select table_name as name from information_schema.tables where table_schema = ${tenantSchemaName(s)} and table_type = 'BASE TABLE'`;
          for (const t of tables) await tx.unsafe(`select coalesce(json_agg(t), '[]'::json) as rows from ${schema}.${quoteIdent(t.name)} t`);
        }),
      ),
    );
    try {
      // What a download does: build the archive and serialise it.
      oursTimes.push(await timed(async () => JSON.stringify(await exportTenantArchive(getDb(), sql, s))));
    } catch (error) {
      exportFailures++;
      ctx.log(`${database}: export ${s} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const med = (xs: number[]) => (xs.length ? percentile([...xs].sort((a, b) => a - b), 50) : 0);
  const exportFloor = 'raw SQL: every table of the schema as JSON, one read-only transaction';
  push(exportFloor, sample.length, rawTimes.reduce((a, b) => a + b, 0), 0, undefined, med(rawTimes));
  push('per-tenant export (archive + JSON)', sample.length, oursTimes.reduce((a, b) => a + b, 0), exportFailures, exportFloor, med(oursTimes));
  return out;
}

export async function runProvisioningBench(ctx: BenchContext): Promise<SuiteResult> {
  const timings: Timing[] = [];
  const bulks: Bulk[] = [];
  const scales: Scale[] = [];
  const failures: { section: string; error: string }[] = [];
  // No mail server: invitations go to the dev outbox table, as in the demo.
  delete process.env.SMTP_URL;
  process.env.PUBLIC_URL_PORT ??= '3000';
  const sections: [string, () => Promise<{ url: string; stop: () => Promise<void> | void; kill: () => void }>][] = [
    ['pglite', startEmbeddedHost],
    [
      'pg15',
      async () => {
        const cluster = await startPg15Cluster();
        return { url: cluster.url, stop: cluster.stop, kill: cluster.stop };
      },
    ],
  ];
  for (const [name, start] of sections) {
    const started = performance.now();
    try {
      const db = await start();
      const forget = ctx.onExitCleanup(db.kill);
      try {
        await measureDatabase(name, db.url, ctx, timings, bulks, scales);
      } finally {
        await closeDb().catch(() => {});
        await db.stop();
        forget();
      }
    } catch (error) {
      console.error(`[bench] provisioning ${name} failed:`, error);
      failures.push({ section: name, error: error instanceof Error ? error.message : String(error) });
    }
    ctx.log(`provisioning ${name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const report = { machine: ctx.machine(), repeat: REPEAT, timings, bulk: bulks, scale: scales, failures };
  const markdown = render(report);
  console.log(`\n${markdown}`);
  const failed = failures.length > 0 || bulks.some((b) => b.failures > 0) || scales.some((x) => x.failures > 0);
  return { code: failed ? 1 : 0, report, markdown, summary: summaryRows(timings, bulks, scales) };
}

function summaryRows(timings: Timing[], bulks: Bulk[], scales: Scale[]): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const rawDdl = (database: string) => timings.find((t) => t.database === database && !t.floor);
  for (const t of timings.filter((x) => x.floor)) {
    const floor = timings.find((f) => f.case === t.floor && f.database === t.database);
    rows.push({ suite: 'provisioning', benchmark: `one tenant: ${t.case}`, database: t.database, ours: t.medianMs, floor: t.floor!, floorValue: floor?.medianMs ?? null, unit: 'ms', statistic: 'median' });
  }
  for (const b of bulks) {
    const floor = rawDdl(b.database);
    rows.push({ suite: 'provisioning', benchmark: `provision ${b.tenants.toLocaleString('en')} tenants, ${b.concurrency} at a time, per tenant`, database: b.database, ours: b.perTenantMs, floor: floor?.case ?? 'raw DDL', floorValue: floor?.medianMs ?? null, unit: 'ms', statistic: 'total ÷ tenants' });
  }
  for (const x of scales.filter((y) => y.floor)) {
    const floor = scales.find((f) => f.case === x.floor && f.database === x.database && f.tenants === x.tenants);
    const isExport = x.case.startsWith('per-tenant export');
    rows.push({
      suite: 'provisioning',
      benchmark: isExport ? `${x.case}, ${x.n} of ${x.tenants.toLocaleString('en')} tenants, per tenant` : `${x.case}, ${x.tenants.toLocaleString('en')} tenants`,
      database: x.database,
      ours: isExport ? x.perTenantMs : x.totalMs / 1000,
      floor: x.floor!,
      floorValue: floor ? (isExport ? floor.perTenantMs : floor.totalMs / 1000) : null,
      unit: isExport ? 'ms' : 's',
      statistic: isExport ? 'median' : 'total',
    });
    if (isExport) {
      rows.push({ suite: 'provisioning', benchmark: `${x.case}, ${x.n} of ${x.tenants.toLocaleString('en')} tenants one after another, all`, database: x.database, ours: x.totalMs / 1000, floor: x.floor!, floorValue: floor ? floor.totalMs / 1000 : null, unit: 's', statistic: 'total' });
    }
  }
  return rows;
}

function render(report: { machine: ReturnType<BenchContext['machine']>; repeat: number; timings: Timing[]; bulk: Bulk[]; scale: Scale[]; failures: { section: string; error: string }[] }): string {
  const m = report.machine;
  const lines = [
    '# Provisioning benchmark',
    '',
    `${m.date} · Node ${m.node} · ${m.cpuCount} × ${m.cpuModel} · load ${m.loadAverageBefore.join(' ')} at start · ${m.durationSeconds} s`,
    '',
    `One tenant, ${report.repeat} runs each after a warm-up; "provision" is the whole onboarding submit (checks, tenant row, migrations`,
    'through our runner, template frameworks, administrator, invitation, live). Times in ms.',
    '',
    '| Case | Database | n | median | min | max | vs raw DDL |',
    '| --- | --- | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const t of report.timings) {
    const floor = t.floor ? report.timings.find((f) => f.case === t.floor && f.database === t.database) : undefined;
    lines.push(`| ${t.case} | ${t.database} | ${t.n} | ${t.medianMs} | ${t.minMs} | ${t.maxMs} | ${floor ? `×${(t.medianMs / floor.medianMs).toFixed(2)}` : 'floor'} |`);
  }
  lines.push('', `Many tenants (blank template, ${CONCURRENCY} at a time):`, '', '| Database | Tenants | Total (s) | Per tenant (ms) | Tables per tenant | Failures |', '| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const b of report.bulk) lines.push(`| ${b.database} | ${b.tenants} | ${b.totalSeconds} | ${b.perTenantMs} | ${b.tablesPerTenant} | ${b.failures} |`);
  lines.push(
    '',
    'Every tenant in the database after each step (the bulk ones, the single-tenant runs above and the warm-up): migrate all with our runner ' +
      '(per tenant: one transaction, advisory lock, journal, schema_version, grants) when up to date and with one new migration (an added column), and the ' +
      `tenant export of ${EXPORT_SAMPLE} bulk tenants, one at a time (blank-template tenants: few rows, so this is the fixed cost of an export). ` +
      '1,000 tenants on PostgreSQL 15 only (PGlite keeps every catalogue in memory).',
    '',
    '| Database | Tenants | Case | n | Total (s) | Per tenant (ms) | vs floor | Failures |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const x of report.scale) {
    const floor = x.floor ? report.scale.find((f) => f.case === x.floor && f.database === x.database && f.tenants === x.tenants) : undefined;
    const vs = floor ? `×${(x.case.startsWith('per-tenant') ? x.perTenantMs / floor.perTenantMs : x.totalMs / floor.totalMs).toFixed(2)}` : 'floor';
    lines.push(`| ${x.database} | ${x.tenants} | ${x.case} | ${x.n} | ${round(x.totalMs / 1000, 2)} | ${x.perTenantMs} | ${vs} | ${x.failures} |`);
  }
  if (report.failures.length) lines.push('', '**Failed sections:**', ...report.failures.map((f) => `- ${f.section}: ${f.error.split('\n')[0]}`));
  return `${lines.join('\n')}\n`;
}
