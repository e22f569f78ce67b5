import type { Database } from '@/db/client';
import { platformAuditEvents } from '@/db/schema/platform';
import { auditEvents } from '@/db/schema/tenant';
import type { TenantTx } from '@/db/with-tenant';

export interface AuditEntry {
  type: string;
  actorUserId?: string | null;
  objectType?: string;
  objectId?: string;
  data?: Record<string, unknown>;
}

/** Every state-changing action in a tenant writes one of these inside the same transaction as its change. */
export async function recordAuditEvent(tx: TenantTx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditEvents).values({
    type: entry.type,
    actorUserId: entry.actorUserId ?? null,
    objectType: entry.objectType,
    objectId: entry.objectId,
    data: entry.data ?? {},
  });
}

/** Platform-level events (tenant lifecycle, sign-ins, operator actions). */
export async function recordPlatformAuditEvent(
  db: Database | TenantTx,
  entry: AuditEntry & { tenantId?: string | null },
): Promise<void> {
  await db.insert(platformAuditEvents).values({
    tenantId: entry.tenantId ?? null,
    type: entry.type,
    actorUserId: entry.actorUserId ?? null,
    objectType: entry.objectType,
    objectId: entry.objectId,
    data: entry.data ?? {},
  });
}
