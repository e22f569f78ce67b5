import { getDb } from '@/db/client';
import { withTenant } from '@/db/with-tenant';
import { suspendOverdueTenants } from '@/modules/billing/service';
import { listFrameworks } from '@/modules/frameworks/queries';
import { listTenants } from '@/tenants/registry';
import { sendAlertDigests } from '@/modules/catalogue/alerts';
import { tenantBaseUrl } from '@/tenants/urls';
import { emitOcdsEvent } from '@/modules/ocds/domain-events';
import { deliverNotifications } from '@/modules/notifications/queue';
import { remindDeadlines } from '@/modules/opportunities/notify';
import { notifyContextFor } from '@/modules/notifications/links';
import { publishLiveServices } from './assessment';

/**
 * Work that follows the calendar rather than a person: publishing a framework's services once it is live,
 * saved-search digests, and the notification job queue (modules/notifications/queue.ts).
 * Each tenant in its own transaction; one tenant's failure is logged and does not stop the others.
 */
export async function runScheduledWork(now = new Date()): Promise<{ published: number; digests: number; notifications: number; failures: number }> {
  let published = 0;
  let digests = 0;
  let notifications = 0;
  let failures = 0;
  for (const tenant of await listTenants()) {
    if (tenant.status === 'archived' || tenant.status === 'provisioning') continue;
    try {
      published += await withTenant(tenant, async (tx) => {
        let count = 0;
        for (const framework of await listFrameworks(tx, tenant.config.timezone, now)) {
          if (framework.status === 'live') count += await publishLiveServices(tx, framework, null);
          // Status follows the dates: a changed status is a tender update (an unchanged one publishes nothing).
          await emitOcdsEvent(tx, { type: 'framework', frameworkId: framework.id });
        }
        return count;
      });
      digests += await sendAlertDigests(tenant, tenantBaseUrl(tenant), now);
      // Deadline reminders are queued before delivery so they go out in the same run.
      await withTenant(tenant, (tx) => remindDeadlines(tx, now, notifyContextFor({ tenant })));
    } catch (error) {
      failures++;
      console.error(`scheduled work failed for tenant ${tenant.slug}`, error);
    }
    // Separately: a failing digest must not hold back contract emails, and the reverse.
    try {
      notifications += await deliverNotifications(tenant, { now });
    } catch (error) {
      failures++;
      console.error(`notification delivery failed for tenant ${tenant.slug}`, error);
    }
  }
  try {
    // Billing: unpaid beyond the grace period → suspended (modules/billing).
    await suspendOverdueTenants(getDb(), now);
  } catch (error) {
    failures++;
    console.error('billing grace period check failed', error);
  }
  return { published, digests, notifications, failures };
}
