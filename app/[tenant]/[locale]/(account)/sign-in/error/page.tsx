import type { Metadata } from 'next';
import { tenantPageContext } from '@/modules/tenancy/context';
import { PageHeading } from '@/modules/ui/page-heading';

export async function generateMetadata({ params }: PageProps<'/[tenant]/[locale]/sign-in/error'>): Promise<Metadata> {
  const { tenant, locale } = await params;
  const { t } = await tenantPageContext(tenant, locale);
  return { title: t('signIn.errorTitle') };
}

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
