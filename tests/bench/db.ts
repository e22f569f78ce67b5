import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { closeDb, getDb, getSql } from '@/db/client';
import { migratePlatform } from '@/db/migrator';
import { tenantSchemaName } from '@/db/tenant-schema';
import { withTenant } from '@/db/with-tenant';
import { listLatestSuppliers } from '@/modules/suppliers/queries';
import { importTenantFolder } from '@/tenants/import-export';
import { measure, type CaseResult, type CaseSpec, type LoopOptions, type Operation } from './stats';

export type DatabaseKind = 'pglite' | 'pg15';

export const DB_SEQUENTIAL: LoopOptions = { warmup: 200, iterations: 2000, concurrency: 1, capMs: 12_000 };
/** Pool of 4 (DATABASE_POOL_SIZE, set by run.ts before the first getDb()) with 8 operations in flight. */
export const DB_CONCURRENT: LoopOptions = { warmup: 200, iterations: 2000, concurrency: 8, capMs: 12_000 };

const SLUG = 'uk';
const LIMIT = 6;

export interface DatabaseRun {
  version: string;
  supplierRows: number;
  results: CaseResult[];
}

/** Starts tests/bench/embedded-host.ts in a child process and resolves with its URL. */
export async function startEmbeddedHost(): Promise<{ url: string; stop: () => Promise<void>; kill: () => void }> {
  const child = spawn(process.execPath, [...process.execArgv, path.join(import.meta.dirname, 'embedded-host.ts')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('embedded PGlite host did not start within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`embedded PGlite host exited early (code ${code})`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { url: string }).url);
    });
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/**
 * Migrates, imports the demo UK tenant, then times the floors and withTenant() on the same pool. The caller
 * owns the database; this closes the pool it opened.
 */
export async function runDatabaseBenchmarks(kind: DatabaseKind, url: string, log: (line: string) => void): Promise<DatabaseRun> {
  // getDb()/getSql() read DATABASE_URL lazily and cache one pool per URL, exactly as the app does.
  process.env.DATABASE_URL = url;
  try {
    const sql = getSql();
    const [{ version } = { version: '?' }] = await sql<{ version: string }[]>`select version()`;
    await migratePlatform(sql);
    await importTenantFolder(getDb(), sql, path.join(process.cwd(), 'tenants', SLUG));
    const schema = tenantSchemaName(SLUG);
    const [{ n } = { n: 0 }] = await sql<{ n: number }[]>`select count(*)::int as n from ${sql(schema)}.suppliers`;
    const expectedRows = Math.min(LIMIT, n);
    if (expectedRows === 0) throw new Error(`tenant ${SLUG} has no suppliers: the benchmark would measure empty reads`);
    log(`${kind}: ${version.split(',')[0]}; ${schema}.suppliers has ${n} rows`);

    const expectRows = (rows: readonly unknown[]) => {
      if (rows.length !== expectedRows) throw new Error(`expected ${expectedRows} rows, got ${rows.length}`);
    };

    // The same columns and ordering drizzle generates for listLatestSuppliers(), so the only differences left
    // are the transaction, the search_path binding and drizzle itself. postgres.js prepares tagged templates
    // (named statements); drizzle sends unnamed ones: that difference is part of "ours" on purpose.
    const rawSelect = () => sql`
      select id, legal_name, registration_scheme, registration_number, organisation_size, region, description, created_at
      from ${sql(schema)}.suppliers order by created_at desc, legal_name limit ${LIMIT}`;

    const cases: { spec: CaseSpec; op: Operation }[] = [
      {
        spec: { name: 'db.select1', label: 'select 1 (postgres.js)', kind: 'floor', database: kind },
        op: async () => {
          const rows = await sql`select 1 as one`;
          if (rows[0]?.one !== 1) throw new Error('select 1 did not return 1');
        },
      },
      {
        spec: { name: 'db.rawSelect', label: 'raw schema-qualified select', kind: 'floor', database: kind, floor: 'db.select1' },
        op: async () => expectRows(await rawSelect()),
      },
      {
        // withTenant() minus drizzle: BEGIN, set_config, unqualified select, COMMIT with plain postgres.js.
        spec: { name: 'db.rawTenantTx', label: 'raw tx + set_config + select', kind: 'breakdown', database: kind, floor: 'db.rawSelect' },
        op: async () => {
          const rows = await sql.begin(async (tx) => {
            await tx`select set_config('search_path', ${`"${schema}"`}, true)`;
            return tx`
              select id, legal_name, registration_scheme, registration_number, organisation_size, region, description, created_at
              from suppliers order by created_at desc, legal_name limit ${LIMIT}`;
          });
          expectRows(rows);
        },
      },
      {
        spec: { name: 'db.withTenant', label: 'withTenant → listLatestSuppliers', kind: 'ours', database: kind, floor: 'db.rawSelect' },
        op: async () => expectRows(await withTenant({ slug: SLUG }, (tx) => listLatestSuppliers(tx, LIMIT))),
      },
    ];

    const results: CaseResult[] = [];
    for (const options of [DB_SEQUENTIAL, DB_CONCURRENT]) {
      for (const { spec, op } of cases) {
        const result = await measure(spec, op, options);
        log(`${kind}: ${spec.label} [${result.mode}] mean ${result.meanMs} ms, p99 ${result.p99Ms} ms, ${result.opsPerSec} ops/s${result.errors ? `, ${result.errors} ERRORS` : ''}`);
        results.push(result);
      }
    }
    return { version, supplierRows: n, results };
  } finally {
    await closeDb();
    delete process.env.DATABASE_URL;
  }
}
