'use server';

import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { cookies, headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { memberships, sessions } from '@/db/schema/platform';
import { recordPlatformAuditEvent } from '@/modules/audit/record';
import { sessionCookieName, sessionCookieOptions, sessionTimeouts } from '@/modules/auth/cookies';
import { isShippedLocale } from '@/modules/i18n/locales';
import { isDemoMode, signedInUser } from '@/modules/tenancy/context';
import { TENANT_HEADERS } from '@/tenants/request-headers';

/** Demonstration mode only: signs in on the root domain as a seeded platform operator, without email. */
export async function demoPlatformSignIn(form: FormData): Promise<void> {
  const h = await headers();
  if (!isDemoMode() || h.get(TENANT_HEADERS.slug)) notFound();
  const parsed = z.uuid().safeParse(form.get('userId'));
  if (!parsed.success) notFound();
  const db = getDb();
  const [membership] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, parsed.data), isNull(memberships.tenantId), eq(memberships.role, 'platform_admin')))
    .limit(1);
  if (!membership) notFound();
  const previous = await signedInUser();
  if (previous) await db.delete(sessions).where(eq(sessions.sessionToken, previous.sessionToken));
  const token = randomBytes(32).toString('hex');
  const expires = new Date(Date.now() + sessionTimeouts().absoluteMs);
  await db.insert(sessions).values({ sessionToken: token, userId: parsed.data, expires });
  await recordPlatformAuditEvent(db, { type: 'auth.demo_signed_in', actorUserId: parsed.data, objectType: 'user', objectId: parsed.data });
  const secure = h.get('x-forwarded-proto') === 'https';
  (await cookies()).set(sessionCookieName(secure), token, sessionCookieOptions(secure, expires));
  const requested = h.get(TENANT_HEADERS.locale) ?? 'en';
  redirect(`/platform/${isShippedLocale(requested) ? requested : 'en'}/console`);
}
