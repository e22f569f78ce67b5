'use server';

import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { memberships } from '@/db/schema/platform';
import { withTenant, type TenantTx } from '@/db/with-tenant';
import { applicableQuestions } from '@/modules/frameworks/answer-validation';
import { errorMessages } from '@/modules/frameworks/field-models';
import { formDataToAnswers } from '@/modules/frameworks/form-data';
import { prepareUploads, storeUploads } from '@/modules/files/uploads';
import type { GeneratedFormState } from '@/modules/frameworks/generated-form';
import { findFrameworkBySlug, type Framework } from '@/modules/frameworks/queries';
import { schemeFor } from '@/modules/suppliers/registration-schemes';
import { fieldErrors, formValues, requireSignedInAction, type SignedInActionContext } from '@/modules/tenancy/action-context';
import type { ActionFormState } from '@/modules/ui/action-form';
import { sendMail } from '@/modules/notifications/send-mail';
import { tenantName } from '@/tenants/registry';
import { TENANT_HEADERS } from '@/tenants/request-headers';
import { editLiveService, LiveEditError } from './live-edits';
import { addTeamMember, answerInvitation, isSupplierAdmin, previousDeclarationAnswers } from './team';
import {
  ApplicationClosedError,
  ApplicationRuleError,
  createDraftService,
  findSupplierForUser,
  registerSupplier,
  saveDeclarationSection,
  saveDraftService,
  startApplication,
  submitApplication,
  type Supplier,
} from './service';

const ZSlug = z.string().regex(/^[a-z][a-z0-9-]{2,62}$/);

export async function registerSupplierAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireSignedInAction();
  const config = ctx.tenant.config.supplierRegistration;
  const scheme = schemeFor(config.scheme);
  const regions = config.regions;
  const ZInput = z.object({
    legalName: z.string().trim().min(2, { message: 'applications.legalNameRequired' }).max(200, { message: 'validation.invalid' }),
    registrationNumber: z
      .string()
      .transform((raw) => scheme.normalise(raw))
      .refine((n) => scheme.isValid(n), { message: 'applications.registrationNumberInvalid', params: { example: scheme.example } }),
    organisationSize: z.enum(['micro', 'small', 'medium', 'large'], { message: 'applications.sizeRequired' }),
    region: regions.length > 0 ? z.enum(regions as [string, ...string[]], { message: 'applications.regionRequired' }) : z.string().trim().max(80).optional(),
    description: z.string().trim().max(1000, { message: 'applications.descriptionTooLong' }).optional(),
  });
  const values = formValues(form);
  const parsed = ZInput.safeParse({
    legalName: form.get('legalName') ?? '',
    registrationNumber: form.get('registrationNumber') ?? '',
    organisationSize: form.get('organisationSize') ?? undefined,
    region: form.get('region') || undefined,
    description: form.get('description') || undefined,
  });
  if (!parsed.success) return { values, errors: fieldErrors(parsed.error, ctx.t, (path) => String(path[0])) };
  const created = await withTenant(ctx.tenant, async (tx) => {
    if (await findSupplierForUser(tx, ctx.user.id)) return false;
    await registerSupplier(tx, { ...parsed.data, registrationScheme: scheme.code }, ctx.user.id);
    return true;
  });
  if (created) {
    await getDb().insert(memberships).values({ userId: ctx.user.id, tenantId: ctx.tenant.id, role: 'supplier_admin' }).onConflictDoNothing();
  }
  redirect(ctx.href('/supplier?registered=1'));
}

interface SupplierActionContext extends SignedInActionContext {
  supplier: Supplier;
  framework: Framework;
}

/** The signed-in person's own supplier and a framework of this tenant; anything else is a 404. */
async function withSupplierFramework<T>(frameworkSlug: unknown, fn: (tx: TenantTx, ctx: SupplierActionContext) => Promise<T>): Promise<T> {
  const ctx = await requireSignedInAction();
  const slug = ZSlug.safeParse(frameworkSlug);
  if (!slug.success) notFound();
  return withTenant(ctx.tenant, async (tx) => {
    const supplier = await findSupplierForUser(tx, ctx.user.id);
    const framework = await findFrameworkBySlug(tx, slug.data, ctx.tenant.config.timezone);
    if (!supplier || !framework) notFound();
    return fn(tx, { ...ctx, supplier, framework });
  });
}

type Outcome = { redirectTo: string } | { errors: Record<string, string> };

function ruleProblem(error: unknown, t: SignedInActionContext['t']): string | null {
  if (error instanceof ApplicationClosedError) return t('applications.closed');
  if (error instanceof ApplicationRuleError) return t(error.key);
  return null;
}

export async function startApplicationAction(form: FormData): Promise<void> {
  const target = await withSupplierFramework(form.get('framework'), async (tx, ctx) => {
    try {
      await startApplication(tx, ctx.supplier.id, ctx.framework, ctx.tenant.config.timezone, ctx.user.id);
      return ctx.href(`/supplier/frameworks/${ctx.framework.slug}`);
    } catch (error) {
      if (error instanceof ApplicationClosedError) return ctx.href(`/supplier/frameworks/${ctx.framework.slug}?closed=1`);
      throw error;
    }
  });
  redirect(target);
}

export async function saveDeclarationAction(_state: GeneratedFormState, form: FormData): Promise<GeneratedFormState> {
  return withSupplierFramework(form.get('framework'), async (tx, ctx) => {
    const section = String(form.get('section') ?? '');
    const def = ctx.framework.definition;
    const questions = applicableQuestions(def, 'declaration');
    const typed = formDataToAnswers(form, questions);
    const uploads = await prepareUploads(form, questions);
    const fallback = ctx.tenant.config.defaultLocale;
    if (uploads.errors.length > 0) return { answers: typed, errors: errorMessages(uploads.errors, questions, def.rules, { t: ctx.t, locale: ctx.locale, fallback }) };
    const answers = { ...typed, ...uploads.answers };
    try {
      const { errors } = await saveDeclarationSection(tx, {
        supplierId: ctx.supplier.id,
        framework: ctx.framework,
        timeZone: ctx.tenant.config.timezone,
        section,
        answers,
        actor: ctx.user.id,
      });
      if (errors.length > 0) return { answers: typed, errors: errorMessages(errors, questions, def.rules, { t: ctx.t, locale: ctx.locale, fallback }) };
      await storeUploads(tx, uploads.files, { supplierId: ctx.supplier.id, actor: ctx.user.id });
      return { answers, notice: ctx.t('applications.sectionSaved') };
    } catch (error) {
      const problem = ruleProblem(error, ctx.t);
      if (problem) return { answers, errors: { form: problem } };
      throw error;
    }
  });
}

export async function addServiceAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const outcome = await withSupplierFramework(form.get('framework'), async (tx, ctx): Promise<Outcome> => {
    const lot = String(form.get('lot') ?? '');
    if (!ctx.framework.definition.lots.some((l) => l.slug === lot)) return { errors: { lot: ctx.t('applications.chooseLot') } };
    try {
      const id = await createDraftService(tx, { supplierId: ctx.supplier.id, framework: ctx.framework, timeZone: ctx.tenant.config.timezone, lot, actor: ctx.user.id });
      return { redirectTo: ctx.href(`/supplier/frameworks/${ctx.framework.slug}/services/${id}`) };
    } catch (error) {
      const problem = ruleProblem(error, ctx.t);
      if (problem) return { errors: { lot: problem } };
      throw error;
    }
  });
  if ('redirectTo' in outcome) redirect(outcome.redirectTo);
  return { errors: outcome.errors, values: formValues(form) };
}

export async function saveServiceAction(_state: GeneratedFormState, form: FormData): Promise<GeneratedFormState> {
  return withSupplierFramework(form.get('framework'), async (tx, ctx) => {
    const serviceId = z.uuid().safeParse(form.get('service'));
    if (!serviceId.success) notFound();
    const def = ctx.framework.definition;
    const questions = applicableQuestions(def, 'services');
    const typed = formDataToAnswers(form, questions);
    const uploads = await prepareUploads(form, questions);
    const fallback = ctx.tenant.config.defaultLocale;
    if (uploads.errors.length > 0) return { answers: typed, errors: errorMessages(uploads.errors, questions, def.rules, { t: ctx.t, locale: ctx.locale, fallback }) };
    const answers = { ...typed, ...uploads.answers };
    const markComplete = form.get('intent') === 'complete';
    try {
      const { errors } = await saveDraftService(tx, {
        supplierId: ctx.supplier.id,
        framework: ctx.framework,
        timeZone: ctx.tenant.config.timezone,
        serviceId: serviceId.data,
        answers,
        markComplete,
        actor: ctx.user.id,
      });
      if (errors.length > 0) return { answers: typed, errors: errorMessages(errors, questions, def.rules, { t: ctx.t, locale: ctx.locale, fallback }) };
      await storeUploads(tx, uploads.files, { supplierId: ctx.supplier.id, actor: ctx.user.id });
      return { answers, notice: ctx.t(markComplete ? 'applications.serviceCompleted' : 'applications.serviceSaved') };
    } catch (error) {
      if (error instanceof ApplicationRuleError && error.key === 'applications.unknownService') notFound();
      const problem = ruleProblem(error, ctx.t);
      if (problem) return { answers, errors: { form: problem } };
      throw error;
    }
  });
}

export async function submitApplicationAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const outcome = await withSupplierFramework(form.get('framework'), async (tx, ctx): Promise<Outcome> => {
    try {
      await submitApplication(tx, { supplierId: ctx.supplier.id, framework: ctx.framework, timeZone: ctx.tenant.config.timezone, actor: ctx.user.id });
      return { redirectTo: ctx.href(`/supplier/frameworks/${ctx.framework.slug}?submitted=1`) };
    } catch (error) {
      const problem = ruleProblem(error, ctx.t);
      if (problem) return { errors: { submit: problem } };
      throw error;
    }
  });
  if ('redirectTo' in outcome) redirect(outcome.redirectTo);
  return { errors: outcome.errors };
}

export async function saveLiveServiceAction(_state: GeneratedFormState, form: FormData): Promise<GeneratedFormState> {
  return withSupplierFramework(form.get('framework'), async (tx, ctx) => {
    const serviceId = z.uuid().safeParse(form.get('service'));
    if (!serviceId.success) notFound();
    const def = ctx.framework.definition;
    const questions = applicableQuestions(def, 'services');
    const typed = formDataToAnswers(form, questions);
    const uploads = await prepareUploads(form, questions);
    const fallback = ctx.tenant.config.defaultLocale;
    if (uploads.errors.length > 0) return { answers: typed, errors: errorMessages(uploads.errors, questions, def.rules, { t: ctx.t, locale: ctx.locale, fallback }) };
    const answers = { ...typed, ...uploads.answers };
    try {
      const result = await editLiveService(tx, { supplierId: ctx.supplier.id, framework: ctx.framework, serviceId: serviceId.data, answers, actor: ctx.user.id });
      if (result.errors.length > 0) return { answers: typed, errors: errorMessages(result.errors, questions, def.rules, { t: ctx.t, locale: ctx.locale, fallback }) };
      await storeUploads(tx, uploads.files, { supplierId: ctx.supplier.id, actor: ctx.user.id });
      return { answers, notice: ctx.t(`liveEdits.${result.outcome}`) };
    } catch (error) {
      if (error instanceof LiveEditError) return { answers, errors: { form: ctx.t(error.key) } };
      throw error;
    }
  });
}

/** Copies this supplier's answers from an earlier declaration into a prefillable section (validated as usual). */
export async function prefillSectionAction(form: FormData): Promise<void> {
  const target = await withSupplierFramework(form.get('framework'), async (tx, ctx) => {
    const section = ctx.framework.definition.questionSets.declaration.find((s) => s.slug === String(form.get('section') ?? '') && s.prefill);
    if (!section) notFound();
    const previous = await previousDeclarationAnswers(tx, ctx.supplier.id, ctx.framework.id, section);
    const base = ctx.href(`/supplier/frameworks/${ctx.framework.slug}/declaration/${section.slug}`);
    if (!previous) return base;
    try {
      await saveDeclarationSection(tx, { supplierId: ctx.supplier.id, framework: ctx.framework, timeZone: ctx.tenant.config.timezone, section: section.slug, answers: previous, actor: ctx.user.id });
      return `${base}?prefilled=1`;
    } catch (error) {
      if (error instanceof ApplicationClosedError) return base;
      throw error;
    }
  });
  redirect(target);
}

export async function inviteTeamMemberAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireSignedInAction();
  const parsed = z
    .object({ email: z.string().trim().min(1, { message: 'errors.emailRequired' }).max(254).pipe(z.email({ message: 'errors.emailInvalid' })) })
    .safeParse({ email: form.get('email') ?? '' });
  const values = formValues(form);
  if (!parsed.success) return { values, errors: fieldErrors(parsed.error, ctx.t, () => 'email') };
  const outcome = await withTenant(ctx.tenant, async (tx) => {
    const supplier = await findSupplierForUser(tx, ctx.user.id);
    if (!supplier || !(await isSupplierAdmin(tx, supplier.id, ctx.user.id))) notFound();
    return { supplier, ...(await addTeamMember(tx, supplier.id, parsed.data.email, ctx.user.id)) };
  });
  if (!outcome.added) return { values, errors: { email: ctx.t('team.alreadyMember') } };
  const link = `${await requestOrigin()}${ctx.href('/sign-in')}?next=${encodeURIComponent(ctx.href('/supplier'))}`;
  await sendMail({
    tenantId: ctx.tenant.id,
    to: parsed.data.email.toLowerCase(),
    subject: ctx.t('team.inviteSubject', { supplier: outcome.supplier.legalName }),
    text: `${ctx.t('team.inviteBody', { supplier: outcome.supplier.legalName, marketplace: tenantName(ctx.tenant, ctx.locale) })}\n\n${link}\n`,
    html: `<p>${escapeHtml(ctx.t('team.inviteBody', { supplier: outcome.supplier.legalName, marketplace: tenantName(ctx.tenant, ctx.locale) }))}</p><p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`,
  });
  return { notice: ctx.t('team.invited', { email: parsed.data.email }) };
}

async function requestOrigin(): Promise<string> {
  const h = await headers();
  return `${h.get('x-forwarded-proto') === 'https' ? 'https' : 'http'}://${h.get(TENANT_HEADERS.host) ?? 'localhost'}`;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The invited person accepts (joining that supplier) or declines; only their own invitation. */
export async function answerInvitationAction(form: FormData): Promise<void> {
  const ctx = await requireSignedInAction();
  const supplierId = z.uuid().safeParse(form.get('supplier'));
  const accept = form.get('decision') === 'accept';
  if (!supplierId.success) notFound();
  const done = await withTenant(ctx.tenant, (tx) => answerInvitation(tx, ctx.user.id, supplierId.data, accept));
  if (done && accept) {
    await getDb().insert(memberships).values({ userId: ctx.user.id, tenantId: ctx.tenant.id, role: 'supplier_member' }).onConflictDoNothing();
  }
  redirect(ctx.href('/supplier'));
}
