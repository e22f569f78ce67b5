import { getTranslator } from '@/modules/i18n/server';
import { platformNotFound } from '@/modules/onboarding/platform-context';
import { requestMarketplaceAction, selfServeSignupEnabled } from '@/modules/onboarding/signup-actions';
import { StepForm } from '@/modules/onboarding/ui/step-form';
import { PageHeading } from '@/modules/ui/page-heading';

/** Self-serve sign-up (when the deployment allows it): an authority asks; a platform admin approves. */
export default async function RequestMarketplacePage({ params }: PageProps<'/platform/[locale]/request'>) {
  const { locale } = await params;
  if (!(await selfServeSignupEnabled())) platformNotFound(locale);
  const t = getTranslator(locale);
  return (
    <>
      <PageHeading>{t('platformConsole.requestTitle')}</PageHeading>
      <p className="mb-6 max-w-2xl text-lg">{t('platformConsole.requestIntro')}</p>
      <StepForm
        id="request"
        action={requestMarketplaceAction}
        errorSummaryTitle={t('onboarding.errorSummary')}
        submitLabel={t('platformConsole.requestSubmit')}
        fields={[
          { name: 'name', label: t('onboarding.fields.name'), type: 'text', autoComplete: 'organization' },
          { name: 'email', label: t('platformConsole.requesterEmail'), type: 'email', autoComplete: 'email', spellCheck: false },
          { name: 'slug', label: t('onboarding.fields.slug'), hint: t('onboarding.hints.slug'), type: 'text', spellCheck: false },
          { name: 'purpose', label: t('platformConsole.requestPurpose'), type: 'textarea', rows: 4 },
        ]}
      />
    </>
  );
}
