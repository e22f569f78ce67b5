import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { users } from '@/db/schema/platform';
import { auditEvents, buyerMembers, buyerOrganisations } from '@/db/schema/tenant';
import { contracts, contractVersions } from '@/db/schema/tenant-contracts';
import { notificationJobs } from '@/db/schema/tenant-notifications';
import { withTenant } from '@/db/with-tenant';
import { registerSupplier } from '@/modules/applications/service';
import { createCallOffContract } from '@/modules/contracts/create';
import { contractPdf, statementPdf } from '@/modules/contracts/pdf';
import {
  ContractError,
  createStatementOfWork,
  diffVersions,
  findContractFor,
  listContractsFor,
  loadContractDetail,
  parseTerms,
  proposeVariation,
  saveDraftTerms,
  sendForSignature,
  signContract,
  signStatementOfWork,
  previousVersion,
  suggestedTerms,
  terminateContract,
  withdrawVariation,
} from '@/modules/contracts/service';
import { flattenTerms, termFields } from '@/modules/contracts/terms';
import { ZFrameworkDefinition } from '@/modules/frameworks/definition-schema';
import { createFramework } from '@/modules/frameworks/queries';
import { FRAMEWORK_TEMPLATES } from '@/modules/frameworks/templates';
import { getTranslator } from '@/modules/i18n/server';
import { buildRecord, releasesOf } from '@/modules/ocds/packages';
import { PUBLISHED_EXTENSIONS, validateRecordPackage } from '@/modules/ocds/validate';
import { createTestTenant, ensurePlatformSchema } from '../support/tenants';

const PREFIX = 'ocds-con123';

const catalogue = ZFrameworkDefinition.parse(FRAMEWORK_TEMPLATES.catalogue);
const schedule = { applicationsOpen: '2025-01-06', clarificationsClose: '2025-01-17', applicationsClose: '2025-01-31', intentionToAward: '2025-02-24', live: '2025-03-10', expires: '2099-03-10', deadlineTime: '17:00' };
const notify = { baseUrl: 'http://test.localhost', locale: 'en' };
const fields = termFields(catalogue);

/** A complete, valid set of terms for the catalogue template (as the form posts them). */
function completeTerms(overrides: Record<string, string> = {}): Record<string, string> {
  const values: Record<string, string> = {
    value: '120000',
    startDate: '2027-01-01',
    endDate: '2027-12-31',
    extensionOptions: 'One extension of up to 12 months',
    deliverables: 'Hosting of the records platform',
    charges: 'Monthly in arrears',
    buyerContact: 'Helen Clarke, helen@council.example',
    supplierContact: 'Sam Jones, sam@alpha.example',
    serviceReference: 'Secure records hosting',
    paymentSchedule: 'Monthly',
    noticePeriodDays: '30',
  };
  for (const f of fields) if (!f.optional && values[f.id] === undefined) values[f.id] = f.type === 'date' ? '2027-01-01' : f.type === 'money' ? '10' : f.type === 'number' ? '1' : 'Filled in';
  return { ...values, ...overrides };
}

async function person(email: string): Promise<string> {
  const [row] = await getDb().insert(users).values({ email, name: email.split('@')[0] }).returning({ id: users.id });
  return row!.id;
}

describe('terms from the call-off template', () => {
  it('a standard term the template requires is required; parties are never typed; template fields follow', () => {
    const opportunities = ZFrameworkDefinition.parse(FRAMEWORK_TEMPLATES.opportunities);
    const terms = termFields(opportunities);
    expect(terms.find((f) => f.id === 'keyStaff')!.optional).toBe(false);
    expect(fields.find((f) => f.id === 'keyStaff')!.optional).toBe(true);
    expect(terms.map((f) => f.id)).not.toContain('buyerOrganisation');
    expect(terms.map((f) => f.id)).not.toContain('contractValue');
    expect(terms.map((f) => f.id)).toEqual(expect.arrayContaining(['value', 'startDate', 'endDate', 'extensionOptions', 'charges', 'opportunityReference', 'workLocation']));
  });
});

describe('call-off contracts', () => {
  let tenant: { slug: string };
  let buyer: string;
  let colleague: string;
  let seller: string;
  let outsider: string;
  let orgId: string;
  let supplierId: string;
  let frameworkId: string;

  const version = async (id: string) => (await withTenant(tenant, (tx) => tx.select().from(contracts).where(eq(contracts.id, id))))[0]!;
  const newContract = () =>
    withTenant(tenant, (tx) =>
      createCallOffContract(tx, {
        route: 'direct_award',
        frameworkId,
        lot: 'cloud-hosting',
        organisationId: orgId,
        supplierId,
        title: 'Records hosting',
        value: '100000',
        currency: 'GBP',
        startDate: '2027-01-01',
        endDate: '2027-12-31',
        awardedOn: '2026-11-01',
        createdBy: buyer,
      }),
    );

  /** Drafted → terms complete → sent → both signed. */
  async function activeContract(): Promise<string> {
    const { id } = await newContract();
    const parsed = parseTerms(fields, completeTerms());
    expect(parsed.success).toBe(true);
    await withTenant(tenant, (tx) => saveDraftTerms(tx, id, parsed.data!, 1, buyer));
    await withTenant(tenant, (tx) => sendForSignature(tx, id, 2, buyer, fields, notify));
    await withTenant(tenant, (tx) => signContract(tx, id, { side: 'buyer', userId: buyer, name: 'Helen Clarke', role: 'Head of IT', documentVersion: 1 }, notify));
    await withTenant(tenant, (tx) => signContract(tx, id, { side: 'supplier', userId: seller, name: 'Sam Jones', role: 'Director', documentVersion: 1 }, notify));
    return id;
  }

  beforeAll(async () => {
    await ensurePlatformSchema();
    tenant = await createTestTenant('contracts', { ocidPrefix: PREFIX, openData: { testPrefix: true } });
    const stamp = Date.now();
    buyer = await person(`buyer-${stamp}@council.example`);
    colleague = await person(`colleague-${stamp}@council.example`);
    seller = await person(`seller-${stamp}@alpha.example`);
    outsider = await person(`outsider-${stamp}@elsewhere.example`);
    await withTenant(tenant, async (tx) => {
      frameworkId = await createFramework(tx, { slug: 'cloud', name: { en: 'Cloud' }, definition: catalogue, schedule });
      supplierId = await registerSupplier(tx, { legalName: 'Alpha Ltd', registrationScheme: 'GB-COH', registrationNumber: '01234567', organisationSize: 'small' }, seller);
      [{ id: orgId }] = (await tx.insert(buyerOrganisations).values({ name: 'Council', organisationType: 'local' }).returning({ id: buyerOrganisations.id })) as [{ id: string }];
      await tx.insert(buyerMembers).values([{ organisationId: orgId, userId: buyer }, { organisationId: orgId, userId: colleague }]);
    });
  });

  it('completes the terms with validation, refuses a stale form, and sends for signature with emails queued', async () => {
    const { id } = await newContract();
    const suggested = await withTenant(tenant, async (tx) => suggestedTerms(tx, (await findContractFor(tx, id, 'buyer', buyer))!, 'Europe/London'));
    expect(suggested.buyerContact).toMatch(/^buyer-\d+, buyer-\d+@council\.example$/);
    expect(suggested.supplierContact).toMatch(/@alpha\.example$/);
    const bad = parseTerms(fields, completeTerms({ value: '12,5', endDate: '2026-01-01', deliverables: '' }));
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => [i.path[0], i.message]).sort()).toEqual([
      ['deliverables', 'contracts.errors.required'],
      ['endDate', 'contracts.errors.endBeforeStart'],
      ['value', 'contracts.errors.money'],
    ]);
    expect(parseTerms(fields, completeTerms({ endDate: '2026-01-01' })).error!.issues[0]).toMatchObject({ path: ['endDate'], message: 'contracts.errors.endBeforeStart' });
    // Terms still empty: cannot be sent.
    await expect(withTenant(tenant, (tx) => sendForSignature(tx, id, 1, buyer, fields, notify))).rejects.toMatchObject({ key: 'contracts.errors.termsIncomplete' });
    const good = parseTerms(fields, completeTerms())!.data!;
    await withTenant(tenant, (tx) => saveDraftTerms(tx, id, good, 1, buyer));
    // A colleague's form loaded before that save is stale.
    await expect(withTenant(tenant, (tx) => saveDraftTerms(tx, id, { ...good, value: '1' }, 1, colleague))).rejects.toMatchObject({ key: 'contracts.errors.conflict' });
    expect((await version(id)).value).toBe('120000.00');
    await withTenant(tenant, (tx) => sendForSignature(tx, id, 2, buyer, fields, notify));
    expect((await version(id)).status).toBe('awaiting_signatures');
    const jobs = await withTenant(tenant, (tx) => tx.select().from(notificationJobs));
    const ready = jobs.filter((j) => j.kind === 'contract_ready_to_sign' && j.dedupeKey.startsWith(`contract:${id}:`));
    expect(ready.map((j) => j.recipient.split('-')[0]).sort()).toEqual(['buyer', 'colleague', 'seller']);
    expect(ready[0]!.params.url).toMatch(new RegExp(`/en/(buyer|supplier)/contracts/${id}$`));
    await expect(withTenant(tenant, (tx) => saveDraftTerms(tx, id, good, 3, buyer))).rejects.toMatchObject({ key: 'contracts.errors.notDraft' });
  });

  it('signing: only a member of that side, once per side and version, and only the version awaiting signatures', async () => {
    const { id } = await newContract();
    await withTenant(tenant, (tx) => saveDraftTerms(tx, id, parseTerms(fields, completeTerms())!.data!, 1, buyer));
    await expect(withTenant(tenant, (tx) => signContract(tx, id, { side: 'buyer', userId: buyer, name: 'Helen', role: 'Head', documentVersion: 1 }, notify))).rejects.toMatchObject({ key: 'contracts.errors.nothingToSign' });
    // The draft is the buyer's work in progress: the supplier does not see it yet.
    expect(await withTenant(tenant, (tx) => findContractFor(tx, id, 'supplier', seller))).toBeNull();
    expect((await withTenant(tenant, (tx) => listContractsFor(tx, 'supplier', seller))).map((r) => r.contract.id)).not.toContain(id);
    await withTenant(tenant, (tx) => sendForSignature(tx, id, 2, buyer, fields, notify));
    expect(await withTenant(tenant, (tx) => findContractFor(tx, id, 'supplier', seller))).not.toBeNull();
    // The supplier's person cannot sign for the buyer, nor an outsider for anyone.
    await expect(withTenant(tenant, (tx) => signContract(tx, id, { side: 'buyer', userId: seller, name: 'Sam', role: 'Director', documentVersion: 1 }, notify))).rejects.toMatchObject({ key: 'contracts.errors.notASigner' });
    await expect(withTenant(tenant, (tx) => signContract(tx, id, { side: 'supplier', userId: outsider, name: 'Eve', role: 'Nobody', documentVersion: 1 }, notify))).rejects.toMatchObject({ key: 'contracts.errors.notASigner' });
    await expect(withTenant(tenant, (tx) => signContract(tx, id, { side: 'buyer', userId: buyer, name: 'Helen', role: 'Head', documentVersion: 2 }, notify))).rejects.toMatchObject({ key: 'contracts.errors.staleVersion' });
    expect(await withTenant(tenant, (tx) => signContract(tx, id, { side: 'buyer', userId: buyer, name: 'Helen', role: 'Head', documentVersion: 1 }, notify))).toEqual({ inForce: false });
    // Once per side: the colleague cannot sign again for the buyer.
    await expect(withTenant(tenant, (tx) => signContract(tx, id, { side: 'buyer', userId: colleague, name: 'Col', role: 'Officer', documentVersion: 1 }, notify))).rejects.toMatchObject({ key: 'contracts.errors.alreadySigned' });
    expect((await version(id)).status).toBe('awaiting_signatures');
    expect(await withTenant(tenant, (tx) => signContract(tx, id, { side: 'supplier', userId: seller, name: 'Sam', role: 'Director', documentVersion: 1 }, notify))).toEqual({ inForce: true });
    expect(await version(id)).toMatchObject({ status: 'active', currentVersion: 1 });
    const detail = await withTenant(tenant, async (tx) => loadContractDetail(tx, (await findContractFor(tx, id, 'supplier', seller))!, 'Europe/London'));
    expect(detail.signatures.map((s) => [s.side, s.signerName, s.signerRole])).toEqual([
      ['buyer', 'Helen', 'Head'],
      ['supplier', 'Sam', 'Director'],
    ]);
    const signed = await withTenant(tenant, (tx) => tx.select().from(notificationJobs).where(eq(notificationJobs.kind, 'contract_signed')));
    expect(signed.filter((j) => j.dedupeKey.startsWith(`contract:${id}:`))).toHaveLength(3);
    const audit = await withTenant(tenant, (tx) => tx.select().from(auditEvents).where(eq(auditEvents.objectId, id)));
    expect(audit.map((a) => a.type)).toEqual(expect.arrayContaining(['contract.created', 'contract.terms_saved', 'contract.sent_for_signature', 'contract.signed', 'contract.activated']));
    // Visibility: each side sees it from its own side only.
    expect(await withTenant(tenant, (tx) => findContractFor(tx, id, 'buyer', seller))).toBeNull();
    expect(await withTenant(tenant, (tx) => findContractFor(tx, id, 'supplier', outsider))).toBeNull();
    expect((await withTenant(tenant, (tx) => listContractsFor(tx, 'buyer', outsider))).length).toBe(0);
  });

  it('a variation is a new version with a reason and a diff; the previous version stays in force until both sign', async () => {
    const id = await activeContract();
    const lock = (await version(id)).version;
    const varied = parseTerms(fields, completeTerms({ value: '150000', deliverables: 'Hosting and a second data centre' }))!.data!;
    await expect(withTenant(tenant, (tx) => proposeVariation(tx, id, completeTerms(), 'No change', lock, buyer, fields, notify))).rejects.toMatchObject({ key: 'contracts.errors.nothingChanged' });
    await expect(withTenant(tenant, (tx) => proposeVariation(tx, id, varied, 'Stale', lock - 1, buyer, fields, notify))).rejects.toMatchObject({ key: 'contracts.errors.conflict' });
    expect(await withTenant(tenant, (tx) => proposeVariation(tx, id, varied, 'Second site needed', lock, buyer, fields, notify))).toBe(2);
    // Until signed, version 1 is in force: value unchanged.
    expect(await version(id)).toMatchObject({ status: 'active', currentVersion: 1, value: '120000.00' });
    await expect(withTenant(tenant, (tx) => proposeVariation(tx, id, varied, 'Again', lock + 1, buyer, fields, notify))).rejects.toMatchObject({ key: 'contracts.errors.variationPending' });
    // The old version cannot be signed any more (stale), the new one needs both sides again.
    await expect(withTenant(tenant, (tx) => signContract(tx, id, { side: 'supplier', userId: seller, name: 'Sam', role: 'Director', documentVersion: 1 }, notify))).rejects.toMatchObject({ key: 'contracts.errors.staleVersion' });
    await withTenant(tenant, (tx) => signContract(tx, id, { side: 'buyer', userId: buyer, name: 'Helen', role: 'Head', documentVersion: 2 }, notify));
    expect((await version(id)).currentVersion).toBe(1);
    await withTenant(tenant, (tx) => signContract(tx, id, { side: 'supplier', userId: seller, name: 'Sam', role: 'Director', documentVersion: 2 }, notify));
    expect(await version(id)).toMatchObject({ currentVersion: 2, value: '150000.00' });
    const versions = await withTenant(tenant, (tx) => tx.select().from(contractVersions).where(eq(contractVersions.contractId, id)).orderBy(contractVersions.version));
    expect(versions.map((v) => [v.version, v.value, v.variationReason])).toEqual([
      [1, '120000.00', null],
      [2, '150000.00', 'Second site needed'],
    ]);
    expect(flattenTerms(versions[0]!).deliverables).toBe('Hosting of the records platform');
    // Open data: the award, the contract in force, then the variation as a contract amendment, in one valid record.
    const releases = await withTenant(tenant, (tx) => releasesOf(tx, `${PREFIX}-${id}`));
    expect(releases.map((r) => r.tag)).toEqual([['award'], ['contract'], ['contractAmendment']]);
    const record = buildRecord(releases) as Record<string, any>;
    expect(record.compiledRelease.contracts[0]).toMatchObject({ id, status: 'active', value: { amount: 150000 } });
    expect(record.compiledRelease.contracts[0].amendments[0]).toMatchObject({ rationale: 'Second site needed' });
    const recordPackage = { uri: 'http://t.localhost/api/ocds/releases', version: '1.1', publishedDate: '2027-01-12T00:00:00Z', publisher: { name: 'Test' }, extensions: [...PUBLISHED_EXTENSIONS], records: [record] };
    expect(validateRecordPackage(recordPackage, { expectedPrefix: PREFIX }).issues).toEqual([]);
    expect(diffVersions({ fields }, versions[0]!, versions[1]!)).toEqual([
      { id: 'value', before: '120000', after: '150000' },
      { id: 'deliverables', before: 'Hosting of the records platform', after: 'Hosting and a second data centre' },
    ]);
  });

  it('a variation the supplier will not sign can be withdrawn: kept in the history, never signable, the next one numbered after it', async () => {
    const id = await activeContract();
    let lock = (await version(id)).version;
    expect(await withTenant(tenant, (tx) => proposeVariation(tx, id, completeTerms({ value: '200000' }), 'Bigger scope', lock, buyer, fields, notify))).toBe(2);
    lock = (await version(id)).version;
    await expect(withTenant(tenant, (tx) => withdrawVariation(tx, id, 1, lock, buyer))).rejects.toMatchObject({ key: 'contracts.errors.nothingToWithdraw' });
    await withTenant(tenant, (tx) => withdrawVariation(tx, id, 2, lock, buyer));
    await expect(withTenant(tenant, (tx) => signContract(tx, id, { side: 'supplier', userId: seller, name: 'Sam', role: 'Director', documentVersion: 2 }, notify))).rejects.toMatchObject({ key: 'contracts.errors.nothingToSign' });
    expect(await version(id)).toMatchObject({ status: 'active', currentVersion: 1, value: '120000.00' });
    lock = (await version(id)).version;
    expect(await withTenant(tenant, (tx) => proposeVariation(tx, id, completeTerms({ endDate: '2028-06-30' }), 'Six more months', lock, buyer, fields, notify))).toBe(3);
    const detail = await withTenant(tenant, async (tx) => loadContractDetail(tx, (await findContractFor(tx, id, 'buyer', buyer))!, 'Europe/London'));
    expect(detail.pending).toBe(3);
    expect(detail.versions.map((v) => [v.version, Boolean(v.withdrawnAt)])).toEqual([[1, false], [2, true], [3, false]]);
    // Version 3 is compared with the version in force, not with the withdrawn one.
    const v3 = detail.versions[2]!;
    expect(diffVersions(detail, previousVersion(detail.versions, v3)!, v3)).toEqual([{ id: 'endDate', before: '2027-12-31', after: '2028-06-30' }]);
  });

  it('statements of work stay within the contract value, are signed by both sides, and bound later variations', async () => {
    const id = await activeContract();
    const milestone = (price: string) => ({ title: 'Discovery', dueDate: '2027-03-01', acceptanceCriteria: 'Report accepted', price });
    let lock = (await version(id)).version;
    const sow = await withTenant(tenant, (tx) => createStatementOfWork(tx, id, { title: 'Phase 1', scope: 'Discovery and alpha', milestones: [milestone('50000'), milestone('20000.50')] }, lock, buyer, notify));
    lock = (await version(id)).version;
    const refused = await withTenant(tenant, (tx) => createStatementOfWork(tx, id, { title: 'Phase 2', scope: 'Beta', milestones: [milestone('50000')] }, lock, buyer, notify)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ContractError);
    expect(refused).toMatchObject({ key: 'statementsOfWork.errors.exceedsValue', params: { remaining: '49999.50', value: '120000.00' } });
    // Exactly the remainder fits.
    await withTenant(tenant, (tx) => createStatementOfWork(tx, id, { title: 'Phase 2', scope: 'Beta', milestones: [milestone('49999.50')] }, lock, buyer, notify));
    lock = (await version(id)).version;
    await expect(withTenant(tenant, (tx) => proposeVariation(tx, id, completeTerms({ value: '100000' }), 'Cut', lock, buyer, fields, notify))).rejects.toMatchObject({ key: 'contracts.errors.belowStatements' });

    await expect(withTenant(tenant, (tx) => signStatementOfWork(tx, id, sow, { side: 'supplier', userId: buyer, name: 'H', role: 'Head', documentVersion: 1 }, notify))).rejects.toMatchObject({ key: 'contracts.errors.notASigner' });
    await withTenant(tenant, (tx) => signStatementOfWork(tx, id, sow, { side: 'buyer', userId: buyer, name: 'Helen', role: 'Head', documentVersion: 1 }, notify));
    await expect(withTenant(tenant, (tx) => signStatementOfWork(tx, id, sow, { side: 'buyer', userId: buyer, name: 'Helen', role: 'Head', documentVersion: 1 }, notify))).rejects.toMatchObject({ key: 'contracts.errors.alreadySigned' });
    expect(await withTenant(tenant, (tx) => signStatementOfWork(tx, id, sow, { side: 'supplier', userId: seller, name: 'Sam', role: 'Director', documentVersion: 1 }, notify))).toEqual({ inForce: true });
    const detail = await withTenant(tenant, async (tx) => loadContractDetail(tx, (await findContractFor(tx, id, 'buyer', buyer))!, 'Europe/London'));
    expect(detail.statements.map((s) => [s.number, s.price, s.status])).toEqual([
      [1, '70000.50', 'active'],
      [2, '49999.50', 'awaiting_signatures'],
    ]);

    // PDFs of both documents, including Welsh letters.
    const cy = { t: getTranslator('cy'), fmt: { format: 'cy-GB', timezone: 'Europe/London', currency: 'GBP' }, locale: 'cy', fallbackLocale: 'en', marketplace: 'Marchnad Ddigidol y DU — ŵ ŷ' };
    const pdf = await contractPdf(cy, detail);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(2000);
    const sowPdf = await statementPdf(cy, detail, detail.statements[0]!);
    expect(sowPdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('termination is recorded with reason and date, once', async () => {
    const id = await activeContract();
    const lock = (await version(id)).version;
    await withTenant(tenant, (tx) => terminateContract(tx, id, { reason: 'Service no longer needed', date: '2027-06-30' }, lock, buyer));
    expect(await version(id)).toMatchObject({ status: 'terminated', terminationReason: 'Service no longer needed' });
    expect((await version(id)).terminatedAt!.toISOString().slice(0, 10)).toBe('2027-06-30');
    await expect(withTenant(tenant, (tx) => terminateContract(tx, id, { reason: 'Again', date: '2027-07-01' }, lock + 1, buyer))).rejects.toMatchObject({ key: 'contracts.errors.alreadyTerminated' });
    const audit = await withTenant(tenant, (tx) => tx.select().from(auditEvents).where(and(eq(auditEvents.objectId, id), eq(auditEvents.type, 'contract.terminated'))));
    expect(audit).toHaveLength(1);
    const releases = await withTenant(tenant, (tx) => releasesOf(tx, `${PREFIX}-${id}`));
    expect(releases.map((r) => r.tag)).toEqual([['award'], ['contract'], ['contractTermination']]);
    expect((buildRecord(releases) as Record<string, any>).compiledRelease.contracts[0].status).toBe('terminated');
  });
});
