import { DEFAULT_LICENSE } from '@/modules/ocds/packages';
import { ocidPrefixOf } from '@/modules/ocds/publish';
import { tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { PageHeading } from '@/modules/ui/page-heading';

export const generateMetadata = titleFromKey('ocds.policy.title');

/** The publication policy every package links to: what is published, when, under which licence. */
export default async function OcdsPolicyPage({ params }: PageProps<'/[tenant]/[locale]/open-data/ocds'>) {
  const { tenant: slug, locale } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant } = ctx;
  const prefix = ocidPrefixOf(tenant);
  const license = tenant.config.openData?.license ?? DEFAULT_LICENSE;
  const api = `${ctx.basePath}/api/ocds`;
  return (
    <>
      <PageHeading>{t('ocds.policy.title')}</PageHeading>
      <div className="max-w-3xl">
        <p className="mb-4">{t('ocds.policy.intro')}</p>
        {prefix ? (
          <>
            <h2 className="mb-2 text-2xl font-bold">{t('ocds.policy.whatHeading')}</h2>
            <ul className="mb-6 list-disc ps-6">
              <li>{t('ocds.policy.frameworks')}</li>
              <li>{t('ocds.policy.awards')}</li>
              <li>{t('ocds.policy.callOffs')}</li>
            </ul>
            <p className="mb-4">
              {t('ocds.policy.prefix')} <code dir="ltr" className="font-mono">{prefix}</code>
            </p>
            {tenant.config.openData?.testPrefix ? <p className="mb-6 border-s-4 border-error ps-4 font-bold">{t('ocds.admin.testPrefix')}</p> : null}
            <h2 className="mb-2 text-2xl font-bold">{t('ocds.policy.feedsHeading')}</h2>
            <ul className="mb-6 list-disc ps-6">
              <li>
                <a href={`${api}/releases`}>{t('ocds.feeds.releases')}</a>: {t('ocds.policy.releasesHelp')}
              </li>
              <li>
                <a href={`${api}/releases.jsonl`}>{t('ocds.feeds.bulk')}</a>
              </li>
              <li>{t('ocds.policy.recordsHelp')}</li>
            </ul>
            <p className="mb-4">
              {t('ocds.policy.license')} <a href={license}>{license}</a>
            </p>
          </>
        ) : (
          <p className="border-s-4 border-error ps-4 font-bold" data-testid="ocds-not-published">
            {t('ocds.policy.notPublished')}
          </p>
        )}
      </div>
    </>
  );
}
