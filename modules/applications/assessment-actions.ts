'use server';

import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import { withTenant } from '@/db/with-tenant';
import { findFrameworkBySlug } from '@/modules/frameworks/queries';
import { fieldErrors, formValues, requireActionRole, requireSignedInAction } from '@/modules/tenancy/action-context';
import type { ActionFormState } from '@/modules/ui/action-form';
import { TENANT_HEADERS } from '@/tenants/request-headers';
import { scheduleInstants } from '@/modules/frameworks/lifecycle';
import { zonedTimeToInstant } from '@/modules/frameworks/zoned-time';
import { AssessmentError, countersignAgreement, extendSupplierDeadline, decideDiscretionary, publishLiveServices, runAutomaticAssessment, signAgreement } from './assessment';
import { sendResultLetters } from './result-letters';
import { findSupplierForUser } from './service';

const MANAGERS = ['tenant_admin', 'framework_manager', 'platform_admin'] as const;
const EVALUATORS = [...MANAGERS, 'evaluator'] as const;
const ZSlug = z.string().regex(/^[a-z][a-z0-9-]{2,62}$/);

async function origin(): Promise<string> {
  const h = await headers();
  return `${h.get('x-forwarded-proto') === 'https' ? 'https' : 'http'}://${h.get(TENANT_HEADERS.host) ?? 'localhost'}${h.get(TENANT_HEADERS.basePath) ?? ''}`;
}

export async function runAssessmentAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireActionRole(MANAGERS);
  const slug = ZSlug.safeParse(form.get('framework'));
  if (!slug.success) notFound();
  const outcome = await withTenant(ctx.tenant, async (tx) => {
    const framework = await findFrameworkBySlug(tx, slug.data, ctx.tenant.config.timezone);
    if (!framework) notFound();
    try {
      return { framework, decided: await runAutomaticAssessment(tx, framework, ctx.user.id) };
    } catch (error) {
      if (error instanceof AssessmentError) return { error: ctx.t(error.key) };
      throw error;
    }
  });
  if ('error' in outcome) return { errors: { framework: outcome.error! } };
  const letters = await sendResultLetters(ctx.tenant, outcome.framework, outcome.decided, await origin());
  return { notice: ctx.t('assessment.ranNotice', { count: outcome.decided.length, letters }) };
}

export async function decideAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireActionRole(EVALUATORS);
  const ZInput = z.object({
    framework: ZSlug,
    supplier: z.uuid(),
    result: z.enum(['pass', 'fail'], { message: 'assessment.chooseResult' }),
    reason: z.string().trim().min(5, { message: 'assessment.reasonRequired' }).max(1000, { message: 'assessment.reasonTooLong' }),
  });
  const values = formValues(form);
  const parsed = ZInput.safeParse({ framework: form.get('framework'), supplier: form.get('supplier'), result: form.get('result') ?? undefined, reason: form.get('reason') ?? '' });
  if (!parsed.success) return { values, errors: fieldErrors(parsed.error, ctx.t, (path) => String(path[0])) };
  const { framework: slug, supplier, result, reason } = parsed.data;
  const outcome = await withTenant(ctx.tenant, async (tx) => {
    const framework = await findFrameworkBySlug(tx, slug, ctx.tenant.config.timezone);
    if (!framework) notFound();
    try {
      await decideDiscretionary(tx, framework, supplier, result, reason, ctx.user.id);
      return { framework };
    } catch (error) {
      if (error instanceof AssessmentError) return { error: ctx.t(error.key) };
      throw error;
    }
  });
  if ('error' in outcome) return { values, errors: { result: outcome.error! } };
  await sendResultLetters(ctx.tenant, outcome.framework, [{ supplierId: supplier, result }], await origin());
  return { notice: ctx.t('assessment.decidedNotice') };
}

export async function countersignAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireActionRole(MANAGERS);
  const slug = ZSlug.safeParse(form.get('framework'));
  const supplier = z.uuid().safeParse(form.get('supplier'));
  if (!slug.success || !supplier.success) notFound();
  const problem = await withTenant(ctx.tenant, async (tx) => {
    const framework = await findFrameworkBySlug(tx, slug.data, ctx.tenant.config.timezone);
    if (!framework) notFound();
    try {
      await countersignAgreement(tx, framework, supplier.data, ctx.user.id);
      await publishLiveServices(tx, framework, ctx.user.id);
      return null;
    } catch (error) {
      if (error instanceof AssessmentError) return ctx.t(error.key);
      throw error;
    }
  });
  if (problem) return { errors: { supplier: problem } };
  return { notice: ctx.t('assessment.countersignedNotice') };
}

export async function publishServicesAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireActionRole(MANAGERS);
  const slug = ZSlug.safeParse(form.get('framework'));
  if (!slug.success) notFound();
  const count = await withTenant(ctx.tenant, async (tx) => {
    const framework = await findFrameworkBySlug(tx, slug.data, ctx.tenant.config.timezone);
    if (!framework) notFound();
    return publishLiveServices(tx, framework, ctx.user.id);
  });
  return { notice: ctx.t('assessment.publishedNotice', { count }) };
}

export async function signAgreementAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireSignedInAction();
  const ZInput = z.object({
    framework: ZSlug,
    signerName: z.string().trim().min(2, { message: 'assessment.signerNameRequired' }).max(120),
    signerRole: z.string().trim().min(2, { message: 'assessment.signerRoleRequired' }).max(120),
    authority: z.literal('yes', { message: 'assessment.authorityRequired' }),
  });
  const values = formValues(form);
  const parsed = ZInput.safeParse({ framework: form.get('framework'), signerName: form.get('signerName') ?? '', signerRole: form.get('signerRole') ?? '', authority: form.get('authority') ?? '' });
  if (!parsed.success) return { values, errors: fieldErrors(parsed.error, ctx.t, (path) => String(path[0])) };
  const { framework: slug, signerName, signerRole } = parsed.data;
  const problem = await withTenant(ctx.tenant, async (tx) => {
    const supplier = await findSupplierForUser(tx, ctx.user.id);
    const framework = await findFrameworkBySlug(tx, slug, ctx.tenant.config.timezone);
    if (!supplier || !framework) notFound();
    try {
      await signAgreement(tx, framework, supplier.id, { name: signerName, role: signerRole }, ctx.user.id);
      return null;
    } catch (error) {
      if (error instanceof AssessmentError) return ctx.t(error.key);
      throw error;
    }
  });
  if (problem) return { values, errors: { signerName: problem } };
  redirect(ctx.href(`/supplier/frameworks/${slug}?signed=1`));
}

export async function extendDeadlineAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireActionRole(MANAGERS);
  const ZInput = z.object({
    framework: ZSlug,
    supplier: z.uuid({ message: 'assessment.chooseSupplier' }),
    date: z.iso.date({ message: 'assessment.extensionDate' }),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'assessment.extensionTime' }),
    reason: z.string().trim().min(5, { message: 'assessment.reasonRequired' }).max(1000, { message: 'assessment.reasonTooLong' }),
  });
  const values = formValues(form);
  const parsed = ZInput.safeParse(Object.fromEntries(['framework', 'supplier', 'date', 'time', 'reason'].map((k) => [k, String(form.get(k) ?? '')])));
  if (!parsed.success) return { values, errors: fieldErrors(parsed.error, ctx.t, (path) => String(path[0])) };
  const { framework: slug, supplier, date, time, reason } = parsed.data;
  const problem = await withTenant(ctx.tenant, async (tx) => {
    const framework = await findFrameworkBySlug(tx, slug, ctx.tenant.config.timezone);
    if (!framework) notFound();
    const until = zonedTimeToInstant(date, time, ctx.tenant.config.timezone);
    if (until <= scheduleInstants(framework.schedule, ctx.tenant.config.timezone).applicationsClose) return { field: 'date', message: ctx.t('assessment.extensionTooEarly') };
    try {
      await extendSupplierDeadline(tx, framework, supplier, until, reason, ctx.user.id);
      return null;
    } catch (error) {
      if (error instanceof AssessmentError) return { field: 'supplier', message: ctx.t(error.key) };
      throw error;
    }
  });
  if (problem) return { values, errors: { [problem.field]: problem.message } };
  return { notice: ctx.t('assessment.extended') };
}
