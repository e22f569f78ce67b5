import { integer, text, timestamp } from 'drizzle-orm/pg-core';
import { platform } from './platform';

/**
 * Fixed-window counters for rate limits (sign-in per account and per client address). In Postgres, not in memory,
 * so every app process shares one count. Keys never hold a raw address or email: they are hashed.
 */
export const rateLimitBuckets = platform.table('rate_limit_buckets', {
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { mode: 'date', withTimezone: true }).notNull(),
  hits: integer('hits').notNull(),
});
