'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { withTenant } from '@/db/with-tenant';
import { requireSignedInAction } from '@/modules/tenancy/action-context';
import type { ActionFormState } from '@/modules/ui/action-form';
import { createAlert, deleteAlert } from './alerts';
import { cleanCatalogueSearch } from './query-params';

export async function createAlertAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireSignedInAction();
  const search = cleanCatalogueSearch(String(form.get('search') ?? ''));
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
