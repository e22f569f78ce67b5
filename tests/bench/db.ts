import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { closeDb, getDb, getSql } from '@/db/client';
import { migratePlatform } from '@/db/migrator';
import { quoteIdent, tenantSchemaName } from '@/db/tenant-schema';
import { withTenant } from '@/db/with-tenant';
import { listLatestSuppliers } from '@/modules/suppliers/queries';
import { importTenantFolder } from '@/tenants/import-export';
import { measure, type CaseResult, type CaseSpec, type LoopOptions, type Operation } from './stats';

export type DatabaseKind = 'pglite' | 'pg15';

export const DB_SEQUENTIAL: LoopOptions = { warmup: 200, iterations: 2000, concurrency: 1, capMs: 8_000 };
/** Pool of 4 (DATABASE_POOL_SIZE, set by run.ts before the first getDb()) with 8 operations in flight. */
export const DB_CONCURRENT: LoopOptions = { warmup: 200, iterations: 2000, concurrency: 8, capMs: 8_000 };

const SLUG = 'uk';
const LIMIT = 6;
const SET_SEARCH_PATH = `select set_config('search_path', $1, true)`;
/** What drizzle generates for listLatestSuppliers(tx, 6), unqualified: resolved through search_path. */
const LATEST_UNQUALIFIED =
  'select "id", "legal_name", "registration_scheme", "registration_number", "organisation_size", "region", "description", "created_at" from "suppliers" order by "suppliers"."created_at" desc, "suppliers"."legal_name" limit $1';

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
    const searchPath = quoteIdent(schema);
    const [{ n } = { n: 0 }] = await sql<{ n: number }[]>`select count(*)::int as n from ${sql(schema)}.suppliers`;
    const expectedRows = Math.min(LIMIT, n);
    if (expectedRows === 0) throw new Error(`tenant ${SLUG} has no suppliers: the benchmark would measure empty reads`);
    log(`${kind}: ${version.split(',')[0]}; ${schema}.suppliers has ${n} rows`);

    const expectRows = (rows: readonly unknown[]) => {
      if (rows.length !== expectedRows) throw new Error(`expected ${expectedRows} rows, got ${rows.length}`);
    };

    // The floor: the same columns and ordering as listLatestSuppliers() (order by created_at desc, legal_name),
    // schema-qualified, no transaction, as a postgres.js tagged template (a named statement, prepared once per
    // connection): the cheapest way to get the same rows.
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
        // withTenant() minus drizzle: BEGIN, set_config, unqualified select, COMMIT, with postgres.js named
        // (prepared once per connection) statements. The gap to rawSelect is the transaction's round trips.
        spec: { name: 'db.rawTenantTx', label: 'raw tx + set_config + select (prepared)', kind: 'breakdown', database: kind, floor: 'db.rawSelect' },
        op: async () =>
          expectRows(
            await sql.begin(async (tx) => {
              await tx.unsafe(SET_SEARCH_PATH, [searchPath], { prepare: true });
              return tx.unsafe(LATEST_UNQUALIFIED, [LIMIT], { prepare: true });
            }),
          ),
      },
      {
        // The same with unnamed statements, which is what drizzle sends for an unnamed query (prepare: false):
        // Parse and plan on every call. The gap to the previous row is that; the gap to withTenant is drizzle.
        spec: { name: 'db.rawTenantTxUnnamed', label: 'raw tx + set_config + select (unnamed)', kind: 'breakdown', database: kind, floor: 'db.rawSelect' },
        op: async () =>
          expectRows(
            await sql.begin(async (tx) => {
              await tx.unsafe(SET_SEARCH_PATH, [searchPath]);
              return tx.unsafe(LATEST_UNQUALIFIED, [LIMIT]);
            }),
          ),
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
