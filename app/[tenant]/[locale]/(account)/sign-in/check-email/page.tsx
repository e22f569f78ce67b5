import { tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { PageHeading } from '@/modules/ui/page-heading';

export const generateMetadata = titleFromKey('signIn.checkEmailTitle');

export default async function CheckEmailPage({ params }: PageProps<'/[tenant]/[locale]/sign-in/check-email'>) {
  const { tenant, locale } = await params;
  const ctx = await tenantPageContext(tenant, locale);
  const { t } = ctx;
  return (
    <>
      <PageHeading>{t('signIn.checkEmailTitle')}</PageHeading>
      <p className="mb-4 max-w-2xl text-lg">{t('signIn.checkEmailBody')}</p>
      <p className="mb-4">{t('signIn.didNotArrive')}</p>
      <p>
        <a href={ctx.href('/sign-in')}>{t('signIn.tryAgain')}</a>
      </p>
    </>
  );
}
