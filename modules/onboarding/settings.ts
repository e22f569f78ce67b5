import { and, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import type { ZodError } from 'zod';
import type { Database } from '@/db/client';
import { memberships, tenantAssets, tenantDomains, tenants, users } from '@/db/schema/platform';
import { auditEvents } from '@/db/schema/tenant';
import { quoteIdent, tenantSchemaName } from '@/db/tenant-schema';
import { recordPlatformAuditEvent } from '@/modules/audit/record';
import { ZTenantConfig, type Role, type TTenantConfig, type TTenantConfigInput } from '@/tenants/config-schema';
import { forgetCachedTenants } from '@/tenants/registry';

/*
 * Tenant settings edited by the tenant's own administrators. Everything lands in the tenant config (the same
 * document config-as-code exports), validated as a whole by ZTenantConfig, with one audit entry in each trail.
 * Where things live: branding, locales, terminology, domains, footerLinks (the accessibility statement is a guidance page),
 * contactEmail/contactPhone/contactAddress, smeTargetPercent (read by the open-data dashboard: platform.tenants.config
 * ->> 'smeTargetPercent', or tenant.config.smeTargetPercent through the registry) and buyerEmailDomains.
 */

export type SettingsResult = { ok: true } | { ok: false; error: ZodError } | { ok: false; domainTaken: string };

/** Keys a marketplace may rename (its own words for suppliers, buyers, itself and the main navigation). */
export const TERMINOLOGY_KEYS = ['terms.supplier', 'terms.suppliers', 'terms.buyer', 'terms.buyers', 'terms.marketplace', 'nav.catalogue', 'nav.frameworks'] as const;

export async function updateTenantConfig(
  db: Database,
  tenantId: string,
  section: string,
  patch: (current: TTenantConfig) => TTenantConfigInput,
  actorUserId: string | null,
  logo?: { body: Buffer; contentType: string } | null,
): Promise<SettingsResult> {
  return db.transaction(async (tx): Promise<SettingsResult> => {
    const [row] = await tx.select().from(tenants).where(eq(tenants.id, tenantId)).for('update').limit(1);
    if (!row) throw new Error('tenant not found');
    const current = ZTenantConfig.parse(row.config);
    const parsed = ZTenantConfig.safeParse({ ...patch(current), slug: current.slug });
    if (!parsed.success) return { ok: false, error: parsed.error };
    const next = parsed.data;
    if (JSON.stringify(next.domains) !== JSON.stringify(current.domains)) {
      if (next.domains.length) {
        const [taken] = await tx
          .select({ domain: tenantDomains.domain })
          .from(tenantDomains)
          .where(and(inArray(tenantDomains.domain, next.domains), ne(tenantDomains.tenantId, tenantId)))
          .limit(1);
        if (taken) return { ok: false, domainTaken: taken.domain };
      }
      await tx.delete(tenantDomains).where(eq(tenantDomains.tenantId, tenantId));
      if (next.domains.length) await tx.insert(tenantDomains).values(next.domains.map((domain) => ({ domain, tenantId })));
    }
    if (logo) {
      await tx
        .insert(tenantAssets)
        .values({ tenantId, name: 'logo', contentType: logo.contentType, body: logo.body })
        .onConflictDoUpdate({ target: [tenantAssets.tenantId, tenantAssets.name], set: { body: logo.body, contentType: logo.contentType, updatedAt: new Date() } });
      next.branding.logo = logo.contentType === 'image/svg+xml' ? 'logo.svg' : 'logo.png';
    }
    await tx.update(tenants).set({ config: next, configVersion: sql`${tenants.configVersion} + 1`, updatedAt: new Date() }).where(eq(tenants.id, tenantId));
    const entry = { type: 'tenant.settings_updated', actorUserId, objectType: 'tenant', objectId: current.slug, data: { section } };
    await recordPlatformAuditEvent(tx, { ...entry, tenantId });
    await tx.execute(sql`select set_config('search_path', ${quoteIdent(tenantSchemaName(current.slug))}, true)`);
    await tx.insert(auditEvents).values(entry);
    return { ok: true } as const;
  }).finally(() => forgetCachedTenants());
}

/** Roles a tenant administrator hands out here (supplier roles come with a supplier's own team). */
export const MANAGED_ROLES = ['tenant_admin', 'framework_manager', 'evaluator', 'buyer'] as const satisfies readonly Role[];
export type ManagedRole = (typeof MANAGED_ROLES)[number];

export async function listMembers(db: Database, tenantId: string) {
  const rows = await db
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), isNotNull(memberships.tenantId)))
    .orderBy(users.email);
  const people = new Map<string, { userId: string; email: string; name: string | null; roles: string[] }>();
  for (const r of rows) {
    const p = people.get(r.userId) ?? { userId: r.userId, email: r.email, name: r.name, roles: [] };
    p.roles.push(r.role);
    people.set(r.userId, p);
  }
  return [...people.values()];
}

export class MemberError extends Error {
  constructor(readonly code: 'notMember' | 'self' | 'lastAdmin') {
    super(code);
  }
}

async function audit(db: Database, tenantId: string, slug: string, type: string, actorUserId: string, data: Record<string, unknown>) {
  await db.transaction(async (tx) => {
    await recordPlatformAuditEvent(tx, { type, tenantId, actorUserId, objectType: 'user', objectId: String(data.userId ?? ''), data });
    await tx.execute(sql`select set_config('search_path', ${quoteIdent(tenantSchemaName(slug))}, true)`);
    await tx.insert(auditEvents).values({ type, actorUserId, objectType: 'user', objectId: String(data.userId ?? ''), data });
  });
}

/** Adds a person (creating their account if needed) with one role; returns their user id. */
export async function inviteMember(db: Database, tenant: { id: string; slug: string }, input: { email: string; name: string; role: ManagedRole }, actorUserId: string): Promise<string> {
  const email = input.email.toLowerCase();
  await db.insert(users).values({ email, name: input.name }).onConflictDoNothing({ target: users.email });
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  await db.insert(memberships).values({ userId: user!.id, tenantId: tenant.id, role: input.role }).onConflictDoNothing();
  await audit(db, tenant.id, tenant.slug, 'member.invited', actorUserId, { userId: user!.id, email, role: input.role });
  return user!.id;
}

async function adminCount(db: Database, tenantId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(memberships).where(and(eq(memberships.tenantId, tenantId), eq(memberships.role, 'tenant_admin')));
  return row?.n ?? 0;
}

/** Gives a member exactly this managed role (their supplier roles are kept). */
export async function changeMemberRole(db: Database, tenant: { id: string; slug: string }, userId: string, role: ManagedRole, actorUserId: string): Promise<void> {
  const current = (await listMembers(db, tenant.id)).find((m) => m.userId === userId);
  if (!current) throw new MemberError('notMember');
  if (userId === actorUserId && role !== 'tenant_admin') throw new MemberError('self');
  if (current.roles.includes('tenant_admin') && role !== 'tenant_admin' && (await adminCount(db, tenant.id)) <= 1) throw new MemberError('lastAdmin');
  await db.transaction(async (tx) => {
    await tx.delete(memberships).where(and(eq(memberships.tenantId, tenant.id), eq(memberships.userId, userId), inArray(memberships.role, [...MANAGED_ROLES])));
    await tx.insert(memberships).values({ userId, tenantId: tenant.id, role });
  });
  await audit(db, tenant.id, tenant.slug, 'member.role_changed', actorUserId, { userId, from: current.roles, to: role });
}

export async function removeMember(db: Database, tenant: { id: string; slug: string }, userId: string, actorUserId: string): Promise<void> {
  const current = (await listMembers(db, tenant.id)).find((m) => m.userId === userId);
  if (!current) throw new MemberError('notMember');
  if (userId === actorUserId) throw new MemberError('self');
  if (current.roles.includes('tenant_admin') && (await adminCount(db, tenant.id)) <= 1) throw new MemberError('lastAdmin');
  await db.delete(memberships).where(and(eq(memberships.tenantId, tenant.id), eq(memberships.userId, userId)));
  await audit(db, tenant.id, tenant.slug, 'member.removed', actorUserId, { userId, roles: current.roles });
}

/** Is this address allowed to act as a buyer here? Suffix match on whole labels; an empty list allows all. */
export function buyerDomainAllowed(config: Pick<TTenantConfig, 'buyerEmailDomains'>, email: string): boolean {
  const list = config.buyerEmailDomains ?? [];
  if (list.length === 0) return true;
  const domain = email.trim().toLowerCase().split('@')[1] ?? '';
  return list.some((allowed) => domain === allowed || domain.endsWith(`.${allowed}`));
}
