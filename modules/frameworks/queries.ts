import { and, asc, eq, sql } from 'drizzle-orm';
import { frameworkDefinitionVersions, frameworks } from '@/db/schema/tenant';
import type { TenantTx } from '@/db/with-tenant';
import { recordAuditEvent } from '@/modules/audit/record';
import { emitOcdsEvent } from '@/modules/ocds/domain-events';
import { VersionConflictError } from '@/modules/security/optimistic';
import { ZFrameworkDefinition, type TFrameworkDefinition } from './definition-schema';
import { deriveFrameworkStatus, ZFrameworkSchedule, type FrameworkStatus, type TFrameworkSchedule } from './lifecycle';

export interface Framework {
  id: string;
  slug: string;
  name: Record<string, string>;
  basedOn: string | null;
  definition: TFrameworkDefinition;
  definitionVersion: number;
  schedule: TFrameworkSchedule;
  statusOverride: FrameworkStatus | null;
  statusOverrideReason: string | null;
  status: FrameworkStatus;
}

function toFramework(row: typeof frameworks.$inferSelect, timeZone: string, now: Date): Framework {
  const schedule = ZFrameworkSchedule.parse(row.schedule);
  const statusOverride = (row.statusOverride as FrameworkStatus | null) ?? null;
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    basedOn: row.basedOn,
    // Stored definitions were validated on write; parsing again applies defaults added since.
    definition: ZFrameworkDefinition.parse(row.definition),
    definitionVersion: row.definitionVersion,
    schedule,
    statusOverride,
    statusOverrideReason: row.statusOverrideReason,
    status: deriveFrameworkStatus(schedule, timeZone, now, statusOverride),
  };
}

export async function listFrameworks(tx: TenantTx, timeZone: string, now = new Date()): Promise<Framework[]> {
  const rows = await tx.select().from(frameworks).orderBy(asc(sql`${frameworks.schedule}->>'applicationsOpen'`), asc(frameworks.slug));
  return rows.map((row) => toFramework(row, timeZone, now));
}

export async function findFrameworkBySlug(tx: TenantTx, slug: string, timeZone: string, now = new Date()): Promise<Framework | null> {
  const [row] = await tx.select().from(frameworks).where(eq(frameworks.slug, slug)).limit(1);
  return row ? toFramework(row, timeZone, now) : null;
}

export async function frameworkById(tx: TenantTx, id: string, timeZone: string, now = new Date()): Promise<Framework | null> {
  const [row] = await tx.select().from(frameworks).where(eq(frameworks.id, id)).limit(1);
  return row ? toFramework(row, timeZone, now) : null;
}

export interface NewFramework {
  /** Given only when the id must be known before creation (e.g. an OCDS import records the process first). */
  id?: string;
  slug: string;
  name: Record<string, string>;
  definition: unknown;
  schedule: unknown;
  basedOn?: string | null;
  actorUserId?: string | null;
}

/** Validates the definition and dates, stores version 1 and records who did it. */
export async function createFramework(tx: TenantTx, input: NewFramework): Promise<string> {
  const definition = ZFrameworkDefinition.parse(input.definition);
  const schedule = ZFrameworkSchedule.parse(input.schedule);
  const [row] = await tx
    .insert(frameworks)
    .values({ ...(input.id ? { id: input.id } : {}), slug: input.slug, name: input.name, definition, schedule, basedOn: input.basedOn ?? null })
    .returning({ id: frameworks.id });
  await tx.insert(frameworkDefinitionVersions).values({ frameworkId: row!.id, version: 1, definition, createdBy: input.actorUserId ?? null });
  await recordAuditEvent(tx, {
    type: 'framework.created',
    actorUserId: input.actorUserId,
    objectType: 'framework',
    objectId: input.slug,
    data: { basedOn: input.basedOn ?? null },
  });
  await emitOcdsEvent(tx, { type: 'framework', frameworkId: row!.id });
  return row!.id;
}

/**
 * A new definition is a new version; earlier versions stay readable. With `expectedVersion` (the version the
 * editor was loaded with) it is an optimistic lock: when someone saved in between, nothing changes and
 * VersionConflictError is thrown. Concurrent savers queue on the row lock and re-check the version, so one wins.
 */
export async function saveFrameworkDefinition(
  tx: TenantTx,
  slug: string,
  definition: unknown,
  actorUserId: string | null,
  expectedVersion?: number,
): Promise<number> {
  const parsed = ZFrameworkDefinition.parse(definition);
  const [row] = await tx
    .update(frameworks)
    .set({ definition: parsed, definitionVersion: sql`${frameworks.definitionVersion} + 1`, updatedAt: new Date() })
    .where(expectedVersion === undefined ? eq(frameworks.slug, slug) : and(eq(frameworks.slug, slug), eq(frameworks.definitionVersion, expectedVersion)))
    .returning({ id: frameworks.id, version: frameworks.definitionVersion });
  if (!row && expectedVersion !== undefined) throw new VersionConflictError('framework', slug);
  if (!row) throw new Error(`No framework ${slug}`);
  await tx.insert(frameworkDefinitionVersions).values({ frameworkId: row.id, version: row.version, definition: parsed, createdBy: actorUserId });
  await recordAuditEvent(tx, { type: 'framework.definition_saved', actorUserId, objectType: 'framework', objectId: slug, data: { version: row.version } });
  await emitOcdsEvent(tx, { type: 'framework', frameworkId: row.id });
  return row.version;
}

export async function saveFrameworkSchedule(tx: TenantTx, slug: string, schedule: unknown, actorUserId: string | null): Promise<void> {
  const parsed = ZFrameworkSchedule.parse(schedule);
  const updated = await tx.update(frameworks).set({ schedule: parsed, updatedAt: new Date() }).where(eq(frameworks.slug, slug)).returning({ id: frameworks.id });
  if (updated.length === 0) throw new Error(`No framework ${slug}`);
  await recordAuditEvent(tx, { type: 'framework.schedule_saved', actorUserId, objectType: 'framework', objectId: slug, data: parsed });
  await emitOcdsEvent(tx, { type: 'framework', frameworkId: updated[0]!.id });
}

/** Pins the status (or, with null, returns to the dates); the reason is kept and audited. */
export async function overrideFrameworkStatus(
  tx: TenantTx,
  slug: string,
  status: FrameworkStatus | null,
  reason: string,
  actorUserId: string | null,
): Promise<void> {
  const updated = await tx
    .update(frameworks)
    .set({ statusOverride: status, statusOverrideReason: status ? reason : null, updatedAt: new Date() })
    .where(eq(frameworks.slug, slug))
    .returning({ id: frameworks.id });
  if (updated.length === 0) throw new Error(`No framework ${slug}`);
  await recordAuditEvent(tx, { type: 'framework.status_overridden', actorUserId, objectType: 'framework', objectId: slug, data: { status, reason } });
  await emitOcdsEvent(tx, { type: 'framework', frameworkId: updated[0]!.id });
}
