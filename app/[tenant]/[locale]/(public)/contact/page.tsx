import { GuidanceBody, loadGuidanceHtml } from '@/modules/opendata/guidance-view';
import { tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { PageHeading } from '@/modules/ui/page-heading';

export const generateMetadata = titleFromKey('guidance.titles.contact');

/** How to reach the people who run this marketplace: the tenant's address and its own text. */
export default async function ContactPage({ params }: PageProps<'/[tenant]/[locale]/contact'>) {
  const { tenant, locale } = await params;
  const ctx = await tenantPageContext(tenant, locale);
  const { html } = await loadGuidanceHtml(ctx, 'contact');
  const email = ctx.tenant.config.contactEmail;
  return (
    <>
      <PageHeading>{ctx.t('guidance.titles.contact')}</PageHeading>
      {email ? (
        <p className="mb-6 text-lg">
          {ctx.t('guidance.emailUs')} <a href={`mailto:${email}`}>{email}</a>
        </p>
      ) : null}
      <GuidanceBody html={html} />
      <p className="mt-8">
        <a href={ctx.href('/accessibility')}>{ctx.t('guidance.titles.accessibility')}</a>
      </p>
    </>
  );
}
