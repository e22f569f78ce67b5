'use server';

import { notFound } from 'next/navigation';
import { z } from 'zod';
import { withTenant } from '@/db/with-tenant';
import { findBuyerOrganisation } from '@/modules/direct-award/service';
import { fieldErrors, formValues, requireSignedInAction } from '@/modules/tenancy/action-context';
import type { ActionFormState } from '@/modules/ui/action-form';
import { createTeam, setTeamMembership, TeamError } from './teams';

export async function createTeamAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireSignedInAction();
  const values = formValues(form);
  const parsed = z
    .object({ name: z.string().trim().min(2, { message: 'teams.nameRequired' }).max(100, { message: 'teams.nameTooLong' }) })
    .safeParse({ name: form.get('name') ?? '' });
  if (!parsed.success) return { values, errors: fieldErrors(parsed.error, ctx.t, (path) => String(path[0])) };
  const problem = await withTenant(ctx.tenant, async (tx) => {
    const organisation = await findBuyerOrganisation(tx, ctx.user.id);
    if (!organisation) notFound();
    try {
      await createTeam(tx, { organisationId: organisation.id, name: parsed.data.name.normalize('NFC'), actor: ctx.user.id });
      return null;
    } catch (error) {
      if (error instanceof TeamError) return ctx.t(error.key);
      throw error;
    }
  });
  if (problem) return { values, errors: { name: problem } };
  return { notice: ctx.t('teams.created', { name: parsed.data.name }) };
}

export async function teamMembershipAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireSignedInAction();
  const parsed = z.object({ team: z.uuid(), membership: z.enum(['join', 'leave']) }).safeParse({ team: form.get('team'), membership: form.get('membership') });
  if (!parsed.success) return { errors: { membership: ctx.t('validation.invalid') } };
  const problem = await withTenant(ctx.tenant, async (tx) => {
    const organisation = await findBuyerOrganisation(tx, ctx.user.id);
    if (!organisation) notFound();
    try {
      await setTeamMembership(tx, { organisationId: organisation.id, teamId: parsed.data.team, actor: ctx.user.id, join: parsed.data.membership === 'join' });
      return null;
    } catch (error) {
      if (error instanceof TeamError && error.key === 'teams.notFound') notFound();
      if (error instanceof TeamError) return ctx.t(error.key);
      throw error;
    }
  });
  if (problem) return { errors: { membership: problem } };
  return { notice: ctx.t(parsed.data.membership === 'join' ? 'teams.joined' : 'teams.left') };
}
