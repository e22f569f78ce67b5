import { and, eq, inArray, isNotNull, isNull, ne } from 'drizzle-orm';
import { users } from '@/db/schema/platform';
import { supplierFrameworks, supplierMembers, suppliers } from '@/db/schema/tenant';
import type { TenantTx } from '@/db/with-tenant';
import { recordAuditEvent } from '@/modules/audit/record';
import { questionsOf, type TSection } from '@/modules/frameworks/definition-schema';

/** People acting for a supplier, with their email (platform.users is schema-qualified, so this stays one transaction). */
export async function listTeam(tx: TenantTx, supplierId: string) {
  const members = await tx.select().from(supplierMembers).where(eq(supplierMembers.supplierId, supplierId));
  if (members.length === 0) return [];
  const people = await tx.select({ id: users.id, email: users.email, name: users.name }).from(users).where(inArray(users.id, members.map((m) => m.userId)));
  return members.map((m) => ({ ...m, email: people.find((p) => p.id === m.userId)?.email ?? '', name: people.find((p) => p.id === m.userId)?.name ?? null }));
}

export async function isSupplierAdmin(tx: TenantTx, supplierId: string, userId: string): Promise<boolean> {
  const [row] = await tx
    .select()
    .from(supplierMembers)
    .where(and(eq(supplierMembers.supplierId, supplierId), eq(supplierMembers.userId, userId), eq(supplierMembers.role, 'admin')))
    .limit(1);
  return Boolean(row);
}

/**
 * Invites a colleague (creating their global account if needed). The invitation waits for them to accept, so
 * nobody can be attached to a supplier against their will. False if they already act for a supplier here or
 * are already invited by this one.
 */
export async function addTeamMember(tx: TenantTx, supplierId: string, email: string, actor: string): Promise<{ userId: string; added: boolean }> {
  const normalised = email.trim().toLowerCase();
  await tx.insert(users).values({ email: normalised }).onConflictDoNothing({ target: users.email });
  const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, normalised)).limit(1);
  const memberships = await tx.select().from(supplierMembers).where(eq(supplierMembers.userId, user!.id));
  if (memberships.some((m) => m.acceptedAt || m.supplierId === supplierId)) return { userId: user!.id, added: false };
  await tx.insert(supplierMembers).values({ supplierId, userId: user!.id, role: 'member', acceptedAt: null });
  await recordAuditEvent(tx, { type: 'supplier.member_invited', actorUserId: actor, objectType: 'supplier', objectId: supplierId, data: { userId: user!.id } });
  return { userId: user!.id, added: true };
}

/** Answers this supplier gave in its other declarations for the questions of a prefillable section. */
export async function previousDeclarationAnswers(tx: TenantTx, supplierId: string, frameworkId: string, section: TSection): Promise<Record<string, unknown> | null> {
  const ids = questionsOf([section]).map((q) => q.question.id);
  const others = await tx
    .select({ declaration: supplierFrameworks.declaration, createdAt: supplierFrameworks.createdAt })
    .from(supplierFrameworks)
    .where(and(eq(supplierFrameworks.supplierId, supplierId), ne(supplierFrameworks.frameworkId, frameworkId)));
  const latest = others.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).find((o) => ids.some((id) => o.declaration[id] !== undefined));
  if (!latest) return null;
  return Object.fromEntries(ids.filter((id) => latest.declaration[id] !== undefined).map((id) => [id, latest.declaration[id]]));
}

/** Invitations waiting for this person, with the inviting supplier's name. */
export async function pendingInvitations(tx: TenantTx, userId: string) {
  return tx
    .select({ supplierId: supplierMembers.supplierId, legalName: suppliers.legalName })
    .from(supplierMembers)
    .innerJoin(suppliers, eq(suppliers.id, supplierMembers.supplierId))
    .where(and(eq(supplierMembers.userId, userId), isNull(supplierMembers.acceptedAt)));
}

/** Accepts (only if they act for no other supplier here) or declines an invitation; true if one was found. */
export async function answerInvitation(tx: TenantTx, userId: string, supplierId: string, accept: boolean): Promise<boolean> {
  const pending = and(eq(supplierMembers.userId, userId), eq(supplierMembers.supplierId, supplierId), isNull(supplierMembers.acceptedAt));
  if (!accept) {
    const removed = await tx.delete(supplierMembers).where(pending).returning({ id: supplierMembers.userId });
    return removed.length > 0;
  }
  const [current] = await tx.select().from(supplierMembers).where(and(eq(supplierMembers.userId, userId), isNotNull(supplierMembers.acceptedAt))).limit(1);
  if (current) return false;
  const accepted = await tx.update(supplierMembers).set({ acceptedAt: new Date() }).where(pending).returning({ id: supplierMembers.userId });
  if (accepted.length > 0) {
    await recordAuditEvent(tx, { type: 'supplier.member_joined', actorUserId: userId, objectType: 'supplier', objectId: supplierId });
  }
  return accepted.length > 0;
}
