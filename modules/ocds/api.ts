import { z } from 'zod';
import { withTenant } from '@/db/with-tenant';
import { buildRecord, iterateReleases, listReleases, packageMetadata, PAGE_LIMIT_MAX, readReleaseBatch, releasesOf, type PackageContext } from './packages';
import { ocidPrefixOf } from './publish';

/*
 * The public OCDS API of a tenant (route handlers in app/api/ocds are thin wrappers): no sign-in, open CORS,
 * short public caching. The tenant comes from the Host the proxy resolved, never from the query.
 */

export const OCDS_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, OPTIONS',
  'access-control-allow-headers': 'content-type',
  'x-content-type-options': 'nosniff',
  // Per host: shared caches key by URL (which includes the host), so tenants never mix.
  'cache-control': 'public, max-age=60, stale-while-revalidate=300',
};

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...OCDS_HEADERS, 'content-type': 'application/json; charset=utf-8' } });
}

function problem(status: number, error: string, message: string): Response {
  return new Response(JSON.stringify({ error, message }), { status, headers: { ...OCDS_HEADERS, 'cache-control': 'no-store', 'content-type': 'application/json; charset=utf-8' } });
}

export function preflight(): Response {
  return new Response(null, { status: 204, headers: { ...OCDS_HEADERS, 'access-control-max-age': '86400' } });
}

function notPublished(): Response {
  return problem(404, 'not_published', 'This marketplace does not publish open contracting data yet: it has no OCDS ocid prefix.');
}

const dateParam = z.union([z.iso.datetime({ offset: true }), z.iso.date()]).transform((v) => new Date(v.length === 10 ? `${v}T00:00:00Z` : v));

const ZReleaseQuery = z.object({
  cursor: z.string().regex(/^\d{1,15}$/).transform(Number).optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_LIMIT_MAX).optional(),
  since: dateParam.optional(),
  until: dateParam.optional(),
});

function params(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ['cursor', 'limit', 'since', 'until']) {
    const value = url.searchParams.get(key);
    if (value !== null && value !== '') out[key] = value;
  }
  return out;
}

function publicUrl(ctx: PackageContext, url: URL, search?: URLSearchParams): string {
  const query = search ? search.toString() : url.searchParams.toString();
  return `${ctx.origin}${ctx.basePath ?? ''}${url.pathname}${query ? `?${query}` : ''}`;
}

/** GET /api/ocds/releases: a release package, oldest first, paginated with links.next. */
export async function releasePackageResponse(ctx: PackageContext, url: URL): Promise<Response> {
  if (!ocidPrefixOf(ctx.tenant)) return notPublished();
  const parsed = ZReleaseQuery.safeParse(params(url));
  if (!parsed.success) {
    return problem(400, 'bad_request', `Invalid query: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}. Use cursor (from links.next), limit (1-${PAGE_LIMIT_MAX}), since and until (ISO dates).`);
  }
  const query = parsed.data;
  const page = await withTenant(ctx.tenant, (tx) => listReleases(tx, { after: query.cursor, limit: query.limit, since: query.since, until: query.until }));
  const body: Record<string, unknown> = {
    ...packageMetadata(ctx, publicUrl(ctx, url), (page.latest ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z')),
    releases: page.releases,
  };
  if (page.more && page.lastSeq !== null) {
    const next = new URLSearchParams(url.searchParams);
    next.set('cursor', String(page.lastSeq));
    body.links = { next: publicUrl(ctx, url, next) };
  }
  return json(body);
}

/** GET /api/ocds/records/{ocid}: a record package with every release, the compiled and the versioned release. */
export async function recordPackageResponse(ctx: PackageContext, url: URL, ocid: string): Promise<Response> {
  if (!ocidPrefixOf(ctx.tenant)) return notPublished();
  if (!/^ocds-[a-z0-9]{6}-[A-Za-z0-9._-]{1,200}$/.test(ocid)) return problem(404, 'not_found', 'No contracting process with this ocid.');
  const releases = await withTenant(ctx.tenant, (tx) => releasesOf(tx, ocid));
  if (releases.length === 0) return problem(404, 'not_found', 'No contracting process with this ocid.');
  const latest = releases.reduce((max, r) => (r.date > max ? r.date : max), releases[0]!.date);
  return json({
    ...packageMetadata(ctx, publicUrl(ctx, url), latest),
    packages: [`${ctx.origin}${ctx.basePath ?? ''}/api/ocds/releases`],
    records: [buildRecord(releases)],
  });
}

/** GET /api/ocds/releases.jsonl: every release, one per line, streamed batch by batch (never all in memory). */
export function bulkReleasesResponse(ctx: PackageContext): Response {
  if (!ocidPrefixOf(ctx.tenant)) return notPublished();
  const encoder = new TextEncoder();
  // One short transaction per batch: a slow download never holds a transaction (PGlite runs one at a time).
  const releases = iterateReleases((after) => withTenant(ctx.tenant, (tx) => readReleaseBatch(tx, after)));
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await releases.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(`${JSON.stringify(next.value)}\n`));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await releases.return(undefined);
    },
  });
  return new Response(stream, {
    headers: {
      ...OCDS_HEADERS,
      'content-type': 'application/jsonl; charset=utf-8',
      'content-disposition': `attachment; filename="${ctx.tenant.slug}-ocds-releases.jsonl"`,
    },
  });
}
