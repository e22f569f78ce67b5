import { and, eq } from 'drizzle-orm';
import { services, suppliers } from '@/db/schema/tenant';
import type { TenantTx } from '@/db/with-tenant';

/** Published services of a framework, with their supplier, for public pages. */
export async function listPublishedServices(tx: TenantTx, frameworkId: string) {
  return tx
    .select({ service: services, supplier: suppliers })
    .from(services)
    .innerJoin(suppliers, eq(suppliers.id, services.supplierId))
    .where(and(eq(services.frameworkId, frameworkId), eq(services.status, 'published')))
    .orderBy(suppliers.legalName);
}

/** One published service; drafts and hidden services are not public and answer like a missing id. */
export async function findPublishedService(tx: TenantTx, serviceId: string) {
  const [row] = await tx
    .select({ service: services, supplier: suppliers })
    .from(services)
    .innerJoin(suppliers, eq(suppliers.id, services.supplierId))
    .where(and(eq(services.id, serviceId), eq(services.status, 'published')))
    .limit(1);
  return row ?? null;
}
