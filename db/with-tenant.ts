import { sql } from 'drizzle-orm';
import { getDb, type Database } from './client';
import { quoteIdent, tenantSchemaName } from './tenant-schema';

export type TenantTx = Parameters<Parameters<Database['transaction']>[0]>[0];

/**
 * Runs fn in a transaction bound to the tenant's schema. set_config(..., true) is transaction-local,
 * so the binding ends with the transaction and never leaks to the next user of the pooled connection.
 */
export async function withTenant<T>(
  tenant: { slug: string },
  fn: (tx: TenantTx) => Promise<T>,
  db: Database = getDb(),
): Promise<T> {
  const schema = tenantSchemaName(tenant.slug);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('search_path', ${quoteIdent(schema)}, true)`);
    return fn(tx);
  });
}
