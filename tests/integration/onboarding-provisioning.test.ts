import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, getSql } from '@/db/client';
import { memberships, outbox, platformAuditEvents, tenantAssets, tenantDomains, tenants, users } from '@/db/schema/platform';
import { tenantBilling, tenantDrafts } from '@/db/schema/platform-onboarding';
import { auditEvents, frameworks, services } from '@/db/schema/tenant';
import { tenantSchemaName } from '@/db/tenant-schema';
import { withTenant } from '@/db/with-tenant';
import { createDraft, findDraft } from '@/modules/onboarding/drafts';
import { changeTenantStatus, deleteArchivedTenant, LifecycleError, signInAllowedWhileSuspended } from '@/modules/onboarding/lifecycle';
import { claimDraftForProvisioning, provisionDraft, PROVISION_STEPS } from '@/modules/onboarding/provision';
import { exportTenantArchive, importTenantArchive, ArchiveError } from '@/modules/onboarding/tenant-archive';
import type { WizardData } from '@/modules/onboarding/wizard-schema';
import { importTenantFolder } from '@/tenants/import-export';
import { findTenantBySlug } from '@/tenants/registry';
import { ensurePlatformSchema, uniqueSlug } from '../support/tenants';

function wizardData(slug: string, email: string, template: 'blank' | 'catalogue' | 'opportunities' | 'both' = 'both'): WizardData {
  return {
    authority: { name: 'República de Testlandia', authorityType: 'national', country: 'CL', timezone: 'America/Santiago', currency: 'CLP' },
    address: { slug, domains: [`${slug}.testland.example`] },
    languages: { locales: ['es', 'en'], defaultLocale: 'es', names: { en: 'Republic of Testland' } },
    branding: { primary: '#7a1f3d', primaryText: '#ffffff', secondary: '#7a1f3d' },
    template: { template },
    admin: { ocidPrefix: 'ocds-tl0001', adminName: 'Ana Pérez', adminEmail: email },
  };
}

async function submittedDraft(data: WizardData, logo = true): Promise<string> {
  const db = getDb();
  const id = await createDraft(db, null, data);
  if (logo) {
    const body = await readFile(path.join(process.cwd(), 'tests/fixtures/onboarding/testland-logo.png'));
    await db.update(tenantDrafts).set({ logo: body, logoContentType: 'image/png' }).where(eq(tenantDrafts.id, id));
  }
  expect(await claimDraftForProvisioning(db, id)).toBe(true);
  return id;
}

async function schemaExists(slug: string): Promise<boolean> {
  const rows = await getSql()`select 1 from information_schema.schemata where schema_name = ${tenantSchemaName(slug)}`;
  return rows.length > 0;
}

describe('onboarding: provisioning a marketplace from a wizard draft', () => {
  beforeAll(ensurePlatformSchema);

  it('provisions schema, template frameworks, logo, domains, plan and the admin invitation, then goes live in trial', async () => {
    const slug = uniqueSlug('tl');
    const email = `admin.${slug}@testland.example`;
    const id = await submittedDraft(wizardData(slug, email));
    expect(await provisionDraft(getDb(), getSql(), id)).toBe(slug);
    const draft = await findDraft(getDb(), id);
    expect(draft).toMatchObject({ status: 'live', error: null });
    expect(draft!.progress).toEqual([...PROVISION_STEPS]);
    const tenant = await findTenantBySlug(slug);
    expect(tenant).toMatchObject({ status: 'trial' });
    expect(tenant!.config).toMatchObject({ defaultLocale: 'es', ocidPrefix: 'ocds-tl0001', name: { es: 'República de Testlandia', en: 'Republic of Testland' } });
    expect(tenant!.config.locales).toEqual([{ code: 'es', format: 'es-CL' }, { code: 'en', format: 'en-CL' }]);
    const names = await withTenant({ slug }, (tx) => tx.select({ slug: frameworks.slug, name: frameworks.name }).from(frameworks));
    expect(names).toHaveLength(2);
    expect(names.every((f) => f.name.es && f.name.en)).toBe(true);
    const [logo] = await getDb().select().from(tenantAssets).where(eq(tenantAssets.tenantId, tenant!.id));
    expect(logo!.contentType).toBe('image/png');
    expect(await getDb().select().from(tenantDomains).where(eq(tenantDomains.tenantId, tenant!.id))).toHaveLength(1);
    expect(await getDb().select().from(tenantBilling).where(eq(tenantBilling.tenantId, tenant!.id))).toMatchObject([{ plan: 'trial' }]);
    const admin = await getDb()
      .select({ role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(users.email, email), eq(memberships.tenantId, tenant!.id)));
    expect(admin).toEqual([{ role: 'tenant_admin' }]);
    const [mail] = await getDb().select().from(outbox).where(and(eq(outbox.to, email), eq(outbox.tenantId, tenant!.id)));
    expect(mail!.subject).toContain('República de Testlandia');
    expect(mail!.text).toContain(`${slug}.testland.example`);
    const events = await getDb().select({ type: platformAuditEvents.type }).from(platformAuditEvents).where(eq(platformAuditEvents.tenantId, tenant!.id));
    expect(events.map((e) => e.type)).toContain('tenant.provisioned');
  });

  for (const failAfter of ['registered', 'migrated', 'seeded', 'adminAdded', 'invited'] as const) {
    it(`a failure after "${failAfter}" leaves no half tenant, says why, and can be retried`, async () => {
      const slug = uniqueSlug('tf');
      const email = `admin.${slug}@testland.example`;
      const id = await submittedDraft(wizardData(slug, email, 'catalogue'));
      expect(await provisionDraft(getDb(), getSql(), id, { failAfter })).toBeNull();
      const draft = await findDraft(getDb(), id);
      expect(draft!.status).toBe('failed');
      expect(draft!.error).toContain(`Injected failure after ${failAfter}`);
      expect(await getDb().select().from(tenants).where(eq(tenants.slug, slug))).toHaveLength(0);
      expect(await schemaExists(slug)).toBe(false);
      expect(await getDb().select().from(tenantDomains).where(eq(tenantDomains.domain, `${slug}.testland.example`))).toHaveLength(0);
      expect(await getDb().select().from(users).where(eq(users.email, email))).toHaveLength(0);
      const [failure] = await getDb()
        .select()
        .from(platformAuditEvents)
        .where(and(eq(platformAuditEvents.type, 'tenant.provisioning_failed'), eq(platformAuditEvents.objectId, id)));
      expect(failure!.data).toMatchObject({ slug, after: failAfter });
      // The same draft, submitted again, now succeeds.
      expect(await claimDraftForProvisioning(getDb(), id)).toBe(true);
      expect(await provisionDraft(getDb(), getSql(), id)).toBe(slug);
      expect((await findTenantBySlug(slug))?.status).toBe('trial');
    });
  }

  it('refuses a slug that exists (checked again at submit) and leaves the existing tenant untouched', async () => {
    const slug = uniqueSlug('td');
    const first = await submittedDraft(wizardData(slug, `a.${slug}@testland.example`, 'blank'), false);
    expect(await provisionDraft(getDb(), getSql(), first)).toBe(slug);
    const second = await submittedDraft({ ...wizardData(slug, `b.${slug}@testland.example`, 'blank'), address: { slug, domains: [] } }, false);
    expect(await provisionDraft(getDb(), getSql(), second)).toBeNull();
    expect((await findDraft(getDb(), second))!.error).toBe('slugTaken');
    expect((await findTenantBySlug(slug))?.status).toBe('trial');
    expect(await schemaExists(slug)).toBe(true);
  });
});

describe('tenant lifecycle', () => {
  beforeAll(ensurePlatformSchema);

  it('trial → active → suspended → archived, each audited with its reason in both trails; delete only after archive with the slug typed', async () => {
    const slug = uniqueSlug('lc');
    const email = `admin.${slug}@testland.example`;
    const id = await submittedDraft(wizardData(slug, email, 'blank'), false);
    await provisionDraft(getDb(), getSql(), id);
    await expect(changeTenantStatus(getDb(), { slug, to: 'archived', reason: 'x', actorUserId: null })).resolves.toBeUndefined();
    await changeTenantStatus(getDb(), { slug, to: 'suspended', reason: 'restored for review', actorUserId: null });
    await changeTenantStatus(getDb(), { slug, to: 'active', reason: 'contract signed', actorUserId: null });
    await changeTenantStatus(getDb(), { slug, to: 'suspended', reason: 'unpaid invoice', actorUserId: null });
    const tenant = await findTenantBySlug(slug);
    expect(tenant!.status).toBe('suspended');
    // Only administrators may sign in while suspended.
    expect(await signInAllowedWhileSuspended(getDb(), tenant!.id, email)).toBe(true);
    expect(await signInAllowedWhileSuspended(getDb(), tenant!.id, 'someone.else@testland.example')).toBe(false);
    await expect(changeTenantStatus(getDb(), { slug, to: 'trial' as never, reason: 'back to trial', actorUserId: null })).rejects.toMatchObject({ code: 'notAllowed' });
    await expect(deleteArchivedTenant(getDb(), getSql(), { slug, confirmation: slug, actorUserId: null })).rejects.toMatchObject({ code: 'notArchived' });
    await changeTenantStatus(getDb(), { slug, to: 'archived', reason: 'authority left the platform', actorUserId: null });
    expect(await findTenantBySlug(slug)).toBeNull();
    const trail = await withTenant({ slug }, (tx) => tx.select().from(auditEvents).where(eq(auditEvents.type, 'tenant.status_changed')).orderBy(auditEvents.occurredAt));
    expect(trail.map((e) => [e.data.to, e.data.reason])).toEqual([
      ['archived', 'x'],
      ['suspended', 'restored for review'],
      ['active', 'contract signed'],
      ['suspended', 'unpaid invoice'],
      ['archived', 'authority left the platform'],
    ]);
    const error = await deleteArchivedTenant(getDb(), getSql(), { slug, confirmation: 'wrong', actorUserId: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LifecycleError);
    expect((error as LifecycleError).code).toBe('confirmationMismatch');
    expect(await schemaExists(slug)).toBe(true);
    await deleteArchivedTenant(getDb(), getSql(), { slug, confirmation: slug, actorUserId: null });
    expect(await schemaExists(slug)).toBe(false);
    expect(await getDb().select().from(tenants).where(eq(tenants.slug, slug))).toHaveLength(0);
    const platformTrail = await getDb().select({ type: platformAuditEvents.type }).from(platformAuditEvents).where(and(eq(platformAuditEvents.objectId, slug), isNull(platformAuditEvents.actorUserId)));
    expect(platformTrail.map((e) => e.type)).toContain('tenant.deleted');
  });
});

describe('whole-tenant export and import', () => {
  beforeAll(ensurePlatformSchema);

  it('import(export(t)) under a new slug equals t: config, assets, members, plan and every table', async () => {
    // A demo tenant with suppliers, buyers, frameworks and published services.
    const dir = await mkdtemp(path.join(tmpdir(), 'mp-archive-'));
    await cp(path.join(process.cwd(), 'tenants', 'uk'), dir, { recursive: true });
    const config = JSON.parse(await readFile(path.join(dir, 'tenant.json'), 'utf8'));
    const slug = uniqueSlug('ex');
    config.slug = slug;
    config.domains = [`${slug}.marketplace.example`];
    config.members = (config.members as { email: string }[]).map((m) => ({ ...m, email: `${slug}.${m.email}` }));
    await writeFile(path.join(dir, 'tenant.json'), JSON.stringify(config));
    await importTenantFolder(getDb(), getSql(), dir);

    const original = await exportTenantArchive(getDb(), getSql(), slug);
    expect(Object.values(original.tables).reduce((n, rows) => n + rows.length, 0)).toBeGreaterThan(20);
    expect(original.tables.services!.length).toBeGreaterThan(0);
    // Through JSON, as the download does.
    const copySlug = uniqueSlug('im');
    const imported = await importTenantArchive(getDb(), getSql(), JSON.parse(JSON.stringify(original)), { slug: copySlug, actorUserId: null });
    expect(imported.rows).toBeGreaterThan(20);
    const copy = await exportTenantArchive(getDb(), getSql(), copySlug);

    const comparable = (a: typeof original) => ({ ...a, slug: undefined, exportedAt: undefined, config: { ...a.config, slug: undefined, domains: undefined } });
    expect(comparable(copy)).toEqual(comparable(original));
    expect(copy.config.slug).toBe(copySlug);
    expect(copy.config.domains).toEqual([]);
    // The copy is a working tenant: served, searchable.
    expect((await findTenantBySlug(copySlug))?.status).toBe('active');
    const searchable = (s: string) =>
      withTenant({ slug: s }, async (tx) => (await tx.select({ id: services.id }).from(services).where(isNotNull(services.searchDocument))).length);
    expect(await searchable(copySlug)).toBe(await searchable(slug));
    expect(await searchable(copySlug)).toBeGreaterThan(0);

    // Importing onto a slug in use is refused and changes nothing.
    await expect(importTenantArchive(getDb(), getSql(), original, { slug: copySlug, actorUserId: null })).rejects.toBeInstanceOf(ArchiveError);
    // A broken archive leaves nothing behind.
    const brokenSlug = uniqueSlug('br');
    const broken = { ...original, tables: { ...original.tables, services: [{ id: 'not-a-uuid' }] } };
    await expect(importTenantArchive(getDb(), getSql(), broken, { slug: brokenSlug, actorUserId: null })).rejects.toThrow();
    expect(await getDb().select().from(tenants).where(eq(tenants.slug, brokenSlug))).toHaveLength(0);
    expect(await schemaExists(brokenSlug)).toBe(false);
  });
});
