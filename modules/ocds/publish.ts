import { createHash } from 'node:crypto';
import { and, count, desc, eq, sql } from 'drizzle-orm';
import { ocdsProcesses, ocdsReleases } from '@/db/schema/tenant-ocds';
import type { TenantTx } from '@/db/with-tenant';
import type { TTenantConfig } from '@/tenants/config-schema';
import { ocdsDate } from './builders';
import type { Json, Release, ReleaseBody, ReleaseTag } from './types';
import { OCID_PREFIX_PATTERN, validateRelease, type ValidationIssue } from './validate';

/*
 * The emission API: every module publishes OCDS by calling publishRelease() inside its own transaction, right
 * after its state change (like recordAuditEvent). See modules/ocds/index.ts for how to call it.
 */

/** What publishing needs from a tenant (a registry Tenant fits). */
export interface OcdsTenant {
  slug: string;
  config: Pick<TTenantConfig, 'ocidPrefix' | 'currency' | 'defaultLocale' | 'name' | 'country' | 'openData'>;
}

export interface ReleaseEmission {
  /** The domain object that is the contracting process: framework, outcome (direct award), opportunity... */
  process: { type: string; id: string };
  /** Family of release, e.g. "tender", "award", "contract": an unchanged repeat of the last one is skipped. */
  kind: string;
  /**
   * Tags, or a function of whether this is the first release of its kind for the process (tender → tenderUpdate)
   * and of the last release of that kind (e.g. to tell a variation from an update).
   */
  tag: ReleaseTag[] | ((first: boolean, last: Release | null) => ReleaseTag[]);
  /** The body from the builders; a function receives the ocid (e.g. for ids derived from it). */
  body: ReleaseBody | ((ocid: string) => ReleaseBody);
  date?: Date;
}

export interface PublishedRelease {
  seq: number;
  ocid: string;
  releaseId: string;
  release: Release;
}

export class OcdsInvalidReleaseError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super(`Invalid OCDS release: ${issues.slice(0, 5).map((i) => `${i.path} ${i.message}`).join('; ')}`);
  }
}

/** A tenant publishes only once it has a prefix (registered, or a clearly marked test prefix in demo data). */
export function ocidPrefixOf(tenant: OcdsTenant): string | null {
  const prefix = tenant.config.ocidPrefix;
  return prefix && OCID_PREFIX_PATTERN.test(prefix) ? prefix : null;
}

/** JSON with sorted keys, so equal content hashes equally whatever the key order (jsonb reorders keys). */
export function canonicalJson(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k]!)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

// Advisory lock class for OCDS emission (the second key is the tenant schema): seq order = commit order.
const LOCK_CLASS = 60_016;

/** The ocid of a domain object, minted on first use; null when the tenant has no prefix or the process is someone else's. */
export async function ocidFor(tx: TenantTx, tenant: OcdsTenant, process: { type: string; id: string }, options: { mint?: boolean } = {}): Promise<{ ocid: string; external: boolean } | null> {
  const [existing] = await tx
    .select({ ocid: ocdsProcesses.ocid, external: ocdsProcesses.external })
    .from(ocdsProcesses)
    .where(and(eq(ocdsProcesses.objectType, process.type), eq(ocdsProcesses.objectId, process.id)))
    .limit(1);
  if (existing) return existing;
  const prefix = ocidPrefixOf(tenant);
  if (!prefix || options.mint === false) return null;
  // The object's UUID keeps ocids unique even when several tenants share one registered prefix.
  const ocid = `${prefix}-${process.id}`;
  await tx.insert(ocdsProcesses).values({ objectType: process.type, objectId: process.id, ocid });
  return { ocid, external: false };
}

/**
 * Builds, validates and stores one immutable release. Returns null (and stores nothing) when the tenant has
 * no ocid prefix, when the process was imported from another publisher, or when the content equals the last
 * release of the same kind. Throws OcdsInvalidReleaseError (rolling back the caller's transaction) when the
 * release would not validate against the official schema.
 */
export async function publishRelease(tx: TenantTx, tenant: OcdsTenant, emission: ReleaseEmission): Promise<PublishedRelease | null> {
  const prefix = ocidPrefixOf(tenant);
  if (!prefix) return null;
  await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_CLASS}, hashtext(current_schema()))`);
  const process = await ocidFor(tx, tenant, emission.process);
  if (!process || process.external) return null;
  const { ocid } = process;
  const body = typeof emission.body === 'function' ? emission.body(ocid) : emission.body;
  const contentHash = createHash('sha256').update(canonicalJson(body)).digest('hex');
  const [last] = await tx
    .select({ contentHash: ocdsReleases.contentHash, release: ocdsReleases.release })
    .from(ocdsReleases)
    .where(and(eq(ocdsReleases.ocid, ocid), eq(ocdsReleases.kind, emission.kind)))
    .orderBy(desc(ocdsReleases.seq))
    .limit(1);
  if (last?.contentHash === contentHash) return null;
  const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(ocdsReleases).where(eq(ocdsReleases.ocid, ocid));
  const tag = typeof emission.tag === 'function' ? emission.tag(!last, last ? (last.release as unknown as Release) : null) : emission.tag;
  const date = ocdsDate(emission.date ?? new Date());
  // Stable: the nth release of a process keeps its id forever (rows are immutable).
  const releaseId = `${ocid}-${String(Number(n) + 1).padStart(3, '0')}`;
  const release: Release = {
    ocid,
    id: releaseId,
    date,
    tag,
    initiationType: 'tender',
    language: tenant.config.defaultLocale,
    ...body,
  };
  const result = validateRelease(release, { expectedPrefix: ocid.startsWith(`${prefix}-`) ? prefix : undefined });
  if (!result.valid) throw new OcdsInvalidReleaseError(result.issues);
  const [row] = await tx
    .insert(ocdsReleases)
    .values({ ocid, releaseId, releaseDate: new Date(date), tags: tag, kind: emission.kind, contentHash, release })
    .returning({ seq: ocdsReleases.seq });
  return { seq: row!.seq, ocid, releaseId, release };
}
