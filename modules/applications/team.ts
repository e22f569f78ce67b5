import { and, eq, inArray, ne } from 'drizzle-orm';
import { users } from '@/db/schema/platform';
import { supplierFrameworks, supplierMembers } from '@/db/schema/tenant';
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

/** Adds a colleague (creating their global account if needed); returns false if they already act for a supplier here. */
export async function addTeamMember(tx: TenantTx, supplierId: string, email: string, actor: string): Promise<{ userId: string; added: boolean }> {
  const normalised = email.trim().toLowerCase();
  await tx.insert(users).values({ email: normalised }).onConflictDoNothing({ target: users.email });
  const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, normalised)).limit(1);
  const [existing] = await tx.select().from(supplierMembers).where(eq(supplierMembers.userId, user!.id)).limit(1);
  if (existing) return { userId: user!.id, added: false };
  await tx.insert(supplierMembers).values({ supplierId, userId: user!.id, role: 'member' });
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
