import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { memberships, sessions, users } from '@/db/schema/platform';
import { rolesInTenant } from '@/modules/auth/memberships';
import { resolveSessionToken } from '@/modules/auth/session';
import { createTestTenant, ensurePlatformSchema } from '../support/tenants';

async function createUser(label: string): Promise<string> {
  const [row] = await getDb()
    .insert(users)
    .values({ email: `${label}-${randomBytes(4).toString('hex')}@example.org`, name: label })
    .returning({ id: users.id });
  return row!.id;
}

async function createSession(userId: string, overrides: Partial<typeof sessions.$inferInsert> = {}): Promise<string> {
  const token = randomBytes(24).toString('hex');
  await getDb()
    .insert(sessions)
    .values({ sessionToken: token, userId, expires: new Date(Date.now() + 3_600_000), ...overrides });
  return token;
}

describe('database sessions are checked on every request', () => {
  beforeAll(ensurePlatformSchema);

  it('resolves a live session to its person', async () => {
    const userId = await createUser('live');
    const token = await createSession(userId);
    expect((await resolveSessionToken(getDb(), token))?.id).toBe(userId);
  });

  it('sign-out (row deleted) takes effect on the next request', async () => {
    const userId = await createUser('signout');
    const token = await createSession(userId);
    await getDb().delete(sessions).where(eq(sessions.sessionToken, token));
    expect(await resolveSessionToken(getDb(), token)).toBeNull();
  });

  it('a disabled account is refused at once and its session removed', async () => {
    const userId = await createUser('disabled');
    const token = await createSession(userId);
    await getDb().update(users).set({ disabledAt: new Date() }).where(eq(users.id, userId));
    expect(await resolveSessionToken(getDb(), token)).toBeNull();
    expect(await getDb().select().from(sessions).where(eq(sessions.sessionToken, token))).toHaveLength(0);
  });

  it('applies the idle timeout', async () => {
    const userId = await createUser('idle');
    const token = await createSession(userId, { lastSeenAt: new Date(Date.now() - 31 * 60_000) });
    expect(await resolveSessionToken(getDb(), token)).toBeNull();
  });

  it('applies the absolute timeout even to an active session', async () => {
    const userId = await createUser('absolute');
    const token = await createSession(userId, { createdAt: new Date(Date.now() - 13 * 3_600_000), lastSeenAt: new Date() });
    expect(await resolveSessionToken(getDb(), token)).toBeNull();
  });

  it('ignores unknown and oversized tokens', async () => {
    expect(await resolveSessionToken(getDb(), 'no-such-token')).toBeNull();
    expect(await resolveSessionToken(getDb(), 'x'.repeat(500))).toBeNull();
  });
});

describe('roles are per tenant and read fresh', () => {
  beforeAll(ensurePlatformSchema);

  it('one person can be a buyer in one tenant and a supplier in another, and a role change shows at once', async () => {
    const a = await createTestTenant('roles-a');
    const b = await createTestTenant('roles-b');
    const userId = await createUser('both');
    await getDb().insert(memberships).values([
      { userId, tenantId: a.id, role: 'buyer' },
      { userId, tenantId: b.id, role: 'supplier_admin' },
    ]);
    expect(await rolesInTenant(getDb(), userId, a.id)).toEqual(['buyer']);
    expect(await rolesInTenant(getDb(), userId, b.id)).toEqual(['supplier_admin']);
    await getDb().delete(memberships).where(eq(memberships.tenantId, a.id));
    expect(await rolesInTenant(getDb(), userId, a.id)).toEqual([]);
  });

  it('a platform-wide role applies in every tenant', async () => {
    const a = await createTestTenant('roles-p');
    const userId = await createUser('operator');
    await getDb().insert(memberships).values({ userId, tenantId: null, role: 'platform_admin' });
    expect(await rolesInTenant(getDb(), userId, a.id)).toEqual(['platform_admin']);
    // The same platform role twice is refused (NULLS NOT DISTINCT).
    await expect(getDb().insert(memberships).values({ userId, tenantId: null, role: 'platform_admin' })).rejects.toThrow();
  });
});
