import { sql } from 'drizzle-orm';
import { getDb, type Database } from './client';
import { tenantRoleName } from './tenant-roles';
import { quoteIdent, tenantSchemaName } from './tenant-schema';

export type TenantTx = Parameters<Parameters<Database['transaction']>[0]>[0];

/**
 * Runs fn in a transaction bound to the tenant's schema and role. set_config(..., true) is transaction-local,
 * so the binding ends with the transaction and never leaks to the next user of the pooled connection.
 * The role (db/tenant-roles.ts) has rights on this tenant's schema only: a query naming another tenant's
 * schema is refused by PostgreSQL, not just unlikely.
 */
export async function withTenant<T>(
  tenant: { slug: string },
  fn: (tx: TenantTx) => Promise<T>,
  db: Database = getDb(),
): Promise<T> {
  const schema = tenantSchemaName(tenant.slug);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('search_path', ${quoteIdent(schema)}, true), set_config('role', ${tenantRoleName(tenant.slug)}, true)`);
    return fn(tx);
  });
}
