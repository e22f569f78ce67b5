'use server';

import { eq } from 'drizzle-orm';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { sessions } from '@/db/schema/platform';
import { recordPlatformAuditEvent } from '@/modules/audit/record';
import { isShippedLocale } from '@/modules/i18n/locales';
import { getTranslator } from '@/modules/i18n/server';
import { signInAllowed } from '@/modules/security/rate-limit';
import { signedInUser, tenantFromRequest } from '@/modules/tenancy/context';
import { signInAllowedWhileSuspended } from '@/modules/onboarding/lifecycle';
import { tenantName } from '@/tenants/registry';
import { TENANT_HEADERS } from '@/tenants/request-headers';
import { SESSION_COOKIE_NAMES } from './cookies';
import { signIn } from './config';
import { signInMailContext } from './mail-context';
import { safeNextPath } from './next-path';

export interface SignInFormState {
  error?: 'emailRequired' | 'emailInvalid' | 'unexpected' | 'suspended' | 'rateLimited';
  email?: string;
  /** Translated on the server: it names the wait in minutes, with the language's plural forms. */
  rateLimitedMessage?: string;
}

const ZSignInRequest = z.object({
  email: z.string().trim().min(1, 'emailRequired').max(254, 'emailInvalid').pipe(z.email('emailInvalid')),
  locale: z.string().regex(/^[a-z]{2}$/),
  next: z.string().max(500).optional(),
});

/** Validates the address, then has Auth.js send a one-time link (to the dev outbox when no SMTP is set). */
export async function requestSignInLink(_previous: SignInFormState, form: FormData): Promise<SignInFormState> {
  const raw = { email: String(form.get('email') ?? ''), locale: String(form.get('locale') ?? ''), next: form.get('next') ?? undefined };
  const parsed = ZSignInRequest.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues.find((i) => i.path[0] === 'email');
    return { error: (issue?.message as SignInFormState['error']) ?? 'emailInvalid', email: raw.email.slice(0, 254) };
  }
  const resolved = await tenantFromRequest();
  const basePath = resolved?.basePath ?? '';
  const h = await headers();
  const locale = resolved
    ? (h.get(TENANT_HEADERS.locale) ?? resolved.tenant.config.defaultLocale)
    : parsed.data.locale;
  const limit = await signInAllowed(getDb(), parsed.data.email, h);
  if (!limit.allowed) {
    const t = resolved
      ? getTranslator(locale, { slug: resolved.tenant.slug, configVersion: resolved.tenant.configVersion, terminology: resolved.tenant.config.terminology })
      : getTranslator(isShippedLocale(locale) ? locale : 'en');
    return {
      error: 'rateLimited',
      email: parsed.data.email,
      rateLimitedMessage: t('rateLimit.signIn', { count: Math.ceil(limit.retryAfterSeconds / 60) }),
    };
  }
  const home = resolved ? `${basePath}/${locale}` : `/platform/${locale}`;
  const next = safeNextPath(parsed.data.next, home) ?? `${home}${resolved ? '/account' : ''}`;
  // A suspended marketplace: only its administrators may sign in (Auth.js's signIn callback enforces it too).
  if (resolved?.tenant.status === 'suspended' && !(await signInAllowedWhileSuspended(getDb(), resolved.tenant.id, parsed.data.email))) {
    return { error: 'suspended', email: parsed.data.email };
  }
  try {
    await signInMailContext.run(
      {
        tenantId: resolved?.tenant.id ?? null,
        tenantName: resolved ? tenantName(resolved.tenant, locale) : 'Digital Marketplace',
        locale,
      },
      () => signIn('email', { email: parsed.data.email, redirect: false, redirectTo: next }),
    );
  } catch (error) {
    console.error('sign-in link failed', error);
    return { error: 'unexpected', email: parsed.data.email };
  }
  redirect(`${home}/sign-in/check-email`);
}

/** Deletes the database session, so the cookie is worthless even if it was copied. */
export async function signOutAction(): Promise<void> {
  const user = await signedInUser();
  const jar = await cookies();
  if (user) {
    await getDb().delete(sessions).where(eq(sessions.sessionToken, user.sessionToken));
    const resolved = await tenantFromRequest();
    await recordPlatformAuditEvent(getDb(), {
      type: 'auth.signed_out',
      tenantId: resolved?.tenant.id ?? null,
      actorUserId: user.id,
      objectType: 'user',
      objectId: user.id,
    });
  }
  for (const name of SESSION_COOKIE_NAMES) jar.delete(name);
  const resolved = await tenantFromRequest();
  const h = await headers();
  const locale = h.get(TENANT_HEADERS.locale) ?? resolved?.tenant.config.defaultLocale ?? 'en';
  redirect(resolved ? `${resolved.basePath}/${locale}?signed-out=1` : `/platform/${locale}`);
}
