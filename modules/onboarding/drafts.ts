import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { tenantDomains, tenants } from '@/db/schema/platform';
import { tenantDrafts } from '@/db/schema/platform-onboarding';
import type { WizardData } from './wizard-schema';

export type Draft = typeof tenantDrafts.$inferSelect;

export async function createDraft(db: Database, createdBy: string | null, data: WizardData = {}, requesterEmail?: string, status = 'draft'): Promise<string> {
  const [row] = await db
    .insert(tenantDrafts)
    .values({ createdBy, data: data as Record<string, unknown>, requesterEmail: requesterEmail ?? null, status })
    .returning({ id: tenantDrafts.id });
  return row!.id;
}

export async function findDraft(db: Database, id: string): Promise<Draft | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db.select().from(tenantDrafts).where(eq(tenantDrafts.id, id)).limit(1);
  return row ?? null;
}

export async function listDrafts(db: Database, statuses: string[]): Promise<Draft[]> {
  return db.select().from(tenantDrafts).where(inArray(tenantDrafts.status, statuses)).orderBy(desc(tenantDrafts.updatedAt)).limit(100);
}

/** Saves one step's validated answers; the draft stays editable until it is submitted. */
export async function saveDraftStep(db: Database, id: string, step: string, value: unknown): Promise<void> {
  await db
    .update(tenantDrafts)
    .set({
      data: sql`${tenantDrafts.data} || jsonb_build_object(${step}::text, ${JSON.stringify(value)}::jsonb)`,
      completedSteps: sql`(select coalesce(jsonb_agg(distinct s), '[]'::jsonb) from jsonb_array_elements_text(${tenantDrafts.completedSteps} || jsonb_build_array(${step}::text)) s)`,
      updatedAt: new Date(),
    })
    .where(and(eq(tenantDrafts.id, id), inArray(tenantDrafts.status, ['draft', 'failed'])));
}

export async function saveDraftLogo(db: Database, id: string, logo: Buffer | null, contentType: string | null): Promise<void> {
  await db.update(tenantDrafts).set({ logo, logoContentType: contentType, updatedAt: new Date() }).where(eq(tenantDrafts.id, id));
}

/** Is the slug free (no tenant has it, archived ones included: their schema may still exist)? */
export async function slugTaken(db: Database, slug: string): Promise<boolean> {
  const [row] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug)).limit(1);
  return Boolean(row);
}

/** The first of these domains another tenant already uses, if any. */
export async function domainTaken(db: Database, domains: string[], exceptTenantId?: string): Promise<string | null> {
  if (domains.length === 0) return null;
  const rows = await db
    .select({ domain: tenantDomains.domain })
    .from(tenantDomains)
    .where(exceptTenantId ? and(inArray(tenantDomains.domain, domains), ne(tenantDomains.tenantId, exceptTenantId)) : inArray(tenantDomains.domain, domains))
    .limit(1);
  return rows[0]?.domain ?? null;
}
