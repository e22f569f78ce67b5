import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/*
 * The notification job queue of one tenant (modules/notifications/queue.ts). A job is inserted in the same
 * transaction as the change it reports, so it exists exactly when that change committed, and it survives a
 * restart because it is a row. The dedupe key makes enqueueing idempotent; the job id is the idempotency key
 * handed to the provider, so a send that succeeded just before a crash is found again instead of repeated.
 */
export const notificationJobs = pgTable(
  'notification_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** What happened, e.g. contract_ready_to_sign; the message text is the translation notifications.kinds.<kind>. */
    kind: text('kind').notNull(),
    recipient: text('recipient').notNull(),
    locale: text('locale').notNull(),
    params: jsonb('params').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    /** Caller-chosen key: enqueueing the same key twice keeps one job. */
    dedupeKey: text('dedupe_key').notNull().unique(),
    attempts: integer('attempts').notNull().default(0),
    /** A worker holds the job until then; after a crash the lock simply expires and another run picks it up. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** Given up after too many attempts (kept for the record, never retried). */
    failedAt: timestamp('failed_at', { withTimezone: true }),
    lastError: text('last_error'),
    /** smtp | outbox | notify, and the provider's id of the message when it gives one. */
    provider: text('provider'),
    providerRef: text('provider_ref'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('notification_jobs_due_idx').on(t.nextAttemptAt).where(sql`sent_at is null and failed_at is null`)],
);
