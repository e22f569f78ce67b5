import { withTenant } from '@/db/with-tenant';
import { saveNotificationSettingsAction } from '@/modules/notifications/actions';
import { notificationOverview } from '@/modules/notifications/admin';
import { requireTenantRole, tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { ActionForm } from '@/modules/ui/action-form';
import { PageHeading } from '@/modules/ui/page-heading';

export const generateMetadata = titleFromKey('notifications.admin.title');

/** Email delivery for this marketplace (SMTP or GOV.UK Notify) and the state of the notification queue. */
export default async function NotificationSettingsPage({ params }: PageProps<'/[tenant]/[locale]/admin/notifications'>) {
  const { tenant: slug, locale } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t } = ctx;
  await requireTenantRole(ctx, ['tenant_admin', 'platform_admin']);
  const overview = await withTenant(ctx.tenant, notificationOverview);
  return (
    <>
      <p className="mb-2">
        <a href={ctx.href('/admin')}>{t('admin.title')}</a>
      </p>
      <PageHeading>{t('notifications.admin.title')}</PageHeading>
      <p className="mb-6 max-w-2xl">{t('notifications.admin.intro')}</p>
      <h2 className="mb-2 text-2xl font-bold">{t('notifications.admin.queueHeading')}</h2>
      <dl className="mb-8 grid max-w-md grid-cols-[1fr_max-content] gap-x-6 gap-y-1" data-testid="queue">
        <dt>{t('notifications.admin.waiting')}</dt>
        <dd>{overview.counts.waiting}</dd>
        <dt>{t('notifications.admin.sent')}</dt>
        <dd>{overview.counts.sent}</dd>
        <dt>{t('notifications.admin.failed')}</dt>
        <dd>{overview.counts.failed}</dd>
      </dl>
      <h2 className="mb-2 text-2xl font-bold">{t('notifications.admin.providerHeading')}</h2>
      <ActionForm
        id="notification-settings"
        action={saveNotificationSettingsAction}
        fields={[
          {
            name: 'provider',
            label: t('notifications.admin.provider'),
            type: 'radios',
            defaultValue: overview.provider,
            options: [
              { value: 'smtp', label: t('notifications.admin.smtp') },
              { value: 'notify', label: t('notifications.admin.notify') },
            ],
          },
          {
            name: 'apiKey',
            label: t('notifications.admin.apiKey'),
            hint: overview.keyHint ? t('notifications.admin.apiKeySet', { hint: overview.keyHint }) : t('notifications.admin.apiKeyHint'),
            type: 'text',
            autoComplete: 'off',
            spellCheck: false,
          },
          {
            name: 'templates',
            label: t('notifications.admin.templates'),
            hint: t('notifications.admin.templatesHint'),
            type: 'textarea',
            rows: 6,
            spellCheck: false,
            defaultValue: Object.entries(overview.templates).map(([kind, id]) => `${kind}: ${id}`).join('\n'),
          },
        ]}
        submitLabel={t('notifications.admin.save')}
        errorSummaryTitle={t('errors.summaryTitle')}
      />
    </>
  );
}
