'use server';

import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { cookies, headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { memberships, sessions, users } from '@/db/schema/platform';
import { signInAllowedWhileSuspended } from '@/modules/onboarding/lifecycle';
import { withTenant } from '@/db/with-tenant';
import { recordAuditEvent } from '@/modules/audit/record';
import { isDemoMode, signedInUser, tenantFromRequest } from '@/modules/tenancy/context';
import { TENANT_HEADERS } from '@/tenants/request-headers';
import { sessionCookieName, sessionCookieOptions, sessionTimeouts } from './cookies';

/** Demonstration mode only: signs in as a seeded member of this tenant without email. */
export async function demoSignIn(form: FormData): Promise<void> {
  if (!isDemoMode()) notFound();
  const parsed = z.uuid().safeParse(form.get('userId'));
  const resolved = await tenantFromRequest();
  if (!parsed.success || !resolved) notFound();
  const db = getDb();
  const [membership] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, parsed.data), eq(memberships.tenantId, resolved.tenant.id)))
    .limit(1);
  if (!membership) notFound();
  if (resolved.tenant.status === 'suspended') {
    const [person] = await db.select({ email: users.email }).from(users).where(eq(users.id, parsed.data)).limit(1);
    if (!person || !(await signInAllowedWhileSuspended(db, resolved.tenant.id, person.email))) notFound();
  }
  // Switching person ends the previous session rather than leaving it alive behind the new cookie.
  const previous = await signedInUser();
  if (previous) await db.delete(sessions).where(eq(sessions.sessionToken, previous.sessionToken));
  const token = randomBytes(32).toString('hex');
  const expires = new Date(Date.now() + sessionTimeouts().absoluteMs);
  await db.insert(sessions).values({ sessionToken: token, userId: parsed.data, expires });
  await withTenant(resolved.tenant, (tx) =>
    recordAuditEvent(tx, { type: 'auth.demo_signed_in', actorUserId: parsed.data, objectType: 'user', objectId: parsed.data }),
  );
  const h = await headers();
  const secure = h.get('x-forwarded-proto') === 'https';
  (await cookies()).set(sessionCookieName(secure), token, sessionCookieOptions(secure, expires));
  const locale = h.get(TENANT_HEADERS.locale) ?? resolved.tenant.config.defaultLocale;
  redirect(`${resolved.basePath}/${locale}/account`);
}
