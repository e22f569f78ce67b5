import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { getSql, openConnection } from '@/db/client';
import { grantPlatformRights, grantTenantRights, tenantRoleName } from '@/db/tenant-roles';
import { tenantSchemaName } from '@/db/tenant-schema';
import { withTenant } from '@/db/with-tenant';
import { suppliers } from '@/db/schema/tenant';
import { expectDatabaseError } from '../support/db-errors';
import { createTestTenant, ensurePlatformSchema } from '../support/tenants';

/*
 * Database-level isolation: a transaction bound to tenant A runs as A's role, which has no rights on B's schema,
 * so even a schema-qualified query for B is refused by PostgreSQL itself.
 */

const row = (legalName: string) => ({ legalName, registrationScheme: 'GB-COH', registrationNumber: '01234567', organisationSize: 'small' });

describe('tenant roles', () => {
  let a: { slug: string };
  let b: { slug: string };
  let bTable: string;

  beforeAll(async () => {
    await ensurePlatformSchema();
    a = await createTestTenant('role-a');
    b = await createTestTenant('role-b');
    await withTenant(b, (tx) => tx.insert(suppliers).values(row('B secret supplier')));
    bTable = `"${tenantSchemaName(b.slug)}".suppliers`;
  });

  it('a transaction bound to A runs as A’s role and cannot read or write B’s tables, even schema-qualified', async () => {
    const role = await withTenant(a, (tx) => tx.execute<{ r: string }>(sql`select current_user as r`));
    expect(role[0]?.r).toBe(tenantRoleName(a.slug));
    await expectDatabaseError(withTenant(a, (tx) => tx.execute(sql.raw(`select * from ${bTable}`))), /permission denied/);
    await expectDatabaseError(
      withTenant(a, (tx) => tx.execute(sql.raw(`insert into ${bTable} (legal_name, registration_scheme, registration_number, organisation_size) values ('x', 'GB-COH', '1', 'small')`))),
      /permission denied/,
    );
    await expectDatabaseError(withTenant(a, (tx) => tx.execute(sql.raw(`delete from ${bTable}`))), /permission denied/);
    await expectDatabaseError(withTenant(a, (tx) => tx.execute(sql.raw(`create table "${tenantSchemaName(b.slug)}".planted (x int)`))), /permission denied/);
    // A's own tables and the shared platform tables still work in the same transaction.
    const mine = await withTenant(a, async (tx) => {
      await tx.insert(suppliers).values(row('A supplier'));
      await tx.execute(sql`select count(*) from platform.tenants`);
      return tx.select().from(suppliers);
    });
    expect(mine.map((s) => s.legalName)).toEqual(['A supplier']);
    const bRows = await withTenant(b, (tx) => tx.select().from(suppliers));
    expect(bRows.map((s) => s.legalName)).toEqual(['B secret supplier']);
  });

  it('the role ends with the transaction', async () => {
    const single = openConnection(process.env.DATABASE_URL!, { max: 1 });
    try {
      await withTenant(a, (tx) => tx.select().from(suppliers), single.db);
      const [who] = await single.sql`select current_user as r`;
      expect(who?.r).not.toBe(tenantRoleName(a.slug));
    } finally {
      await single.sql.end();
    }
  });

  it('tenant roles are ordinary roles; on PostgreSQL 15 the application login role is not a superuser, owns nothing, and reaches tenant data only inside withTenant', async () => {
      const admin = getSql();
      const [tenantRole] = await admin<{ rolsuper: boolean; rolcanlogin: boolean }[]>`select rolsuper, rolcanlogin from pg_roles where rolname = ${tenantRoleName(a.slug)}`;
      expect(tenantRole).toEqual({ rolsuper: false, rolcanlogin: false });
      // The embedded database (PGlite) has a single superuser login: there the per-transaction role is the defence.
      if (inject('databaseKind') !== 'pg15') return;
      await admin.unsafe(`DO $$ BEGIN CREATE ROLE mp_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
      process.env.DATABASE_APP_ROLE = 'mp_app';
      try {
        await admin.begin(async (tx) => {
          await grantPlatformRights(tx);
          await grantTenantRights(tx, a.slug);
          await grantTenantRights(tx, b.slug);
        });
      } finally {
        delete process.env.DATABASE_APP_ROLE;
      }
      const url = new URL(process.env.DATABASE_URL!);
      url.username = 'mp_app';
      url.password = '';
      const app = openConnection(url.toString(), { max: 2 });
      try {
        const [me] = await app.sql<{ rolsuper: boolean; rolcreaterole: boolean; rolinherit: boolean }[]>`select rolsuper, rolcreaterole, rolinherit from pg_roles where rolname = current_user`;
        expect(me).toEqual({ rolsuper: false, rolcreaterole: false, rolinherit: false });
        const [owned] = await app.sql<{ n: number }[]>`
          select (select count(*) from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = 'mp_app')
               + (select count(*) from pg_namespace n join pg_roles r on r.oid = n.nspowner where r.rolname = 'mp_app') as n`;
        expect(Number(owned?.n)).toBe(0);
        // Outside a tenant transaction (NOINHERIT): no tenant table at all, even schema-qualified.
        await expectDatabaseError(app.sql.unsafe(`select * from ${bTable}`), /permission denied/);
        await app.sql`select count(*) from platform.tenants`;
        // Inside A's transaction: A only.
        await withTenant(a, (tx) => tx.select().from(suppliers), app.db);
        await expectDatabaseError(withTenant(a, (tx) => tx.execute(sql.raw(`select * from ${bTable}`)), app.db), /permission denied/);
        // The app role cannot change the schema it works in.
        await expectDatabaseError(app.sql.unsafe(`create table platform.planted (x int)`), /permission denied/);
        await expectDatabaseError(withTenant(a, (tx) => tx.execute(sql.raw(`drop table suppliers`)), app.db), /must be owner|permission denied/);
      } finally {
        await app.sql.end();
      }
  });
});
