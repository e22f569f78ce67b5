'use server';

import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { memberships } from '@/db/schema/platform';
import { withTenant } from '@/db/with-tenant';
import { findBuyerOrganisation } from '@/modules/direct-award/service';
import { buyerDomainAllowed } from '@/modules/onboarding/settings';
import { fieldErrors, formValues, requireActionRole, requireSignedInAction } from '@/modules/tenancy/action-context';
import type { ActionFormState } from '@/modules/ui/action-form';
import { addBuyerMember, createOrganisation, decideAccessRequest, ORGANISATION_TYPES, organisationForEmail, requestAccess } from './service';

const ADMINS = ['tenant_admin', 'platform_admin'] as const;
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, { message: 'buyers.domainInvalid' });

async function grantBuyerRole(userId: string, tenantId: string): Promise<void> {
  await getDb().insert(memberships).values({ userId, tenantId, role: 'buyer' }).onConflictDoNothing();
}

export async function createOrganisationAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireActionRole(ADMINS);
  const values = formValues(form);
  const parsed = z
    .object({
      name: z.string().trim().min(2, { message: 'buyers.nameRequired' }).max(200, { message: 'buyers.nameTooLong' }),
      organisationType: z.enum(ORGANISATION_TYPES, { message: 'buyers.typeRequired' }),
      emailDomains: z.array(domain).max(20, { message: 'buyers.tooManyDomains' }),
    })
    .safeParse({
      name: form.get('name') ?? '',
      organisationType: form.get('organisationType') ?? undefined,
      emailDomains: String(form.get('emailDomains') ?? '')
        .split(/[\s,]+/)
        .filter(Boolean),
    });
  if (!parsed.success) return { values, errors: fieldErrors(parsed.error, ctx.t, (path) => String(path[0])) };
  await withTenant(ctx.tenant, (tx) => createOrganisation(tx, parsed.data, ctx.user.id));
  return { notice: ctx.t('buyers.created', { name: parsed.data.name }) };
}

export async function decideAccessAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireActionRole(ADMINS);
  const parsed = z.object({ request: z.uuid(), decision: z.enum(['approve', 'reject'], { message: 'buyers.chooseDecision' }) }).safeParse({ request: form.get('request'), decision: form.get('decision') ?? undefined });
  if (!parsed.success) return { errors: fieldErrors(parsed.error, ctx.t, (path) => String(path[0])) };
  const approve = parsed.data.decision === 'approve';
  const decided = await withTenant(ctx.tenant, (tx) => decideAccessRequest(tx, parsed.data.request, approve, ctx.user.id));
  if (!decided) return { errors: { decision: ctx.t('buyers.requestGone') } };
  if (approve) await grantBuyerRole(decided.userId, ctx.tenant.id);
  return { notice: ctx.t(approve ? 'buyers.approved' : 'buyers.rejected') };
}

/** A person whose email domain belongs to an organisation joins it at once. */
export async function joinByDomainAction(): Promise<void> {
  const ctx = await requireSignedInAction();
  // The marketplace's buyer email-domain allow-list (tenant settings) comes before any organisation's domains.
  if (!buyerDomainAllowed(ctx.tenant.config, ctx.user.email)) notFound();
  const joined = await withTenant(ctx.tenant, async (tx) => {
    if (await findBuyerOrganisation(tx, ctx.user.id)) return true;
    const organisation = await organisationForEmail(tx, ctx.user.email);
    if (!organisation) return false;
    await addBuyerMember(tx, organisation.id, ctx.user.id, ctx.user.id, 'email_domain');
    return true;
  });
  if (!joined) notFound();
  await grantBuyerRole(ctx.user.id, ctx.tenant.id);
  redirect(ctx.href('/buyer/projects'));
}

export async function requestAccessAction(_state: ActionFormState, form: FormData): Promise<ActionFormState> {
  const ctx = await requireSignedInAction();
  const values = formValues(form);
  const parsed = z
    .object({
      organisation: z.uuid({ message: 'buyers.chooseOrganisation' }),
      reason: z.string().trim().min(10, { message: 'buyers.reasonRequired' }).max(1000, { message: 'buyers.reasonTooLong' }),
    })
    .safeParse({ organisation: form.get('organisation') ?? '', reason: form.get('reason') ?? '' });
  if (!parsed.success) return { values, errors: fieldErrors(parsed.error, ctx.t, (path) => String(path[0])) };
  const ok = await withTenant(ctx.tenant, (tx) => requestAccess(tx, parsed.data.organisation, ctx.user.id, parsed.data.reason));
  if (!ok) return { values, errors: { organisation: ctx.t('buyers.chooseOrganisation') } };
  return { notice: ctx.t('buyers.requested') };
}
