/**
 * Notification job queue (one table per tenant: notification_jobs). Use it for every email that reports a
 * change: opportunity alerts, deadline reminders, "question answered", outcome letters, contracts to sign.
 *
 *   await enqueueNotification(tx, {
 *     kind: 'contract_ready_to_sign',          // text from locales: notifications.kinds.<kind>.subject / .body
 *     to: 'person@example.gov',
 *     locale: 'cy',                            // the language of the message
 *     params: { title: 'Hosting', url: 'https://…' }, // interpolated into the strings (and sent to Notify)
 *     dedupeKey: `contract:${id}:v2:ready:${userId}`, // same key twice → one job (safe to call again)
 *   });
 *
 * Call it inside the withTenant() transaction of the change it reports: the job then exists exactly when the
 * change commits. The scheduler (modules/applications/scheduler.ts) runs deliverNotifications() for every
 * tenant once a minute; call kickNotifications(tenant) after the transaction commits to send at once.
 * Guarantees:
 * - Survives a restart: a job is a row; a worker holds it with locked_until, and a crashed worker's lock just
 *   expires, so the job is picked up again.
 * - No lost email: failures are retried with backoff (up to MAX_ATTEMPTS, then failed_at is set and kept).
 * - No double email: the job id is the idempotency key given to the provider. Dev outbox: the outbox row is
 *   written in the same transaction that marks the job sent (exactly once). GOV.UK Notify: the job id is the
 *   message `reference`; before any retry we ask Notify for a message with that reference and, if it exists,
 *   only mark the job sent. SMTP cannot be asked, so a retry after a crash in the instant between the server's
 *   acceptance and our commit resends with the same Message-ID (<job id@host>), which mail systems collapse.
 *
 * The provider is per tenant (tenant_settings key `notification_provider`, see provider.ts): SMTP by default
 * (SMTP_URL, or the dev outbox when unset), or GOV.UK Notify with the tenant's API key and template ids.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { createTransport } from 'nodemailer';
import { outbox } from '@/db/schema/platform';
import { notificationJobs } from '@/db/schema/tenant-notifications';
import { withTenant, type TenantTx } from '@/db/with-tenant';
import { SHIPPED_LOCALES } from '@/modules/i18n/locales';
import { getTranslator } from '@/modules/i18n/server';
import type { Tenant } from '@/tenants/registry';
import { findNotifyMessageByReference, sendNotifyEmail } from './notify-client';
import { loadNotificationProvider, type NotificationProvider } from './provider';

export type NotificationJob = typeof notificationJobs.$inferSelect;

export interface NewNotification {
  kind: string;
  to: string;
  locale: string;
  params?: Record<string, string>;
  dedupeKey: string;
}

export const MAX_ATTEMPTS = 8;
const LOCK_MS = 2 * 60_000;

/** Queues one email in the caller's transaction; false when a job with this dedupe key already exists. */
export async function enqueueNotification(tx: TenantTx, input: NewNotification): Promise<boolean> {
  const locale = (SHIPPED_LOCALES as readonly string[]).includes(input.locale) ? input.locale : 'en';
  const rows = await tx
    .insert(notificationJobs)
    .values({ kind: input.kind, recipient: input.to, locale, params: input.params ?? {}, dedupeKey: input.dedupeKey.slice(0, 500) })
    .onConflictDoNothing({ target: notificationJobs.dedupeKey })
    .returning({ id: notificationJobs.id });
  return rows.length > 0;
}

/** Takes due jobs and holds them for LOCK_MS; SKIP LOCKED lets two workers share the queue without waiting. */
async function claimJobs(tx: TenantTx, now: Date, limit: number): Promise<NotificationJob[]> {
  const until = new Date(now.getTime() + LOCK_MS);
  const rows = await tx.execute<{ id: string }>(sql`
    update notification_jobs set locked_until = ${until.toISOString()}::timestamptz, attempts = attempts + 1
    where id in (
      select id from notification_jobs
      where sent_at is null and failed_at is null and next_attempt_at <= ${now.toISOString()}::timestamptz
        and (locked_until is null or locked_until <= ${now.toISOString()}::timestamptz)
      order by created_at limit ${limit} for update skip locked)
    returning id`);
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const jobs = await tx.select().from(notificationJobs).where(sql`${notificationJobs.id} in ${ids}`);
  return jobs.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

export function renderNotification(tenant: Pick<Tenant, 'slug' | 'configVersion' | 'config'>, job: Pick<NotificationJob, 'kind' | 'locale' | 'params'>) {
  const t = getTranslator(job.locale, { slug: tenant.slug, configVersion: tenant.configVersion, terminology: tenant.config.terminology });
  const params: Record<string, string> = { ...job.params, marketplace: tenant.config.name[job.locale as keyof typeof tenant.config.name] ?? Object.values(tenant.config.name)[0] ?? '' };
  const subject = t(`notifications.kinds.${job.kind}.subject`, params);
  const body = t(`notifications.kinds.${job.kind}.body`, params);
  const text = params.url ? `${body}\n\n${params.url}` : body;
  const html = `<p>${escapeHtml(body)}</p>${params.url ? `<p><a href="${escapeHtml(params.url)}">${escapeHtml(params.url)}</a></p>` : ''}`;
  return { subject, body, text, html };
}

export interface DeliveryOptions {
  now?: Date;
  limit?: number;
  /** Tests only: called after the provider accepted a message and before the job is marked; throwing here is a crash. */
  afterProviderAccepted?: (job: NotificationJob) => void | Promise<void>;
}

export class SimulatedCrash extends Error {}

const inFlight = new Set<string>();

/**
 * Delivers a tenant's due jobs now, in the background, after an action queued some (so "ready to sign" does not
 * wait for the next scheduler tick). One run per tenant at a time in this process; the scheduler still runs too,
 * and SKIP LOCKED keeps the two from taking the same job.
 */
export function kickNotifications(tenant: Tenant): void {
  if (inFlight.has(tenant.id) || process.env.DISABLE_SCHEDULER === '1') return;
  inFlight.add(tenant.id);
  deliverNotifications(tenant)
    .catch((error: unknown) => console.error(`notification delivery failed for tenant ${tenant.slug}`, error))
    .finally(() => inFlight.delete(tenant.id));
}

/** Sends this tenant's due jobs; returns how many were sent now. */
export async function deliverNotifications(tenant: Tenant, options: DeliveryOptions = {}): Promise<number> {
  const now = options.now ?? new Date();
  const { jobs, provider } = await withTenant(tenant, async (tx) => ({ jobs: await claimJobs(tx, now, options.limit ?? 50), provider: await loadNotificationProvider(tx) }));
  let sent = 0;
  for (const job of jobs) {
    try {
      if (await deliverOne(tenant, provider, job, options)) sent++;
    } catch (error) {
      if (error instanceof SimulatedCrash) throw error;
      const message = error instanceof Error ? error.message : String(error);
      await withTenant(tenant, (tx) =>
        tx
          .update(notificationJobs)
          .set({
            lockedUntil: null,
            lastError: message.slice(0, 1000),
            // 1, 2, 4 … minutes between attempts; after MAX_ATTEMPTS the job is kept as failed.
            nextAttemptAt: new Date(now.getTime() + 60_000 * 2 ** (job.attempts - 1)),
            failedAt: job.attempts >= MAX_ATTEMPTS ? now : null,
          })
          .where(eq(notificationJobs.id, job.id)),
      );
      console.error(`notification ${job.id} (${tenant.slug}) failed: ${message}`);
    }
  }
  return sent;
}

async function markSent(tx: TenantTx, job: NotificationJob, provider: string, providerRef: string | null, now: Date): Promise<boolean> {
  const rows = await tx
    .update(notificationJobs)
    .set({ sentAt: now, lockedUntil: null, provider, providerRef, lastError: null })
    .where(and(eq(notificationJobs.id, job.id), isNull(notificationJobs.sentAt)))
    .returning({ id: notificationJobs.id });
  return rows.length > 0;
}

async function deliverOne(tenant: Tenant, provider: NotificationProvider, job: NotificationJob, options: DeliveryOptions): Promise<boolean> {
  const now = options.now ?? new Date();
  const message = renderNotification(tenant, job);
  if (provider.kind === 'outbox') {
    // One transaction: the outbox row and the "sent" mark commit together or not at all.
    return withTenant(tenant, async (tx) => {
      const [fresh] = await tx.select({ sentAt: notificationJobs.sentAt }).from(notificationJobs).where(eq(notificationJobs.id, job.id)).for('update');
      if (!fresh || fresh.sentAt) return false;
      await tx.insert(outbox).values({ tenantId: tenant.id, to: job.recipient, subject: message.subject, text: message.text, html: message.html, delivered: false });
      await options.afterProviderAccepted?.(job);
      return markSent(tx, job, 'outbox', null, now);
    });
  }
  if (provider.kind === 'notify') {
    // A retry may follow a send that succeeded just before a crash: ask Notify before sending again.
    if (job.attempts > 1) {
      const existing = await findNotifyMessageByReference(provider, job.id);
      if (existing) return withTenant(tenant, (tx) => markSent(tx, job, 'notify', existing.id, now));
    }
    const templateId = provider.templates[job.kind] ?? provider.templates.default;
    if (!templateId) throw new Error(`no Notify template for ${job.kind}`);
    const accepted = await sendNotifyEmail(provider, {
      email_address: job.recipient,
      template_id: templateId,
      personalisation: { ...job.params, subject: message.subject, body: message.text },
      reference: job.id,
    });
    await options.afterProviderAccepted?.(job);
    return withTenant(tenant, (tx) => markSent(tx, job, 'notify', accepted.id, now));
  }
  const transport = createTransport(provider.url);
  const info = await transport.sendMail({
    from: provider.from,
    to: job.recipient,
    subject: message.subject,
    text: message.text,
    html: message.html,
    // Stable across retries, so a resend after a crash is recognised as the same message.
    messageId: `<${job.id}@${tenant.slug}.notifications>`,
  });
  await options.afterProviderAccepted?.(job);
  return withTenant(tenant, (tx) => markSent(tx, job, 'smtp', String(info.messageId ?? ''), now));
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
