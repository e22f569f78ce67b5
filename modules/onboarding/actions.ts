'use server';

import { after } from 'next/server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb, getSql } from '@/db/client';
import { recordPlatformAuditEvent } from '@/modules/audit/record';
import { SHIPPED_LOCALES } from '@/modules/i18n/locales';
import { checkBrandAsset } from '@/tenants/assets';
import { createDraft, domainTaken, findDraft, saveDraftLogo, saveDraftStep, slugTaken } from './drafts';
import { formStrings, translatedFieldErrors } from './errors';
import { requirePlatformAdminAction } from './platform-context';
import { claimDraftForProvisioning, provisionDraft } from './provision';
import type { StepFormState } from './ui/step-form';
import { STEP_SCHEMAS, WIZARD_STEPS, buildTenantConfig, type WizardData, type WizardStep } from './wizard-schema';

const ZDraftId = z.uuid();

export async function startDraftAction(): Promise<void> {
  const ctx = await requirePlatformAdminAction();
  const id = await createDraft(getDb(), ctx.user.id);
  await recordPlatformAuditEvent(getDb(), { type: 'tenant_draft.started', actorUserId: ctx.user.id, objectType: 'tenant_draft', objectId: id });
  redirect(ctx.href(`/console/drafts/${id}/authority`));
}

/** The form fields of a step as the object its zod schema expects. */
function stepInput(step: WizardStep, form: FormData): unknown {
  const v = (name: string) => String(form.get(name) ?? '');
  switch (step) {
    case 'authority':
      return { name: v('name'), authorityType: v('authorityType'), country: v('country'), timezone: v('timezone'), currency: v('currency') };
    case 'address':
      return {
        slug: v('slug'),
        domains: v('domains')
          .split(/[\s,]+/)
          .map((d) => d.trim().toLowerCase())
          .filter(Boolean),
      };
    case 'languages':
      return {
        locales: form.getAll('locales').map(String),
        defaultLocale: v('defaultLocale'),
        names: Object.fromEntries(SHIPPED_LOCALES.map((code) => [code, v(`name_${code}`)]).filter(([, n]) => n)),
      };
    case 'branding':
      return { primary: v('primary').trim().toLowerCase(), primaryText: v('primaryText').trim().toLowerCase(), secondary: v('secondary').trim().toLowerCase() };
    case 'template':
      return { template: v('template') };
    case 'admin':
      return { ocidPrefix: v('ocidPrefix'), adminName: v('adminName'), adminEmail: v('adminEmail') };
    default:
      return {};
  }
}

function fieldFor(step: WizardStep) {
  return (path: PropertyKey[]): string => {
    if (step === 'languages' && path[0] === 'names') return `name_${String(path[1])}`;
    if (step === 'address' && path[0] === 'domains') return 'domains';
    return String(path[0] ?? 'form');
  };
}

/** Validates and stores one step, then moves to the next; errors come back next to the fields. */
export async function saveWizardStepAction(_state: StepFormState, form: FormData): Promise<StepFormState> {
  const ctx = await requirePlatformAdminAction();
  const { t } = ctx;
  const values = formStrings(form);
  const draftId = ZDraftId.safeParse(form.get('draft'));
  const step = String(form.get('step') ?? '') as WizardStep;
  if (!draftId.success || !(step in STEP_SCHEMAS)) return { errors: { form: t('validation.invalid') }, values };
  const db = getDb();
  const draft = await findDraft(db, draftId.data);
  if (!draft || !['draft', 'failed'].includes(draft.status)) return { errors: { form: t('onboarding.errors.notEditable') }, values };
  const schema = STEP_SCHEMAS[step as keyof typeof STEP_SCHEMAS];
  const parsed = schema.safeParse(stepInput(step, form));
  const errors: Record<string, string> = parsed.success ? {} : translatedFieldErrors(parsed.error, t, fieldFor(step));
  if (step === 'address' && parsed.success) {
    const address = parsed.data as { slug: string; domains: string[] };
    if (await slugTaken(db, address.slug)) errors.slug = t('onboarding.errors.slugTaken', { slug: address.slug });
    const taken = await domainTaken(db, address.domains);
    if (taken) errors.domains = t('onboarding.errors.domainTaken', { domain: taken });
  }
  let logo: { body: Buffer; contentType: string } | null = null;
  if (step === 'branding') {
    const file = form.get('logo');
    if (file instanceof File && file.size > 0) {
      const body = Buffer.from(await file.arrayBuffer());
      const check = checkBrandAsset(body);
      if (!check.ok) errors.logo = t(`onboarding.errors.logo.${check.reason}`);
      else if (check.contentType === 'image/x-icon') errors.logo = t('onboarding.errors.logo.unsupportedType');
      else logo = { body, contentType: check.contentType };
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors, values };
  await saveDraftStep(db, draft.id, step, parsed.data);
  if (logo) await saveDraftLogo(db, draft.id, logo.body, logo.contentType);
  if (form.get('removeLogo') === 'yes') await saveDraftLogo(db, draft.id, null, null);
  const next = WIZARD_STEPS[WIZARD_STEPS.indexOf(step) + 1] ?? 'review';
  redirect(ctx.href(`/console/drafts/${draft.id}/${next}`));
}

/** Submits a complete draft: validated as a whole, then provisioned after the response (progress page polls). */
export async function submitDraftAction(_state: StepFormState, form: FormData): Promise<StepFormState> {
  const ctx = await requirePlatformAdminAction();
  const { t } = ctx;
  const draftId = ZDraftId.safeParse(form.get('draft'));
  if (!draftId.success) return { errors: { form: t('validation.invalid') } };
  const db = getDb();
  const draft = await findDraft(db, draftId.data);
  if (!draft) return { errors: { form: t('validation.invalid') } };
  try {
    buildTenantConfig(draft.data as WizardData, draft.logoContentType);
  } catch (error) {
    if (error instanceof z.ZodError) return { errors: translatedFieldErrors(error, t, () => 'form') };
    return { errors: { form: t('onboarding.errors.incomplete') } };
  }
  if (!(await claimDraftForProvisioning(db, draft.id))) return { errors: { form: t('onboarding.errors.notEditable') } };
  await recordPlatformAuditEvent(db, { type: 'tenant_draft.submitted', actorUserId: ctx.user.id, objectType: 'tenant_draft', objectId: draft.id });
  const actor = ctx.user.id;
  after(() => provisionDraft(getDb(), getSql(), draft.id, { actorUserId: actor }));
  redirect(ctx.href(`/console/drafts/${draft.id}`));
}
