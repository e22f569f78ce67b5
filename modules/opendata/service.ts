import { withTenant } from '@/db/with-tenant';
import { listFrameworks } from '@/modules/frameworks/queries';
import type { Tenant } from '@/tenants/registry';
import { cachedForTenant } from './cache';
import type { OpenDataFilters } from './filters';
import { openDataFigures, type OpenDataFigures } from './queries';
import type { Framework } from '@/modules/frameworks/queries';

export interface TenantOpenData {
  figures: OpenDataFigures;
  frameworks: Framework[];
}

/** The dashboard's figures for one tenant and filter set, cached per tenant (modules/opendata/cache.ts). */
export async function loadOpenData(tenant: Pick<Tenant, 'slug' | 'config'>, filters: OpenDataFilters): Promise<TenantOpenData> {
  return withTenant(tenant, async (tx) => {
    const frameworks = await listFrameworks(tx, tenant.config.timezone);
    const figures = await cachedForTenant(tx, tenant.slug, ['figures', filters, tenant.config.currency], () =>
      openDataFigures(tx, filters, tenant.config.currency),
    );
    return { figures, frameworks };
  });
}
