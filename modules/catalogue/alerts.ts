import { and, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { users } from '@/db/schema/platform';
import { searchAlerts } from '@/db/schema/tenant';
import { withTenant, type TenantTx } from '@/db/with-tenant';
import { recordAuditEvent } from '@/modules/audit/record';
import { serviceTitle } from '@/modules/frameworks/definition-schema';
import { listFrameworks } from '@/modules/frameworks/queries';
import { deriveSearchFilters } from '@/modules/frameworks/search-filters';
import { getTranslator } from '@/modules/i18n/server';
import { sendMail } from '@/modules/notifications/send-mail';
import { tenantName, type Tenant } from '@/tenants/registry';
import { parseCatalogueParams } from './query-params';
import { searchCatalogue, textSearchConfig } from './search';

/*
 * Saved searches with an email digest: new or updated services that match since the last digest.
 * Sent by the scheduler; each alert is checked in its tenant and moves its clock forward only when done.
 */

export const MAX_ALERTS_PER_PERSON = 20;

export async function createAlert(tx: TenantTx, userId: string, searchQuery: string): Promise<boolean> {
  const existing = await tx.select({ id: searchAlerts.id }).from(searchAlerts).where(eq(searchAlerts.userId, userId));
  if (existing.length >= MAX_ALERTS_PER_PERSON) return false;
  const [row] = await tx.insert(searchAlerts).values({ userId, searchQuery }).returning({ id: searchAlerts.id });
  await recordAuditEvent(tx, { type: 'search_alert.created', actorUserId: userId, objectType: 'search_alert', objectId: row!.id, data: { searchQuery } });
  return true;
}

export async function listAlerts(tx: TenantTx, userId: string) {
  return tx.select().from(searchAlerts).where(eq(searchAlerts.userId, userId)).orderBy(searchAlerts.createdAt);
}

export async function deleteAlert(tx: TenantTx, userId: string, alertId: string): Promise<boolean> {
  const deleted = await tx.delete(searchAlerts).where(and(eq(searchAlerts.id, alertId), eq(searchAlerts.userId, userId))).returning({ id: searchAlerts.id });
  return deleted.length > 0;
}

/** A digest at most this often per saved search (default daily). */
export function digestIntervalMs(): number {
  return Number(process.env.ALERT_DIGEST_HOURS ?? 24) * 3_600_000;
}

/** Sends the digests due in one tenant; returns how many emails went out. */
export async function sendAlertDigests(tenant: Tenant, baseUrl: string, now = new Date()): Promise<number> {
  const locale = tenant.config.defaultLocale;
  const t = getTranslator(locale, { slug: tenant.slug, configVersion: tenant.configVersion, terminology: tenant.config.terminology });
  const due = await withTenant(tenant, async (tx) => {
    const alerts = (await tx.select().from(searchAlerts)).filter((a) => now.getTime() - a.lastCheckedAt.getTime() >= digestIntervalMs());
    const frameworks = (await listFrameworks(tx, tenant.config.timezone, now)).filter((f) => f.status === 'live');
    const out: { userId: string; searchQuery: string; titles: string[] }[] = [];
    for (const alert of alerts) {
      const query = parseCatalogueParams(Object.fromEntries(new URLSearchParams(alert.searchQuery)));
      const framework = frameworks.find((f) => f.slug === query.framework) ?? (frameworks.length === 1 ? frameworks[0] : undefined);
      const result = await searchCatalogue(
        tx,
        { ...query, framework: framework?.slug ?? query.framework, page: 1, sort: 'newest', changedSince: alert.lastCheckedAt },
        { config: textSearchConfig(locale), filterDefs: framework ? deriveSearchFilters(framework.definition, query.lot) : [] },
      );
      // A search stopped by the statement timeout is tried again next time, from the same moment.
      if (result.timedOut) continue;
      await tx.update(searchAlerts).set({ lastCheckedAt: now }).where(eq(searchAlerts.id, alert.id));
      if (result.total === 0) continue;
      out.push({
        userId: alert.userId,
        searchQuery: alert.searchQuery,
        titles: result.hits.slice(0, 10).map((h) => {
          const f = frameworks.find((x) => x.slug === h.frameworkSlug);
          return `${(f && serviceTitle(f.definition, h.answers)) ?? ''} (${h.supplierName})`;
        }),
      });
    }
    return out;
  });
  if (due.length === 0) return 0;
  const recipients = await getDb().select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, [...new Set(due.map((d) => d.userId))]));
  let sent = 0;
  for (const digest of due) {
    const to = recipients.find((r) => r.id === digest.userId)?.email;
    if (!to) continue;
    const link = `${baseUrl}/${locale}/catalogue${digest.searchQuery ? `?${digest.searchQuery}` : ''}`;
    const intro = t('alerts.digestIntro', { count: digest.titles.length, marketplace: tenantName(tenant, locale) });
    await sendMail({
      tenantId: tenant.id,
      to,
      subject: t('alerts.digestSubject', { marketplace: tenantName(tenant, locale) }),
      text: `${intro}\n\n${digest.titles.map((x) => `- ${x}`).join('\n')}\n\n${link}\n`,
      html: `<p>${escapeHtml(intro)}</p><ul>${digest.titles.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul><p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`,
    });
    sent++;
  }
  return sent;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
