import { describe, expect, it } from 'vitest';
import { loadMigrations, stripPublicQualifier } from '@/db/migrator';
import { tenantMigrationProblems } from '../support/citus-constraints';

describe('migration files', () => {
  it('tenant migrations never reference another schema (Citus schema-based sharding moves a schema as a unit)', async () => {
    for (const migration of await loadMigrations('tenant')) {
      // The rules and examples they reject: tests/unit/citus-constraints.test.ts.
      for (const statement of migration.statements) expect(tenantMigrationProblems(statement), `${migration.tag}: ${statement.slice(0, 120)}`).toEqual([]);
    }
  });

  it('platform migrations only create objects in the platform schema', async () => {
    for (const migration of await loadMigrations('platform')) {
      for (const statement of migration.statements) {
        const created = /CREATE (?:TABLE|INDEX [^ ]+ ON|UNIQUE INDEX [^ ]+ ON|TRIGGER [^ ]+ .* ON)\s+("?\w+"?)\./i.exec(statement);
        if (created) expect(created[1]!.replaceAll('"', '')).toBe('platform');
      }
    }
  });

  it('strips drizzle-kit\'s "public". qualifier from tenant foreign keys', () => {
    expect(stripPublicQualifier('REFERENCES "public"."suppliers"("id")')).toBe('REFERENCES "suppliers"("id")');
  });
});
