import { desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { outbox } from '@/db/schema/platform';
import { formatDate } from '@/modules/i18n/format';
import { devOutboxEnabled } from '@/modules/notifications/send-mail';
import { isDemoMode, pageNotFound, tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { PageHeading } from '@/modules/ui/page-heading';

export const generateMetadata = titleFromKey('dev.outboxTitle');

/** Demonstration mode without SMTP: the mail this tenant would have sent, newest first. */
export default async function DevOutboxPage({ params }: PageProps<'/[tenant]/[locale]/dev/outbox'>) {
  const { tenant: slug, locale } = await params;
  const ctx = await tenantPageContext(slug, locale);
  if (!isDemoMode() || !devOutboxEnabled()) pageNotFound(ctx);
  const { t, fmt } = ctx;
  const messages = await getDb()
    .select()
    .from(outbox)
    .where(eq(outbox.tenantId, ctx.tenant.id))
    .orderBy(desc(outbox.createdAt))
    .limit(50);
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
              <p className="text-sm text-muted">
                {t('dev.to', { to: m.to })} · {t('dev.sentAt', { date: formatDate(m.createdAt, fmt, 'dateTime') })}
              </p>
              <pre className="mt-2 whitespace-pre-wrap break-all font-sans">{linkify(m.text)}</pre>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

/** Plain text with its links made clickable; no HTML from the message is ever rendered. */
function linkify(text: string): React.ReactNode[] {
  return text.split(/(https?:\/\/\S+)/g).map((part, i) =>
    /^https?:\/\//.test(part) ? (
      <a key={i} href={part}>
        {part}
      </a>
    ) : (
      part
    ),
  );
}
