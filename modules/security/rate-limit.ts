import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';

/*
 * Fixed-window rate limits kept in platform.rate_limit_buckets: one atomic upsert per attempt, so concurrent
 * requests in several app processes count against the same bucket. Attempts refused for being over the limit
 * still count (the window does not move), so hammering does not help.
 */

export interface RateLimitRule {
  /** Bucket name prefix, e.g. 'sign-in:email'. */
  name: string;
  limit: number;
  windowSeconds: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** Seconds until the window ends (for Retry-After); 0 when allowed. */
  retryAfterSeconds: number;
}

/** Per account: a person asking for many links is either confused or someone else is flooding their inbox. */
export const SIGN_IN_PER_EMAIL: RateLimitRule = {
  name: 'sign-in:email',
  limit: Number(process.env.SIGN_IN_LIMIT_PER_EMAIL ?? 5),
  windowSeconds: 15 * 60,
};
/** Per client address: many accounts from one address is enumeration or mail bombing. */
export const SIGN_IN_PER_IP: RateLimitRule = {
  name: 'sign-in:ip',
  limit: Number(process.env.SIGN_IN_LIMIT_PER_IP ?? 20),
  windowSeconds: 15 * 60,
};

export function bucketKey(rule: RateLimitRule, subject: string): string {
  return `${rule.name}:${createHash('sha256').update(subject.trim().toLowerCase()).digest('hex')}`;
}

export async function hit(db: Database, rule: RateLimitRule, subject: string): Promise<RateLimitDecision> {
  const key = bucketKey(rule, subject);
  const window = `${rule.windowSeconds} seconds`;
  const rows = await db.execute<{ hits: number; retry: string }>(sql`
    insert into platform.rate_limit_buckets as b (key, window_start, hits) values (${key}, now(), 1)
    on conflict (key) do update set
      hits = case when b.window_start <= now() - ${window}::interval then 1 else b.hits + 1 end,
      window_start = case when b.window_start <= now() - ${window}::interval then now() else b.window_start end
    returning b.hits, ceil(extract(epoch from (b.window_start + ${window}::interval - now())))::text as retry`);
  const row = rows[0];
  const hits = Number(row?.hits ?? 1);
  if (hits <= rule.limit) return { allowed: true, retryAfterSeconds: 0 };
  return { allowed: false, retryAfterSeconds: Math.max(1, Number(row?.retry ?? rule.windowSeconds)) };
}

/** Counts the attempt against every rule; refused when any is over its limit (the longest wait wins). */
export async function hitAll(db: Database, checks: { rule: RateLimitRule; subject: string | null }[]): Promise<RateLimitDecision> {
  let retry = 0;
  for (const { rule, subject } of checks) {
    if (!subject) continue;
    const decision = await hit(db, rule, subject);
    if (!decision.allowed) retry = Math.max(retry, decision.retryAfterSeconds);
  }
  return retry > 0 ? { allowed: false, retryAfterSeconds: retry } : { allowed: true, retryAfterSeconds: 0 };
}

/**
 * The client address for per-address limits. Behind a trusted reverse proxy (TRUST_PROXY=1) it is the last
 * X-Forwarded-For entry, the one that proxy appended. Without one, Next fills X-Forwarded-For from the socket
 * only when the client sent none, so a client can choose this value: the per-account limit still holds.
 */
export function clientAddress(headers: Headers): string | null {
  const forwarded = headers.get('x-forwarded-for');
  if (!forwarded) return null;
  const parts = forwarded.split(',').map((p) => p.trim()).filter(Boolean);
  return (process.env.TRUST_PROXY === '1' ? parts.at(-1) : parts.join(',')) ?? null;
}

export async function signInAllowed(db: Database, email: string, headers: Headers): Promise<RateLimitDecision> {
  return hitAll(db, [
    { rule: SIGN_IN_PER_EMAIL, subject: email },
    { rule: SIGN_IN_PER_IP, subject: clientAddress(headers) },
  ]);
}
