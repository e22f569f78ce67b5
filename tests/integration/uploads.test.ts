import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { buyerMembers, buyerOrganisations, services } from '@/db/schema/tenant';
import { uploadedFiles } from '@/db/schema/tenant-files';
import { opportunities, opportunityResponses } from '@/db/schema/tenant-opportunities';
import { quoteIdent, tenantSchemaName } from '@/db/tenant-schema';
import { withTenant } from '@/db/with-tenant';
import { registerSupplier } from '@/modules/applications/service';
import { findDownloadableFile, prepareUploads, storeUploads } from '@/modules/files/uploads';
import { ZFrameworkDefinition, type TQuestion } from '@/modules/frameworks/definition-schema';
import { applicableQuestions } from '@/modules/frameworks/answer-validation';
import { createFramework } from '@/modules/frameworks/queries';
import { FRAMEWORK_TEMPLATES } from '@/modules/frameworks/templates';
import { expectDatabaseError } from '../support/db-errors';
import { createTestTenant, ensurePlatformSchema } from '../support/tenants';

const definition = ZFrameworkDefinition.parse(FRAMEWORK_TEMPLATES.opportunities);
const schedule = { applicationsOpen: '2025-01-06', clarificationsClose: '2025-01-17', applicationsClose: '2025-01-31', intentionToAward: '2025-02-24', live: '2025-03-10', expires: '2099-03-10', deadlineTime: '17:00' };
const LOT = 'digital-specialists';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const uploadQuestion = applicableQuestions(definition, 'response', LOT).find((q) => q.type === 'upload') as Extract<TQuestion, { type: 'upload' }>;

const USERS = {
  owner: 'c0000000-0000-4000-8000-000000000001',
  otherSupplier: 'c0000000-0000-4000-8000-000000000002',
  buyer: 'c0000000-0000-4000-8000-000000000003',
  otherBuyer: 'c0000000-0000-4000-8000-000000000004',
};

function formWith(file: File): FormData {
  const form = new FormData();
  form.set(uploadQuestion.id, file);
  return form;
}

describe('uploaded documents', () => {
  let tenant: { slug: string };
  let other: { slug: string };
  let frameworkId: string;
  let supplierId: string;
  let orgId: string;

  beforeAll(async () => {
    await ensurePlatformSchema();
    tenant = await createTestTenant('files');
    other = await createTestTenant('filesx');
    await withTenant(tenant, async (tx) => {
      frameworkId = await createFramework(tx, { slug: 'dos', name: { en: 'DOS' }, definition, schedule });
      supplierId = await registerSupplier(tx, { legalName: 'Alpha Ltd', registrationScheme: 'GB-COH', registrationNumber: '01234567', organisationSize: 'small' }, USERS.owner);
      await registerSupplier(tx, { legalName: 'Beta Ltd', registrationScheme: 'GB-COH', registrationNumber: '07654321', organisationSize: 'small' }, USERS.otherSupplier);
      [{ id: orgId }] = (await tx.insert(buyerOrganisations).values({ name: 'Council', organisationType: 'local' }).returning({ id: buyerOrganisations.id })) as [{ id: string }];
      const [otherOrg] = await tx.insert(buyerOrganisations).values({ name: 'Other council', organisationType: 'local' }).returning({ id: buyerOrganisations.id });
      await tx.insert(buyerMembers).values([{ organisationId: orgId, userId: USERS.buyer }, { organisationId: otherOrg!.id, userId: USERS.otherBuyer }]);
    });
  });

  it('accepts a PDF by its content and refuses a page renamed .pdf or a file over the limit, storing nothing', async () => {
    const good = await prepareUploads(formWith(new File([PDF], '../../Proposal.pdf', { type: 'application/pdf' })), [uploadQuestion]);
    expect(good.errors).toEqual([]);
    expect(good.answers[uploadQuestion.id]).toMatchObject({ name: 'Proposal.pdf', type: 'pdf', bytes: PDF.length });

    const disguised = await prepareUploads(formWith(new File(['<html><script>alert(1)</script></html>'], 'proposal.pdf', { type: 'application/pdf' })), [uploadQuestion]);
    expect(disguised.errors).toEqual([{ questionId: uploadQuestion.id, code: 'uploadWrongType', params: { types: uploadQuestion.accept.join(', ').toUpperCase() } }]);
    expect(disguised.files).toEqual([]);

    const huge = await prepareUploads(formWith(new File([Buffer.concat([PDF, Buffer.alloc(uploadQuestion.maxBytes)])], 'big.pdf')), [uploadQuestion]);
    expect(huge.errors.map((e) => e.code)).toEqual(['uploadTooLarge']);

    const none = await prepareUploads(new FormData(), [uploadQuestion]);
    expect(none).toEqual({ answers: {}, errors: [], files: [] });
  });

  it('serves a file only to those who may see it: owner, buyer of a submitted response, anyone once published; never another tenant', async () => {
    const prepared = await prepareUploads(formWith(new File([PDF], 'Pricing.pdf')), [uploadQuestion]);
    const fileId = prepared.files[0]!.id;
    await withTenant(tenant, (tx) => storeUploads(tx, prepared.files, { supplierId, actor: USERS.owner }));
    const can = (userId: string | null) => withTenant(tenant, async (tx) => (await findDownloadableFile(tx, fileId, userId)) !== null);

    // Stored, but referenced by nothing public yet.
    expect(await can(USERS.owner)).toBe(true);
    expect(await can(USERS.otherSupplier)).toBe(false);
    expect(await can(USERS.buyer)).toBe(false);
    expect(await can(null)).toBe(false);
    // The tenant's assessors review applications and edits, so they may read it.
    expect(await withTenant(tenant, async (tx) => (await findDownloadableFile(tx, fileId, USERS.otherBuyer, { assessor: true }))?.name)).toBe('Pricing.pdf');

    // Part of a submitted response: the buyer organisation of that opportunity may read it, no other.
    await withTenant(tenant, async (tx) => {
      const [o] = await tx.insert(opportunities).values({ frameworkId, lot: LOT, organisationId: orgId, createdBy: USERS.buyer, title: 'Developer' }).returning({ id: opportunities.id });
      await tx.insert(opportunityResponses).values({ opportunityId: o!.id, supplierId, createdBy: USERS.owner, answers: prepared.answers, submittedAt: new Date() });
    });
    expect(await can(USERS.buyer)).toBe(true);
    expect(await can(USERS.otherBuyer)).toBe(false);
    expect(await can(null)).toBe(false);

    // An answer of a published service is public.
    await withTenant(tenant, (tx) => tx.insert(services).values({ supplierId, frameworkId, lot: LOT, answers: { pricingDocument: prepared.answers[uploadQuestion.id] }, status: 'published' }));
    const file = await withTenant(tenant, (tx) => findDownloadableFile(tx, fileId, null));
    expect(file).toMatchObject({ name: 'Pricing.pdf', mediaType: 'application/pdf', isPublic: true });
    expect(Buffer.from(file!.content).equals(PDF)).toBe(true);

    // The same id asked through another tenant is unknown there, and its schema role cannot reach this one.
    expect(await withTenant(other, (tx) => findDownloadableFile(tx, fileId, USERS.owner))).toBeNull();
    await expectDatabaseError(withTenant(other, (tx) => tx.execute(sql.raw(`select count(*) from ${quoteIdent(tenantSchemaName(tenant.slug))}.uploaded_files`))), /permission denied/);
    const [row] = await withTenant(tenant, (tx) => tx.select({ sha: uploadedFiles.sha256 }).from(uploadedFiles).where(eq(uploadedFiles.id, fileId)));
    expect(row!.sha).toMatch(/^[0-9a-f]{64}$/);
  });
});
