'use server';

import { and, eq } from 'drizzle-orm';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { tenantDrafts } from '@/db/schema/platform-onboarding';
import { recordPlatformAuditEvent } from '@/modules/audit/record';
import { isShippedLocale } from '@/modules/i18n/locales';
import { getTranslator } from '@/modules/i18n/server';
import { TENANT_HEADERS } from '@/tenants/request-headers';
import { createDraft } from './drafts';
import { formStrings, translatedFieldErrors } from './errors';
import { requirePlatformAdminAction } from './platform-context';
import type { StepFormState } from './ui/step-form';

/** Self-serve sign-up is a deployment choice, off unless SELF_SERVE_SIGNUP=1. */
export async function selfServeSignupEnabled(): Promise<boolean> {
  return process.env.SELF_SERVE_SIGNUP === '1';
}

const ZSignupRequest = z.object({
  name: z.string().trim().min(1, { message: 'onboarding.errors.required' }).max(200, { message: 'onboarding.errors.tooLong' }),
  email: z.string().trim().toLowerCase().pipe(z.email({ message: 'onboarding.errors.email' })),
  slug: z.string().trim().toLowerCase().max(30, { message: 'onboarding.errors.tooLong' }),
  purpose: z.string().trim().max(2000, { message: 'onboarding.errors.tooLong' }),
});

/** An authority asks for a marketplace; nothing is created until a platform admin approves it. */
export async function requestMarketplaceAction(_state: StepFormState, form: FormData): Promise<StepFormState> {
  if (!(await selfServeSignupEnabled())) notFound();
  const h = await headers();
  if (h.get(TENANT_HEADERS.slug)) notFound();
  const requested = h.get(TENANT_HEADERS.locale) ?? 'en';
  const locale = isShippedLocale(requested) ? requested : 'en';
  const t = getTranslator(locale);
  const values = formStrings(form);
  const parsed = ZSignupRequest.safeParse({ name: values.name ?? '', email: values.email ?? '', slug: values.slug ?? '', purpose: values.purpose ?? '' });
  if (!parsed.success) return { errors: translatedFieldErrors(parsed.error, t), values };
  const db = getDb();
  const id = await createDraft(db, null, { request: parsed.data } as never, parsed.data.email, 'requested');
  await recordPlatformAuditEvent(db, { type: 'tenant_request.received', objectType: 'tenant_draft', objectId: id, data: { email: parsed.data.email } });
  return { notice: t('platformConsole.requestReceived') };
}

/** A platform admin accepts a request: it becomes a draft in the same wizard, prefilled from the request. */
export async function approveSignupAction(form: FormData): Promise<void> {
  const ctx = await requirePlatformAdminAction();
  const id = z.uuid().safeParse(form.get('draft'));
  if (!id.success) notFound();
  const db = getDb();
  const rows = await db
    .update(tenantDrafts)
    .set({ status: 'draft', createdBy: ctx.user.id, updatedAt: new Date() })
    .where(and(eq(tenantDrafts.id, id.data), eq(tenantDrafts.status, 'requested')))
    .returning({ id: tenantDrafts.id });
  if (rows.length === 0) notFound();
  await recordPlatformAuditEvent(db, { type: 'tenant_request.approved', actorUserId: ctx.user.id, objectType: 'tenant_draft', objectId: id.data });
  redirect(ctx.href(`/console/drafts/${id.data}/authority`));
}
