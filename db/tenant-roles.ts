import type postgres from 'postgres';
import { quoteIdent, tenantSchemaName } from './tenant-schema';

/*
 * Database-level tenant isolation. Every tenant schema has its own NOLOGIN role with rights on that schema only
 * (plus the shared platform tables, through mp_tenant_base). withTenant() switches the transaction to that role
 * (set_config('role', …, true), transaction-local like the search_path), so even a schema-qualified query for
 * another tenant's table inside a tenant transaction is refused by PostgreSQL: "permission denied for schema".
 *
 * The application's login role (DATABASE_APP_ROLE, e.g. mp_app) should be NOSUPERUSER and NOINHERIT: it is a
 * member of every tenant role (so it may switch to one) without holding their rights outside a tenant transaction.
 * The embedded database has one superuser; there the role switch still narrows every tenant transaction.
 */

export const TENANT_BASE_ROLE = 'mp_tenant_base';

export function tenantRoleName(slug: string): string {
  return `mp_${tenantSchemaName(slug)}`;
}

type Sql = postgres.Sql | postgres.TransactionSql;

async function createRoleIfMissing(tx: Sql, role: string): Promise<void> {
  // CREATE ROLE has no IF NOT EXISTS; a concurrent creator is fine too.
  await tx.unsafe(
    `DO $$ BEGIN CREATE ROLE ${quoteIdent(role)} NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`,
  );
}

function appRole(): string | null {
  const role = process.env.DATABASE_APP_ROLE;
  return role && /^[a-z_][a-z0-9_]{0,62}$/.test(role) ? role : null;
}

/** After platform migrations: the shared rights every tenant role inherits (platform tables, trigram functions). */
export async function grantPlatformRights(tx: Sql): Promise<void> {
  await createRoleIfMissing(tx, TENANT_BASE_ROLE);
  const grantees = [TENANT_BASE_ROLE, appRole()].filter(Boolean).map((r) => quoteIdent(r!)).join(', ');
  await tx.unsafe(`GRANT USAGE ON SCHEMA platform TO ${grantees}`);
  await tx.unsafe(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA platform TO ${grantees}`);
  await tx.unsafe(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA platform TO ${grantees}`);
  await tx.unsafe(`GRANT USAGE ON SCHEMA public TO ${grantees}`);
}

/**
 * After a tenant's migrations: its role, with rights on its own schema only. `tables: false` (nothing was
 * migrated) skips the rights on every table and sequence, which are already in place; a role that does not exist
 * yet gets them anyway.
 */
export async function grantTenantRights(tx: Sql, slug: string, options: { tables?: boolean } = {}): Promise<void> {
  const role = quoteIdent(tenantRoleName(slug));
  const schema = quoteIdent(tenantSchemaName(slug));
  const [existing] = await tx<{ n: number }[]>`select count(*)::int as n from pg_roles where rolname = ${tenantRoleName(slug)}`;
  const tables = (options.tables ?? true) || existing?.n === 0;
  await createRoleIfMissing(tx, tenantRoleName(slug));
  await tx.unsafe(`GRANT ${quoteIdent(TENANT_BASE_ROLE)} TO ${role}`);
  await tx.unsafe(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
  if (tables) {
    await tx.unsafe(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${role}`);
    await tx.unsafe(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role}`);
  }
  const app = appRole();
  if (app) await tx.unsafe(`GRANT ${role} TO ${quoteIdent(app)}`);
}
