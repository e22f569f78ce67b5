import { withTenant } from '@/db/with-tenant';
import { listRecentAuditEvents } from '@/modules/audit/queries';
import { formatDate } from '@/modules/i18n/format';
import { LOCALE_NATIVE_NAMES, isShippedLocale } from '@/modules/i18n/locales';
import { requireTenantRole, tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { PageHeading } from '@/modules/ui/page-heading';

export const generateMetadata = titleFromKey('admin.title');

export default async function AdminPage({ params }: PageProps<'/[tenant]/[locale]/admin'>) {
  const { tenant: slug, locale } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant, fmt } = ctx;
  await requireTenantRole(ctx, ['tenant_admin', 'platform_admin']);
  const events = await withTenant(tenant, (tx) => listRecentAuditEvents(tx, 50));
  const settings: [string, string][] = [
    [t('admin.slug'), tenant.slug],
    [t('admin.locales'), tenant.config.locales.map((l) => (isShippedLocale(l.code) ? LOCALE_NATIVE_NAMES[l.code] : l.code)).join(', ')],
    [t('admin.timezone'), tenant.config.timezone],
    [t('admin.currency'), tenant.config.currency],
  ];
  return (
    <>
      <PageHeading>{t('admin.title')}</PageHeading>
      <ul className="mb-8 list-disc ps-6">
        <li>
          <a href={ctx.href('/admin/frameworks')}>{t('admin.frameworksLink')}</a>
        </li>
        <li>
          <a href={ctx.href('/admin/buyers')}>{t('buyers.title')}</a>
        </li>
        <li>
          <a href={ctx.href('/admin/open-data')}>{t('ocds.admin.title')}</a>
        </li>
        <li>
          <a href={ctx.href('/admin/guidance')}>{t('guidance.adminTitle')}</a>
        </li>
        <li>
          <a href={ctx.href('/admin/notifications')}>{t('notifications.admin.title')}</a>
        </li>
      </ul>
      <h2 className="mb-2 text-2xl font-bold">{t('admin.settingsHeading')}</h2>
      <dl className="mb-10 grid max-w-2xl grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
        {settings.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-bold">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h2 className="mb-2 text-2xl font-bold">{t('admin.auditHeading')}</h2>
      {events.length === 0 ? (
        <p>{t('admin.noEvents')}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-start">
            <caption className="mb-2 text-start text-muted">{t('admin.auditCaption')}</caption>
            <thead>
              <tr className="border-b-2 border-ink">
                <th scope="col" className="p-2 text-start">{t('admin.when')}</th>
                <th scope="col" className="p-2 text-start">{t('admin.event')}</th>
                <th scope="col" className="p-2 text-start">{t('admin.object')}</th>
                <th scope="col" className="p-2 text-start">{t('admin.actor')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id} className="border-b border-rule">
                  <td className="p-2">{formatDate(e.occurredAt, fmt, 'dateTime')}</td>
                  <td className="p-2 font-mono text-sm">{e.type}</td>
                  <td className="p-2">{e.objectType ? `${e.objectType} ${e.objectId ?? ''}` : ''}</td>
                  <td className="p-2 font-mono text-sm">{e.actorUserId ?? t('admin.system')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
