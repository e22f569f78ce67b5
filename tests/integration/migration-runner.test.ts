import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, getSql } from '@/db/client';
import { loadMigrations, migrateAllTenants, migrateTenant, type Migration } from '@/db/migrator';
import { tenants } from '@/db/schema/platform';
import { ZTenantConfig } from '@/tenants/config-schema';
import { ensurePlatformSchema, testTenantConfig, uniqueSlug } from '../support/tenants';

async function insertTenantRow(prefix: string): Promise<string> {
  const slug = uniqueSlug(prefix);
  await getDb().insert(tenants).values({ slug, config: ZTenantConfig.parse(testTenantConfig(slug)) });
  return slug;
}

async function schemaVersion(slug: string): Promise<number> {
  const [row] = await getDb().select({ v: tenants.schemaVersion }).from(tenants).where(eq(tenants.slug, slug));
  return row!.v;
}

async function tableExists(schema: string, table: string): Promise<boolean> {
  const [row] = await getSql()`select to_regclass(${`${schema}.${table}`}) is not null as exists`;
  return row!.exists as boolean;
}

const brokenMigration: Migration = {
  tag: '9999_broken',
  checksum: 'broken',
  statements: ['CREATE TABLE half_done (id int)', 'SELECT * FROM table_that_does_not_exist'],
};

describe('tenant migration runner', () => {
  let real: Migration[];

  beforeAll(async () => {
    await ensurePlatformSchema();
    real = await loadMigrations('tenant');
  });

  it('migrates a new tenant, records the journal and the schema version, and a re-run is a no-op', async () => {
    const slug = await insertTenantRow('mig-new');
    const first = await migrateTenant(getSql(), slug);
    expect(first.applied).toEqual(real.map((m) => m.tag));
    expect(await schemaVersion(slug)).toBe(real.length);
    const second = await migrateTenant(getSql(), slug);
    expect(second.applied).toEqual([]);
    expect(second.version).toBe(real.length);
    const journal = await getSql().unsafe(`select tag from "${first.schema}".schema_migrations order by tag`);
    expect(journal.map((r) => r.tag)).toEqual(real.map((m) => m.tag));
  });

  it('grants the tenant role rights on tables a new migration adds, and an up-to-date run keeps them', async () => {
    const slug = await insertTenantRow('mig-grant');
    await migrateTenant(getSql(), slug, real);
    const schema = `t_${slug.replaceAll('-', '_')}`;
    const role = `mp_${schema}`;
    const added: Migration = { tag: '9000_added_table', checksum: 'added', statements: ['CREATE TABLE added_later (id int)'] };
    const canRead = async (table: string) => {
      const [row] = await getSql()`select has_table_privilege(${role}, ${`${schema}.${table}`}, 'SELECT') as ok`;
      return row!.ok as boolean;
    };
    expect((await migrateTenant(getSql(), slug, [...real, added])).applied).toEqual(['9000_added_table']);
    expect(await canRead('added_later')).toBe(true);
    // Nothing to apply: the table rights are not granted again (slow at 1,000 tenants) but stay in place.
    expect((await migrateTenant(getSql(), slug, [...real, added])).applied).toEqual([]);
    expect(await canRead('added_later')).toBe(true);
    expect(await canRead('services')).toBe(true);
    // A role that went missing is created again with its table rights, even when nothing is applied.
    await getSql().unsafe(`DROP OWNED BY "${role}"`);
    await getSql().unsafe(`DROP ROLE "${role}"`);
    expect((await migrateTenant(getSql(), slug, [...real, added])).applied).toEqual([]);
    expect(await canRead('services')).toBe(true);
  });

  it('a crash half-way leaves the tenant as it was, and the next run resumes', async () => {
    const slug = await insertTenantRow('mig-crash');
    await expect(migrateTenant(getSql(), slug, [...real, brokenMigration])).rejects.toThrow(/table_that_does_not_exist/);
    const schema = `t_${slug.replaceAll('-', '_')}`;
    expect(await tableExists(schema, 'suppliers')).toBe(false);
    expect(await tableExists(schema, 'half_done')).toBe(false);
    expect(await schemaVersion(slug)).toBe(0);
    const resumed = await migrateTenant(getSql(), slug, real);
    expect(resumed.applied.length).toBe(real.length);
    expect(await tableExists(schema, 'suppliers')).toBe(true);
    expect(await schemaVersion(slug)).toBe(real.length);
  });

  it('refuses a migration whose file changed after it was applied', async () => {
    const slug = await insertTenantRow('mig-edit');
    await migrateTenant(getSql(), slug, real);
    const edited = real.map((m, i) => (i === 0 ? { ...m, checksum: 'changed' } : m));
    await expect(migrateTenant(getSql(), slug, edited)).rejects.toThrow(/changed after it was applied/);
  });

  it('two runners on the same tenant serialise on the advisory lock and apply each migration once', async () => {
    const slug = await insertTenantRow('mig-race');
    const [x, y] = await Promise.all([migrateTenant(getSql(), slug, real), migrateTenant(getSql(), slug, real)]);
    expect(x!.applied.length + y!.applied.length).toBe(real.length);
  });

  it('migrates every tenant with bounded parallelism; one failing tenant does not stop the others', async () => {
    const slugs = await Promise.all(['mig-all', 'mig-all', 'mig-all'].map(insertTenantRow));
    const lines: string[] = [];
    const results = await migrateAllTenants(getSql(), {
      concurrency: 2,
      onProgress: (p) => lines.push(`${p.slug}:${p.error ? 'failed' : 'ok'}`),
    });
    for (const slug of slugs) {
      expect(lines).toContain(`${slug}:ok`);
      expect(await schemaVersion(slug)).toBe(real.length);
    }
    expect(results.length).toBeGreaterThanOrEqual(slugs.length);

    // A tenant whose schema has a conflicting table fails alone; the others still migrate.
    const failing = await insertTenantRow('mig-fail');
    const healthy = await insertTenantRow('mig-fine');
    const failingSchema = `t_${failing.replaceAll('-', '_')}`;
    await getSql().unsafe(`create schema "${failingSchema}"; create table "${failingSchema}".suppliers (clash int)`);
    const mixed = await migrateAllTenants(getSql(), { concurrency: 2, migrations: real });
    expect(mixed.find((r) => r.slug === failing)?.error?.message).toMatch(/already exists/);
    expect(mixed.find((r) => r.slug === healthy)?.error).toBeUndefined();
    expect(await schemaVersion(healthy)).toBe(real.length);
    expect(await schemaVersion(failing)).toBe(0);
    await getSql().unsafe(`drop table "${failingSchema}".suppliers`);
    const resumed = await migrateAllTenants(getSql(), { concurrency: 2, migrations: real });
    expect(resumed.find((r) => r.slug === failing)?.error).toBeUndefined();
    expect(await schemaVersion(failing)).toBe(real.length);
  });
});
