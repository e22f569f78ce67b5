import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { getDb, getSql } from '@/db/client';
import { tenantAssets, tenantDomains, tenants } from '@/db/schema/platform';
import { auditEvents, suppliers } from '@/db/schema/tenant';
import { contracts } from '@/db/schema/tenant-contracts';
import { opportunities } from '@/db/schema/tenant-opportunities';
import { withTenant } from '@/db/with-tenant';
import { deriveOpportunityStatus } from '@/modules/opportunities/status';
import { ZTenantConfig } from '@/tenants/config-schema';
import { exportTenantFolder, importTenantFolder, TenantImportError } from '@/tenants/import-export';
import { ensurePlatformSchema, uniqueSlug } from '../support/tenants';

/** A copy of a shipped demo tenant folder under a fresh slug and domain, so tests never collide. */
async function copyDemoTenant(demo: string, edit: (config: Record<string, unknown>) => void = () => {}) {
  const dir = await mkdtemp(path.join(tmpdir(), 'mp-tenant-'));
  await cp(path.join(process.cwd(), 'tenants', demo), dir, { recursive: true });
  const config = JSON.parse(await readFile(path.join(dir, 'tenant.json'), 'utf8'));
  const slug = uniqueSlug(demo);
  config.slug = slug;
  config.domains = (config.domains as string[]).map((d) => `${slug}.${d}`);
  config.members = (config.members as { email: string }[]).map((m) => ({ ...m, email: `${slug}.${m.email}` }));
  edit(config);
  await writeFile(path.join(dir, 'tenant.json'), JSON.stringify(config, null, 2));
  return { dir, slug, config };
}

describe('tenants as config-as-code', () => {
  beforeAll(ensurePlatformSchema);

  it('imports a tenant folder: config, domains, logo, members, migrated schema, demo data and audit', async () => {
    const { dir, slug, config } = await copyDemoTenant('uk');
    const result = await importTenantFolder(getDb(), getSql(), dir);
    expect(result).toMatchObject({ slug, created: true, seeded: 8 });
    const [row] = await getDb().select().from(tenants).where(eq(tenants.slug, slug));
    expect(row!.schemaVersion).toBe(result.schemaVersion);
    const domains = await getDb().select().from(tenantDomains).where(eq(tenantDomains.tenantId, row!.id));
    expect(domains.map((d) => d.domain)).toEqual(config.domains);
    const [logo] = await getDb().select().from(tenantAssets).where(eq(tenantAssets.tenantId, row!.id));
    expect(logo!.contentType).toBe('image/svg+xml');
    const names = await withTenant({ slug }, (tx) => tx.select().from(suppliers));
    expect(names).toHaveLength(8);
    const audit = await withTenant({ slug }, (tx) => tx.select().from(auditEvents));
    expect(audit.map((a) => a.type)).toContain('tenant.created');
  });

  it.each(['uk', 'ca', 'cl'])('the %s demo plays its opportunities through the real rules: live, closed, awarded with a contract', async (demo) => {
    const { dir, slug } = await copyDemoTenant(demo);
    await importTenantFolder(getDb(), getSql(), dir);
    const rows = await withTenant({ slug }, (tx) => tx.select().from(opportunities));
    const statuses = new Set(rows.map((o) => deriveOpportunityStatus(o, new Date())));
    expect([...statuses]).toEqual(expect.arrayContaining(['live', 'closed', 'awarded']));
    const awarded = await withTenant({ slug }, (tx) => tx.select().from(contracts).where(eq(contracts.route, 'further_competition')));
    expect(awarded.length).toBeGreaterThan(0);
  });

  it('export writes the same format back, and re-importing it updates without re-seeding', async () => {
    const { dir, slug } = await copyDemoTenant('ca');
    await importTenantFolder(getDb(), getSql(), dir);
    const out = await mkdtemp(path.join(tmpdir(), 'mp-export-'));
    await exportTenantFolder(getDb(), slug, out);
    const original = ZTenantConfig.parse(JSON.parse(await readFile(path.join(dir, 'tenant.json'), 'utf8')));
    const exported = ZTenantConfig.parse(JSON.parse(await readFile(path.join(out, 'tenant.json'), 'utf8')));
    const sortMembers = (c: typeof original) => ({
      ...c,
      members: [...c.members].sort((x, y) => x.email.localeCompare(y.email)).map((m) => ({ ...m, roles: [...m.roles].sort() })),
    });
    expect(sortMembers(exported)).toEqual(sortMembers(original));
    expect(await readFile(path.join(out, 'logo.svg'))).toEqual(await readFile(path.join(dir, 'logo.svg')));
    const again = await importTenantFolder(getDb(), getSql(), out);
    expect(again).toMatchObject({ created: false, seeded: 0 });
    const [row] = await getDb().select().from(tenants).where(eq(tenants.slug, slug));
    expect(row!.configVersion).toBe(2);
  });

  it('refuses brand colours that fail WCAG AA contrast, with a clear reason, and changes nothing', async () => {
    const { dir, slug } = await copyDemoTenant('cl', (c) => {
      (c.branding as Record<string, string>).primary = '#ffdd00';
    });
    const error = await importTenantFolder(getDb(), getSql(), dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZodError);
    const issue = (error as ZodError).issues[0]!;
    expect(issue.message).toBe('validation.contrast');
    expect(issue.path).toEqual(['branding', 'primaryText']);
    expect((issue as unknown as { params: Record<string, string> }).params.ratio).toMatch(/^1\.\d+:1$/);
    // Other test files create tenants concurrently: check this one, not a global count.
    expect(await getDb().select().from(tenants).where(eq(tenants.slug, slug))).toHaveLength(0);
  });

  it('refuses a custom domain that belongs to another tenant, and rolls the whole import back', async () => {
    const first = await copyDemoTenant('uk');
    await importTenantFolder(getDb(), getSql(), first.dir);
    const second = await copyDemoTenant('uk', (c) => {
      c.domains = first.config.domains;
    });
    await expect(importTenantFolder(getDb(), getSql(), second.dir)).rejects.toBeInstanceOf(TenantImportError);
    expect(await getDb().select().from(tenants).where(eq(tenants.slug, second.slug))).toHaveLength(0);
  });

  it('refuses a logo with active content', async () => {
    const { dir, slug } = await copyDemoTenant('cl');
    await writeFile(path.join(dir, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    await expect(importTenantFolder(getDb(), getSql(), dir)).rejects.toMatchObject({ code: 'assetRejected' });
    expect(await getDb().select().from(tenants).where(eq(tenants.slug, slug))).toHaveLength(0);
  });
});
