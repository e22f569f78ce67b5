import { getDb } from '@/db/client';
import { safeNextPath } from '@/modules/auth/next-path';
import { tenantOidcProvider } from '@/modules/onboarding/oidc';
import { signInWithOidcAction } from '@/modules/onboarding/oidc-actions';
import { isDemoMode, tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { PageHeading } from '@/modules/ui/page-heading';
import { SignInForm } from '@/modules/ui/sign-in-form';
import { signInFormText } from '@/modules/ui/sign-in-text';

export const generateMetadata = titleFromKey('signIn.title');

export default async function SignInPage({ params, searchParams }: PageProps<'/[tenant]/[locale]/sign-in'>) {
  const { tenant, locale } = await params;
  const ctx = await tenantPageContext(tenant, locale);
  const { t } = ctx;
  const next = safeNextPath((await searchParams).next, ctx.href('')) ?? undefined;
  const oidc = await tenantOidcProvider(getDb(), ctx.tenant.id);
  return (
    <>
      <PageHeading>{t('signIn.title')}</PageHeading>
      <p className="mb-6 max-w-2xl text-lg">{t('signIn.intro')}</p>
      {oidc ? (
        <form action={signInWithOidcAction} className="mb-8">
          {next ? <input type="hidden" name="next" value={next} /> : null}
          <button type="submit" className="cursor-pointer bg-brand px-5 py-2 text-lg font-bold text-brand-text">
            {t('tenantSettings.signInWith', { provider: oidc.label })}
          </button>
          <p className="mt-4 text-muted">{t('tenantSettings.orEmail')}</p>
        </form>
      ) : null}
      <SignInForm text={signInFormText(t)} locale={locale} next={next} />
      {isDemoMode() ? (
        <p className="mt-8">
          <a href={ctx.href('/dev/sign-in')}>{t('dev.quickSignInTitle')}</a>
        </p>
      ) : null}
    </>
  );
}
