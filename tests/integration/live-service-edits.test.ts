import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { services } from '@/db/schema/tenant';
import { auditEvents } from '@/db/schema/tenant';
import { withTenant } from '@/db/with-tenant';
import { decideLiveEdit, editLiveService, LiveEditError } from '@/modules/applications/live-edits';
import { registerSupplier } from '@/modules/applications/service';
import { completeDemoAnswers } from '@/modules/frameworks/demo-answers';
import { ZFrameworkDefinition } from '@/modules/frameworks/definition-schema';
import { createFramework, findFrameworkBySlug } from '@/modules/frameworks/queries';
import { FRAMEWORK_TEMPLATES } from '@/modules/frameworks/templates';
import { createTestTenant, ensurePlatformSchema } from '../support/tenants';

const ZONE = 'Europe/London';
const liveSchedule = { applicationsOpen: '2025-01-06', clarificationsClose: '2025-01-17', applicationsClose: '2025-01-31', intentionToAward: '2025-02-24', live: '2025-03-10', expires: '2099-03-10', deadlineTime: '17:00' };
const USER = 'b0000000-0000-4000-8000-000000000000';

describe('edits to live services', () => {
  let tenant: { slug: string };
  let supplierId: string;
  const serviceIds: Record<string, string> = {};

  beforeAll(async () => {
    await ensurePlatformSchema();
    tenant = await createTestTenant('live-edit');
    const withApproval = ZFrameworkDefinition.parse(FRAMEWORK_TEMPLATES.catalogue);
    const direct = { ...withApproval, liveEditsNeedApproval: false };
    await withTenant(tenant, async (tx) => {
      supplierId = await registerSupplier(tx, { legalName: 'Live Ltd', registrationScheme: 'GB-COH', registrationNumber: '01234567', organisationSize: 'small' }, USER);
      for (const [slug, definition] of [['approval', withApproval], ['direct', direct]] as const) {
        const frameworkId = await createFramework(tx, { slug, name: { en: slug }, definition, schedule: liveSchedule });
        const answers = completeDemoAnswers(definition, 'services', 'cloud-software', { serviceName: 'Original name', supportEmail: 'a@b.example', apiDocumentationUrl: 'https://x.example/api' }, 'en');
        const [row] = await tx.insert(services).values({ supplierId, frameworkId, lot: 'cloud-software', answers, status: 'published' }).returning({ id: services.id });
        serviceIds[slug] = row!.id;
      }
    });
  });

  const load = (slug: string) => withTenant(tenant, async (tx) => (await findFrameworkBySlug(tx, slug, ZONE))!);
  const service = (slug: string) => withTenant(tenant, async (tx) => (await tx.select().from(services).where(eq(services.id, serviceIds[slug]!)))[0]!);

  it('applies an edit at once when the framework does not require approval, and audits what changed', async () => {
    const f = await load('direct');
    const current = await service('direct');
    const result = await withTenant(tenant, (tx) => editLiveService(tx, { supplierId, framework: f, serviceId: current.id, answers: { ...current.answers, serviceName: 'Renamed' }, actor: USER }));
    expect(result.outcome).toBe('applied');
    expect((await service('direct')).answers.serviceName).toBe('Renamed');
    const audit = await withTenant(tenant, (tx) => tx.select().from(auditEvents).where(eq(auditEvents.type, 'service.edited')));
    expect(audit.at(-1)!.data).toMatchObject({ changes: [{ questionId: 'serviceName', before: 'Original name', after: 'Renamed' }] });
  });

  it('keeps the live version until an administrator approves the pending edit', async () => {
    const f = await load('approval');
    const current = await service('approval');
    const result = await withTenant(tenant, (tx) => editLiveService(tx, { supplierId, framework: f, serviceId: current.id, answers: { ...current.answers, serviceName: 'Proposed name' }, actor: USER }));
    expect(result.outcome).toBe('pending');
    expect((await service('approval')).answers.serviceName).toBe('Original name');
    await withTenant(tenant, (tx) => decideLiveEdit(tx, f, current.id, true, USER));
    const after = await service('approval');
    expect(after.answers.serviceName).toBe('Proposed name');
    expect(after.pendingAnswers).toBeNull();
    await expect(withTenant(tenant, (tx) => decideLiveEdit(tx, f, current.id, true, USER))).rejects.toBeInstanceOf(LiveEditError);
  });

  it('refuses an invalid edit without changing anything, and a rejected edit leaves the live version', async () => {
    const f = await load('approval');
    const current = await service('approval');
    const bad = await withTenant(tenant, (tx) => editLiveService(tx, { supplierId, framework: f, serviceId: current.id, answers: { ...current.answers, serviceName: '' }, actor: USER }));
    expect(bad.errors.map((e) => e.code)).toContain('required');
    await withTenant(tenant, (tx) => editLiveService(tx, { supplierId, framework: f, serviceId: current.id, answers: { ...current.answers, serviceName: 'Rejected name' }, actor: USER }));
    await withTenant(tenant, (tx) => decideLiveEdit(tx, f, current.id, false, USER));
    expect((await service('approval')).answers.serviceName).toBe('Proposed name');
  });

  it("another supplier cannot edit the service", async () => {
    const f = await load('direct');
    const other = await withTenant(tenant, (tx) => registerSupplier(tx, { legalName: 'Other Ltd', registrationScheme: 'GB-COH', registrationNumber: '07654321', organisationSize: 'small' }, USER));
    const current = await service('direct');
    await expect(withTenant(tenant, (tx) => editLiveService(tx, { supplierId: other, framework: f, serviceId: current.id, answers: current.answers, actor: USER }))).rejects.toBeInstanceOf(LiveEditError);
  });
});
