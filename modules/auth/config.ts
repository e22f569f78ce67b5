import { DrizzleAdapter } from '@auth/drizzle-adapter';
import type { NextAuthConfig } from 'next-auth';
import NextAuth from 'next-auth';
import { headers } from 'next/headers';
import { getDb } from '@/db/client';
import { accounts, sessions, users, verificationTokens } from '@/db/schema/platform';
import { withTenant } from '@/db/with-tenant';
import { recordAuditEvent, recordPlatformAuditEvent } from '@/modules/audit/record';
import { getTranslator } from '@/modules/i18n/server';
import { sendMail } from '@/modules/notifications/send-mail';
import { TENANT_HEADERS } from '@/tenants/request-headers';
import { findTenantBySlug } from '@/tenants/registry';
import { signInAllowedWhileSuspended } from '@/modules/onboarding/lifecycle';
import { sessionCookieName, sessionTimeouts } from './cookies';
import { signInMailContext } from './mail-context';

const MAGIC_LINK_MINUTES = 15;

async function requestIsSecure(): Promise<boolean> {
  // x-forwarded-proto is overwritten by our proxy (trusted only with TRUST_PROXY=1).
  return (await headers()).get('x-forwarded-proto') === 'https';
}

async function buildConfig(): Promise<NextAuthConfig> {
  const secure = await requestIsSecure();
  const basePath = (await headers()).get(TENANT_HEADERS.basePath) ?? '';
  const absoluteSeconds = Math.floor(sessionTimeouts().absoluteMs / 1000);
  return {
    // The proxy validated the host against the tenant registry and overwrote x-forwarded-host.
    trustHost: true,
    secret: process.env.AUTH_SECRET,
    adapter: DrizzleAdapter(getDb(), {
      usersTable: users as never,
      accountsTable: accounts as never,
      sessionsTable: sessions as never,
      verificationTokensTable: verificationTokens as never,
    }),
    session: { strategy: 'database', maxAge: absoluteSeconds, updateAge: absoluteSeconds },
    useSecureCookies: secure,
    cookies: {
      sessionToken: {
        name: sessionCookieName(secure),
        options: { httpOnly: true, sameSite: 'lax', path: '/', secure },
      },
    },
    pages: { error: `${basePath}/sign-in/error`, verifyRequest: `${basePath}/sign-in/check-email` },
    providers: [
      {
        id: 'email',
        type: 'email',
        name: 'Email',
        from: process.env.MAIL_FROM ?? 'no-reply@localhost',
        maxAge: MAGIC_LINK_MINUTES * 60,
        options: {},
        async sendVerificationRequest({ identifier, url }) {
          const context = signInMailContext.getStore();
          const locale = context?.locale ?? 'en';
          const name = context?.tenantName ?? 'Digital Marketplace';
          const t = getTranslator(locale);
          const intro = t('mail.signInIntro', { name });
          const expiry = t('mail.signInExpiry');
          await sendMail({
            tenantId: context?.tenantId ?? null,
            to: identifier,
            subject: t('mail.signInSubject', { name }),
            text: `${intro}\n\n${url}\n\n${expiry}\n`,
            html: `<p>${escapeHtml(intro)}</p><p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p><p>${escapeHtml(expiry)}</p>`,
          });
        },
      },
    ],
    callbacks: {
      // A suspended marketplace refuses sign-ins, except its administrators and platform operators.
      async signIn({ user }) {
        const slug = (await headers()).get(TENANT_HEADERS.slug);
        if (!slug) return true;
        const tenant = await findTenantBySlug(slug);
        if (!tenant || tenant.status !== 'suspended') return true;
        return user.email ? signInAllowedWhileSuspended(getDb(), tenant.id, user.email) : false;
      },
      // Only our own origin: never follow a callbackUrl to another host.
      redirect({ url, baseUrl }) {
        if (url.startsWith('/') && !url.startsWith('//')) return `${baseUrl}${url}`;
        return new URL(url).origin === baseUrl ? url : baseUrl;
      },
    },
    events: {
      async signIn({ user }) {
        const tenantSlug = (await headers()).get(TENANT_HEADERS.slug);
        await recordPlatformAuditEvent(getDb(), {
          type: 'auth.signed_in',
          actorUserId: user.id ?? null,
          objectType: 'user',
          objectId: user.id ?? undefined,
          data: { method: 'email', tenant: tenantSlug },
        });
        if (tenantSlug && user.id) {
          await withTenant({ slug: tenantSlug }, (tx) =>
            recordAuditEvent(tx, { type: 'auth.signed_in', actorUserId: user.id, objectType: 'user', objectId: user.id, data: { method: 'email' } }),
          );
        }
      },
    },
  };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const { handlers, signIn, signOut } = NextAuth(async () => buildConfig());
