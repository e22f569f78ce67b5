import { getTranslator } from '@/modules/i18n/server';
import { isDemoMode } from '@/modules/tenancy/context';
import { devOutboxEnabled } from '@/modules/notifications/send-mail';
import { PageHeading } from '@/modules/ui/page-heading';

export default async function PlatformCheckEmailPage({ params }: PageProps<'/platform/[locale]/sign-in/check-email'>) {
  const { locale } = await params;
  const t = getTranslator(locale);
  return (
    <>
      <PageHeading>{t('platformConsole.checkEmailTitle')}</PageHeading>
      <p className="mb-6 max-w-2xl text-lg">{t('platformConsole.checkEmailBody')}</p>
      {isDemoMode() && devOutboxEnabled() ? <a href={`/platform/${locale}/dev/outbox`}>{t('nav.devOutbox')}</a> : null}
    </>
  );
}
