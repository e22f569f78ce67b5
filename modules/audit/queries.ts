import { desc } from 'drizzle-orm';
import { auditEvents } from '@/db/schema/tenant';
import type { TenantTx } from '@/db/with-tenant';

export async function listRecentAuditEvents(tx: TenantTx, limit = 50) {
  return tx.select().from(auditEvents).orderBy(desc(auditEvents.occurredAt)).limit(limit);
}
