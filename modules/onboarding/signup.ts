import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@/db/client';
import { tenantDrafts } from '@/db/schema/platform-onboarding';
import { recordPlatformAuditEvent } from '@/modules/audit/record';
import { createDraft } from './drafts';

/** Self-serve sign-up: a request is a draft nobody can provision until a platform admin approves it. */

export const ZSignupRequest = z.object({
  name: z.string().trim().min(1, { message: 'onboarding.errors.required' }).max(200, { message: 'onboarding.errors.tooLong' }),
  email: z.string().trim().toLowerCase().pipe(z.email({ message: 'onboarding.errors.email' })),
  slug: z.string().trim().toLowerCase().max(30, { message: 'onboarding.errors.tooLong' }),
  purpose: z.string().trim().max(2000, { message: 'onboarding.errors.tooLong' }),
});
export type TSignupRequest = z.infer<typeof ZSignupRequest>;

export async function recordSignupRequest(db: Database, request: TSignupRequest): Promise<string> {
  const id = await createDraft(db, null, { request }, request.email, 'requested');
  await recordPlatformAuditEvent(db, { type: 'tenant_request.received', objectType: 'tenant_draft', objectId: id, data: { email: request.email } });
  return id;
}

/** requested → draft, owned by the approving admin; false if it was not a pending request. */
export async function approveSignupRequest(db: Database, draftId: string, actorUserId: string): Promise<boolean> {
  const rows = await db
    .update(tenantDrafts)
    .set({ status: 'draft', createdBy: actorUserId, updatedAt: new Date() })
    .where(and(eq(tenantDrafts.id, draftId), eq(tenantDrafts.status, 'requested')))
    .returning({ id: tenantDrafts.id });
  if (rows.length === 0) return false;
  await recordPlatformAuditEvent(db, { type: 'tenant_request.approved', actorUserId, objectType: 'tenant_draft', objectId: draftId });
  return true;
}
