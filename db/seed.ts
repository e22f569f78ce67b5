import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type postgres from 'postgres';
import { z } from 'zod';
import type { Database } from './client';
import { memberships, tenants, users } from './schema/platform';
import { tenantBilling } from './schema/platform-onboarding';
import { DEFAULT_PLAN } from '@/modules/billing/plans';
import { importTenantFolder, type ImportResult } from '@/tenants/import-export';

export const TENANTS_DIR = path.join(process.cwd(), 'tenants');

const ZPlatformSeed = z.object({
  operators: z.array(z.object({ email: z.email(), name: z.string().min(1) })),
  /** Demo plans and lifecycle status, applied when the tenant is first created. */
  tenants: z.record(z.string(), z.object({ plan: z.string(), status: z.enum(['trial', 'active', 'suspended']) })).default({}),
});

/** Imports each tenant folder under tenants/ whose tenant does not exist yet: a second start changes nothing. */
export async function seedDemoTenants(
  db: Database,
  sql: postgres.Sql,
  onProgress: (line: string) => void = () => {},
): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  // EXTRA_TENANT_DIRS (colon-separated) adds folders of tenant folders, e.g. the test fixtures.
  const roots = [TENANTS_DIR, ...(process.env.EXTRA_TENANT_DIRS ?? '').split(':').filter(Boolean).map((d) => path.resolve(d))];
  const folders: { name: string; dir: string }[] = [];
  for (const root of roots) {
    for (const entry of await readdir(root, { withFileTypes: true })) {
      if (entry.isDirectory()) folders.push({ name: entry.name, dir: path.join(root, entry.name) });
    }
  }
  for (const entry of folders.sort((a, b) => a.name.localeCompare(b.name))) {
    const dir = entry.dir;
    if (!existsSync(path.join(dir, 'tenant.json'))) continue;
    const [existing] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, entry.name)).limit(1);
    if (existing) {
      onProgress(`tenant ${entry.name}: already present, not re-seeded`);
      continue;
    }
    const result = await importTenantFolder(db, sql, dir);
    onProgress(
      `tenant ${result.slug}: created, schema v${result.schemaVersion}, ${result.seeded} demo suppliers, ${result.frameworks} frameworks, ${result.demoServices} demo services`,
    );
    results.push(result);
  }
  await seedPlatformOperators(db, new Set(results.map((r) => r.slug)));
  return results;
}

async function seedPlatformOperators(db: Database, created: Set<string>): Promise<void> {
  const file = path.join(TENANTS_DIR, 'platform.json');
  if (!existsSync(file)) return;
  const seed = ZPlatformSeed.parse(JSON.parse(await readFile(file, 'utf8')));
  for (const operator of seed.operators) {
    const email = operator.email.toLowerCase();
    await db.insert(users).values({ email, name: operator.name }).onConflictDoNothing({ target: users.email });
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
    await db.insert(memberships).values({ userId: user!.id, tenantId: null, role: 'platform_admin' }).onConflictDoNothing();
  }
  // Every tenant has a billing record (the console lists plans); demo tenants get the plan and status listed.
  for (const tenant of await db.select({ id: tenants.id, slug: tenants.slug }).from(tenants)) {
    const wanted = seed.tenants[tenant.slug];
    await db.insert(tenantBilling).values({ tenantId: tenant.id, plan: wanted?.plan ?? DEFAULT_PLAN }).onConflictDoNothing();
    if (wanted && created.has(tenant.slug)) await db.update(tenants).set({ status: wanted.status }).where(eq(tenants.id, tenant.id));
  }
}
