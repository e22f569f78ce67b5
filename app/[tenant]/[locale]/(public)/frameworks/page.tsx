import { withTenant } from '@/db/with-tenant';
import { FrameworkCard } from '@/modules/frameworks/framework-card';
import { listFrameworks } from '@/modules/frameworks/queries';
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
          {list.map((f) => (
            <FrameworkCard key={f.id} framework={f} href={ctx.href(`/frameworks/${f.slug}`)} t={t} fmt={fmt} locale={locale} fallback={tenant.config.defaultLocale} headingLevel={2} />
          ))}
        </ul>
      )}
    </>
  );
}
