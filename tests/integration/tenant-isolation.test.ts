import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, openConnection } from '@/db/client';
import { suppliers } from '@/db/schema/tenant';
import { withTenant } from '@/db/with-tenant';
import { createTestTenant, ensurePlatformSchema } from '../support/tenants';
import { expectDatabaseError } from '../support/db-errors';

const supplierRow = (legalName: string) => ({
  legalName,
  registrationScheme: 'GB-COH',
  registrationNumber: '01234567',
  organisationSize: 'small',
});

describe('schema-per-tenant isolation', () => {
  let a: { slug: string };
  let b: { slug: string };

  beforeAll(async () => {
    await ensurePlatformSchema();
    a = await createTestTenant('iso-a');
    b = await createTestTenant('iso-b');
    await withTenant(a, (tx) => tx.insert(suppliers).values([supplierRow('A One'), supplierRow('A Two')]));
    await withTenant(b, (tx) => tx.insert(suppliers).values(supplierRow('B Only')));
  });

  it("never shows tenant A's rows through tenant B, in either direction", async () => {
    const seenByA = await withTenant(a, (tx) => tx.select({ name: suppliers.legalName }).from(suppliers));
    const seenByB = await withTenant(b, (tx) => tx.select({ name: suppliers.legalName }).from(suppliers));
    expect(seenByA.map((r) => r.name).sort()).toEqual(['A One', 'A Two']);
    expect(seenByB.map((r) => r.name)).toEqual(['B Only']);
  });

  it('writes through B land in B only', async () => {
    await withTenant(b, (tx) => tx.insert(suppliers).values(supplierRow('B Second')));
    const aNames = await withTenant(a, (tx) => tx.select({ name: suppliers.legalName }).from(suppliers));
    expect(aNames.map((r) => r.name)).not.toContain('B Second');
  });

  it('fails closed: a query outside withTenant finds no tenant table', async () => {
    await expectDatabaseError(getDb().select().from(suppliers), /relation "suppliers" does not exist/);
  });

  it('the binding ends with the transaction: the same pooled connection is unbound afterwards', async () => {
    const single = openConnection(process.env.DATABASE_URL!, { max: 1 });
    try {
      await withTenant(a, (tx) => tx.select().from(suppliers), single.db);
      await expectDatabaseError(single.db.select().from(suppliers), /does not exist/);
      const [path] = await single.sql`show search_path`;
      expect(path?.search_path).not.toContain('t_');
    } finally {
      await single.sql.end();
    }
  });

  it('keeps concurrent mixed-tenant transactions on one small pool apart', async () => {
    const pool = openConnection(process.env.DATABASE_URL!, { max: 3 });
    try {
      const jobs = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b));
      const results = await Promise.all(
        jobs.map((tenant) =>
          withTenant(
            tenant,
            async (tx) => {
              // Interleave: hold the transaction open briefly so others run on the other connections.
              await tx.execute(sql`select pg_sleep(0.005)`);
              const rows = await tx.select({ name: suppliers.legalName }).from(suppliers);
              const [schema] = await tx.execute<{ s: string }>(sql`select current_schema() as s`);
              return { tenant: tenant.slug, names: rows.map((r) => r.name), schema: schema?.s };
            },
            pool.db,
          ),
        ),
      );
      for (const r of results) {
        expect(r.schema).toBe(`t_${r.tenant.replaceAll('-', '_')}`);
        const prefix = r.tenant === a.slug ? 'A ' : 'B ';
        expect(r.names.length).toBeGreaterThan(0);
        expect(r.names.every((n) => n.startsWith(prefix))).toBe(true);
      }
    } finally {
      await pool.sql.end();
    }
  });

  it('rejects a slug that is not a valid tenant identifier before touching the database', async () => {
    await expect(withTenant({ slug: 'a"; drop schema public; --' }, async () => 1)).rejects.toThrow(/Invalid tenant slug/);
  });
});

describe('connection pool under concurrency', () => {
  it('parameterised queries from many pooled connections at once all get their own answers', async () => {
    const pool = openConnection(process.env.DATABASE_URL!, { max: 6 });
    try {
      const answers = await Promise.all(
        Array.from({ length: 120 }, (_, i) =>
          // Unnamed statements with different parameter counts, as drizzle sends them.
          i % 2 === 0
            ? pool.sql.unsafe('select $1::int as n, $2::text as label', [i, `text-${i}`])
            : pool.sql.unsafe('select $1::int as n, $2::text as label, $3::boolean as flag, $4::int as doubled', [i, `text-${i}`, true, i * 2]),
        ),
      );
      answers.forEach((rows, i) => {
        expect(rows[0]?.n).toBe(i);
        expect(rows[0]?.label).toBe(`text-${i}`);
      });
    } finally {
      await pool.sql.end();
    }
  });
});
