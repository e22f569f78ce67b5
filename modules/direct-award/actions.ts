'use server';

import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import { withTenant } from '@/db/with-tenant';
import { cleanCatalogueSearch, parseCatalogueParams } from '@/modules/catalogue/query-params';
import { textSearchConfig } from '@/modules/catalogue/search';
import { listFrameworks } from '@/modules/frameworks/queries';
import { deriveSearchFilters } from '@/modules/frameworks/search-filters';
import { fieldErrors, formValues, requireSignedInAction } from '@/modules/tenancy/action-context';
import type { ActionFormState } from '@/modules/ui/action-form';
import { createProject, endSearch, findBuyerOrganisation, findProject, ProjectError, recordOutcome } from './service';

export async function createProjectAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireSignedInAction();
  const parsed = z
    .object({
      name: z.string().trim().min(3, { message: 'projects.nameRequired' }).max(150, { message: 'projects.nameTooLong' }),
      search: z.string().max(4000),
      team: z.union([z.literal(''), z.uuid({ message: 'teams.chooseTeam' })]),
    })
    .safeParse({ name: form.get('name') ?? '', search: form.get('search') ?? '', team: form.get('team') ?? '' });
  const values = formValues(form);
  if (!parsed.success) return { values, errors: fieldErrors(parsed.error, ctx.t, (path) => String(path[0])) };
  const outcome = await withTenant(ctx.tenant, async (tx): Promise<{ id: string } | { problem: string }> => {
    const organisation = await findBuyerOrganisation(tx, ctx.user.id);
    if (!organisation) notFound();
    try {
      const id = await createProject(tx, {
        organisationId: organisation.id,
        userId: ctx.user.id,
        name: parsed.data.name,
        searchQuery: cleanCatalogueSearch(parsed.data.search, true),
        teamId: parsed.data.team || null,
      });
      return { id };
    } catch (error) {
      if (error instanceof ProjectError) return { problem: ctx.t(error.key) };
      throw error;
    }
  });
  if ('problem' in outcome) return { values, errors: { team: outcome.problem } };
  redirect(ctx.href(`/buyer/projects/${outcome.id}?created=1`));
}

export async function endSearchAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireSignedInAction();
  const projectId = z.uuid().safeParse(form.get('project'));
  if (!projectId.success || form.get('confirm') !== 'yes') return { errors: { confirm: ctx.t('projects.confirmEnd') } };
  const problem = await withTenant(ctx.tenant, async (tx) => {
    const organisation = await findBuyerOrganisation(tx, ctx.user.id);
    const project = organisation ? await findProject(tx, organisation.id, projectId.data, ctx.user.id) : null;
    if (!project) notFound();
    const query = parseCatalogueParams(Object.fromEntries(new URLSearchParams(project.searchQuery)));
    const live = (await listFrameworks(tx, ctx.tenant.config.timezone)).filter((f) => f.status === 'live');
    const framework = live.find((f) => f.slug === query.framework) ?? (live.length === 1 ? live[0] : undefined);
    const filterDefs = framework ? deriveSearchFilters(framework.definition, query.lot) : [];
    try {
      await endSearch(tx, project, { ...query, framework: framework?.slug ?? query.framework }, { config: textSearchConfig(ctx.tenant.config.defaultLocale), filterDefs, typoTolerant: true }, ctx.user.id);
      return null;
    } catch (error) {
      if (error instanceof ProjectError) return ctx.t(error.key);
      throw error;
    }
  });
  if (problem) return { errors: { confirm: problem } };
  redirect(ctx.href(`/buyer/projects/${projectId.data}`));
}

export async function recordOutcomeAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireSignedInAction();
  const ZInput = z
    .object({
      project: z.uuid(),
      result: z.enum(['awarded', 'cancelled', 'none_suitable'], { message: 'projects.chooseResult' }),
      service: z.string().optional(),
      value: z.string().trim().optional(),
      startDate: z.string().optional(),
      endDate: z.string().optional(),
    })
    .superRefine((v, c) => {
      if (v.result !== 'awarded') return;
      if (!v.service || !z.uuid().safeParse(v.service).success) c.addIssue({ code: 'custom', path: ['service'], message: 'projects.chooseService' });
      if (!v.value || !/^\d{1,12}(\.\d{1,2})?$/.test(v.value)) c.addIssue({ code: 'custom', path: ['value'], message: 'projects.valueInvalid' });
      const start = z.iso.date().safeParse(v.startDate);
      const end = z.iso.date().safeParse(v.endDate);
      if (!start.success) c.addIssue({ code: 'custom', path: ['startDate'], message: 'projects.dateInvalid' });
      if (!end.success) c.addIssue({ code: 'custom', path: ['endDate'], message: 'projects.dateInvalid' });
      if (start.success && end.success && end.data < start.data) c.addIssue({ code: 'custom', path: ['endDate'], message: 'projects.endBeforeStart' });
    });
  const values = formValues(form);
  const parsed = ZInput.safeParse(Object.fromEntries(['project', 'result', 'service', 'value', 'startDate', 'endDate'].map((k) => [k, form.get(k) ? String(form.get(k)) : undefined])));
  if (!parsed.success) return { values, errors: fieldErrors(parsed.error, ctx.t, (path) => String(path[0])) };
  const { project: projectId, result, service, value, startDate, endDate } = parsed.data;
  const problem = await withTenant(ctx.tenant, async (tx) => {
    const organisation = await findBuyerOrganisation(tx, ctx.user.id);
    const project = organisation ? await findProject(tx, organisation.id, projectId, ctx.user.id) : null;
    if (!project) notFound();
    try {
      await recordOutcome(tx, project, { result, serviceId: service, value, startDate, endDate }, ctx.user.id, { currency: ctx.tenant.config.currency });
      return null;
    } catch (error) {
      if (error instanceof ProjectError) return ctx.t(error.key);
      throw error;
    }
  });
  if (problem) return { values, errors: { result: problem } };
  redirect(ctx.href(`/buyer/projects/${projectId}?outcome=1`));
}
