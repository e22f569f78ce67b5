import { tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { PageHeading } from '@/modules/ui/page-heading';

export const generateMetadata = titleFromKey('signIn.errorTitle');

export default async function SignInErrorPage({ params }: PageProps<'/[tenant]/[locale]/sign-in/error'>) {
  const { tenant, locale } = await params;
  const ctx = await tenantPageContext(tenant, locale);
  const { t } = ctx;
  return (
    <>
      <PageHeading>{t('signIn.errorTitle')}</PageHeading>
      <p className="mb-4 max-w-2xl text-lg">{t('signIn.errorBody')}</p>
      <p>
        <a href={ctx.href('/sign-in')}>{t('signIn.tryAgain')}</a>
      </p>
    </>
  );
}
