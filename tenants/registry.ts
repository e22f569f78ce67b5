import { eq } from 'drizzle-orm';
import { getDb, type Database } from '@/db/client';
import { tenantDomains, tenants } from '@/db/schema/platform';
import type { TTenantConfig } from './config-schema';

export interface Tenant {
  id: string;
  slug: string;
  status: string;
  config: TTenantConfig;
  configVersion: number;
}

const TTL_MS = Number(process.env.TENANT_CACHE_TTL_MS ?? 5000);
const cache = new Map<string, { at: number; value: Tenant | null }>();

const MAX_ENTRIES = 5000;

/**
 * Cache keys are prefixed by lookup kind; entries hold whole tenants, so nothing crosses tenants. Misses are
 * not cached (random Host headers must not fill memory) and the cache is bounded.
 */
async function cached(key: string, load: () => Promise<Tenant | null>): Promise<Tenant | null> {
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = await load();
  if (value) {
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(key, { at: Date.now(), value });
  }
  return value;
}

export function forgetCachedTenants(): void {
  cache.clear();
}

function toTenant(row: typeof tenants.$inferSelect): Tenant {
  return {
    id: row.id,
    slug: row.slug,
    status: row.status,
    config: row.config as unknown as TTenantConfig,
    configVersion: row.configVersion,
  };
}

/** Archived tenants and ones still being provisioned (their schema may not exist yet) are not served. */
function isServed(status: string): boolean {
  return status !== 'archived' && status !== 'provisioning';
}

export async function findTenantBySlug(slug: string, db: Database = getDb()): Promise<Tenant | null> {
  return cached(`slug:${slug}`, async () => {
    const [row] = await db.select().from(tenants).where(eq(tenants.slug, slug)).limit(1);
    return row && isServed(row.status) ? toTenant(row) : null;
  });
}

export async function findTenantByDomain(domain: string, db: Database = getDb()): Promise<Tenant | null> {
  return cached(`domain:${domain}`, async () => {
    const [row] = await db
      .select({ tenant: tenants })
      .from(tenantDomains)
      .innerJoin(tenants, eq(tenants.id, tenantDomains.tenantId))
      .where(eq(tenantDomains.domain, domain))
      .limit(1);
    return row && isServed(row.tenant.status) ? toTenant(row.tenant) : null;
  });
}

export async function listTenants(db: Database = getDb()): Promise<Tenant[]> {
  const rows = await db.select().from(tenants).orderBy(tenants.slug);
  return rows.map(toTenant);
}

export function tenantName(tenant: Tenant, locale: string): string {
  const names = tenant.config.name as Record<string, string | undefined>;
  return names[locale] ?? names[tenant.config.defaultLocale] ?? tenant.slug;
}

export function localeFormat(tenant: Tenant, locale: string): string {
  return tenant.config.locales.find((l) => l.code === locale)?.format ?? locale;
}
