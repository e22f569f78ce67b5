import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type postgres from 'postgres';
import type { Database } from '@/db/client';
import { memberships, tenants, users } from '@/db/schema/platform';
import { auditEvents } from '@/db/schema/tenant';
import { quoteIdent, tenantSchemaName } from '@/db/tenant-schema';
import { recordPlatformAuditEvent } from '@/modules/audit/record';
import { forgetCachedTenants } from '@/tenants/registry';

/*
 * trial → active → suspended → archived, each change with a reason, audited on the platform and in the tenant's
 * own trail (same transaction). Deletion only after archive, with the slug typed back as confirmation.
 */

export const LIFECYCLE_STATUSES = ['trial', 'active', 'suspended', 'archived'] as const;
export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number];

const ALLOWED: Record<string, readonly LifecycleStatus[]> = {
  trial: ['active', 'suspended', 'archived'],
  active: ['suspended', 'archived'],
  suspended: ['active', 'archived'],
  archived: ['suspended'],
};

export function allowedTransitions(from: string): readonly LifecycleStatus[] {
  return ALLOWED[from] ?? [];
}

export class LifecycleError extends Error {
  constructor(readonly code: 'notFound' | 'notAllowed' | 'notArchived' | 'confirmationMismatch') {
    super(code);
  }
}

export async function changeTenantStatus(
  db: Database,
  input: { slug: string; to: LifecycleStatus; reason: string; actorUserId: string | null; source?: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.select({ id: tenants.id, status: tenants.status }).from(tenants).where(eq(tenants.slug, input.slug)).for('update').limit(1);
    if (!row) throw new LifecycleError('notFound');
    if (!allowedTransitions(row.status).includes(input.to)) throw new LifecycleError('notAllowed');
    await tx.update(tenants).set({ status: input.to, updatedAt: new Date() }).where(eq(tenants.id, row.id));
    const entry = {
      type: 'tenant.status_changed',
      actorUserId: input.actorUserId,
      objectType: 'tenant',
      objectId: input.slug,
      data: { from: row.status, to: input.to, reason: input.reason, source: input.source ?? 'console' },
    };
    await recordPlatformAuditEvent(tx, { ...entry, tenantId: row.id });
    // The tenant's own trail, in the same transaction: bind its schema for the rest of it.
    await tx.execute(sql`select set_config('search_path', ${quoteIdent(tenantSchemaName(input.slug))}, true)`);
    await tx.insert(auditEvents).values({ ...entry, data: entry.data });
  });
  forgetCachedTenants();
}

/** Removes an archived tenant for good: its schema, row, domains, assets, memberships and billing. */
export async function deleteArchivedTenant(db: Database, sqlClient: postgres.Sql, input: { slug: string; confirmation: string; actorUserId: string | null }): Promise<void> {
  const [row] = await db.select({ id: tenants.id, status: tenants.status }).from(tenants).where(eq(tenants.slug, input.slug)).limit(1);
  if (!row) throw new LifecycleError('notFound');
  if (row.status !== 'archived') throw new LifecycleError('notArchived');
  if (input.confirmation.trim() !== input.slug) throw new LifecycleError('confirmationMismatch');
  await sqlClient.begin(async (tx) => {
    await tx`select 1 from platform.tenants where id = ${row.id} and status = 'archived' for update`;
    await tx.unsafe(`DROP SCHEMA IF EXISTS ${quoteIdent(tenantSchemaName(input.slug))} CASCADE`);
    await tx`delete from platform.tenants where id = ${row.id} and status = 'archived'`;
    await tx`insert into platform.audit_events (tenant_id, actor_user_id, type, object_type, object_id, data)
      values (${row.id}, ${input.actorUserId}, 'tenant.deleted', 'tenant', ${input.slug}, ${JSON.stringify({ slug: input.slug })}::jsonb)`;
  });
  forgetCachedTenants();
}

/**
 * While a marketplace is suspended only its administrators (and platform operators) may sign in.
 * Looked up by email because Auth.js asks before the person has an id when the link is requested.
 */
export async function signInAllowedWhileSuspended(db: Database, tenantId: string, email: string): Promise<boolean> {
  const rows = await db
    .select({ role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(users.email, email.toLowerCase()),
        or(and(eq(memberships.tenantId, tenantId), eq(memberships.role, 'tenant_admin')), and(isNull(memberships.tenantId), eq(memberships.role, 'platform_admin'))),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export async function tenantStatusBySlug(db: Database, slugs: string[]) {
  return db.select({ slug: tenants.slug, status: tenants.status }).from(tenants).where(inArray(tenants.slug, slugs));
}
