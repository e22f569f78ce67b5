import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { sessions, users } from '@/db/schema/platform';
import { sessionTimeouts } from './cookies';

export interface SignedInUser {
  id: string;
  email: string;
  name: string | null;
  sessionToken: string;
}

/** Refresh last_seen_at at most this often, so reads do not write on every request. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * The only place a session token becomes a person. Checked on every request, so sign-out (row deleted),
 * account disable and timeouts take effect on the next request.
 */
export async function resolveSessionToken(db: Database, token: string, now = new Date()): Promise<SignedInUser | null> {
  if (!token || token.length > 200) return null;
  const [row] = await db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      disabledAt: users.disabledAt,
      expires: sessions.expires,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.sessionToken, token))
    .limit(1);
  if (!row) return null;
  const { idleMs, absoluteMs } = sessionTimeouts();
  const expired =
    row.expires.getTime() <= now.getTime() ||
    now.getTime() - row.createdAt.getTime() > absoluteMs ||
    now.getTime() - row.lastSeenAt.getTime() > idleMs;
  if (expired || row.disabledAt) {
    await db.delete(sessions).where(eq(sessions.sessionToken, token));
    return null;
  }
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.sessionToken, token));
  }
  return { id: row.userId, email: row.email, name: row.name, sessionToken: token };
}
