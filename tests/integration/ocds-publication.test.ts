import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { buyerOrganisations, directAwardProjects, projectSnapshots, services, supplierFrameworks } from '@/db/schema/tenant';
import { ocdsReleases } from '@/db/schema/tenant-ocds';
import { withTenant } from '@/db/with-tenant';
import { registerSupplier } from '@/modules/applications/service';
import { findProject, recordOutcome } from '@/modules/direct-award/service';
import { completeDemoAnswers } from '@/modules/frameworks/demo-answers';
import { ZFrameworkDefinition } from '@/modules/frameworks/definition-schema';
import { createFramework, saveFrameworkSchedule } from '@/modules/frameworks/queries';
import { FRAMEWORK_TEMPLATES } from '@/modules/frameworks/templates';
import { bulkReleasesResponse, recordPackageResponse, releasePackageResponse } from '@/modules/ocds/api';
import { emitOcdsEvent, syncOcds } from '@/modules/ocds/domain-events';
import { findTenantBySlug, forgetCachedTenants } from '@/tenants/registry';
import { buildRecord, listReleases, releasesOf } from '@/modules/ocds/packages';
import { PUBLISHED_EXTENSIONS, validateRecordPackage, validateReleasePackage } from '@/modules/ocds/validate';
import { expectDatabaseError } from '../support/db-errors';
import { createTestTenant, ensurePlatformSchema } from '../support/tenants';

const catalogue = ZFrameworkDefinition.parse(FRAMEWORK_TEMPLATES.catalogue);
const schedule = { applicationsOpen: '2025-01-06', clarificationsClose: '2025-01-17', applicationsClose: '2025-01-31', intentionToAward: '2025-02-24', live: '2025-03-10', expires: '2099-03-10', deadlineTime: '17:00' };
const ACTOR = 'd0000000-0000-4000-8000-000000000000';
const PREFIX = 'ocds-t3st01';

const pkg = (releases: unknown[]) => ({ uri: 'http://t.localhost/api/ocds/releases', version: '1.1', publishedDate: '2026-01-01T00:00:00Z', publisher: { name: 'Test' }, extensions: [...PUBLISHED_EXTENSIONS], releases });

describe('OCDS releases are published inside the domain transactions', () => {
  let tenant: { slug: string };
  let frameworkId: string;
  let outcomeId: string;

  beforeAll(async () => {
    await ensurePlatformSchema();
    tenant = await createTestTenant('ocds', { ocidPrefix: PREFIX, openData: { testPrefix: true } });
    await withTenant(tenant, async (tx) => {
      frameworkId = await createFramework(tx, { slug: 'cloud', name: { en: 'Cloud 1' }, definition: catalogue, schedule });
      const ids: string[] = [];
      for (const [name, number] of [['Alpha Ltd', '01234567'], ['Beta Ltd', '07654321']] as const) {
        const supplierId = await registerSupplier(tx, { legalName: name, registrationScheme: 'GB-COH', registrationNumber: number, organisationSize: 'small' }, ACTOR);
        ids.push(supplierId);
        const answers = completeDemoAnswers(catalogue, 'services', 'cloud-software', { serviceName: `${name} storage`, serviceDescription: 'Storage for councils.', supportEmail: 'a@b.example', apiDocumentationUrl: 'https://x.example/api' }, 'en');
        await tx.insert(services).values({ supplierId, frameworkId, lot: 'cloud-software', answers, status: 'published' });
        await tx.insert(supplierFrameworks).values({ supplierId, frameworkId, declarationStatus: 'complete', result: 'pass' }).onConflictDoUpdate({ target: [supplierFrameworks.supplierId, supplierFrameworks.frameworkId], set: { result: 'pass' } });
      }
      await emitOcdsEvent(tx, { type: 'framework.awards', frameworkId });
      const [org] = await tx.insert(buyerOrganisations).values({ name: 'Council', organisationType: 'local' }).returning({ id: buyerOrganisations.id });
      const [project] = await tx.insert(directAwardProjects).values({ organisationId: org!.id, createdBy: ACTOR, name: 'Records storage', searchEndedAt: new Date() }).returning();
      const [service] = await tx.select().from(services).where(eq(services.supplierId, ids[1]!));
      await tx.insert(projectSnapshots).values({ projectId: project!.id, serviceId: service!.id, position: 0, supplierId: ids[1]!, supplierName: 'Beta Ltd', frameworkSlug: 'cloud', lot: 'cloud-software', answers: service!.answers });
      const found = (await findProject(tx, org!.id, project!.id))!;
      outcomeId = await recordOutcome(tx, found, { result: 'awarded', serviceId: service!.id, value: '25000.50', startDate: '2027-01-01', endDate: '2027-12-31' }, ACTOR, { currency: 'GBP' });
    });
  });

  it('the framework is a tender with a framework agreement and lots, then an award per admitted supplier', async () => {
    const rows = await withTenant(tenant, (tx) => tx.select().from(ocdsReleases).orderBy(ocdsReleases.seq));
    const framework = rows.filter((r) => r.ocid === `${PREFIX}-${frameworkId}`);
    expect(framework.map((r) => r.tags)).toEqual([['tender'], ['award']]);
    const tender = framework[0]!.release as Record<string, any>;
    expect(tender.tender.techniques.hasFrameworkAgreement).toBe(true);
    expect(tender.tender.lots.map((l: { id: string }) => l.id)).toEqual(catalogue.lots.map((l) => l.slug));
    expect(tender.tender.status).toBe('complete');
    const award = framework[1]!.release as Record<string, any>;
    expect(award.awards).toHaveLength(2);
    expect(award.parties.find((p: { id: string }) => p.id === 'GB-COH-01234567')).toMatchObject({ roles: ['supplier'], identifier: { scheme: 'GB-COH', id: '01234567' }, details: { scale: 'sme' } });
    expect(validateReleasePackage(pkg(rows.map((r) => r.release)), { expectedPrefix: PREFIX }).issues).toEqual([]);
  });

  it('the direct award is a new ocid: competitive false, linked to the framework, amount in the tenant currency', async () => {
    const releases = await withTenant(tenant, (tx) => releasesOf(tx, `${PREFIX}-${outcomeId}`));
    // One award release; the call-off contract follows when both sides have signed it (call-off-events.ts).
    expect(releases.map((x) => x.tag)).toEqual([['award']]);
    const r = releases[0] as Record<string, any>;
    expect(r.tender.competitive).toBe(false);
    expect(r.relatedProcesses).toEqual([expect.objectContaining({ relationship: ['framework'], scheme: 'ocid', identifier: `${PREFIX}-${frameworkId}` })]);
    expect(r.awards[0].value).toEqual({ amount: 25000.5, currency: 'GBP' });
    expect(r.awards[0].suppliers).toEqual([{ id: 'GB-COH-07654321', name: 'Beta Ltd' }]);
    expect(r.buyer.id).toBe(r.parties.find((p: { roles: string[] }) => p.roles.includes('buyer')).id);
  });

  it('an unchanged state publishes nothing; a change of dates is a tender update; the record compiles both', async () => {
    const before = await withTenant(tenant, (tx) => tx.select({ n: sql<number>`count(*)::int` }).from(ocdsReleases));
    expect(await withTenant(tenant, (tx) => syncOcds(tx))).toBe(0);
    await withTenant(tenant, (tx) => saveFrameworkSchedule(tx, 'cloud', schedule, ACTOR));
    const after = await withTenant(tenant, (tx) => tx.select({ n: sql<number>`count(*)::int` }).from(ocdsReleases));
    expect(after[0]!.n).toBe(before[0]!.n);
    await withTenant(tenant, (tx) => saveFrameworkSchedule(tx, 'cloud', { ...schedule, expires: '2099-06-30' }, ACTOR));
    const releases = await withTenant(tenant, (tx) => releasesOf(tx, `${PREFIX}-${frameworkId}`));
    expect(releases.map((r) => r.tag)).toEqual([['tender'], ['award'], ['tenderUpdate']]);
    expect(releases.map((r) => r.id)).toEqual([1, 2, 3].map((n) => `${PREFIX}-${frameworkId}-00${n}`));
    const record = buildRecord(releases) as Record<string, any>;
    expect(record.compiledRelease.tender.contractPeriod.endDate).toBe('2099-06-29T23:00:00Z');
    expect(record.compiledRelease.awards).toHaveLength(2);
    expect(record.versionedRelease.tender.contractPeriod.endDate).toHaveLength(2);
    const recordPackage = { ...pkg([]), releases: undefined, records: [record] };
    expect(validateRecordPackage(recordPackage, { expectedPrefix: PREFIX }).issues).toEqual([]);
  });

  it('pages through releases with a cursor and filters by date', async () => {
    const first = await withTenant(tenant, (tx) => listReleases(tx, { limit: 2 }));
    expect(first.releases).toHaveLength(2);
    expect(first.more).toBe(true);
    const second = await withTenant(tenant, (tx) => listReleases(tx, { limit: 2, after: first.lastSeq! }));
    expect(second.releases.map((r) => r.id)).not.toContain(first.releases[0]!.id);
    const none = await withTenant(tenant, (tx) => listReleases(tx, { until: new Date('2000-01-01') }));
    expect(none.releases).toEqual([]);
  });

  it('stored releases are immutable', async () => {
    for (const statement of ['update ocds_releases set kind = $$x$$', 'delete from ocds_releases', 'truncate ocds_releases']) {
      await expectDatabaseError(withTenant(tenant, (tx) => tx.execute(sql.raw(statement))), /append-only|permission denied/);
    }
  });

  it('a tenant without an ocid prefix publishes nothing', async () => {
    const plain = await createTestTenant('ocds-none');
    await withTenant(plain, (tx) => createFramework(tx, { slug: 'cloud', name: { en: 'Cloud' }, definition: catalogue, schedule }));
    expect(await withTenant(plain, (tx) => syncOcds(tx))).toBe(0);
    const rows = await withTenant(plain, (tx) => tx.select().from(ocdsReleases));
    expect(rows).toEqual([]);
  });

  describe('public API (the route handlers’ responses)', () => {
    const origin = 'http://t.localhost:3000';
    const context = async () => {
      forgetCachedTenants();
      return { tenant: (await findTenantBySlug(tenant.slug))!, origin, basePath: '' };
    };

    it('serves a valid release package with open CORS and cache headers, paginated by links.next', async () => {
      const ctx = await context();
      const all = await releasePackageResponse(ctx, new URL('http://localhost/api/ocds/releases'));
      expect(all.status).toBe(200);
      expect(all.headers.get('access-control-allow-origin')).toBe('*');
      expect(all.headers.get('cache-control')).toMatch(/public, max-age=\d+/);
      const body = await all.json();
      expect(body).toMatchObject({ version: '1.1', uri: `${origin}/api/ocds/releases`, publisher: { name: expect.any(String) }, license: expect.stringMatching(/^https:/), publicationPolicy: `${origin}/en/open-data/ocds` });
      expect(body.extensions).toEqual([...PUBLISHED_EXTENSIONS]);
      expect(validateReleasePackage(body, { expectedPrefix: PREFIX }).issues).toEqual([]);

      const seen: string[] = [];
      let next: string | undefined = `${origin}/api/ocds/releases?limit=2`;
      while (next) {
        const page = await (await releasePackageResponse(ctx, new URL(next))).json();
        seen.push(...page.releases.map((r: { id: string }) => r.id));
        next = page.links?.next;
      }
      expect(seen).toEqual(body.releases.map((r: { id: string }) => r.id));

      const filtered = await (await releasePackageResponse(ctx, new URL('http://localhost/api/ocds/releases?until=2001-01-01'))).json();
      expect(filtered.releases).toEqual([]);
      expect((await releasePackageResponse(ctx, new URL('http://localhost/api/ocds/releases?since=yesterday'))).status).toBe(400);
    });

    it('serves a valid record package, and 404 for an unknown ocid', async () => {
      const ctx = await context();
      const ocid = `${PREFIX}-${frameworkId}`;
      const response = await recordPackageResponse(ctx, new URL(`http://localhost/api/ocds/records/${ocid}`), ocid);
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(validateRecordPackage(body, { expectedPrefix: PREFIX }).issues).toEqual([]);
      expect(body.records[0].compiledRelease.tag).toEqual(['compiled']);
      expect((await recordPackageResponse(ctx, new URL('http://localhost/x'), `${PREFIX}-nothing`)).status).toBe(404);
    });

    it('streams every release as JSON Lines', async () => {
      const ctx = await context();
      const text = await bulkReleasesResponse(ctx).text();
      const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l));
      const total = await withTenant(tenant, (tx) => tx.select({ n: sql<number>`count(*)::int` }).from(ocdsReleases));
      expect(lines).toHaveLength(total[0]!.n);
      expect(lines.every((r) => r.ocid.startsWith(`${PREFIX}-`))).toBe(true);
    });

    it('a tenant without a prefix answers not_published', async () => {
      const plain = await createTestTenant('ocds-api-none');
      forgetCachedTenants();
      const ctx = { tenant: (await findTenantBySlug(plain.slug))!, origin, basePath: '' };
      const response = await releasePackageResponse(ctx, new URL('http://localhost/api/ocds/releases'));
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: 'not_published' });
    });
  });
});
