import { inArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { users } from '@/db/schema/platform';
import { withTenant } from '@/db/with-tenant';
import type { Framework } from '@/modules/frameworks/queries';
import { localised } from '@/modules/i18n/localised';
import { getTranslator } from '@/modules/i18n/server';
import { sendMail } from '@/modules/notifications/send-mail';
import type { Tenant } from '@/tenants/registry';
import { tenantName } from '@/tenants/registry';
import { supplierMemberIds } from './assessment';

/** Result letters by email to everyone acting for each supplier, in the marketplace's default language. */
export async function sendResultLetters(tenant: Tenant, framework: Framework, decided: { supplierId: string; result: string }[], baseUrl: string): Promise<number> {
  const locale = tenant.config.defaultLocale;
  const t = getTranslator(locale, { slug: tenant.slug, configVersion: tenant.configVersion, terminology: tenant.config.terminology });
  const frameworkName = localised(framework.name, locale, locale);
  let sent = 0;
  for (const { supplierId, result } of decided) {
    const ids = await withTenant(tenant, (tx) => supplierMemberIds(tx, supplierId));
    if (ids.length === 0) continue;
    const recipients = await getDb().select({ email: users.email }).from(users).where(inArray(users.id, ids));
    for (const { email } of recipients) {
      const body = t(result === 'pass' ? 'assessment.letterPass' : 'assessment.letterFail', { framework: frameworkName, marketplace: tenantName(tenant, locale) });
      const link = `${baseUrl}/${locale}/supplier/frameworks/${framework.slug}`;
      await sendMail({
        tenantId: tenant.id,
        to: email,
        subject: t('assessment.letterSubject', { framework: frameworkName }),
        text: `${body}\n\n${link}\n`,
        html: `<p>${escapeHtml(body)}</p><p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`,
      });
      sent++;
    }
  }
  return sent;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
