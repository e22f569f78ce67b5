'use server';

import { z } from 'zod';
import { withTenant } from '@/db/with-tenant';
import { formValues, requireActionRole } from '@/modules/tenancy/action-context';
import type { ActionFormState } from '@/modules/ui/action-form';
import { GUIDANCE_PAGES, saveGuidance } from './guidance';
import { MARKDOWN_MAX_LENGTH } from './markdown';

const ADMINS = ['tenant_admin', 'platform_admin'] as const;

/** Tenant administrators edit a guidance page in one of the tenant's languages. Bad input changes nothing. */
export async function saveGuidanceAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireActionRole(ADMINS);
  const values = formValues(form);
  const enabled = ctx.tenant.config.locales.map((l) => l.code as string);
  const parsed = z
    .object({
      page: z.enum(GUIDANCE_PAGES),
      content: z.string().refine((l) => enabled.includes(l)),
      markdown: z.string().max(MARKDOWN_MAX_LENGTH, { message: 'guidance.tooLong' }),
    })
    .safeParse({ page: form.get('page'), content: form.get('content'), markdown: form.get('markdown') ?? '' });
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    // Every problem is shown on the text field: page and language come from the page's own links, not typing.
    for (const issue of parsed.error.issues) {
      errors.markdown ??=
        issue.message === 'guidance.tooLong' ? ctx.t('guidance.tooLong', { max: MARKDOWN_MAX_LENGTH.toLocaleString(ctx.locale) }) : ctx.t('guidance.invalid');
    }
    return { values, errors };
  }
  await withTenant(ctx.tenant, (tx) =>
    saveGuidance(tx, { page: parsed.data.page, locale: parsed.data.content, markdown: parsed.data.markdown, userId: ctx.user.id }),
  );
  return { values, notice: ctx.t(parsed.data.markdown.trim() === '' ? 'guidance.reset' : 'guidance.saved') };
}
