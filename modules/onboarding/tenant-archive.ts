import { eq } from 'drizzle-orm';
import type postgres from 'postgres';
import { z } from 'zod';
import type { Database } from '@/db/client';
import { migrateTenant } from '@/db/migrator';
import { memberships, tenantAssets, tenants, users } from '@/db/schema/platform';
import { tenantBilling } from '@/db/schema/platform-onboarding';
import { quoteIdent, tenantSchemaName } from '@/db/tenant-schema';
import { recordPlatformAuditEvent } from '@/modules/audit/record';
import { DEFAULT_PLAN } from '@/modules/billing/plans';
import { checkBrandAsset } from '@/tenants/assets';
import { TENANT_ROLES, ZSlug, ZTenantConfig, type TTenantConfig } from '@/tenants/config-schema';
import { forgetCachedTenants } from '@/tenants/registry';
import { domainTaken, slugTaken } from './drafts';

/*
 * A whole tenant as one JSON document: its configuration (the same config-as-code tenant.json), brand assets,
 * members by email, plan, and every row of every table in its schema. Importing it under a new slug gives an
 * equal tenant. Tables are read generically from the catalogue, so new feature tables are included without
 * changes here; rows go back through json_populate_recordset, which restores each column's type.
 */

export const ARCHIVE_FORMAT = 'digital-marketplace-tenant';

const ZArchive = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(1),
  exportedAt: z.string(),
  slug: z.string(),
  status: z.string(),
  plan: z.string(),
  config: z.record(z.string(), z.unknown()),
  assets: z.array(z.object({ name: z.enum(['logo', 'favicon']), contentType: z.string(), base64: z.string() })),
  members: z.array(z.object({ email: z.email(), name: z.string().nullable(), role: z.enum(TENANT_ROLES) })),
  migrations: z.array(z.string()),
  tables: z.record(z.string().regex(/^[a-z_][a-z0-9_]*$/), z.array(z.record(z.string(), z.unknown()))),
});
export type TenantArchive = z.infer<typeof ZArchive>;

export class ArchiveError extends Error {
  constructor(readonly code: 'invalidArchive' | 'slugTaken' | 'unknownTable' | 'newerSchema' | 'assetRejected' | 'notFound', detail?: string) {
    super(detail ? `${code}: ${detail}` : code);
  }
}

const JOURNAL = 'schema_migrations';

async function tenantTables(tx: postgres.Sql | postgres.TransactionSql, schema: string): Promise<string[]> {
  const rows = await tx<{ name: string }[]>`
    select table_name as name from information_schema.tables
    where table_schema = ${schema} and table_type = 'BASE TABLE' and table_name <> ${JOURNAL} order by table_name`;
  return rows.map((r) => r.name);
}

/** Parents before children, from the schema's own foreign keys. */
async function insertOrder(tx: postgres.TransactionSql, schema: string, tables: string[]): Promise<string[]> {
  const edges = await tx<{ child: string; parent: string }[]>`
    select cl.relname as child, pcl.relname as parent from pg_constraint c
    join pg_class cl on cl.oid = c.conrelid join pg_class pcl on pcl.oid = c.confrelid
    join pg_namespace n on n.oid = cl.relnamespace
    where c.contype = 'f' and n.nspname = ${schema} and cl.relname <> pcl.relname`;
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (table: string) => {
    if (ordered.includes(table) || visiting.has(table)) return;
    visiting.add(table);
    for (const e of edges) if (e.child === table) visit(e.parent);
    ordered.push(table);
  };
  for (const table of tables) visit(table);
  return ordered.filter((t) => tables.includes(t));
}

/** Rows in a stable order, so two exports of equal tenants are equal documents. */
function sortRows(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((r) => ({ key: JSON.stringify(r), r })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((x) => x.r);
}

export async function exportTenantArchive(db: Database, sql: postgres.Sql, slug: string): Promise<TenantArchive> {
  const [tenant] = await db.select().from(tenants).where(eq(tenants.slug, slug)).limit(1);
  if (!tenant) throw new ArchiveError('notFound', slug);
  const [billing] = await db.select().from(tenantBilling).where(eq(tenantBilling.tenantId, tenant.id)).limit(1);
  const assets = await db.select().from(tenantAssets).where(eq(tenantAssets.tenantId, tenant.id));
  const members = await db
    .select({ email: users.email, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.tenantId, tenant.id))
    .orderBy(users.email, memberships.role);
  const schema = tenantSchemaName(slug);
  const { tables, migrations } = await sql.begin('isolation level repeatable read read only', async (tx) => {
    const out: Record<string, Record<string, unknown>[]> = {};
    for (const table of await tenantTables(tx, schema)) {
      const [row] = await tx.unsafe<{ rows: Record<string, unknown>[] }[]>(
        `select coalesce(json_agg(t), '[]'::json) as rows from ${quoteIdent(schema)}.${quoteIdent(table)} t`,
      );
      out[table] = sortRows(row!.rows);
    }
    const tags = await tx.unsafe<{ tag: string }[]>(`select tag from ${quoteIdent(schema)}.${JOURNAL} order by tag`);
    return { tables: out, migrations: tags.map((t) => t.tag) };
  });
  return {
    format: ARCHIVE_FORMAT,
    version: 1,
    exportedAt: new Date().toISOString(),
    slug,
    status: tenant.status,
    plan: billing?.plan ?? DEFAULT_PLAN,
    config: tenant.config,
    assets: assets
      .map((a) => ({ name: a.name as 'logo' | 'favicon', contentType: a.contentType, base64: a.body.toString('base64') }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    members: members.map((m) => ({ email: m.email, name: m.name, role: m.role as TenantArchive['members'][number]['role'] })),
    migrations,
    tables,
  };
}

/**
 * Creates a new tenant from an archive under another slug (custom domains are left out: they belong to the
 * original). Rolled back completely if any part fails.
 */
export async function importTenantArchive(
  db: Database,
  sql: postgres.Sql,
  input: unknown,
  options: { slug: string; actorUserId: string | null; keepDomains?: boolean },
): Promise<{ slug: string; rows: number }> {
  const parsed = ZArchive.safeParse(input);
  if (!parsed.success) throw new ArchiveError('invalidArchive', parsed.error.issues[0]?.path.join('.'));
  const archive = parsed.data;
  const slug = ZSlug.parse(options.slug);
  const config: TTenantConfig = ZTenantConfig.parse({ ...archive.config, slug, domains: options.keepDomains ? archive.config.domains : [] });
  if (await slugTaken(db, slug)) throw new ArchiveError('slugTaken', slug);
  if (await domainTaken(db, config.domains)) throw new ArchiveError('slugTaken', config.domains.join(','));
  const assets = archive.assets.map((a) => {
    const body = Buffer.from(a.base64, 'base64');
    const check = checkBrandAsset(body);
    if (!check.ok) throw new ArchiveError('assetRejected', a.name);
    return { name: a.name, contentType: check.contentType, body };
  });
  const [created] = await db.insert(tenants).values({ slug, config, status: 'provisioning' }).returning({ id: tenants.id });
  const tenantId = created!.id;
  let rows = 0;
  try {
    const migrated = await migrateTenant(sql, slug);
    const known = new Set(migrated.applied.length ? migrated.applied : archive.migrations);
    const unknownMigration = archive.migrations.find((m) => !known.has(m));
    if (unknownMigration) throw new ArchiveError('newerSchema', unknownMigration);
    const schema = tenantSchemaName(slug);
    await sql.begin(async (tx) => {
      await tx`select set_config('search_path', ${quoteIdent(schema)}, true)`;
      const tables = await tenantTables(tx, schema);
      const extra = Object.keys(archive.tables).find((t) => !tables.includes(t));
      if (extra) throw new ArchiveError('unknownTable', extra);
      for (const table of await insertOrder(tx, schema, tables)) {
        const data = archive.tables[table] ?? [];
        if (data.length === 0) continue;
        const columns = await tx<{ name: string }[]>`
          select column_name as name from information_schema.columns
          where table_schema = ${schema} and table_name = ${table} and is_generated = 'NEVER' order by ordinal_position`;
        const list = columns.map((c) => quoteIdent(c.name)).join(', ');
        const target = `${quoteIdent(schema)}.${quoteIdent(table)}`;
        // A restore, not new activity: user triggers (derived columns, append-only guards) stay off while the
        // saved values go back exactly as exported. Foreign keys are still checked.
        await tx.unsafe(`alter table ${target} disable trigger user`);
        await tx.unsafe(`insert into ${target} (${list}) overriding system value select ${list} from json_populate_recordset(null::${target}, $1::json)`, [JSON.stringify(data)]);
        await tx.unsafe(`alter table ${target} enable trigger user`);
        // Restored numbers (references, cursors) must not be handed out again: move each sequence past them.
        const counters = await tx<{ name: string }[]>`
          select column_name as name from information_schema.columns
          where table_schema = ${schema} and table_name = ${table} and (is_identity = 'YES' or column_default like 'nextval(%')`;
        for (const { name } of counters) {
          await tx.unsafe(`select setval(pg_get_serial_sequence($1, $2), (select max(${quoteIdent(name)}) from ${target}))`, [target, name]);
        }
        rows += data.length;
      }
      for (const asset of assets) {
        await tx`insert into platform.tenant_assets (tenant_id, name, content_type, body) values (${tenantId}, ${asset.name}, ${asset.contentType}, ${asset.body})`;
      }
      if (config.domains.length) {
        for (const domain of config.domains) await tx`insert into platform.tenant_domains (domain, tenant_id) values (${domain}, ${tenantId})`;
      }
      await tx`insert into platform.tenant_billing (tenant_id, plan) values (${tenantId}, ${archive.plan})`;
      for (const member of archive.members) {
        const [user] = await tx<{ id: string }[]>`
          insert into platform.users (email, name) values (${member.email.toLowerCase()}, ${member.name})
          on conflict (email) do update set email = excluded.email returning id`;
        await tx`insert into platform.memberships (user_id, tenant_id, role) values (${user!.id}, ${tenantId}, ${member.role}) on conflict do nothing`;
      }
      const status = archive.status === 'archived' || archive.status === 'provisioning' ? 'suspended' : archive.status;
      await tx`update platform.tenants set status = ${status}, updated_at = now() where id = ${tenantId}`;
    });
    await recordPlatformAuditEvent(db, {
      type: 'tenant.imported',
      tenantId,
      actorUserId: options.actorUserId,
      objectType: 'tenant',
      objectId: slug,
      data: { from: archive.slug, exportedAt: archive.exportedAt, rows },
    });
  } catch (error) {
    await sql.begin(async (tx) => {
      await tx.unsafe(`DROP SCHEMA IF EXISTS ${quoteIdent(tenantSchemaName(slug))} CASCADE`);
      await tx`delete from platform.tenants where id = ${tenantId}`;
    });
    forgetCachedTenants();
    throw error;
  }
  forgetCachedTenants();
  return { slug, rows };
}
