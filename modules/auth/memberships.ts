import { and, eq, isNull, or } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { memberships } from '@/db/schema/platform';
import type { Role } from '@/tenants/config-schema';

/** Roles a person holds in one tenant, plus platform-wide ones (tenant_id null). Read fresh on every request. */
export async function rolesInTenant(db: Database, userId: string, tenantId: string | null): Promise<Role[]> {
  const rows = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(
      and(
        eq(memberships.userId, userId),
        tenantId ? or(eq(memberships.tenantId, tenantId), isNull(memberships.tenantId)) : isNull(memberships.tenantId),
      ),
    );
  return [...new Set(rows.map((r) => r.role as Role))].sort();
}

export function hasAnyRole(held: readonly Role[], allowed: readonly Role[]): boolean {
  return held.some((r) => allowed.includes(r));
}
