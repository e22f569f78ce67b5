import { GuidanceBody, loadGuidanceHtml } from '@/modules/opendata/guidance-view';
import { tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { PageHeading } from '@/modules/ui/page-heading';

export const generateMetadata = titleFromKey('guidance.titles.howToBuy');

/** Guidance written by the tenant's administrators (or the built-in text until they do). */
export default async function Page({ params }: PageProps<'/[tenant]/[locale]/how-to-buy'>) {
  const { tenant, locale } = await params;
  const ctx = await tenantPageContext(tenant, locale);
  const { html } = await loadGuidanceHtml(ctx, 'how-to-buy');
  return (
    <>
      <PageHeading>{ctx.t('guidance.titles.howToBuy')}</PageHeading>
      <GuidanceBody html={html} />
      <p className="mt-8">
        <a href={ctx.href('/contact')}>{ctx.t('guidance.contactLink')}</a>
      </p>
    </>
  );
}
