'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { withTenant } from '@/db/with-tenant';
import { requireSignedInAction } from '@/modules/tenancy/action-context';
import type { ActionFormState } from '@/modules/ui/action-form';
import { createAlert, deleteAlert } from './alerts';

/** Keeps only catalogue parameters: an alert is exactly a catalogue search. */
function cleanSearch(raw: string): string {
  const params = new URLSearchParams(raw.startsWith('?') ? raw.slice(1) : raw);
  const kept = new URLSearchParams();
  for (const [key, value] of params) if (/^(q|framework|lot|size|region|f\.[a-zA-Z0-9]+)$/.test(key)) kept.append(key, value.slice(0, 200));
  return kept.toString();
}

export async function createAlertAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireSignedInAction();
  const search = cleanSearch(String(form.get('search') ?? '').slice(0, 4000));
  const created = await withTenant(ctx.tenant, (tx) => createAlert(tx, ctx.user.id, search));
  if (!created) return { errors: { search: ctx.t('alerts.tooMany') } };
  return { notice: ctx.t('alerts.created') };
}

export async function deleteAlertAction(form: FormData): Promise<void> {
  const ctx = await requireSignedInAction();
  const id = z.uuid().safeParse(form.get('alert'));
  if (id.success) await withTenant(ctx.tenant, (tx) => deleteAlert(tx, ctx.user.id, id.data));
  redirect(ctx.href('/alerts?deleted=1'));
}
