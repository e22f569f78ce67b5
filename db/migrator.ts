import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type postgres from 'postgres';
import { grantPlatformRights, grantTenantRights } from './tenant-roles';
import { quoteIdent, tenantSchemaName } from './tenant-schema';

/*
 * Our own runner: drizzle's migrate() has no target-schema option, and drizzle-kit writes "public". into
 * foreign keys. Each schema migrates in one transaction under an advisory lock, with its own journal, so a
 * crash half-way leaves that schema exactly as before and the next run resumes where it stopped.
 */

export interface Migration {
  tag: string;
  checksum: string;
  statements: string[];
}

export type MigrationScope = 'platform' | 'tenant';

export const MIGRATIONS_ROOT = path.join(process.cwd(), 'db', 'migrations');

const JOURNAL_TABLE = 'schema_migrations';

export async function loadMigrations(scope: MigrationScope, root = MIGRATIONS_ROOT): Promise<Migration[]> {
  const dir = path.join(root, scope);
  const journal = JSON.parse(await readFile(path.join(dir, 'meta', '_journal.json'), 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  const entries = [...journal.entries].sort((a, b) => a.idx - b.idx);
  return Promise.all(
    entries.map(async ({ tag }) => {
      const raw = await readFile(path.join(dir, `${tag}.sql`), 'utf8');
      const text = scope === 'tenant' ? stripPublicQualifier(raw) : makeSchemaCreationIdempotent(raw);
      return {
        tag,
        checksum: createHash('sha256').update(text).digest('hex'),
        statements: text
          .split('--> statement-breakpoint')
          .map((s) => s.trim())
          .filter((s) => s.length > 0),
      };
    }),
  );
}

/** drizzle-kit qualifies same-schema references with "public"; inside a tenant schema they must stay unqualified. */
export function stripPublicQualifier(sqlText: string): string {
  return sqlText.replaceAll('"public".', '');
}

function makeSchemaCreationIdempotent(sqlText: string): string {
  return sqlText.replace(/CREATE SCHEMA "/g, 'CREATE SCHEMA IF NOT EXISTS "');
}

export interface SchemaMigrationResult {
  schema: string;
  applied: string[];
  version: number;
}

/** Applies pending migrations to one schema in a single transaction. */
export async function migrateSchema(
  sql: postgres.Sql,
  schema: string,
  migrations: Migration[],
  options: { bindSearchPath: boolean; afterApply?: (tx: postgres.TransactionSql, version: number, applied: string[]) => Promise<void> },
): Promise<SchemaMigrationResult> {
  return sql.begin(async (tx) => {
    // Two runners on the same schema wait for each other instead of racing.
    await tx`select pg_advisory_xact_lock(hashtext(${'migrate:' + schema}))`;
    await tx.unsafe(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    if (options.bindSearchPath) {
      await tx`select set_config('search_path', ${quoteIdent(schema)}, true)`;
    }
    const journal = `${quoteIdent(schema)}.${JOURNAL_TABLE}`;
    await tx.unsafe(
      `CREATE TABLE IF NOT EXISTS ${journal} (tag text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = new Map(
      (await tx.unsafe<{ tag: string; checksum: string }[]>(`SELECT tag, checksum FROM ${journal}`)).map((r) => [
        r.tag,
        r.checksum,
      ]),
    );
    const applied: string[] = [];
    for (const migration of migrations) {
      const previous = done.get(migration.tag);
      if (previous !== undefined) {
        if (previous !== migration.checksum) {
          throw new Error(`${schema}: migration ${migration.tag} was changed after it was applied`);
        }
        continue;
      }
      for (const statement of migration.statements) await tx.unsafe(statement);
      await tx.unsafe(`INSERT INTO ${journal} (tag, checksum) VALUES ($1, $2)`, [migration.tag, migration.checksum]);
      applied.push(migration.tag);
    }
    const version = done.size + applied.length;
    await options.afterApply?.(tx, version, applied);
    return { schema, applied, version };
  });
}

export async function migratePlatform(sql: postgres.Sql, root?: string): Promise<SchemaMigrationResult> {
  return migrateSchema(sql, 'platform', await loadMigrations('platform', root), {
    bindSearchPath: false,
    afterApply: (tx) => grantPlatformRights(tx),
  });
}

export async function migrateTenant(
  sql: postgres.Sql,
  slug: string,
  migrations?: Migration[],
): Promise<SchemaMigrationResult> {
  const list = migrations ?? (await loadMigrations('tenant'));
  return migrateSchema(sql, tenantSchemaName(slug), list, {
    bindSearchPath: true,
    afterApply: async (tx, version, applied) => {
      await tx`update platform.tenants set schema_version = ${version}, updated_at = now() where slug = ${slug}`;
      // Table rights are granted again whenever a migration ran, so tables it added are covered. An up-to-date
      // schema skips them: GRANT … ON ALL TABLES IN SCHEMA scans all of pg_class, which at 1,000 tenants made
      // checking every tenant take ~100 ms each (2 min in all) instead of a few ms (tests/bench, provisioning).
      await grantTenantRights(tx, slug, { tables: applied.length > 0 });
    },
  });
}

export interface TenantProgress {
  index: number;
  total: number;
  slug: string;
  result?: SchemaMigrationResult;
  error?: Error;
  ms: number;
}

/** Migrates every tenant with bounded parallelism; one tenant's failure does not stop the others. */
export async function migrateAllTenants(
  sql: postgres.Sql,
  options: { concurrency?: number; migrations?: Migration[]; onProgress?: (p: TenantProgress) => void } = {},
): Promise<TenantProgress[]> {
  const migrations = options.migrations ?? (await loadMigrations('tenant'));
  const slugs = (await sql<{ slug: string }[]>`select slug from platform.tenants order by slug`).map((r) => r.slug);
  const results: TenantProgress[] = [];
  let finished = 0;
  await mapWithConcurrency(slugs, options.concurrency ?? 4, async (slug) => {
    const started = performance.now();
    let progress: TenantProgress;
    try {
      const result = await migrateTenant(sql, slug, migrations);
      progress = { index: ++finished, total: slugs.length, slug, result, ms: performance.now() - started };
    } catch (error) {
      progress = {
        index: ++finished,
        total: slugs.length,
        slug,
        error: error as Error,
        ms: performance.now() - started,
      };
    }
    results.push(progress);
    options.onProgress?.(progress);
  });
  return results;
}

export async function mapWithConcurrency<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  });
  await Promise.all(workers);
}
