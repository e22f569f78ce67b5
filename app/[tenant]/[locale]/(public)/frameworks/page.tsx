import { withTenant } from '@/db/with-tenant';
import { listFrameworks } from '@/modules/frameworks/queries';
import { StatusTag } from '@/modules/frameworks/timeline';
import { formatDate } from '@/modules/i18n/format';
import { localised } from '@/modules/i18n/localised';
import { scheduleInstants } from '@/modules/frameworks/lifecycle';
import { tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { PageHeading } from '@/modules/ui/page-heading';

export const generateMetadata = titleFromKey('frameworks.title');

export default async function FrameworksPage({ params }: PageProps<'/[tenant]/[locale]/frameworks'>) {
  const { tenant: slug, locale } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant, fmt } = ctx;
  const list = await withTenant(tenant, (tx) => listFrameworks(tx, tenant.config.timezone));
  return (
    <>
      <PageHeading>{t('frameworks.title')}</PageHeading>
      <p className="mb-8 max-w-3xl text-lg">{t('frameworks.intro')}</p>
      {list.length === 0 ? (
        <p>{t('frameworks.none')}</p>
      ) : (
        <ul className="space-y-4">
          {list.map((f) => {
            const dates = scheduleInstants(f.schedule, tenant.config.timezone);
            return (
              <li key={f.id} className="border border-rule p-4">
                <h2 className="mb-1 text-xl font-bold">
                  <a href={ctx.href(`/frameworks/${f.slug}`)}>{localised(f.name, locale, tenant.config.defaultLocale)}</a>
                </h2>
                <p className="mb-2">
                  <StatusTag status={f.status} t={t} />
                </p>
                <p className="text-muted">
                  {f.status === 'open' || f.status === 'coming'
                    ? t('frameworks.closesOn', { date: formatDate(dates.applicationsClose, fmt, 'dateTime') })
                    : t('frameworks.runsUntil', { date: formatDate(dates.expires, fmt) })}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
