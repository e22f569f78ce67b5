import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, openConnection } from '@/db/client';
import { bucketKey, hit, signInAllowed, SIGN_IN_PER_EMAIL, SIGN_IN_PER_IP, type RateLimitRule } from '@/modules/security/rate-limit';
import { ensurePlatformSchema } from '../support/tenants';

const rule = (limit: number): RateLimitRule => ({ name: `test:${randomBytes(4).toString('hex')}`, limit, windowSeconds: 900 });

describe('rate limits stored in PostgreSQL', () => {
  beforeAll(async () => {
    await ensurePlatformSchema();
  });

  it('lets exactly `limit` of many concurrent attempts through, from two separate pools (two app processes)', async () => {
    const r = rule(5);
    const other = openConnection(process.env.DATABASE_URL!, { max: 4 });
    try {
      const decisions = await Promise.all(
        Array.from({ length: 24 }, (_, i) => hit(i % 2 === 0 ? getDb() : other.db, r, 'someone@example.org')),
      );
      expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
      for (const refused of decisions.filter((d) => !d.allowed)) {
        expect(refused.retryAfterSeconds).toBeGreaterThan(0);
        expect(refused.retryAfterSeconds).toBeLessThanOrEqual(900);
      }
    } finally {
      await other.sql.end();
    }
  });

  it('counts per subject, case-insensitively, and stores no raw email', async () => {
    const r = rule(1);
    expect((await hit(getDb(), r, 'A@Example.org')).allowed).toBe(true);
    expect((await hit(getDb(), r, ' a@example.org ')).allowed).toBe(false);
    expect((await hit(getDb(), r, 'b@example.org')).allowed).toBe(true);
    const rows = await getDb().execute<{ key: string }>(sql`select key from platform.rate_limit_buckets where key like ${`${r.name}:%`}`);
    expect(rows.map((x) => x.key).sort()).toEqual([bucketKey(r, 'a@example.org'), bucketKey(r, 'b@example.org')].sort());
    expect(rows.some((x) => x.key.includes('example'))).toBe(false);
  });

  it('opens again when the window has passed', async () => {
    const r = rule(1);
    await hit(getDb(), r, 'late@example.org');
    expect((await hit(getDb(), r, 'late@example.org')).allowed).toBe(false);
    await getDb().execute(sql`update platform.rate_limit_buckets set window_start = now() - interval '901 seconds' where key = ${bucketKey(r, 'late@example.org')}`);
    expect((await hit(getDb(), r, 'late@example.org')).allowed).toBe(true);
  });

  it('sign-in: per account across addresses, and per address across accounts', async () => {
    const email = `victim-${randomBytes(4).toString('hex')}@example.org`;
    const results = [];
    for (let i = 0; i < SIGN_IN_PER_EMAIL.limit + 1; i++) {
      results.push(await signInAllowed(getDb(), email, new Headers({ 'x-forwarded-for': `198.51.100.${i}` })));
    }
    expect(results.slice(0, -1).every((d) => d.allowed)).toBe(true);
    expect(results.at(-1)).toMatchObject({ allowed: false });
    const address = `203.0.113.${Math.floor(Math.random() * 250)}-${randomBytes(2).toString('hex')}`;
    const perAddress = [];
    for (let i = 0; i < SIGN_IN_PER_IP.limit + 1; i++) {
      perAddress.push(await signInAllowed(getDb(), `p${i}-${randomBytes(3).toString('hex')}@example.org`, new Headers({ 'x-forwarded-for': address })));
    }
    expect(perAddress.filter((d) => d.allowed)).toHaveLength(SIGN_IN_PER_IP.limit);
    expect(perAddress.at(-1)?.retryAfterSeconds).toBeGreaterThan(0);
  });
});
