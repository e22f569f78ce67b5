import { and, asc, eq, sql } from 'drizzle-orm';
import { users } from '@/db/schema/platform';
import { buyerAccessRequests, buyerMembers, buyerOrganisations } from '@/db/schema/tenant';
import type { TenantTx } from '@/db/with-tenant';
import { recordAuditEvent } from '@/modules/audit/record';

/*
 * Buyer organisations: an administrator lists them with their email domains; people whose address matches
 * join at once, anyone else asks and an administrator decides.
 */

export const ORGANISATION_TYPES = ['central', 'local', 'health', 'education', 'devolved', 'other'] as const;

export function emailDomain(email: string): string {
  return email.trim().toLowerCase().split('@')[1] ?? '';
}

export async function listOrganisations(tx: TenantTx) {
  return tx
    .select({
      id: buyerOrganisations.id,
      name: buyerOrganisations.name,
      organisationType: buyerOrganisations.organisationType,
      emailDomains: buyerOrganisations.emailDomains,
      members: sql<number>`(select count(*)::int from buyer_members m where m.organisation_id = ${buyerOrganisations.id})`,
    })
    .from(buyerOrganisations)
    .orderBy(asc(buyerOrganisations.name));
}

export async function createOrganisation(tx: TenantTx, input: { name: string; organisationType: string; emailDomains: string[] }, actor: string): Promise<string> {
  const [row] = await tx.insert(buyerOrganisations).values(input).returning({ id: buyerOrganisations.id });
  await recordAuditEvent(tx, { type: 'buyer_organisation.created', actorUserId: actor, objectType: 'buyer_organisation', objectId: row!.id, data: input });
  return row!.id;
}

/** The organisation whose email domains include this address's domain, if any. */
export async function organisationForEmail(tx: TenantTx, email: string) {
  const domain = emailDomain(email);
  if (!domain) return null;
  const [row] = await tx.select().from(buyerOrganisations).where(sql`${buyerOrganisations.emailDomains} ? ${domain}`).limit(1);
  return row ?? null;
}

export async function addBuyerMember(tx: TenantTx, organisationId: string, userId: string, actor: string, how: string): Promise<void> {
  await tx.insert(buyerMembers).values({ organisationId, userId }).onConflictDoNothing();
  await recordAuditEvent(tx, { type: 'buyer_organisation.member_added', actorUserId: actor, objectType: 'buyer_organisation', objectId: organisationId, data: { userId, how } });
}

/** Returns false when there is no such organisation here (an id from elsewhere answers like a missing one). */
export async function requestAccess(tx: TenantTx, organisationId: string, userId: string, reason: string): Promise<boolean> {
  const [organisation] = await tx.select({ id: buyerOrganisations.id }).from(buyerOrganisations).where(eq(buyerOrganisations.id, organisationId)).limit(1);
  if (!organisation) return false;
  await tx.insert(buyerAccessRequests).values({ organisationId, userId, reason });
  await recordAuditEvent(tx, { type: 'buyer_organisation.access_requested', actorUserId: userId, objectType: 'buyer_organisation', objectId: organisationId });
  return true;
}

export async function listPendingRequests(tx: TenantTx) {
  return tx
    .select({
      id: buyerAccessRequests.id,
      reason: buyerAccessRequests.reason,
      createdAt: buyerAccessRequests.createdAt,
      organisation: buyerOrganisations.name,
      email: users.email,
    })
    .from(buyerAccessRequests)
    .innerJoin(buyerOrganisations, eq(buyerOrganisations.id, buyerAccessRequests.organisationId))
    .innerJoin(users, eq(users.id, buyerAccessRequests.userId))
    .where(eq(buyerAccessRequests.status, 'pending'))
    .orderBy(asc(buyerAccessRequests.createdAt));
}

/** Approves or rejects a pending request; returns the request (null when there is no such pending request). */
export async function decideAccessRequest(tx: TenantTx, requestId: string, approve: boolean, actor: string): Promise<{ userId: string } | null> {
  const [request] = await tx
    .update(buyerAccessRequests)
    .set({ status: approve ? 'approved' : 'rejected' })
    .where(and(eq(buyerAccessRequests.id, requestId), eq(buyerAccessRequests.status, 'pending')))
    .returning();
  if (!request) return null;
  if (approve) await addBuyerMember(tx, request.organisationId, request.userId, actor, 'request_approved');
  else await recordAuditEvent(tx, { type: 'buyer_organisation.access_rejected', actorUserId: actor, objectType: 'buyer_organisation', objectId: request.organisationId, data: { userId: request.userId } });
  return { userId: request.userId };
}
