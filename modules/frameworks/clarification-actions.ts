'use server';

import { notFound } from 'next/navigation';
import { z } from 'zod';
import { withTenant } from '@/db/with-tenant';
import { findSupplierForUser } from '@/modules/applications/service';
import { fieldErrors, formValues, requireActionRole, requireSignedInAction } from '@/modules/tenancy/action-context';
import type { ActionFormState } from '@/modules/ui/action-form';
import { answerClarification, askClarification, ClarificationClosedError } from './clarifications';
import { findFrameworkBySlug } from './queries';

const ZSlug = z.string().regex(/^[a-z][a-z0-9-]{2,62}$/);

export async function askClarificationAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireSignedInAction();
  const ZInput = z.object({
    framework: ZSlug,
    question: z.string().trim().min(10, { message: 'clarifications.questionTooShort' }).max(2000, { message: 'clarifications.questionTooLong' }),
  });
  const values = formValues(form);
  const parsed = ZInput.safeParse({ framework: form.get('framework'), question: form.get('question') ?? '' });
  if (!parsed.success) return { values, errors: fieldErrors(parsed.error, ctx.t, (path) => String(path[0])) };
  const problem = await withTenant(ctx.tenant, async (tx) => {
    // Only people acting for a supplier of this marketplace may ask.
    const supplier = await findSupplierForUser(tx, ctx.user.id);
    const framework = await findFrameworkBySlug(tx, parsed.data.framework, ctx.tenant.config.timezone);
    if (!supplier || !framework) notFound();
    try {
      await askClarification(tx, framework, ctx.tenant.config.timezone, parsed.data.question, ctx.user.id);
      return null;
    } catch (error) {
      if (error instanceof ClarificationClosedError) return ctx.t('clarifications.closed');
      throw error;
    }
  });
  if (problem) return { values, errors: { question: problem } };
  return { notice: ctx.t('clarifications.asked') };
}

export async function answerClarificationAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireActionRole(['tenant_admin', 'framework_manager', 'platform_admin']);
  const ZInput = z.object({
    framework: ZSlug,
    question: z.uuid(),
    answer: z.string().trim().min(2, { message: 'clarifications.answerRequired' }).max(5000, { message: 'clarifications.answerTooLong' }),
  });
  const values = formValues(form);
  const parsed = ZInput.safeParse({ framework: form.get('framework'), question: form.get('question'), answer: form.get('answer') ?? '' });
  if (!parsed.success) return { values, errors: fieldErrors(parsed.error, ctx.t, (path) => String(path[0])) };
  const done = await withTenant(ctx.tenant, async (tx) => {
    const framework = await findFrameworkBySlug(tx, parsed.data.framework, ctx.tenant.config.timezone);
    if (!framework) notFound();
    return answerClarification(tx, framework, parsed.data.question, parsed.data.answer, ctx.user.id);
  });
  if (!done) notFound();
  return { values, notice: ctx.t('clarifications.published') };
}
