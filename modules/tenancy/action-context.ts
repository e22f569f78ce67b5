import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import type { ZodError } from 'zod';
import { getTranslator, type TFunction } from '@/modules/i18n/server';
import type { Role } from '@/tenants/config-schema';
import type { Tenant } from '@/tenants/registry';
import { TENANT_HEADERS } from '@/tenants/request-headers';
import type { SignedInUser } from '@/modules/auth/session';
import { rolesHere, signedInUser, tenantFromRequest } from './context';

export interface SignedInActionContext {
  tenant: Tenant;
  basePath: string;
  locale: string;
  user: SignedInUser;
  t: TFunction;
  href: (path?: string) => string;
  notFound: () => never;
}

/** Any signed-in person on this tenant; what they may touch is checked against the data (e.g. their supplier). */
export async function requireSignedInAction(): Promise<SignedInActionContext> {
  const resolved = await tenantFromRequest();
  const user = await signedInUser();
  if (!resolved || !user) notFound();
  const h = await headers();
  const enabled = resolved.tenant.config.locales.map((l) => l.code as string);
  const requested = h.get(TENANT_HEADERS.locale) ?? '';
  const locale = enabled.includes(requested) ? requested : resolved.tenant.config.defaultLocale;
  const t = getTranslator(locale, {
    slug: resolved.tenant.slug,
    configVersion: resolved.tenant.configVersion,
    terminology: resolved.tenant.config.terminology,
  });
  return {
    tenant: resolved.tenant,
    basePath: resolved.basePath,
    locale,
    user,
    t,
    href: (path = '') => `${resolved.basePath}/${locale}${path}`,
    notFound: () => notFound(),
  };
}

export interface ActionContext {
  tenant: Tenant;
  basePath: string;
  locale: string;
  user: SignedInUser;
  roles: Role[];
  t: TFunction;
  href: (path?: string) => string;
}

/** Server actions re-derive everything from the request (tenant, person, roles); nothing posted decides it. */
export async function requireActionRole(allowed: readonly Role[]): Promise<ActionContext> {
  const ctx = await requireSignedInAction();
  const roles = await rolesHere(ctx.user.id, ctx.tenant.id);
  if (!roles.some((r) => allowed.includes(r))) notFound();
  return { tenant: ctx.tenant, basePath: ctx.basePath, locale: ctx.locale, user: ctx.user, roles, t: ctx.t, href: ctx.href };
}

/** Our schemas name a translation key as the message; zod's own (English) defaults are not keys. */
const MESSAGE_KEY = /^[a-zA-Z]+(\.[a-zA-Z0-9_]+)+$/;

/** One translated message per field from a zod error; `fieldFor` maps an issue path to a form field name. */
export function fieldErrors(error: ZodError, t: TFunction, fieldFor: (path: PropertyKey[]) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = fieldFor(issue.path);
    if (out[field]) continue;
    const params = 'params' in issue && issue.params ? (issue.params as Record<string, string>) : {};
    const translated = MESSAGE_KEY.test(issue.message) ? t(issue.message, params) : null;
    out[field] = translated && translated !== issue.message ? translated : t('validation.invalid');
  }
  return out;
}

export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === 'string' && !key.startsWith('$ACTION')) values[key] = value.slice(0, 20_000);
  return values;
}
