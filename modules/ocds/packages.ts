import { and, asc, count, eq, gt, gte, lte, sql, type SQL } from 'drizzle-orm';
import { ocdsProcesses, ocdsReleases } from '@/db/schema/tenant-ocds';
import type { TenantTx } from '@/db/with-tenant';
import { localised } from '@/modules/i18n/localised';
import { compileReleases, versionReleases } from './merge';
import { ocidPrefixOf, type OcdsTenant } from './publish';
import type { JsonObject, Release } from './types';
import { PUBLISHED_EXTENSIONS, validateReleasePackage, validatorsFor, type ValidationIssue } from './validate';

/*
 * Packages served by the public API: release packages (paginated with a seq cursor, filterable by release date),
 * record packages (all releases of one ocid, compiled and versioned), and the metadata they share.
 */

export const DEFAULT_LICENSE = 'https://creativecommons.org/licenses/by/4.0/';
export const PAGE_LIMIT_DEFAULT = 100;
export const PAGE_LIMIT_MAX = 1000;

export interface PackageContext {
  tenant: OcdsTenant;
  /** Public origin of the tenant as requested (validated Host), e.g. http://uk.localhost:3000. */
  origin: string;
  basePath?: string;
}

export function packageMetadata(ctx: PackageContext, uri: string, publishedDate: string): JsonObject {
  const { tenant } = ctx;
  const base = `${ctx.origin}${ctx.basePath ?? ''}`;
  const openData = tenant.config.openData;
  return {
    uri,
    version: '1.1',
    publishedDate,
    publisher: base ? { name: localised(tenant.config.name, tenant.config.defaultLocale) || tenant.slug, uri: base } : { name: localised(tenant.config.name, tenant.config.defaultLocale) || tenant.slug },
    license: openData?.license ?? DEFAULT_LICENSE,
    publicationPolicy: openData?.publicationPolicy ?? `${base}/${tenant.config.defaultLocale}/open-data/ocds`,
    extensions: [...PUBLISHED_EXTENSIONS],
  };
}

export interface ReleaseQuery {
  /** Releases after this seq (the cursor of links.next). */
  after?: number;
  /** Release date range (inclusive). */
  since?: Date;
  until?: Date;
  limit?: number;
}

function releaseFilter(query: ReleaseQuery): SQL | undefined {
  const conditions: SQL[] = [];
  if (query.after !== undefined) conditions.push(gt(ocdsReleases.seq, query.after));
  if (query.since) conditions.push(gte(ocdsReleases.releaseDate, query.since));
  if (query.until) conditions.push(lte(ocdsReleases.releaseDate, query.until));
  return conditions.length > 0 ? and(...conditions) : undefined;
}

export async function listReleases(tx: TenantTx, query: ReleaseQuery): Promise<{ releases: Release[]; lastSeq: number | null; more: boolean; latest: Date | null }> {
  const limit = Math.min(Math.max(query.limit ?? PAGE_LIMIT_DEFAULT, 1), PAGE_LIMIT_MAX);
  const rows = await tx
    .select({ seq: ocdsReleases.seq, release: ocdsReleases.release, publishedAt: ocdsReleases.publishedAt })
    .from(ocdsReleases)
    .where(releaseFilter(query))
    .orderBy(asc(ocdsReleases.seq))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const latest = page.reduce<Date | null>((max, r) => (!max || r.publishedAt > max ? r.publishedAt : max), null);
  return { releases: page.map((r) => r.release as unknown as Release), lastSeq: page.at(-1)?.seq ?? null, more: rows.length > limit, latest };
}

/** Streams every release in seq order, in batches (the bulk JSON Lines download never holds them all). */
export async function* iterateReleases(readBatch: (after: number) => Promise<{ seq: number; release: unknown }[]>): AsyncGenerator<unknown> {
  let after = 0;
  for (;;) {
    const batch = await readBatch(after);
    for (const row of batch) yield row.release;
    if (batch.length === 0) return;
    after = batch.at(-1)!.seq;
  }
}

export async function readReleaseBatch(tx: TenantTx, after: number, size = 500): Promise<{ seq: number; release: unknown }[]> {
  return tx.select({ seq: ocdsReleases.seq, release: ocdsReleases.release }).from(ocdsReleases).where(gt(ocdsReleases.seq, after)).orderBy(asc(ocdsReleases.seq)).limit(size);
}

export async function releasesOf(tx: TenantTx, ocid: string): Promise<Release[]> {
  const rows = await tx.select({ release: ocdsReleases.release }).from(ocdsReleases).where(eq(ocdsReleases.ocid, ocid)).orderBy(asc(ocdsReleases.seq));
  return rows.map((r) => r.release as unknown as Release);
}

/** One record: every release of the ocid embedded (oldest first), the compiled release and the versioned release. */
export function buildRecord(releases: Release[]): JsonObject {
  const rules = validatorsFor(PUBLISHED_EXTENSIONS).rules;
  const ordered = [...releases];
  return {
    ocid: ordered[0]!.ocid,
    releases: ordered,
    compiledRelease: compileReleases(ordered, rules),
    versionedRelease: versionReleases(ordered, rules),
  };
}

export interface OpenDataSummary {
  prefix: string | null;
  testPrefix: boolean;
  releases: number;
  processes: number;
  byTag: Record<string, number>;
  latest: Date | null;
}

export async function openDataSummary(tx: TenantTx, tenant: OcdsTenant): Promise<OpenDataSummary> {
  const [totals] = await tx.select({ releases: count(), latest: sql<string | null>`max(${ocdsReleases.publishedAt})` }).from(ocdsReleases);
  const [processes] = await tx.select({ n: count() }).from(ocdsProcesses).where(eq(ocdsProcesses.external, false));
  const tagRows = await tx.execute<{ tag: string; n: number }>(
    sql`select t as tag, count(*)::int as n from ${ocdsReleases}, jsonb_array_elements_text(${ocdsReleases.tags}) t group by t order by t`,
  );
  return {
    prefix: ocidPrefixOf(tenant),
    testPrefix: tenant.config.openData?.testPrefix ?? false,
    releases: Number(totals?.releases ?? 0),
    processes: Number(processes?.n ?? 0),
    byTag: Object.fromEntries(tagRows.map((r) => [r.tag, Number(r.n)])),
    latest: totals?.latest ? new Date(totals.latest) : null,
  };
}

export const VALIDATION_CAP = 20_000;

/** Validates the tenant's whole current release package (up to the cap), as the admin page shows it. */
export async function validateCurrentPackage(tx: TenantTx, ctx: PackageContext): Promise<{ checked: number; capped: boolean; issues: ValidationIssue[] }> {
  const releases: unknown[] = [];
  for await (const release of iterateReleases((after) => readReleaseBatch(tx, after, 1000))) {
    if (releases.length >= VALIDATION_CAP) break;
    releases.push(release);
  }
  if (releases.length === 0) return { checked: 0, capped: false, issues: [] };
  const pkg = { ...packageMetadata(ctx, `${ctx.origin}${ctx.basePath ?? ''}/api/ocds/releases`, new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')), releases };
  const prefix = ocidPrefixOf(ctx.tenant);
  const result = validateReleasePackage(pkg, prefix ? { expectedPrefix: prefix } : {});
  return { checked: releases.length, capped: releases.length >= VALIDATION_CAP, issues: result.issues };
}
