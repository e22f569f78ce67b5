import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { services } from '@/db/schema/tenant';
import { withTenant } from '@/db/with-tenant';
import { registerSupplier } from '@/modules/applications/service';
import { searchCatalogue, setContentLanguage, type CatalogueQuery } from '@/modules/catalogue/search';
import { completeDemoAnswers } from '@/modules/frameworks/demo-answers';
import { ZFrameworkDefinition } from '@/modules/frameworks/definition-schema';
import { createFramework } from '@/modules/frameworks/queries';
import { deriveSearchFilters } from '@/modules/frameworks/search-filters';
import { FRAMEWORK_TEMPLATES } from '@/modules/frameworks/templates';
import { createTestTenant, ensurePlatformSchema } from '../support/tenants';

const catalogue = ZFrameworkDefinition.parse(FRAMEWORK_TEMPLATES.catalogue);
const schedule = { applicationsOpen: '2025-01-06', clarificationsClose: '2025-01-17', applicationsClose: '2025-01-31', intentionToAward: '2025-02-24', live: '2025-03-10', expires: '2099-03-10', deadlineTime: '17:00' };
const USER = 'c0000000-0000-4000-8000-000000000000';

async function seedTenant(prefix: string, items: { supplier: string; size: 'micro' | 'small' | 'large'; name: string; description: string; location: string; status?: string }[]) {
  const tenant = await createTestTenant(prefix);
  await withTenant(tenant, async (tx) => {
    await setContentLanguage(tx, 'en');
    const frameworkId = await createFramework(tx, { slug: 'cloud', name: { en: 'Cloud' }, definition: catalogue, schedule });
    for (const item of items) {
      const supplierId = await registerSupplier(tx, { legalName: item.supplier, registrationScheme: 'GB-COH', registrationNumber: '01234567', organisationSize: item.size }, USER);
      const answers = completeDemoAnswers(catalogue, 'services', 'cloud-hosting', { serviceName: item.name, serviceDescription: item.description, dataLocation: item.location, supportEmail: 'a@b.example', apiDocumentationUrl: 'https://x.example/api' }, 'en');
      await tx.insert(services).values({ supplierId, frameworkId, lot: 'cloud-hosting', answers, status: item.status ?? 'published' });
    }
  });
  return tenant;
}

const base: CatalogueQuery = { q: '', sizes: [], filters: {}, sort: 'relevance', page: 1 };

describe('catalogue search', () => {
  let a: { slug: string };
  let b: { slug: string };
  const locationOptions = (catalogue.questionSets.services.flatMap((s) => s.questions).find((q) => q.type !== 'multiquestion' && q.id === 'dataLocation') as { options: { value: string }[] }).options.map((o) => o.value);

  beforeAll(async () => {
    await ensurePlatformSchema();
    a = await seedTenant('search-a', [
      { supplier: 'Kubernetes Experts Ltd', size: 'small', name: 'Managed Kubernetes', description: 'Managed kubernetes clusters with kubernetes upgrades and kubernetes monitoring.', location: locationOptions[0]! },
      { supplier: 'General Hosting plc', size: 'large', name: 'Virtual machines', description: 'Virtual machines, storage and a little kubernetes.', location: locationOptions[1]! },
      { supplier: 'Storage Co', size: 'micro', name: 'Object storage', description: 'Cheap object storage with backups.', location: locationOptions[0]! },
      { supplier: 'Draft Ltd', size: 'micro', name: 'Kubernetes draft', description: 'Unpublished kubernetes service.', location: locationOptions[0]!, status: 'complete' },
    ]);
    b = await seedTenant('search-b', [{ supplier: 'Other Tenant Kubernetes Ltd', size: 'small', name: 'Kubernetes elsewhere', description: 'Kubernetes kubernetes kubernetes.', location: locationOptions[0]! }]);
  });

  const run = (tenant: { slug: string }, query: Partial<CatalogueQuery>) =>
    withTenant(tenant, (tx) => searchCatalogue(tx, { ...base, ...query }, { config: 'english', filterDefs: deriveSearchFilters(catalogue, 'cloud-hosting'), snippetQuestion: 'serviceDescription' }));

  it('ranks the closest match first, stems words, and never returns unpublished services', async () => {
    const result = await run(a, { q: 'kubernetes' });
    expect(result.hits.map((h) => h.supplierName)).toEqual(['Kubernetes Experts Ltd', 'General Hosting plc']);
    // Stemming: 'cluster' finds 'clusters'; 'backup' finds 'backups'.
    expect((await run(a, { q: 'cluster' })).hits.map((h) => h.supplierName)).toEqual(['Kubernetes Experts Ltd']);
    expect((await run(a, { q: 'backup' })).hits.map((h) => h.supplierName)).toEqual(['Storage Co']);
    expect(result.hits[0]!.snippet).toContain('\u0002');
  });

  it('lists only lots bought by direct award: a further-competition lot stays out of the catalogue', async () => {
    const opportunities = ZFrameworkDefinition.parse(FRAMEWORK_TEMPLATES.opportunities);
    await withTenant(a, async (tx) => {
      const frameworkId = await createFramework(tx, { slug: 'dos', name: { en: 'DOS' }, definition: opportunities, schedule });
      const supplierId = await registerSupplier(tx, { legalName: 'Kubernetes Specialists Ltd', registrationScheme: 'GB-COH', registrationNumber: '01234567', organisationSize: 'small' }, USER);
      const answers = completeDemoAnswers(opportunities, 'services', 'digital-specialists', {}, 'en');
      await tx.insert(services).values({ supplierId, frameworkId, lot: 'digital-specialists', answers, status: 'published' });
    });
    const everything = await run(a, {});
    expect(everything.hits.map((h) => h.supplierName)).not.toContain('Kubernetes Specialists Ltd');
    expect(everything.total).toBe(3);
  });

  it('never shows another tenant’s services, even with the same words', async () => {
    const fromA = await run(a, { q: 'kubernetes' });
    const fromB = await run(b, { q: 'kubernetes' });
    expect(fromA.hits.map((h) => h.supplierName)).not.toContain('Other Tenant Kubernetes Ltd');
    expect(fromB.hits.map((h) => h.supplierName)).toEqual(['Other Tenant Kubernetes Ltd']);
  });

  it('combines filters, and facet counts match the results they lead to', async () => {
    const all = await run(a, {});
    expect(all.total).toBe(3);
    const location = all.facets.find((f) => f.questionId === 'dataLocation')!;
    for (const [value, count] of Object.entries(location.counts)) {
      const filtered = await run(a, { filters: { dataLocation: [value] } });
      expect(filtered.total, value).toBe(count);
    }
    const smeInFirstLocation = await run(a, { sizes: ['micro', 'small'], filters: { dataLocation: [locationOptions[0]!] } });
    expect(smeInFirstLocation.hits.map((h) => h.supplierName).sort()).toEqual(['Kubernetes Experts Ltd', 'Storage Co']);
    const nothing = await run(a, { q: 'kubernetes', sizes: ['micro'] });
    expect(nothing.total).toBe(0);
  });

  it('counts a chosen facet without its own choice and every other facet with it (one pass for the unchosen ones)', async () => {
    const chosen = await run(a, { filters: { dataLocation: [locationOptions[1]!] } });
    expect(chosen.hits.map((h) => h.supplierName)).toEqual(['General Hosting plc']);
    // The chosen facet still offers its siblings, counted over the other conditions (all 3 services).
    const own = chosen.facets.find((f) => f.questionId === 'dataLocation')!.counts;
    expect(own[locationOptions[0]!]).toBe(2);
    expect(own[locationOptions[1]!]).toBe(1);
    // An unchosen facet counts the one service the choice leaves.
    const other = chosen.facets.find((f) => f.questionId !== 'dataLocation' && Object.keys(f.counts).length > 0)!;
    expect(Object.values(other.counts).every((n) => n === 1)).toBe(true);
    const unfiltered = (await run(a, {})).facets.find((f) => f.questionId === other.questionId)!;
    expect(Object.values(unfiltered.counts).some((n) => n > 1)).toBe(true);
  });

  it('ends a search stopped by the statement timeout with a clear result, and the request’s transaction goes on', async () => {
    // PGlite has no statement_timeout, so the cancellation PostgreSQL raises (SQLSTATE 57014) is raised by a
    // temporary view that shadows the frameworks table for this transaction only (pg_temp is searched first).
    await withTenant(a, async (tx) => {
      await tx.execute(sql`create function pg_temp.cancel_search() returns boolean language plpgsql as $$ begin raise exception 'canceling statement due to statement timeout' using errcode = 'query_canceled'; end $$`);
      await tx.execute(sql`create temp view frameworks as select null::text as slug, null::jsonb as definition where pg_temp.cancel_search()`);
      try {
        const result = await searchCatalogue(tx, { ...base, q: 'kubernetes' }, { config: 'english', filterDefs: [] });
        expect(result).toMatchObject({ timedOut: true, total: 0, hits: [] });
        const [alive] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from services`);
        expect(alive!.n).toBeGreaterThan(0);
      } finally {
        await tx.execute(sql`drop view pg_temp.frameworks`);
        await tx.execute(sql`drop function pg_temp.cancel_search()`);
      }
    });
    // Other errors are not disguised as timeouts.
    await expect(withTenant(a, (tx) => searchCatalogue(tx, { ...base, q: 'kubernetes' }, { config: 'no_such_config', filterDefs: [] }))).rejects.toThrow();
    expect((await run(a, { q: 'kubernetes' })).timedOut).toBe(false);
  });

  it('treats hostile input as words, not SQL', async () => {
    const result = await run(a, { q: `'); drop table services; -- "kubernetes" OR` });
    expect(result.total).toBeGreaterThanOrEqual(0);
    expect((await run(a, {})).total).toBe(3);
  });
});

describe('saved-search email digests', () => {
  it('emails new matches once, and nothing when nothing new matches', async () => {
    const { createAlert, sendAlertDigests } = await import('@/modules/catalogue/alerts');
    const { searchAlerts } = await import('@/db/schema/tenant');
    const { getDb } = await import('@/db/client');
    const { outbox, users } = await import('@/db/schema/platform');
    const { findTenantBySlug } = await import('@/tenants/registry');
    const { eq } = await import('drizzle-orm');
    const tenant = await seedTenant('alerts', [{ supplier: 'Old Ltd', size: 'small', name: 'Old service', description: 'Archive storage from before.', location: (catalogue.questionSets.services.flatMap((s) => s.questions).find((q) => q.type !== 'multiquestion' && q.id === 'dataLocation') as { options: { value: string }[] }).options[0]!.value }]);
    const [person] = await getDb().insert(users).values({ email: `alerts-${Date.now()}@example.org` }).returning({ id: users.id });
    const dayAgo = new Date(Date.now() - 25 * 3_600_000);
    await withTenant(tenant, async (tx) => {
      await createAlert(tx, person!.id, 'q=archive');
      await createAlert(tx, person!.id, 'q=payroll');
      await tx.update(searchAlerts).set({ lastCheckedAt: dayAgo });
      // A service published after the last check, matching the first alert only.
      await tx.update(services).set({ updatedAt: new Date() });
    });
    const record = (await findTenantBySlug(tenant.slug))!;
    expect(await sendAlertDigests(record, 'http://alerts.localhost')).toBe(1);
    const mail = await getDb().select().from(outbox).where(eq(outbox.tenantId, record.id));
    expect(mail.at(-1)!.text).toContain('Old service');
    expect(mail.at(-1)!.text).toContain('/catalogue?q=archive');
    // A day later, nothing new: no email.
    expect(await sendAlertDigests(record, 'http://alerts.localhost', new Date(Date.now() + 25 * 3_600_000))).toBe(0);
  });
});

describe('typo tolerance', () => {
  const search = (tenant: { slug: string }, q: string) =>
    withTenant(tenant, (tx) => searchCatalogue(tx, { ...base, q }, { config: 'english', filterDefs: [], typoTolerant: true }));
  const firstLocation = () => (catalogue.questionSets.services.flatMap((s) => s.questions).find((q) => q.type !== 'multiquestion' && q.id === 'dataLocation') as { options: { value: string }[] }).options[0]!.value;

  it('falls back to services with similarly spelt words when the words match nothing', async () => {
    const tenant = await seedTenant('typos', [
      { supplier: 'Kube Ltd', size: 'small', name: 'Managed Kubernetes', description: 'Clusters.', location: firstLocation() },
      { supplier: 'Maps Ltd', size: 'micro', name: 'Survey data', description: 'Hydrographic surveys of harbours.', location: firstLocation() },
    ]);
    const exact = await search(tenant, 'kubernetes');
    expect(exact.fuzzy).toBe(false);
    const typo = await search(tenant, 'kubrnetes');
    expect(typo.fuzzy).toBe(true);
    expect(typo.hits.map((h) => h.supplierName)).toEqual(['Kube Ltd']);
    // Any word of the service, not only its name; a known word stays as it is, an unknown one is corrected.
    expect((await search(tenant, 'hydrografic')).hits.map((h) => h.supplierName)).toEqual(['Maps Ltd']);
    expect((await search(tenant, 'harbours hydrografic')).hits.map((h) => h.supplierName)).toEqual(['Maps Ltd']);
    // Every word must still match: a corrected word and a word from another service find nothing.
    expect((await search(tenant, 'kubrnetes harbours')).total).toBe(0);
    expect((await search(tenant, 'zzqqxx')).total).toBe(0);
    expect((await search(tenant, 'zzqqxx')).fuzzy).toBe(false);
    // Hostile input stays words.
    expect((await search(tenant, `kubrnetes' | '!`)).hits.map((h) => h.supplierName)).toEqual(['Kube Ltd']);
  });

  it('keeps the vocabulary from published services only, as they are published', async () => {
    const tenant = await seedTenant('vocab', [
      { supplier: 'Draft Co', size: 'small', name: 'Bathymetry draft', description: 'Unpublished bathymetry.', location: firstLocation(), status: 'complete' },
    ]);
    const vocabulary = () => withTenant(tenant, async (tx) => (await tx.execute<{ word: string }>(sql`select word from search_words`)).map((r) => r.word));
    expect(await vocabulary()).not.toContain('bathymetri');
    expect((await search(tenant, 'bathymetri')).total).toBe(0);
    await withTenant(tenant, (tx) => tx.update(services).set({ status: 'published' }));
    expect(await vocabulary()).toContain('bathymetri');
    expect((await search(tenant, 'bathymetyr')).hits.map((h) => h.supplierName)).toEqual(['Draft Co']);
    // Words worth correcting towards only: no URLs, e-mail addresses or numbers.
    expect((await vocabulary()).filter((w) => /[0-9@/.:]/.test(w))).toEqual([]);
  });
});
