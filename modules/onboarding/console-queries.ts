import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { tenants } from '@/db/schema/platform';
import { tenantBilling } from '@/db/schema/platform-onboarding';
import { frameworks, services, suppliers } from '@/db/schema/tenant';
import { mapWithConcurrency } from '@/db/migrator';
import { withTenant } from '@/db/with-tenant';
import type { TTenantConfig } from '@/tenants/config-schema';

export const TENANT_STATUSES = ['provisioning', 'trial', 'active', 'suspended', 'archived'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

export interface ConsoleTenant {
  id: string;
  slug: string;
  status: string;
  plan: string;
  config: TTenantConfig;
  createdAt: Date;
  counts: { suppliers: number; services: number; frameworks: number } | null;
}

export interface ConsoleFilter {
  q?: string;
  status?: string;
  plan?: string;
}

/**
 * Every tenant with its plan and, from its own schema, how many suppliers, published services and frameworks
 * it has. One small transaction per tenant (never a cross-schema join), a few at a time.
 */
export async function listConsoleTenants(db: Database, filter: ConsoleFilter = {}): Promise<ConsoleTenant[]> {
  const rows = await db
    .select({ tenant: tenants, plan: tenantBilling.plan })
    .from(tenants)
    .leftJoin(tenantBilling, eq(tenantBilling.tenantId, tenants.id))
    .orderBy(asc(tenants.slug));
  const q = filter.q?.trim().toLowerCase() ?? '';
  const matching = rows.filter(({ tenant, plan }) => {
    if (filter.status && tenant.status !== filter.status) return false;
    if (filter.plan && (plan ?? '') !== filter.plan) return false;
    if (!q) return true;
    const names = Object.values((tenant.config as { name?: Record<string, string> }).name ?? {});
    return tenant.slug.includes(q) || names.some((n) => n.toLowerCase().includes(q));
  });
  const result: ConsoleTenant[] = matching.map(({ tenant, plan }) => ({
    id: tenant.id,
    slug: tenant.slug,
    status: tenant.status,
    plan: plan ?? '',
    config: tenant.config as unknown as TTenantConfig,
    createdAt: tenant.createdAt,
    counts: null,
  }));
  await mapWithConcurrency(result, 4, async (entry) => {
    if (entry.status === 'provisioning') return;
    entry.counts = await tenantCounts(db, entry.slug).catch(() => null);
  });
  return result;
}

export async function tenantCounts(db: Database, slug: string) {
  return withTenant(
    { slug },
    async (tx) => {
      const [row] = await tx
        .select({
          suppliers: sql<number>`(select count(*)::int from ${suppliers})`,
          services: sql<number>`(select count(*)::int from ${services} where ${services.status} = 'published')`,
          frameworks: sql<number>`(select count(*)::int from ${frameworks})`,
        })
        .from(sql`(select 1) as one`);
      return { suppliers: row!.suppliers, services: row!.services, frameworks: row!.frameworks };
    },
    db,
  );
}
