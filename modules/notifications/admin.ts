import { eq, sql } from 'drizzle-orm';
import { tenantSettings } from '@/db/schema/tenant';
import { notificationJobs } from '@/db/schema/tenant-notifications';
import type { TenantTx } from '@/db/with-tenant';
import { NOTIFICATION_PROVIDER_KEY, ZNotificationSettings, type TNotificationSettings } from './provider';

/** What the administrator sees: the provider, whether a key is set (never the key), and the queue's state. */
export async function notificationOverview(tx: TenantTx) {
  const [row] = await tx.select().from(tenantSettings).where(eq(tenantSettings.key, NOTIFICATION_PROVIDER_KEY)).limit(1);
  const parsed = row ? ZNotificationSettings.safeParse(JSON.parse(row.value)) : null;
  const settings: TNotificationSettings = parsed?.success ? parsed.data : { provider: 'smtp' };
  const [counts] = await tx
    .select({
      waiting: sql<number>`count(*) filter (where ${notificationJobs.sentAt} is null and ${notificationJobs.failedAt} is null)::int`,
      sent: sql<number>`count(*) filter (where ${notificationJobs.sentAt} is not null)::int`,
      failed: sql<number>`count(*) filter (where ${notificationJobs.failedAt} is not null)::int`,
    })
    .from(notificationJobs);
  return {
    provider: settings.provider,
    keyHint: settings.provider === 'notify' ? `…${settings.apiKey.slice(-4)}` : null,
    templates: settings.provider === 'notify' ? settings.templates : {},
    counts: counts ?? { waiting: 0, sent: 0, failed: 0 },
    apiKey: settings.provider === 'notify' ? settings.apiKey : null,
    baseUrl: settings.provider === 'notify' ? settings.baseUrl : undefined,
  };
}

/** "kind: template id" per line → record; null when a line is not of that form. */
export function parseTemplateLines(text: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const match = /^\s*([a-z_]{1,64})\s*[:=]\s*([0-9a-fA-F-]{36})\s*$/.exec(line);
    if (!match) return null;
    out[match[1]!] = match[2]!.toLowerCase();
  }
  return out;
}
