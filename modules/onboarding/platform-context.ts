import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { rolesHere, signedInUser } from '@/modules/tenancy/context';
import type { SignedInUser } from '@/modules/auth/session';
import { isShippedLocale } from '@/modules/i18n/locales';
import { getTranslator, type TFunction } from '@/modules/i18n/server';
import { TENANT_HEADERS } from '@/tenants/request-headers';

/*
 * The operator console lives on the root domain (no tenant). Only platform-wide roles count here
 * (memberships with tenant null). Pages send anonymous people to sign in and others to a 404; actions 404.
 */

export interface PlatformContext {
  locale: string;
  t: TFunction;
  user: SignedInUser;
  href: (path?: string) => string;
}

export function platformHref(locale: string, path = ''): string {
  return `/platform/${locale}${path}`;
}

/** A page path no route matches: the global not-found page answers 404. */
export function platformNotFound(locale: string): never {
  redirect(platformHref(locale, '/page-not-found'));
}

export async function requirePlatformAdmin(locale: string, nextPath: string): Promise<PlatformContext> {
  if (!isShippedLocale(locale)) notFound();
  if ((await headers()).get(TENANT_HEADERS.slug)) notFound();
  const user = await signedInUser();
  if (!user) redirect(platformHref(locale, `/sign-in?next=${encodeURIComponent(platformHref(locale, nextPath))}`));
  const roles = await rolesHere(user.id, null);
  if (!roles.includes('platform_admin')) platformNotFound(locale);
  return { locale, t: getTranslator(locale), user, href: (path = '') => platformHref(locale, path) };
}

/** Server actions on the console: everything re-derived from the request; nothing posted decides who acts. */
export async function requirePlatformAdminAction(): Promise<PlatformContext> {
  const h = await headers();
  if (h.get(TENANT_HEADERS.slug)) notFound();
  const requested = h.get(TENANT_HEADERS.locale) ?? 'en';
  const locale = isShippedLocale(requested) ? requested : 'en';
  const user = await signedInUser();
  if (!user) notFound();
  const roles = await rolesHere(user.id, null);
  if (!roles.includes('platform_admin')) notFound();
  return { locale, t: getTranslator(locale), user, href: (path = '') => platformHref(locale, path) };
}
