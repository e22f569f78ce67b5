import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { and, eq, inArray, isNull, ne, sql as dsql } from 'drizzle-orm';
import type postgres from 'postgres';
import type { Database } from '@/db/client';
import { migrateTenant } from '@/db/migrator';
import { memberships, tenantAssets, tenantDomains, tenants, users } from '@/db/schema/platform';
import { buyerMembers, buyerOrganisations, supplierMembers, suppliers } from '@/db/schema/tenant';
import { withTenant } from '@/db/with-tenant';
import { recordAuditEvent, recordPlatformAuditEvent } from '@/modules/audit/record';
import { createTeam, setTeamMembership } from '@/modules/buyers/teams';
import { checkBrandAsset } from './assets';
import { seedDemoContracts } from '@/modules/contracts/seed';
import { ZTenantConfig, type TTenantConfig } from './config-schema';
import { forgetCachedTenants } from './registry';
import { setContentLanguage } from '@/modules/catalogue/search';
import { syncOcds } from '@/modules/ocds/domain-events';
import { seedDemoDirectAwards } from './direct-award-seed';
import { exportFrameworkSeeds, importFrameworkSeeds } from './framework-seed';
import { seedDemoOpportunities } from './opportunity-seed';
import { ZBuyerSeed, ZSupplierSeed } from './seed-schema';
import { seedDemoContracts as seedFallbackDemoAwards } from './opendata-demo-seed';

export class TenantImportError extends Error {
  constructor(
    readonly code: 'domainTaken' | 'assetMissing' | 'assetRejected',
    readonly detail: Record<string, string>,
  ) {
    super(`${code}: ${JSON.stringify(detail)}`);
  }
}

export interface ImportResult {
  slug: string;
  created: boolean;
  seeded: number;
  schemaVersion: number;
  frameworks: number;
  demoServices: number;
}

/**
 * Creates or updates one tenant from its config-as-code folder (tenant.json + logo + optional seed/),
 * then migrates its schema. Demo data in seed/ is loaded only into an empty tenant.
 */
export async function importTenantFolder(db: Database, sql: postgres.Sql, dir: string): Promise<ImportResult> {
  const config = ZTenantConfig.parse(JSON.parse(await readFile(path.join(dir, 'tenant.json'), 'utf8')));
  const assets = await readAssets(dir, config);
  const { tenantId, created } = await db.transaction(async (tx) => {
    const [existing] = await tx.select().from(tenants).where(eq(tenants.slug, config.slug)).limit(1);
    let id: string;
    if (existing) {
      id = existing.id;
      await tx
        .update(tenants)
        .set({ config, configVersion: dsql`${tenants.configVersion} + 1`, updatedAt: new Date() })
        .where(eq(tenants.id, id));
    } else {
      const [row] = await tx.insert(tenants).values({ slug: config.slug, config, status: 'active' }).returning();
      id = row!.id;
    }
    if (config.domains.length > 0) {
      const taken = await tx
        .select({ domain: tenantDomains.domain })
        .from(tenantDomains)
        .where(and(inArray(tenantDomains.domain, config.domains), ne(tenantDomains.tenantId, id)));
      if (taken.length > 0) throw new TenantImportError('domainTaken', { domain: taken[0]!.domain });
    }
    await tx.delete(tenantDomains).where(eq(tenantDomains.tenantId, id));
    if (config.domains.length > 0) {
      await tx.insert(tenantDomains).values(config.domains.map((domain) => ({ domain, tenantId: id })));
    }
    for (const asset of assets) {
      await tx
        .insert(tenantAssets)
        .values({ tenantId: id, ...asset })
        .onConflictDoUpdate({
          target: [tenantAssets.tenantId, tenantAssets.name],
          set: { body: asset.body, contentType: asset.contentType, updatedAt: new Date() },
        });
    }
    await syncMembers(tx as unknown as Database, id, config);
    await recordPlatformAuditEvent(tx, {
      type: existing ? 'tenant.updated_from_config' : 'tenant.created_from_config',
      tenantId: id,
      objectType: 'tenant',
      objectId: config.slug,
    });
    return { tenantId: id, created: !existing };
  });
  const migrated = await migrateTenant(sql, config.slug);
  // The catalogue's text search follows the content language; set before any service is published.
  await withTenant({ slug: config.slug }, (tx) => setContentLanguage(tx, config.defaultLocale), db);
  const seeded = await seedDemoData(db, config.slug, dir);
  if (created) await seedDemoBuyers(db, config.slug, dir);
  // Frameworks are config too; their demo services load only into a tenant that is new.
  const frameworkSeeds = await importFrameworkSeeds(
    db,
    { slug: config.slug, timezone: config.timezone, defaultLocale: config.defaultLocale },
    dir,
    created,
  );
  if (created) await seedDemoOpportunities(db, config, dir);
  if (created) await seedDemoDirectAwards(db, config.slug, dir, config.currency);
  // Demo call-off contracts need the suppliers, buyers and services above.
  if (created) await seedDemoContracts(db, { slug: config.slug, timezone: config.timezone, currency: config.currency, defaultLocale: config.defaultLocale }, dir);
  // A tenant whose seed brings no contracts still gets demo awards derived from its own services.
  if (created) await seedFallbackDemoAwards(db, { slug: config.slug, currency: config.currency });
  // Seeded frameworks, admitted suppliers, call-offs and contracts are published as OCDS (when the tenant has a prefix).
  await withTenant({ slug: config.slug }, (tx) => syncOcds(tx), db);
  await withTenant(
    { slug: config.slug },
    (tx) =>
      recordAuditEvent(tx, {
        type: created ? 'tenant.created' : 'tenant.config_updated',
        objectType: 'tenant',
        objectId: tenantId,
        data: { source: 'config-as-code', seededSuppliers: seeded, frameworks: frameworkSeeds.frameworks, demoServices: frameworkSeeds.services },
      }),
    db,
  );
  forgetCachedTenants();
  return { slug: config.slug, created, seeded, schemaVersion: migrated.version, frameworks: frameworkSeeds.frameworks, demoServices: frameworkSeeds.services };
}

async function readAssets(dir: string, config: TTenantConfig) {
  const wanted: [string, string | undefined][] = [
    ['logo', config.branding.logo],
    ['favicon', config.branding.favicon],
  ];
  const result: { name: string; contentType: string; body: Buffer }[] = [];
  for (const [name, file] of wanted) {
    if (!file) continue;
    const filePath = path.join(dir, file);
    if (!existsSync(filePath)) throw new TenantImportError('assetMissing', { file });
    const body = await readFile(filePath);
    const check = checkBrandAsset(body);
    if (!check.ok) throw new TenantImportError('assetRejected', { file, reason: check.reason });
    result.push({ name, contentType: check.contentType, body });
  }
  return result;
}

/** Adds the listed people and roles (existing other members are kept). */
async function syncMembers(db: Database, tenantId: string, config: TTenantConfig): Promise<void> {
  for (const member of config.members) {
    const email = member.email.toLowerCase();
    await db.insert(users).values({ email, name: member.name }).onConflictDoNothing({ target: users.email });
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
    for (const role of member.roles) {
      await db
        .insert(memberships)
        .values({ userId: user!.id, tenantId: role === 'platform_admin' ? null : tenantId, role })
        .onConflictDoNothing();
    }
  }
}

async function seedDemoData(db: Database, slug: string, dir: string): Promise<number> {
  const file = path.join(dir, 'seed', 'suppliers.json');
  if (!existsSync(file)) return 0;
  const rows = ZSupplierSeed.parse(JSON.parse(await readFile(file, 'utf8')));
  return withTenant(
    { slug },
    async (tx) => {
      const [count] = await tx.select({ n: dsql<number>`count(*)::int` }).from(suppliers);
      if ((count?.n ?? 0) > 0) return 0;
      const now = Date.now();
      // Spread join dates over past weeks so the home page shows a realistic history.
      const inserted = await tx
        .insert(suppliers)
        .values(rows.map(({ members: _members, ...row }, i) => ({ ...row, createdAt: new Date(now - (rows.length - i) * 5 * 86_400_000) })))
        .returning({ id: suppliers.id, legalName: suppliers.legalName });
      for (const row of rows) {
        const supplierId = inserted.find((x) => x.legalName === row.legalName)!.id;
        for (const email of row.members) {
          // Same transaction: a second connection would wait on this one (PGlite runs one transaction at a time).
          const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email.toLowerCase())).limit(1);
          if (user) await tx.insert(supplierMembers).values({ supplierId, userId: user.id, role: 'admin' }).onConflictDoNothing();
        }
      }
      return rows.length;
    },
    db,
  );
}

async function seedDemoBuyers(db: Database, slug: string, dir: string): Promise<void> {
  const file = path.join(dir, 'seed', 'buyers.json');
  if (!existsSync(file)) return;
  const orgs = ZBuyerSeed.parse(JSON.parse(await readFile(file, 'utf8')));
  await withTenant(
    { slug },
    async (tx) => {
      for (const org of orgs) {
        const [row] = await tx.insert(buyerOrganisations).values({ name: org.name, organisationType: org.organisationType, emailDomains: org.emailDomains }).returning({ id: buyerOrganisations.id });
        for (const email of org.members) {
          // Same transaction: platform.users is schema-qualified.
          const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email.toLowerCase())).limit(1);
          if (user) await tx.insert(buyerMembers).values({ organisationId: row!.id, userId: user.id }).onConflictDoNothing();
        }
        for (const team of org.teams) {
          const members = await tx.select({ id: users.id }).from(users).where(inArray(users.email, team.members.map((e) => e.toLowerCase())));
          const [founder, ...others] = members;
          if (!founder) continue;
          // Through the domain functions, so the demo's teams are audited like real ones.
          const teamId = await createTeam(tx, { organisationId: row!.id, name: team.name, actor: founder.id });
          for (const other of others) await setTeamMembership(tx, { organisationId: row!.id, teamId, actor: other.id, join: true });
        }
      }
    },
    db,
  );
}

/** Writes the tenant back in the same format import reads. */
export async function exportTenantFolder(db: Database, slug: string, dir: string): Promise<void> {
  const [tenant] = await db.select().from(tenants).where(eq(tenants.slug, slug)).limit(1);
  if (!tenant) throw new Error(`No tenant ${slug}`);
  const config = ZTenantConfig.parse(tenant.config);
  const memberRows = await db
    .select({ email: users.email, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.tenantId, tenant.id))
    .orderBy(users.email, memberships.role);
  const byEmail = new Map<string, { email: string; name: string; roles: TTenantConfig['members'][number]['roles'] }>();
  for (const row of memberRows) {
    const entry = byEmail.get(row.email) ?? { email: row.email, name: row.name ?? row.email, roles: [] };
    entry.roles.push(row.role as TTenantConfig['members'][number]['roles'][number]);
    byEmail.set(row.email, entry);
  }
  // Platform-wide roles held by this tenant's members are exported where the config declared them.
  for (const declared of config.members) {
    if (!declared.roles.includes('platform_admin')) continue;
    const entry = byEmail.get(declared.email.toLowerCase());
    const [held] = await db
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(users.email, declared.email.toLowerCase()), isNull(memberships.tenantId), eq(memberships.role, 'platform_admin')));
    if (entry && held) entry.roles.push('platform_admin');
  }
  const exported: TTenantConfig = { ...config, members: [...byEmail.values()].map((m) => ({ ...m, roles: [...m.roles].sort() })) };
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'tenant.json'), `${JSON.stringify(exported, null, 2)}\n`);
  await exportFrameworkSeeds(db, { slug, timezone: config.timezone }, dir);
  const assets = await db.select().from(tenantAssets).where(eq(tenantAssets.tenantId, tenant.id));
  for (const asset of assets) {
    const file = asset.name === 'logo' ? config.branding.logo : config.branding.favicon;
    if (file) await writeFile(path.join(dir, file), asset.body);
  }
}
