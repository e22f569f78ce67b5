import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { buyerOrganisations, directAwardProjects, projectSnapshots, services } from '@/db/schema/tenant';
import { contracts, contractVersions, signatures, statementsOfWork } from '@/db/schema/tenant-contracts';
import { opportunities, opportunityResponses } from '@/db/schema/tenant-opportunities';
import { ocdsReleases } from '@/db/schema/tenant-ocds';
import { withTenant } from '@/db/with-tenant';
import { registerSupplier } from '@/modules/applications/service';
import { findProject, recordOutcome } from '@/modules/direct-award/service';
import { completeDemoAnswers } from '@/modules/frameworks/demo-answers';
import { ZFrameworkDefinition } from '@/modules/frameworks/definition-schema';
import { createFramework } from '@/modules/frameworks/queries';
import { FRAMEWORK_TEMPLATES } from '@/modules/frameworks/templates';
import { emitOcdsEvent, syncOcds } from '@/modules/ocds/domain-events';
import { buildRecord, releasesOf } from '@/modules/ocds/packages';
import { PUBLISHED_EXTENSIONS, validateRecordPackage, validateReleasePackage } from '@/modules/ocds/validate';
import { createTestTenant, ensurePlatformSchema } from '../support/tenants';

const definition = ZFrameworkDefinition.parse(FRAMEWORK_TEMPLATES.opportunities);
const schedule = { applicationsOpen: '2025-01-06', clarificationsClose: '2025-01-17', applicationsClose: '2025-01-31', intentionToAward: '2025-02-24', live: '2025-03-10', expires: '2099-03-10', deadlineTime: '17:00' };
const USER = 'c0000000-0000-4000-8000-000000000001';
const LOT = 'digital-specialists';
const PREFIX = 'ocds-t3st03';
const day = 86_400_000;
const meta = { uri: 'http://t.localhost/api/ocds/releases', version: '1.1', publishedDate: '2026-01-01T00:00:00Z', publisher: { name: 'Test' }, extensions: [...PUBLISHED_EXTENSIONS] };

describe('call-offs in OCDS: further competition (tender, award, contract, variation, termination) and contracts of direct awards', () => {
  let tenant: { slug: string };
  let frameworkId: string;
  let orgId: string;
  let alpha: string;
  let beta: string;
  let opportunityId: string;
  let contractId: string;

  const emit = (event: Parameters<typeof emitOcdsEvent>[1]) => withTenant(tenant, (tx) => emitOcdsEvent(tx, event));
  const tags = async (ocid: string) => (await withTenant(tenant, (tx) => releasesOf(tx, ocid))).map((r) => r.tag.join('+'));

  beforeAll(async () => {
    await ensurePlatformSchema();
    tenant = await createTestTenant('ocds-calloff', { ocidPrefix: PREFIX });
    await withTenant(tenant, async (tx) => {
      frameworkId = await createFramework(tx, { slug: 'dos', name: { en: 'Digital Outcomes 7' }, definition, schedule });
      const supplier = async (name: string, number: string) => {
        const id = await registerSupplier(tx, { legalName: name, registrationScheme: 'GB-COH', registrationNumber: number, organisationSize: 'small' }, USER);
        const answers = completeDemoAnswers(definition, 'services', LOT, { developerDayRate: { min: '400', max: '900', unit: 'person', interval: 'day' } }, 'en');
        await tx.insert(services).values({ supplierId: id, frameworkId, lot: LOT, answers, status: 'published' });
        return id;
      };
      alpha = await supplier('Alpha Ltd', '01111111');
      beta = await supplier('Beta Ltd', '02222222');
      [{ id: orgId }] = (await tx.insert(buyerOrganisations).values({ name: 'Council', organisationType: 'local' }).returning({ id: buyerOrganisations.id })) as [{ id: string }];
      const now = Date.now();
      const [o] = await tx
        .insert(opportunities)
        .values({ frameworkId, lot: LOT, organisationId: orgId, createdBy: USER, title: 'Senior developer for benefits', answers: { summary: 'Help rebuild the benefits service' }, publishedAt: new Date(now - 10 * day), questionsCloseAt: new Date(now + 2 * day), closesAt: new Date(now + 5 * day) })
        .returning({ id: opportunities.id });
      opportunityId = o!.id;
    });
  });

  it('a published opportunity is a competitive tender linked to its framework; closing lists the tenderers', async () => {
    await emit({ type: 'opportunity', opportunityId });
    const ocid = `${PREFIX}-${opportunityId}`;
    let [tender] = (await withTenant(tenant, (tx) => releasesOf(tx, ocid))) as Record<string, any>[];
    expect(tender!.tag).toEqual(['tender']);
    expect(tender!.tender).toMatchObject({ status: 'active', competitive: true, procurementMethod: 'selective', description: 'Help rebuild the benefits service' });
    expect(tender!.relatedProcesses[0]).toMatchObject({ relationship: ['framework'], scheme: 'ocid', identifier: `${PREFIX}-${frameworkId}`, relatedLots: [LOT] });
    await emit({ type: 'opportunity', opportunityId });
    expect(await tags(ocid)).toEqual(['tender']);

    await withTenant(tenant, async (tx) => {
      for (const supplierId of [alpha, beta]) await tx.insert(opportunityResponses).values({ opportunityId, supplierId, createdBy: USER, price: '650', submittedAt: new Date(Date.now() - day) });
      await tx.update(opportunities).set({ closesAt: new Date(Date.now() - 1000) }).where(eq(opportunities.id, opportunityId));
    });
    await emit({ type: 'opportunity', opportunityId });
    const releases = (await withTenant(tenant, (tx) => releasesOf(tx, ocid))) as Record<string, any>[];
    tender = releases[1];
    expect(tender!.tag).toEqual(['tenderUpdate']);
    expect(tender!.tender.numberOfTenderers).toBe(2);
    expect(tender!.parties.filter((p: { roles: string[] }) => p.roles.includes('tenderer'))).toHaveLength(2);
  });

  it('the award creates the award and a pending contract; signing, a variation with a statement of work and a termination follow', async () => {
    const ocid = `${PREFIX}-${opportunityId}`;
    await withTenant(tenant, async (tx) => {
      await tx.update(opportunities).set({ awardedAt: new Date() }).where(eq(opportunities.id, opportunityId));
      const [c] = await tx
        .insert(contracts)
        .values({ route: 'further_competition', opportunityId, frameworkId, lot: LOT, organisationId: orgId, supplierId: alpha, title: 'Senior developer for benefits', value: '120000', currency: 'GBP', startDate: '2027-02-01', endDate: '2027-07-31', awardedOn: '2027-01-20', createdBy: USER })
        .returning({ id: contracts.id });
      contractId = c!.id;
      await tx.insert(contractVersions).values({ contractId, version: 1, value: '120000', startDate: '2027-02-01', endDate: '2027-07-31', createdBy: USER });
    });
    await emit({ type: 'opportunity', opportunityId });
    await emit({ type: 'contract', contractId });
    expect(await tags(ocid)).toEqual(['tender', 'tenderUpdate', 'tenderUpdate', 'award', 'contract']);

    await withTenant(tenant, async (tx) => {
      for (const side of ['buyer', 'supplier']) await tx.insert(signatures).values({ documentType: 'contract', documentId: contractId, documentVersion: 1, side, userId: USER, signerName: 'Sam', signerRole: 'Director' });
      await tx.update(contracts).set({ status: 'active' }).where(eq(contracts.id, contractId));
    });
    await emit({ type: 'contract', contractId });
    await withTenant(tenant, async (tx) => {
      await tx.insert(statementsOfWork).values({ contractId, number: 1, title: 'Discovery', scope: 'User research and a prototype', price: '40000', status: 'active', createdBy: USER });
      await tx.insert(contractVersions).values({ contractId, version: 2, value: '150000', startDate: '2027-02-01', endDate: '2027-09-30', variationReason: 'Extra user research', createdBy: USER });
      await tx.update(contracts).set({ currentVersion: 2, value: '150000', endDate: '2027-09-30' }).where(eq(contracts.id, contractId));
      for (const side of ['buyer', 'supplier']) await tx.insert(signatures).values({ documentType: 'contract', documentId: contractId, documentVersion: 2, side, userId: USER, signerName: 'Sam', signerRole: 'Director' });
    });
    await emit({ type: 'contract', contractId });
    await withTenant(tenant, (tx) => tx.update(contracts).set({ status: 'terminated', terminatedAt: new Date('2027-06-30T12:00:00Z'), terminationReason: 'Service no longer needed' }).where(eq(contracts.id, contractId)));
    await emit({ type: 'contract', contractId });
    expect(await tags(ocid)).toEqual(['tender', 'tenderUpdate', 'tenderUpdate', 'award', 'contract', 'contractUpdate', 'contractAmendment', 'contractTermination']);

    const releases = await withTenant(tenant, (tx) => releasesOf(tx, ocid));
    expect(validateReleasePackage({ ...meta, releases }, { expectedPrefix: PREFIX }).issues).toEqual([]);
    const record = buildRecord(releases) as Record<string, any>;
    const compiled = record.compiledRelease;
    expect(compiled.tender.status).toBe('complete');
    expect(compiled.awards).toEqual([expect.objectContaining({ id: `${opportunityId}-award`, status: 'active', value: { amount: 120000, currency: 'GBP' } })]);
    expect(compiled.contracts).toHaveLength(1);
    expect(compiled.contracts[0]).toMatchObject({ awardID: `${opportunityId}-award`, status: 'terminated', value: { amount: 150000, currency: 'GBP' }, period: { endDate: '2027-06-30T12:00:00Z' } });
    expect(compiled.contracts[0].amendments.map((a: { id: string }) => a.id)).toEqual(['variation-2', 'termination']);
    expect(compiled.contracts[0].documents).toEqual([expect.objectContaining({ id: 'sow-1', documentType: 'contractSchedule', title: 'Discovery' })]);
    expect(compiled.contracts[0].dateSigned).toEqual(expect.any(String));
    expect(record.versionedRelease.contracts[0].status.map((s: { value: string }) => s.value)).toEqual(['pending', 'active', 'terminated']);
    expect(validateRecordPackage({ ...meta, records: [record] }, { expectedPrefix: PREFIX }).issues).toEqual([]);
  });

  it('a cancelled opportunity is a tender cancellation with its reason', async () => {
    const id = await withTenant(tenant, async (tx) => {
      const [o] = await tx
        .insert(opportunities)
        .values({ frameworkId, lot: LOT, organisationId: orgId, createdBy: USER, title: 'Cancelled one', publishedAt: new Date(Date.now() - day), closesAt: new Date(Date.now() + day) })
        .returning({ id: opportunities.id });
      return o!.id;
    });
    await emit({ type: 'opportunity', opportunityId: id });
    await withTenant(tenant, (tx) => tx.update(opportunities).set({ cancelledAt: new Date(), outcomeReason: 'Budget withdrawn' }).where(eq(opportunities.id, id)));
    await emit({ type: 'opportunity', opportunityId: id });
    const releases = (await withTenant(tenant, (tx) => releasesOf(tx, `${PREFIX}-${id}`))) as Record<string, any>[];
    expect(releases.map((r) => r.tag)).toEqual([['tender'], ['tenderCancellation']]);
    expect(releases[1]!.tender).toMatchObject({ status: 'cancelled', amendments: [expect.objectContaining({ rationale: 'Budget withdrawn' })] });
  });

  it("a direct award's contract goes under the direct award's ocid, published with the outcome", async () => {
    const outcomeId = await withTenant(tenant, async (tx) => {
      const [project] = await tx.insert(directAwardProjects).values({ organisationId: orgId, createdBy: USER, name: 'Specialist for a month', searchEndedAt: new Date() }).returning();
      const [service] = await tx.select().from(services).where(eq(services.supplierId, beta));
      await tx.insert(projectSnapshots).values({ projectId: project!.id, serviceId: service!.id, position: 0, supplierId: beta, supplierName: 'Beta Ltd', frameworkSlug: 'dos', lot: LOT, answers: service!.answers });
      return recordOutcome(tx, (await findProject(tx, orgId, project!.id))!, { result: 'awarded', serviceId: service!.id, value: '9000', startDate: '2027-03-01', endDate: '2027-03-31' }, USER, { currency: 'GBP' });
    });
    // Creating the call-off contract published it; the catch-up finds nothing left to publish.
    const releases = (await withTenant(tenant, (tx) => releasesOf(tx, `${PREFIX}-${outcomeId}`))) as Record<string, any>[];
    expect(releases.map((r) => r.tag)).toEqual([['award'], ['contract']]);
    expect(releases[1]!.contracts[0]).toMatchObject({ awardID: outcomeId, status: 'pending', value: { amount: 9000, currency: 'GBP' } });
    expect(await withTenant(tenant, (tx) => syncOcds(tx))).toBe(0);
    const all = await withTenant(tenant, (tx) => tx.select({ release: ocdsReleases.release }).from(ocdsReleases).orderBy(ocdsReleases.seq));
    expect(validateReleasePackage({ ...meta, releases: all.map((r) => r.release) }, { expectedPrefix: PREFIX }).issues).toEqual([]);
  });
});
