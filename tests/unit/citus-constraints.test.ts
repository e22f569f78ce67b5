import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { crossTenantQueryProblems, readSource, sourceFiles, tenantMigrationProblems } from '../support/citus-constraints';

/*
 * Citus schema-based sharding places each tenant schema on one node: a statement naming two tenant schemas (or a
 * tenant migration naming any other schema) would need a cross-node query. These checks fail the build before
 * that code could run; the broken examples below show that each check rejects what it should. The check of every
 * tenant migration itself is in tests/unit/migration-files.test.ts.
 */

const ROOT = process.cwd();
const SCANNED = ['app', 'modules', 'tenants', 'db'];

describe('Citus constraints', () => {
  it('rejects tenant migrations that reach outside their schema', () => {
    expect(tenantMigrationProblems('ALTER TABLE "services" ADD CONSTRAINT x FOREIGN KEY ("user_id") REFERENCES "platform"."users"("id")')).not.toEqual([]);
    expect(tenantMigrationProblems('CREATE INDEX i ON services USING gin ((answers ->> \'name\') public.gin_trgm_ops)')).not.toEqual([]);
    expect(tenantMigrationProblems('INSERT INTO t_uk.audit_events SELECT * FROM audit_events')).not.toEqual([]);
    expect(tenantMigrationProblems('SET search_path TO t_ca')).not.toEqual([]);
    expect(tenantMigrationProblems('CREATE TABLE "search_words" ("word" text PRIMARY KEY NOT NULL)')).toEqual([]);
  });

  it('no query in the application joins two tenants', () => {
    const files = sourceFiles(ROOT, SCANNED);
    expect(files.length).toBeGreaterThan(200);
    const problems = files.flatMap((file) => crossTenantQueryProblems(readSource(file)).map((p) => `${path.relative(ROOT, file)} ${p}`));
    expect(problems).toEqual([]);
  });

  it('rejects a statement naming two tenant schemas, or a tenant schema written out by hand', () => {
    const twoSchemas = [
      'const rows = await tx.unsafe(`select a.id from ${quoteIdent(tenantSchemaName(a))}.services a',
      '  join ${quoteIdent(tenantSchemaName(b))}.services b on b.id = a.id`);',
    ].join('\n');
    expect(crossTenantQueryProblems(twoSchemas)).toEqual(['line 1: one statement names 2 schemas (quoteIdent(tenantSchemaName(a)), quoteIdent(tenantSchemaName(b)))']);
    const twoVariables = 'await sql`select * from ${sql(schema)}.services union all select * from ${sql(otherSchema)}.services`;';
    expect(crossTenantQueryProblems(twoVariables)).toHaveLength(1);
    expect(crossTenantQueryProblems('await tx.execute(sql`select count(*) from t_uk.services join t_ca.services using (id)`);')).toEqual(['line 1: names a tenant schema literally']);
    expect(crossTenantQueryProblems(`const q = 'select * from "t_cl"."suppliers"';`)).toEqual(['line 1: names a tenant schema literally']);
    // One tenant per statement passes, however often its schema is named; so do strings that are not SQL.
    expect(crossTenantQueryProblems('tx.unsafe(`select coalesce(json_agg(t), \'[]\'::json) from ${quoteIdent(schema)}.${quoteIdent(table)} t join ${quoteIdent(schema)}.x using (id)`)')).toEqual([]);
    expect(crossTenantQueryProblems("if (!schema.startsWith('t_')) return null; const label = `${schemaA} and ${schemaB}`;")).toEqual([]);
  });
});
