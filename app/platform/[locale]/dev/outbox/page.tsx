import { desc, isNull } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { outbox } from '@/db/schema/platform';
import { getTranslator } from '@/modules/i18n/server';
import { devOutboxEnabled } from '@/modules/notifications/send-mail';
import { platformNotFound } from '@/modules/onboarding/platform-context';
import { isDemoMode } from '@/modules/tenancy/context';
import { PageHeading } from '@/modules/ui/page-heading';

/** Demonstration mode without SMTP: mail sent from the root domain (operator sign-in links), newest first. */
export default async function PlatformOutboxPage({ params }: PageProps<'/platform/[locale]/dev/outbox'>) {
  const { locale } = await params;
  if (!isDemoMode() || !devOutboxEnabled()) platformNotFound(locale);
  const t = getTranslator(locale);
  const messages = await getDb().select().from(outbox).where(isNull(outbox.tenantId)).orderBy(desc(outbox.createdAt)).limit(50);
  return (
    <>
      <PageHeading>{t('dev.outboxTitle')}</PageHeading>
      <p className="mb-6 max-w-2xl">{t('dev.outboxIntro')}</p>
      {messages.length === 0 ? (
        <p>{t('dev.outboxEmpty')}</p>
      ) : (
        <ol className="space-y-4">
          {messages.map((m) => (
            <li key={m.id} className="border border-rule p-4" data-testid="outbox-message">
              <h2 className="text-lg font-bold">{m.subject}</h2>
              <p className="text-sm text-muted">{t('dev.to', { to: m.to })}</p>
              <pre className="mt-2 whitespace-pre-wrap break-all font-sans">
                {m.text.split(/(https?:\/\/\S+)/g).map((part, i) => (/^https?:\/\//.test(part) ? <a key={i} href={part}>{part}</a> : part))}
              </pre>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
