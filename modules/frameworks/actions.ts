'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { withTenant } from '@/db/with-tenant';
import { fieldErrors, formValues, requireActionRole } from '@/modules/tenancy/action-context';
import type { ActionFormState } from '@/modules/ui/action-form';
import { baseVersion, VersionConflictError } from '@/modules/security/optimistic';
import { FRAMEWORK_STATUSES, ZFrameworkSchedule } from './lifecycle';
import { createFramework, findFrameworkBySlug, overrideFrameworkStatus, saveFrameworkDefinition, saveFrameworkSchedule } from './queries';
import { FRAMEWORK_TEMPLATES, isTemplateName } from './templates';

const FRAMEWORK_ADMINS = ['tenant_admin', 'framework_manager', 'platform_admin'] as const;
const SCHEDULE_FIELDS = ['applicationsOpen', 'clarificationsClose', 'applicationsClose', 'intentionToAward', 'live', 'expires', 'deadlineTime'] as const;

const ZFrameworkSlug = z.string().trim().regex(/^[a-z][a-z0-9-]{2,62}$/, { message: 'frameworks.slugFormat' });

function scheduleFrom(form: FormData): Record<string, string> {
  return Object.fromEntries(SCHEDULE_FIELDS.map((f) => [f, String(form.get(f) ?? '').trim()]));
}

function isUniqueViolation(error: unknown): boolean {
  let e: unknown = error;
  while (e instanceof Error) {
    if ((e as { code?: string }).code === '23505') return true;
    e = e.cause;
  }
  return false;
}

export async function createFrameworkAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireActionRole(FRAMEWORK_ADMINS);
  const enabled = ctx.tenant.config.locales.map((l) => l.code as string);
  const ZInput = z.object({
    source: z.string().regex(/^(template|copy):[a-z0-9-]+$/, { message: 'frameworks.chooseSource' }),
    slug: ZFrameworkSlug,
    name: z.object(Object.fromEntries(enabled.map((code) => [code, z.string().trim().min(3, { message: 'frameworks.nameRequired' }).max(150)]))),
    schedule: ZFrameworkSchedule,
  });
  const parsed = ZInput.safeParse({
    source: String(form.get('source') ?? ''),
    slug: String(form.get('slug') ?? ''),
    name: Object.fromEntries(enabled.map((code) => [code, String(form.get(`name.${code}`) ?? '')])),
    schedule: scheduleFrom(form),
  });
  const values = formValues(form);
  if (!parsed.success) {
    return { values, errors: fieldErrors(parsed.error, ctx.t, (path) => (path[0] === 'schedule' ? String(path[1] ?? 'applicationsOpen') : path.slice(0, 2).join('.'))) };
  }
  const { source, slug, name, schedule } = parsed.data;
  const [kind, ref] = source.split(':') as ['template' | 'copy', string];
  try {
    await withTenant(ctx.tenant, async (tx) => {
      let definition: unknown;
      if (kind === 'template') {
        if (!isTemplateName(ref)) throw new FormProblem('source', 'frameworks.chooseSource');
        definition = FRAMEWORK_TEMPLATES[ref];
      } else {
        // Only this tenant's frameworks are visible here: the transaction is bound to its schema.
        const previous = await findFrameworkBySlug(tx, ref, ctx.tenant.config.timezone);
        if (!previous) throw new FormProblem('source', 'frameworks.chooseSource');
        definition = previous.definition;
      }
      await createFramework(tx, { slug, name, definition, schedule, basedOn: source, actorUserId: ctx.user.id });
    });
  } catch (error) {
    if (error instanceof FormProblem) return { values, errors: { [error.field]: ctx.t(error.key) } };
    if (isUniqueViolation(error)) return { values, errors: { slug: ctx.t('frameworks.slugTaken') } };
    throw error;
  }
  redirect(ctx.href(`/admin/frameworks/${slug}?created=1`));
}

class FormProblem extends Error {
  constructor(
    readonly field: string,
    readonly key: string,
  ) {
    super(key);
  }
}

export async function saveScheduleAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireActionRole(FRAMEWORK_ADMINS);
  const slug = ZFrameworkSlug.safeParse(form.get('framework'));
  const schedule = ZFrameworkSchedule.safeParse(scheduleFrom(form));
  const values = formValues(form);
  if (!slug.success) return { values, errors: { framework: ctx.t('validation.invalid') } };
  if (!schedule.success) return { values, errors: fieldErrors(schedule.error, ctx.t, (path) => String(path[0] ?? 'applicationsOpen')) };
  const found = await withTenant(ctx.tenant, async (tx) => {
    if (!(await findFrameworkBySlug(tx, slug.data, ctx.tenant.config.timezone))) return false;
    await saveFrameworkSchedule(tx, slug.data, schedule.data, ctx.user.id);
    return true;
  });
  if (!found) return { values, errors: { framework: ctx.t('validation.invalid') } };
  return { values, notice: ctx.t('frameworks.saved') };
}

export async function overrideStatusAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireActionRole(FRAMEWORK_ADMINS);
  const ZInput = z
    .object({
      framework: ZFrameworkSlug,
      status: z.union([z.literal(''), z.enum(FRAMEWORK_STATUSES)]),
      reason: z.string().trim().max(500, { message: 'frameworks.reasonTooLong' }),
    })
    .refine((v) => v.status === '' || v.reason.length >= 5, { path: ['reason'], message: 'frameworks.reasonRequired' });
  const values = formValues(form);
  const parsed = ZInput.safeParse({ framework: form.get('framework'), status: form.get('status') ?? '', reason: form.get('reason') ?? '' });
  if (!parsed.success) return { values, errors: fieldErrors(parsed.error, ctx.t, (path) => String(path[0] ?? 'status')) };
  const { framework, status, reason } = parsed.data;
  const found = await withTenant(ctx.tenant, async (tx) => {
    if (!(await findFrameworkBySlug(tx, framework, ctx.tenant.config.timezone))) return false;
    await overrideFrameworkStatus(tx, framework, status === '' ? null : status, reason, ctx.user.id);
    return true;
  });
  if (!found) return { values, errors: { framework: ctx.t('validation.invalid') } };
  return { values, notice: ctx.t('frameworks.saved') };
}

export interface DefinitionEditorState {
  issues?: { path: string; message: string }[];
  notice?: string;
  text?: string;
  /** The version now stored, after a save: the next save starts from it. */
  baseVersion?: number;
}

const MAX_DEFINITION_BYTES = 1_000_000;

export async function saveDefinitionAction(_state: DefinitionEditorState, form: FormData): Promise<DefinitionEditorState> {
  const ctx = await requireActionRole(FRAMEWORK_ADMINS);
  const slug = ZFrameworkSlug.safeParse(form.get('framework'));
  const text = String(form.get('definition') ?? '');
  if (!slug.success) return { text, issues: [{ path: '', message: ctx.t('validation.invalid') }] };
  if (Buffer.byteLength(text) > MAX_DEFINITION_BYTES) return { text, issues: [{ path: '', message: ctx.t('frameworks.definitionTooLarge') }] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { text, issues: [{ path: '', message: ctx.t('frameworks.invalidJson', { detail: (error as Error).message.slice(0, 200) }) }] };
  }
  const base = baseVersion(form.get('baseVersion'));
  if (base === null) return { text, issues: [{ path: '', message: ctx.t('validation.invalid') }] };
  try {
    const version = await withTenant(ctx.tenant, async (tx) => {
      if (!(await findFrameworkBySlug(tx, slug.data, ctx.tenant.config.timezone))) return null;
      return saveFrameworkDefinition(tx, slug.data, json, ctx.user.id, base);
    });
    if (version === null) return { text, issues: [{ path: '', message: ctx.t('validation.invalid') }] };
    return { text, notice: ctx.t('frameworks.definitionSaved', { version }), baseVersion: version };
  } catch (error) {
    if (error instanceof VersionConflictError) return { text, issues: [{ path: '', message: ctx.t('security.conflict') }] };
    if (error instanceof z.ZodError) {
      return {
        text,
        issues: error.issues.slice(0, 50).map((issue) => ({
          path: issue.path.join('.'),
          message: issue.message.includes('.') ? ctx.t(issue.message, ('params' in issue ? issue.params : {}) as Record<string, string>) : issue.message,
        })),
      };
    }
    throw error;
  }
}

const ROUTE_CHOICES = { direct: ['direct_award'], further: ['further_competition'], both: ['direct_award', 'further_competition'] } as const;

/** Structured editing of the common parts of a definition (lot names and award routes); saves a new version. */
export async function saveLotsAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireActionRole(FRAMEWORK_ADMINS);
  const values = formValues(form);
  const slug = ZFrameworkSlug.safeParse(form.get('framework'));
  if (!slug.success) return { values, errors: { framework: ctx.t('validation.invalid') } };
  const enabled = ctx.tenant.config.locales.map((l) => l.code as string);
  const result = await withTenant(ctx.tenant, async (tx) => {
    const framework = await findFrameworkBySlug(tx, slug.data, ctx.tenant.config.timezone);
    if (!framework) return { errors: { framework: ctx.t('validation.invalid') } };
    const errors: Record<string, string> = {};
    const lots = framework.definition.lots.map((lot) => {
      const name = { ...lot.name } as Record<string, string>;
      for (const code of enabled) {
        const field = `lot.${lot.slug}.name.${code}`;
        const value = String(form.get(field) ?? '').trim();
        if (value.length < 2 || value.length > 200) errors[field] = ctx.t('frameworks.lotNameRequired');
        else name[code] = value;
      }
      const routeField = `lot.${lot.slug}.routes`;
      const choice = String(form.get(routeField) ?? '') as keyof typeof ROUTE_CHOICES;
      if (!(choice in ROUTE_CHOICES)) errors[routeField] = ctx.t('frameworks.routesRequired');
      return { ...lot, name, awardRoutes: [...(ROUTE_CHOICES[choice] ?? lot.awardRoutes)] };
    });
    if (Object.keys(errors).length > 0) return { errors };
    const base = baseVersion(form.get('baseVersion'));
    if (base === null) return { errors: { framework: ctx.t('validation.invalid') } };
    try {
      const version = await saveFrameworkDefinition(tx, framework.slug, { ...framework.definition, lots }, ctx.user.id, base);
      // The form continues from the version just saved, so a second save from the same page is not a conflict.
      return { notice: ctx.t('frameworks.definitionSaved', { version }), values: { ...values, baseVersion: String(version) } };
    } catch (error) {
      if (error instanceof VersionConflictError) return { errors: { framework: ctx.t('security.conflict') } };
      if (error instanceof z.ZodError) return { errors: fieldErrors(error, ctx.t, () => 'framework') };
      throw error;
    }
  });
  return { values, ...result };
}
