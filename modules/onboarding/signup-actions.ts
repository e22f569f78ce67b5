'use server';

import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { isShippedLocale } from '@/modules/i18n/locales';
import { getTranslator } from '@/modules/i18n/server';
import { TENANT_HEADERS } from '@/tenants/request-headers';
import { approveSignupRequest, recordSignupRequest, ZSignupRequest } from './signup';
import { formStrings, translatedFieldErrors } from './errors';
import { requirePlatformAdminAction } from './platform-context';
import type { StepFormState } from './ui/step-form';

/** Self-serve sign-up is a deployment choice, off unless SELF_SERVE_SIGNUP=1. */
export async function selfServeSignupEnabled(): Promise<boolean> {
  return process.env.SELF_SERVE_SIGNUP === '1';
}

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
  await recordSignupRequest(getDb(), parsed.data);
  return { notice: t('platformConsole.requestReceived') };
}

/** A platform admin accepts a request: it becomes a draft in the same wizard, prefilled from the request. */
export async function approveSignupAction(form: FormData): Promise<void> {
  const ctx = await requirePlatformAdminAction();
  const id = z.uuid().safeParse(form.get('draft'));
  if (!id.success) notFound();
  if (!(await approveSignupRequest(getDb(), id.data, ctx.user.id))) notFound();
  redirect(ctx.href(`/console/drafts/${id.data}/authority`));
}
