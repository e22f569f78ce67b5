import { withTenant } from '@/db/with-tenant';
import { listFrameworks } from '@/modules/frameworks/queries';
import { listTenants } from '@/tenants/registry';
import { sendAlertDigests } from '@/modules/catalogue/alerts';
import { tenantBaseUrl } from '@/tenants/urls';
import { syncTimeDrivenOcds } from '@/modules/ocds/domain-events';
import { publishLiveServices } from './assessment';

/**
 * Work that follows the calendar rather than a person: publishing a framework's services once it is live,
 * and saved-search digests.
 * Each tenant in its own transaction; one tenant's failure is logged and does not stop the others.
 */
export async function runScheduledWork(now = new Date()): Promise<{ published: number; digests: number; failures: number }> {
  let published = 0;
  let digests = 0;
  let failures = 0;
  for (const tenant of await listTenants()) {
    if (tenant.status === 'archived') continue;
    try {
      published += await withTenant(tenant, async (tx) => {
        let count = 0;
        for (const framework of await listFrameworks(tx, tenant.config.timezone, now)) {
          if (framework.status === 'live') count += await publishLiveServices(tx, framework, null);
        }
        // Statuses follow the clock (framework dates, opportunity closing): a change is a tender update in OCDS.
        await syncTimeDrivenOcds(tx);
        return count;
      });
      digests += await sendAlertDigests(tenant, tenantBaseUrl(tenant), now);
    } catch (error) {
      failures++;
      console.error(`scheduled work failed for tenant ${tenant.slug}`, error);
    }
  }
  return { published, digests, failures };
}
