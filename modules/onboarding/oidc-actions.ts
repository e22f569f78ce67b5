'use server';

import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { recordAuditEvent, recordPlatformAuditEvent } from '@/modules/audit/record';
import { signIn } from '@/modules/auth/config';
import { safeNextPath } from '@/modules/auth/next-path';
import { withTenant } from '@/db/with-tenant';
import { requireActionRole } from '@/modules/tenancy/action-context';
import { tenantFromRequest } from '@/modules/tenancy/context';
import { TENANT_HEADERS } from '@/tenants/request-headers';
import { formStrings, translatedFieldErrors } from './errors';
import { saveTenantOidc, tenantOidcProvider, ZOidcSettings } from './oidc';
import type { StepFormState } from './ui/step-form';

/** Starts sign-in with this tenant's identity provider (Auth.js redirects to it). */
export async function signInWithOidcAction(form: FormData): Promise<void> {
  const resolved = await tenantFromRequest();
  if (!resolved || !(await tenantOidcProvider(getDb(), resolved.tenant.id))) notFound();
  const h = await headers();
  const enabled = resolved.tenant.config.locales.map((l) => l.code as string);
  const requested = h.get(TENANT_HEADERS.locale) ?? '';
  const locale = enabled.includes(requested) ? requested : resolved.tenant.config.defaultLocale;
  const home = `${resolved.basePath}/${locale}`;
  const next = safeNextPath(form.get('next'), home) ?? `${home}/account`;
  await signIn('oidc', { redirectTo: next });
}

export async function saveOidcAction(_state: StepFormState, form: FormData): Promise<StepFormState> {
  const ctx = await requireActionRole(['tenant_admin', 'platform_admin']);
  const values = formStrings(form);
  const parsed = ZOidcSettings.safeParse({ ...values, clientSecret: values.clientSecret ?? '', enabled: values.enabled === 'yes' });
  // Never echo a secret back into the page.
  const safeValues = { ...values, clientSecret: '' };
  if (!parsed.success) return { errors: translatedFieldErrors(parsed.error, ctx.t), values: safeValues };
  const result = await saveTenantOidc(getDb(), ctx.tenant.id, parsed.data);
  if (result === 'secretRequired') return { errors: { clientSecret: ctx.t('onboarding.errors.required') }, values: safeValues };
  const entry = { type: 'tenant.identity_provider_saved', actorUserId: ctx.user.id, objectType: 'tenant', objectId: ctx.tenant.slug, data: { issuer: parsed.data.issuer, clientId: parsed.data.clientId, enabled: parsed.data.enabled } };
  await recordPlatformAuditEvent(getDb(), { ...entry, tenantId: ctx.tenant.id });
  await withTenant(ctx.tenant, (tx) => recordAuditEvent(tx, entry));
  return { notice: ctx.t('tenantSettings.saved') };
}
