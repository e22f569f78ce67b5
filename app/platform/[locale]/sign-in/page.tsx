import { safeNextPath } from '@/modules/auth/next-path';
import { getTranslator } from '@/modules/i18n/server';
import { isDemoMode } from '@/modules/tenancy/context';
import { PageHeading } from '@/modules/ui/page-heading';
import { SignInForm } from '@/modules/ui/sign-in-form';
import { signInFormText } from '@/modules/ui/sign-in-text';

/** Operators sign in on the root domain with the same email link as everyone else. */
export default async function PlatformSignInPage({ params, searchParams }: PageProps<'/platform/[locale]/sign-in'>) {
  const { locale } = await params;
  const t = getTranslator(locale);
  const next = safeNextPath((await searchParams).next, `/platform/${locale}`) ?? `/platform/${locale}/console`;
  return (
    <>
      <PageHeading>{t('signIn.title')}</PageHeading>
      <p className="mb-6 max-w-2xl text-lg">{t('platformConsole.signInIntro')}</p>
      <SignInForm text={signInFormText(t)} locale={locale} next={next} />
      {isDemoMode() ? (
        <p className="mt-8">
          <a href={`/platform/${locale}/dev/sign-in`}>{t('dev.quickSignInTitle')}</a>
        </p>
      ) : null}
    </>
  );
}
