import path from 'node:path';
import { closeDb, getDb, getSql } from '@/db/client';
import { loadMigrations, mapWithConcurrency, migratePlatform, migrateTenant } from '@/db/migrator';
import { quoteIdent, tenantSchemaName } from '@/db/tenant-schema';
import { createDraft } from '@/modules/onboarding/drafts';
import { claimDraftForProvisioning, provisionDraft } from '@/modules/onboarding/provision';
import { TEMPLATE_CHOICES, type TemplateChoice, type WizardData } from '@/modules/onboarding/wizard-schema';
import { startPg15Cluster } from '@/tests/support/pg15-cluster';
import type { BenchContext } from './catalogue-report';
import { startEmbeddedHost } from './db';
import { percentile, round } from './stats';

/*
 * npm run bench -- provisioning: how long onboarding takes to make a marketplace live, on in-memory PGlite (its
 * own process, as under npm start) and a throwaway PostgreSQL 15 (fsync off).
 *   - one tenant per template, end to end (provisionDraft: checks, tenant row, migrations through our runner,
 *     template frameworks, admin, invitation, live), next to its floors: the raw DDL of the same schema in one
 *     transaction (no journal, no lock, no seeding) and our migration runner alone;
 *   - 100 and 1,000 tenants provisioned 4 at a time (1,000 on PostgreSQL only unless BENCH_PGLITE_1000=1: PGlite
 *     keeps the whole catalogue in memory).
 * Writes bench-results/provisioning.{json,md}.
 */

const REPEAT = Number(process.env.BENCH_PROVISION_REPEAT ?? 5);
const BULK = (process.env.BENCH_PROVISION_BULK ?? '100,1000').split(',').map(Number).filter((n) => n > 0);
const CONCURRENCY = 4;

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

async function measureDatabase(database: string, url: string, ctx: BenchContext, timings: Timing[], bulks: Bulk[]): Promise<void> {
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
  }
  await closeDb();
}

export async function runProvisioningBench(ctx: BenchContext): Promise<number> {
  const timings: Timing[] = [];
  const bulks: Bulk[] = [];
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
        await measureDatabase(name, db.url, ctx, timings, bulks);
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
  const report = { machine: ctx.machine(), repeat: REPEAT, timings, bulk: bulks, failures };
  const markdown = render(report);
  ctx.writeAtomically(path.join(ctx.outDir, 'provisioning.json'), `${JSON.stringify(report, null, 2)}\n`);
  ctx.writeAtomically(path.join(ctx.outDir, 'provisioning.md'), markdown);
  console.log(`\n${markdown}`);
  return failures.length || bulks.some((b) => b.failures > 0) ? 1 : 0;
}

function render(report: { machine: ReturnType<BenchContext['machine']>; repeat: number; timings: Timing[]; bulk: Bulk[]; failures: { section: string; error: string }[] }): string {
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
  if (report.failures.length) lines.push('', '**Failed sections:**', ...report.failures.map((f) => `- ${f.section}: ${f.error.split('\n')[0]}`));
  return `${lines.join('\n')}\n`;
}
