import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { tenantSettings } from '@/db/schema/tenant';
import type { TenantTx } from '@/db/with-tenant';

/*
 * Which service delivers a tenant's email. Stored in tenant_settings (database, not config-as-code), because
 * the Notify API key is a secret that must never be exported with the tenant folder.
 *   { "provider": "smtp" }  (default: SMTP_URL, or the dev outbox when SMTP_URL is unset)
 *   { "provider": "notify", "apiKey": "name-<service uuid>-<secret uuid>",
 *     "templates": { "default": "<template uuid>", "contract_ready_to_sign": "<template uuid>" } }
 * A Notify template receives ((subject)) and ((body)) rendered by us, plus the job's params.
 */
export const NOTIFICATION_PROVIDER_KEY = 'notification_provider';
export const NOTIFY_BASE_URL = 'https://api.notifications.service.gov.uk';

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);

export const ZNotificationSettings = z.discriminatedUnion('provider', [
  z.object({ provider: z.literal('smtp') }),
  z.object({
    provider: z.literal('notify'),
    apiKey: z.string().regex(/^[A-Za-z0-9_ -]{0,200}-[0-9a-f-]{36}-[0-9a-f-]{36}$/i, { message: 'notifications.apiKeyInvalid' }),
    templates: z.record(z.string().regex(/^[a-z_]{1,64}$/), uuid).refine((t) => Object.keys(t).length > 0),
    /** Only for tests and self-hosted Notify-compatible services; https, or http on the loopback address. */
    baseUrl: z
      .string()
      .regex(/^(https:\/\/[^\s/]+|http:\/\/127\.0\.0\.1:\d{2,5})$/)
      .optional(),
  }),
]);
export type TNotificationSettings = z.infer<typeof ZNotificationSettings>;

export type NotificationProvider =
  | { kind: 'outbox' }
  | { kind: 'smtp'; url: string; from: string }
  | { kind: 'notify'; apiKey: string; templates: Record<string, string>; baseUrl: string };

export async function loadNotificationProvider(tx: TenantTx): Promise<NotificationProvider> {
  const [row] = await tx.select().from(tenantSettings).where(eq(tenantSettings.key, NOTIFICATION_PROVIDER_KEY)).limit(1);
  const parsed = row ? ZNotificationSettings.safeParse(JSON.parse(row.value)) : null;
  if (parsed?.success && parsed.data.provider === 'notify') {
    return { kind: 'notify', apiKey: parsed.data.apiKey, templates: parsed.data.templates, baseUrl: parsed.data.baseUrl ?? NOTIFY_BASE_URL };
  }
  const url = process.env.SMTP_URL;
  return url ? { kind: 'smtp', url, from: process.env.MAIL_FROM ?? 'Digital Marketplace <no-reply@localhost>' } : { kind: 'outbox' };
}

export async function saveNotificationSettings(tx: TenantTx, settings: TNotificationSettings): Promise<void> {
  const value = JSON.stringify(ZNotificationSettings.parse(settings));
  await tx.insert(tenantSettings).values({ key: NOTIFICATION_PROVIDER_KEY, value }).onConflictDoUpdate({ target: tenantSettings.key, set: { value } });
}
