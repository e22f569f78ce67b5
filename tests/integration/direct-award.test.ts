import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { buyerOrganisations, services } from '@/db/schema/tenant';
import { contracts, contractVersions } from '@/db/schema/tenant-contracts';
import { withTenant } from '@/db/with-tenant';
import { registerSupplier } from '@/modules/applications/service';
import { setContentLanguage } from '@/modules/catalogue/search';
import { createProject, endSearch, findProject, listSnapshots, ProjectError, recordOutcome } from '@/modules/direct-award/service';
import { completeDemoAnswers } from '@/modules/frameworks/demo-answers';
import { ZFrameworkDefinition } from '@/modules/frameworks/definition-schema';
import { createFramework } from '@/modules/frameworks/queries';
import { deriveSearchFilters } from '@/modules/frameworks/search-filters';
import { FRAMEWORK_TEMPLATES } from '@/modules/frameworks/templates';
import { createTestTenant, ensurePlatformSchema } from '../support/tenants';

const catalogue = ZFrameworkDefinition.parse(FRAMEWORK_TEMPLATES.catalogue);
const schedule = { applicationsOpen: '2025-01-06', clarificationsClose: '2025-01-17', applicationsClose: '2025-01-31', intentionToAward: '2025-02-24', live: '2025-03-10', expires: '2099-03-10', deadlineTime: '17:00' };
const BUYER = 'd0000000-0000-4000-8000-000000000000';

describe('direct award projects', () => {
  let tenant: { slug: string };
  let orgId: string;
  let otherOrgId: string;
  const serviceIds: string[] = [];

  beforeAll(async () => {
    await ensurePlatformSchema();
    tenant = await createTestTenant('award');
    await withTenant(tenant, async (tx) => {
      await setContentLanguage(tx, 'en');
      const frameworkId = await createFramework(tx, { slug: 'cloud', name: { en: 'Cloud' }, definition: catalogue, schedule });
      for (const [name, words] of [['Alpha Ltd', 'Secure document storage'], ['Beta Ltd', 'Secure email archive'], ['Gamma Ltd', 'Payroll software']]) {
        const supplierId = await registerSupplier(tx, { legalName: name!, registrationScheme: 'GB-COH', registrationNumber: '01234567', organisationSize: 'small' }, BUYER);
        const answers = completeDemoAnswers(catalogue, 'services', 'cloud-software', { serviceName: words, serviceDescription: `${words} for councils.`, supportEmail: 'a@b.example', apiDocumentationUrl: 'https://x.example/api' }, 'en');
        const [row] = await tx.insert(services).values({ supplierId, frameworkId, lot: 'cloud-software', answers, status: 'published' }).returning({ id: services.id });
        serviceIds.push(row!.id);
      }
      [{ id: orgId }] = await tx.insert(buyerOrganisations).values({ name: 'Council', organisationType: 'local' }).returning({ id: buyerOrganisations.id }) as [{ id: string }];
      [{ id: otherOrgId }] = await tx.insert(buyerOrganisations).values({ name: 'Other', organisationType: 'local' }).returning({ id: buyerOrganisations.id }) as [{ id: string }];
    });
  });

  const filterDefs = deriveSearchFilters(catalogue);

  it('ends a search by freezing its results; a later supplier edit does not change the evidence', async () => {
    const projectId = await withTenant(tenant, (tx) => createProject(tx, { organisationId: orgId, userId: BUYER, name: 'Records', searchQuery: 'q=secure' }));
    const project = (await withTenant(tenant, (tx) => findProject(tx, orgId, projectId)))!;
    const frozen = await withTenant(tenant, (tx) => endSearch(tx, project, { q: 'secure', sizes: [], filters: {}, sort: 'relevance', page: 1 }, { config: 'english', filterDefs }, BUYER));
    expect(frozen).toBe(2);
    await withTenant(tenant, (tx) => tx.update(services).set({ answers: { serviceName: 'Changed after the search' } }).where(eq(services.id, serviceIds[0]!)));
    const snapshots = await withTenant(tenant, (tx) => listSnapshots(tx, projectId));
    expect(snapshots.map((s) => s.answers.serviceName)).toEqual(['Secure document storage', 'Secure email archive']);
    const ended = (await withTenant(tenant, (tx) => findProject(tx, orgId, projectId)))!;
    await expect(withTenant(tenant, (tx) => endSearch(tx, ended, { q: 'secure', sizes: [], filters: {}, sort: 'relevance', page: 1 }, { config: 'english', filterDefs }, BUYER))).rejects.toBeInstanceOf(ProjectError);

    await expect(withTenant(tenant, (tx) => recordOutcome(tx, ended, { result: 'awarded', serviceId: serviceIds[2]! }, BUYER, { currency: 'GBP' }))).rejects.toMatchObject({ key: 'projects.serviceNotShortlisted' });
    const outcomeId = await withTenant(tenant, (tx) => recordOutcome(tx, ended, { result: 'awarded', serviceId: serviceIds[1]!, value: '25000', startDate: '2027-01-01', endDate: '2027-12-31' }, BUYER, { currency: 'GBP' }));
    // The award becomes the call-off contract record that spend figures and open data read.
    const [contract] = await withTenant(tenant, (tx) => tx.select().from(contracts).where(eq(contracts.outcomeId, outcomeId)));
    expect(contract).toMatchObject({ route: 'direct_award', serviceId: serviceIds[1], value: '25000.00', currency: 'GBP', startDate: '2027-01-01', organisationId: orgId, status: 'drafted' });
    const versions = await withTenant(tenant, (tx) => tx.select().from(contractVersions).where(eq(contractVersions.contractId, contract!.id)));
    expect(versions.map((v) => v.version)).toEqual([1]);
    await expect(withTenant(tenant, (tx) => recordOutcome(tx, ended, { result: 'cancelled' }, BUYER, { currency: 'GBP' }))).rejects.toMatchObject({ key: 'projects.outcomeRecorded' });
  });

  it('an outcome needs an ended search', async () => {
    const projectId = await withTenant(tenant, (tx) => createProject(tx, { organisationId: orgId, userId: BUYER, name: 'Open', searchQuery: '' }));
    const project = (await withTenant(tenant, (tx) => findProject(tx, orgId, projectId)))!;
    await expect(withTenant(tenant, (tx) => recordOutcome(tx, project, { result: 'none_suitable' }, BUYER, { currency: 'GBP' }))).rejects.toMatchObject({ key: 'projects.notEnded' });
  });

  it("another organisation cannot open the project, even by id", async () => {
    const projectId = await withTenant(tenant, (tx) => createProject(tx, { organisationId: orgId, userId: BUYER, name: 'Private', searchQuery: '' }));
    expect(await withTenant(tenant, (tx) => findProject(tx, otherOrgId, projectId))).toBeNull();
  });
});

describe('buyer organisations', () => {
  it('joins by email domain, and handles access requests with an administrator decision', async () => {
    const { addBuyerMember, createOrganisation, decideAccessRequest, listPendingRequests, organisationForEmail, requestAccess } = await import('@/modules/buyers/service');
    const { findBuyerOrganisation } = await import('@/modules/direct-award/service');
    const { getDb } = await import('@/db/client');
    const { users } = await import('@/db/schema/platform');
    const tenant = await createTestTenant('buyers');
    const other = await createTestTenant('buyers-other');
    const orgId = await withTenant(tenant, (tx) => createOrganisation(tx, { name: 'County Council', organisationType: 'local', emailDomains: ['county.example'] }, BUYER));
    expect((await withTenant(tenant, (tx) => organisationForEmail(tx, 'Someone@COUNTY.example')))?.id).toBe(orgId);
    expect(await withTenant(tenant, (tx) => organisationForEmail(tx, 'someone@elsewhere.example'))).toBeNull();
    // The same domain means nothing in another tenant.
    expect(await withTenant(other, (tx) => organisationForEmail(tx, 'someone@county.example'))).toBeNull();

    const [person] = await getDb().insert(users).values({ email: `req-${Date.now()}@elsewhere.example` }).returning({ id: users.id });
    expect(await withTenant(other, (tx) => requestAccess(tx, orgId, person!.id, 'Wrong tenant'))).toBe(false);
    expect(await withTenant(tenant, (tx) => requestAccess(tx, orgId, person!.id, 'Procurement officer'))).toBe(true);
    const [pending] = await withTenant(tenant, (tx) => listPendingRequests(tx));
    expect(pending!.email).toContain('@elsewhere.example');
    expect(await withTenant(tenant, (tx) => decideAccessRequest(tx, pending!.id, true, BUYER))).toEqual({ userId: person!.id });
    expect(await withTenant(tenant, (tx) => decideAccessRequest(tx, pending!.id, true, BUYER))).toBeNull();
    expect((await withTenant(tenant, (tx) => findBuyerOrganisation(tx, person!.id)))?.id).toBe(orgId);
    await withTenant(tenant, (tx) => addBuyerMember(tx, orgId, person!.id, BUYER, 'again'));
  });
});
