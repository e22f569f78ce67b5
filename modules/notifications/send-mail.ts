import { createTransport } from 'nodemailer';
import { getDb } from '@/db/client';
import { outbox } from '@/db/schema/platform';

export interface OutgoingMail {
  tenantId: string | null;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export function devOutboxEnabled(): boolean {
  return !process.env.SMTP_URL;
}

/**
 * Sends through SMTP when SMTP_URL is set. Without it, the message goes to the dev outbox table instead
 * (shown on the dev outbox page). With SMTP we keep no copy: the body may hold a sign-in link.
 */
export async function sendMail(mail: OutgoingMail): Promise<void> {
  const smtpUrl = process.env.SMTP_URL;
  if (smtpUrl) {
    const transport = createTransport(smtpUrl);
    await transport.sendMail({
      from: process.env.MAIL_FROM ?? 'Digital Marketplace <no-reply@localhost>',
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
    });
    return;
  }
  await getDb().insert(outbox).values({ ...mail, delivered: false });
}
