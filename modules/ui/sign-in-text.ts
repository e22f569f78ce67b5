import type { TFunction } from '@/modules/i18n/server';
import type { SignInFormText } from './sign-in-form';

export function signInFormText(t: TFunction): SignInFormText {
  return {
    summaryTitle: t('errors.summaryTitle'),
    emailLabel: t('signIn.emailLabel'),
    emailHint: t('signIn.emailHint'),
    submit: t('signIn.submit'),
    errors: {
      emailRequired: t('errors.emailRequired'),
      emailInvalid: t('errors.emailInvalid'),
      unexpected: t('errors.unexpected'),
      suspended: t('tenantSettings.signInSuspended'),
    },
  };
}
