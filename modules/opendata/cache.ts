import { sql } from 'drizzle-orm';
import type { TenantTx } from '@/db/with-tenant';

/*
 * Public figures are cached per tenant. Every key starts with the tenant slug and the tenant's data stamp (how many
 * contracts, opportunities and responses there are and when they last changed), so an award, a published
 * opportunity or a submitted response refreshes the figures on the next request, without the writer having to know
 * about this cache. Slower-moving inputs (supplier sizes and regions, framework results) are bounded by the TTL.
 */

const TTL_MS = Number(process.env.OPENDATA_CACHE_TTL_MS ?? 60_000);
const MAX_ENTRIES = 2000;

const entries = new Map<string, { at: number; value: unknown }>();

/** Changes whenever a contract, opportunity or response is created or updated in this tenant. */
export async function dataStamp(tx: TenantTx): Promise<string> {
  const [row] = await tx.execute<{ stamp: string }>(sql`
    select concat_ws(':',
      (select count(*) || '/' || coalesce(max(updated_at)::text, '') from contracts),
      (select count(*) || '/' || coalesce(max(updated_at)::text, '') from opportunities),
      (select count(*) || '/' || coalesce(max(updated_at)::text, '') from opportunity_responses)) as stamp`);
  return row?.stamp ?? '';
}

export function cacheKey(tenantSlug: string, stamp: string, parts: unknown[]): string {
  return `${tenantSlug}\u0000${stamp}\u0000${JSON.stringify(parts)}`;
}

/** Returns the cached value for (tenant, stamp, parts) or computes and stores it. */
export async function cachedForTenant<T>(tx: TenantTx, tenantSlug: string, parts: unknown[], load: () => Promise<T>): Promise<T> {
  if (TTL_MS <= 0) return load();
  const key = cacheKey(tenantSlug, await dataStamp(tx), parts);
  const hit = entries.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value as T;
  const value = await load();
  // Bounded: filter combinations come from URLs anyone can write.
  if (entries.size >= MAX_ENTRIES) entries.clear();
  entries.set(key, { at: Date.now(), value });
  return value;
}

export function forgetOpenDataCache(): void {
  entries.clear();
}
