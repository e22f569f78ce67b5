import { cookies, headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db/client';
import { sessionCookieName } from '@/modules/auth/cookies';
import { hasAnyRole, rolesInTenant } from '@/modules/auth/memberships';
import { resolveSessionToken, type SignedInUser } from '@/modules/auth/session';
import type { FormatSettings } from '@/modules/i18n/format';
import { getTranslator, type TFunction } from '@/modules/i18n/server';
import type { Role } from '@/tenants/config-schema';
import { findTenantBySlug, localeFormat, type Tenant } from '@/tenants/registry';
import { TENANT_HEADERS } from '@/tenants/request-headers';

export interface TenantPageContext {
  tenant: Tenant;
  locale: string;
  /** '' on a tenant host, '/t/<slug>' on the path fallback. */
  basePath: string;
  t: TFunction;
  fmt: FormatSettings;
  /** Link to a page of this tenant in the current locale. */
  href: (path?: string) => string;
}

/** The tenant the proxy resolved from the Host (never from a client header: the proxy overwrites it). */
export const tenantFromRequest = cache(async (): Promise<{ tenant: Tenant; basePath: string } | null> => {
  const h = await headers();
  const slug = h.get(TENANT_HEADERS.slug);
  if (!slug) return null;
  const tenant = await findTenantBySlug(slug);
  return tenant ? { tenant, basePath: h.get(TENANT_HEADERS.basePath) ?? '' } : null;
});

export const tenantPageContext = cache(async (slugParam: string, locale: string): Promise<TenantPageContext> => {
  const resolved = await tenantFromRequest();
  // The route params must agree with what the proxy resolved; anything else is a crafted internal path.
  if (!resolved || resolved.tenant.slug !== slugParam) notFound();
  const { tenant, basePath } = resolved;
  if (!tenant.config.locales.some((l) => l.code === locale)) notFound();
  return {
    tenant,
    locale,
    basePath,
    t: getTranslator(locale, {
      slug: tenant.slug,
      configVersion: tenant.configVersion,
      terminology: tenant.config.terminology,
    }),
    fmt: { format: localeFormat(tenant, locale), timezone: tenant.config.timezone, currency: tenant.config.currency },
    href: (path = '') => `${basePath}/${locale}${path}`,
  };
});

export const signedInUser = cache(async (): Promise<SignedInUser | null> => {
  // Only the cookie for this scheme: over HTTPS a plain-named cookie could have been planted over HTTP.
  const secure = (await headers()).get('x-forwarded-proto') === 'https';
  const token = (await cookies()).get(sessionCookieName(secure))?.value;
  return token ? resolveSessionToken(getDb(), token) : null;
});

export const rolesHere = cache(async (userId: string, tenantId: string | null): Promise<Role[]> =>
  rolesInTenant(getDb(), userId, tenantId),
);

/**
 * A 404 from inside a page. notFound() cannot render a not-found page under our dynamic root layouts
 * (Next falls back to an empty error shell), so we redirect to a path no route matches: the global
 * not-found page then answers 404 with the tenant's brand and language.
 */
export function pageNotFound(ctx: { basePath: string; locale: string }): never {
  redirect(`${ctx.basePath}/${ctx.locale}/${NOT_FOUND_SEGMENT}`);
}

export const NOT_FOUND_SEGMENT = 'page-not-found';

/** Page guard: anonymous → sign-in page; signed in without an allowed role → 404, like a missing page. */
export async function requireTenantRole(
  ctx: TenantPageContext,
  allowed: readonly Role[],
): Promise<{ user: SignedInUser; roles: Role[] }> {
  const user = await signedInUser();
  if (!user) {
    const pagePath = (await headers()).get(TENANT_HEADERS.path) ?? '';
    redirect(ctx.href(`/sign-in?next=${encodeURIComponent(ctx.href(pagePath))}`));
  }
  const roles = await rolesHere(user.id, ctx.tenant.id);
  if (allowed.length > 0 && !hasAnyRole(roles, allowed)) pageNotFound(ctx);
  return { user, roles };
}

export function isDemoMode(): boolean {
  return process.env.DEMO_MODE === '1';
}
