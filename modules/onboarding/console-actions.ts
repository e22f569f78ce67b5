'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb, getSql } from '@/db/client';
import { formStrings, translatedFieldErrors } from './errors';
import { changeTenantStatus, deleteArchivedTenant, LIFECYCLE_STATUSES, LifecycleError } from './lifecycle';
import { requirePlatformAdminAction } from './platform-context';
import type { StepFormState } from './ui/step-form';

const ZStatusChange = z.object({
  slug: z.string().min(1).max(40),
  to: z.enum(LIFECYCLE_STATUSES, { message: 'onboarding.errors.chooseOne' }),
  reason: z.string().trim().min(3, { message: 'platformConsole.errors.reasonRequired' }).max(1000, { message: 'onboarding.errors.tooLong' }),
});

export async function changeTenantStatusAction(_state: StepFormState, form: FormData): Promise<StepFormState> {
  const ctx = await requirePlatformAdminAction();
  const values = formStrings(form);
  const parsed = ZStatusChange.safeParse(values);
  if (!parsed.success) return { errors: translatedFieldErrors(parsed.error, ctx.t), values };
  try {
    await changeTenantStatus(getDb(), { ...parsed.data, actorUserId: ctx.user.id });
  } catch (error) {
    if (error instanceof LifecycleError) return { errors: { to: ctx.t(`platformConsole.errors.${error.code}`) }, values };
    throw error;
  }
  redirect(ctx.href(`/console/tenants/${parsed.data.slug}?changed=1`));
}

export async function deleteTenantAction(_state: StepFormState, form: FormData): Promise<StepFormState> {
  const ctx = await requirePlatformAdminAction();
  const values = formStrings(form);
  const slug = String(values.slug ?? '');
  try {
    await deleteArchivedTenant(getDb(), getSql(), { slug, confirmation: String(values.confirmation ?? ''), actorUserId: ctx.user.id });
  } catch (error) {
    if (error instanceof LifecycleError) return { errors: { confirmation: ctx.t(`platformConsole.errors.${error.code}`, { slug }) }, values: { ...values, confirmation: '' } };
    throw error;
  }
  redirect(ctx.href('/console?deleted=1'));
}
