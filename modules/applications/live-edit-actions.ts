'use server';

import { notFound } from 'next/navigation';
import { z } from 'zod';
import { withTenant } from '@/db/with-tenant';
import { findFrameworkBySlug } from '@/modules/frameworks/queries';
import { requireActionRole } from '@/modules/tenancy/action-context';
import type { ActionFormState } from '@/modules/ui/action-form';
import { decideLiveEdit, LiveEditError } from './live-edits';

export async function decideLiveEditAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireActionRole(['tenant_admin', 'framework_manager', 'platform_admin']);
  const parsed = z
    .object({ framework: z.string().regex(/^[a-z][a-z0-9-]{2,62}$/), service: z.uuid(), decision: z.enum(['approve', 'reject']) })
    .safeParse({ framework: form.get('framework'), service: form.get('service'), decision: form.get('decision') });
  if (!parsed.success) return { errors: { decision: ctx.t('validation.invalid') } };
  const problem = await withTenant(ctx.tenant, async (tx) => {
    const framework = await findFrameworkBySlug(tx, parsed.data.framework, ctx.tenant.config.timezone);
    if (!framework) notFound();
    try {
      await decideLiveEdit(tx, framework, parsed.data.service, parsed.data.decision === 'approve', ctx.user.id);
      return null;
    } catch (error) {
      if (error instanceof LiveEditError) return ctx.t(error.key);
      throw error;
    }
  });
  if (problem) return { errors: { decision: problem } };
  return { notice: ctx.t(parsed.data.decision === 'approve' ? 'liveEdits.approved' : 'liveEdits.rejected') };
}
