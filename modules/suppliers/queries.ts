import { desc, inArray, sql } from 'drizzle-orm';
import { suppliers } from '@/db/schema/tenant';
import type { TenantTx } from '@/db/with-tenant';

export const SME_SIZES = ['micro', 'small', 'medium'] as const;

export async function countSuppliers(tx: TenantTx): Promise<{ total: number; sme: number }> {
  const [row] = await tx
    .select({
      total: sql<number>`count(*)::int`,
      sme: sql<number>`(count(*) filter (where ${inArray(suppliers.organisationSize, [...SME_SIZES])}))::int`,
    })
    .from(suppliers);
  return { total: row?.total ?? 0, sme: row?.sme ?? 0 };
}

export async function listLatestSuppliers(tx: TenantTx, limit: number) {
  return tx.select().from(suppliers).orderBy(desc(suppliers.createdAt), suppliers.legalName).limit(limit);
}
