import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { outbox, users } from '@/db/schema/platform';
import { services, supplierFrameworks } from '@/db/schema/tenant';
import { withTenant } from '@/db/with-tenant';
import {
  AssessmentError,
  countersignAgreement,
  decideDiscretionary,
  listApplications,
  publishLiveServices,
  runAutomaticAssessment,
  signAgreement,
} from '@/modules/applications/assessment';
import { sendResultLetters } from '@/modules/applications/result-letters';
import { createDraftService, registerSupplier, saveDeclarationSection, saveDraftService, startApplication, submitApplication } from '@/modules/applications/service';
import { completeDemoAnswers } from '@/modules/frameworks/demo-answers';
import { ZFrameworkDefinition } from '@/modules/frameworks/definition-schema';
import { createFramework, findFrameworkBySlug, overrideFrameworkStatus } from '@/modules/frameworks/queries';
import { FRAMEWORK_TEMPLATES } from '@/modules/frameworks/templates';
import { findTenantBySlug } from '@/tenants/registry';
import { createTestTenant, ensurePlatformSchema } from '../support/tenants';

const ZONE = 'Europe/London';
// Closed in January 2026; award and live dates far ahead, so "now" is in the pending period.
const schedule = {
  applicationsOpen: '2025-12-01',
  clarificationsClose: '2025-12-19',
  applicationsClose: '2026-01-09',
  intentionToAward: '2099-01-01',
  live: '2099-02-01',
  expires: '2100-02-01',
  deadlineTime: '17:00',
};
const WHILE_OPEN = new Date('2026-01-05T12:00:00Z');
const catalogue = ZFrameworkDefinition.parse(FRAMEWORK_TEMPLATES.catalogue);

describe('assessment, agreements and publication', () => {
  let tenant: { id: string; slug: string };
  const ids: Record<string, string> = {};

  async function apply(name: string, declarationOverrides: Record<string, unknown>, submit: boolean, userId: string) {
    const framework = await withTenant(tenant, async (tx) => (await findFrameworkBySlug(tx, 'cloud-a', ZONE, WHILE_OPEN))!);
    const supplierId = await withTenant(tenant, (tx) =>
      registerSupplier(tx, { legalName: name, registrationScheme: 'GB-COH', registrationNumber: '01234567', organisationSize: 'micro' }, userId),
    );
    ids[name] = supplierId;
    const declaration = completeDemoAnswers(catalogue, 'declaration', undefined, { primaryContactEmail: 'bids@x.example', ...declarationOverrides }, 'en');
    await withTenant(tenant, async (tx) => {
      await startApplication(tx, supplierId, framework, ZONE, userId, WHILE_OPEN);
      for (const section of framework.definition.questionSets.declaration) {
        await saveDeclarationSection(tx, { supplierId, framework, timeZone: ZONE, section: section.slug, answers: declaration, actor: userId, now: WHILE_OPEN });
      }
      const serviceId = await createDraftService(tx, { supplierId, framework, timeZone: ZONE, lot: 'cloud-support', actor: userId, now: WHILE_OPEN });
      const answers = completeDemoAnswers(catalogue, 'services', 'cloud-support', { serviceName: `${name} support`, supportEmail: 'help@x.example' }, 'en');
      await saveDraftService(tx, { supplierId, framework, timeZone: ZONE, serviceId, answers, markComplete: true, actor: userId, now: WHILE_OPEN });
      if (submit) await submitApplication(tx, { supplierId, framework, timeZone: ZONE, actor: userId, now: WHILE_OPEN });
    });
  }

  const framework = () => withTenant(tenant, async (tx) => (await findFrameworkBySlug(tx, 'cloud-a', ZONE))!);

  beforeAll(async () => {
    await ensurePlatformSchema();
    tenant = await createTestTenant('assess');
    await withTenant(tenant, (tx) => createFramework(tx, { slug: 'cloud-a', name: { en: 'Cloud A' }, definition: FRAMEWORK_TEMPLATES.catalogue, schedule }));
    const [user] = await getDb().insert(users).values({ email: `letters-${randomBytes(4).toString('hex')}@example.org` }).returning({ id: users.id });
    await apply('Clean Ltd', {}, true, user!.id);
    await apply('Fraud Ltd', { fraud: true }, true, user!.id);
    await apply('Insolvent Ltd', { insolvency: true, exclusionCircumstances: 'Administration ended in 2024; all creditors paid.' }, true, user!.id);
    await apply('Never Submitted Ltd', {}, false, user!.id);
  });

  it('automatic assessment: pass, fail on a mandatory ground, discretionary to a person, unsubmitted fails', async () => {
    const decided = await framework().then((f) => withTenant(tenant, (tx) => runAutomaticAssessment(tx, f, null)));
    expect(decided).toHaveLength(3);
    const rows = await framework().then((f) => withTenant(tenant, (tx) => listApplications(tx, f)));
    const result = (name: string) => rows.find((r) => r.legalName === name)!.result;
    expect(result('Clean Ltd')).toBe('pass');
    expect(result('Fraud Ltd')).toBe('fail');
    expect(result('Insolvent Ltd')).toBe('discretionary');
    expect(result('Never Submitted Ltd')).toBe('fail');
    // Running again changes nothing.
    expect(await framework().then((f) => withTenant(tenant, (tx) => runAutomaticAssessment(tx, f, null)))).toEqual([]);
  });

  it('a person decides the discretionary case with a reason; a non-discretionary one cannot be decided that way', async () => {
    await framework().then((f) => withTenant(tenant, (tx) => decideDiscretionary(tx, f, ids['Insolvent Ltd']!, 'pass', 'Circumstances resolved; no risk to delivery', 'f0000000-0000-4000-8000-000000000000')));
    await expect(framework().then((f) => withTenant(tenant, (tx) => decideDiscretionary(tx, f, ids['Fraud Ltd']!, 'pass', 'Trying to overturn', 'f0000000-0000-4000-8000-000000000000')))).rejects.toBeInstanceOf(AssessmentError);
    const rows = await framework().then((f) => withTenant(tenant, (tx) => listApplications(tx, f)));
    expect(rows.find((r) => r.legalName === 'Insolvent Ltd')).toMatchObject({ result: 'pass', resultReason: 'Circumstances resolved; no risk to delivery' });
  });

  it('result letters go to the people acting for each supplier', async () => {
    const t = (await findTenantBySlug(tenant.slug))!;
    const sent = await sendResultLetters(t, await framework(), [{ supplierId: ids['Clean Ltd']!, result: 'pass' }], 'http://assess.localhost');
    expect(sent).toBe(1);
    const mail = await getDb().select().from(outbox).where(eq(outbox.tenantId, tenant.id));
    expect(mail.some((m) => m.subject.includes('Cloud A') && m.text.includes('/supplier/frameworks/cloud-a'))).toBe(true);
  });

  it('only a passed supplier signs; the authority countersigns once', async () => {
    const f = await framework();
    await expect(withTenant(tenant, (tx) => signAgreement(tx, f, ids['Fraud Ltd']!, { name: 'X', role: 'Director' }, 'f0000000-0000-4000-8000-000000000000'))).rejects.toBeInstanceOf(AssessmentError);
    await expect(withTenant(tenant, (tx) => countersignAgreement(tx, f, ids['Clean Ltd']!, 'f0000000-0000-4000-8000-000000000000'))).rejects.toBeInstanceOf(AssessmentError);
    await withTenant(tenant, (tx) => signAgreement(tx, f, ids['Clean Ltd']!, { name: 'Cara Clean', role: 'Director' }, 'f0000000-0000-4000-8000-000000000000'));
    await withTenant(tenant, (tx) => countersignAgreement(tx, f, ids['Clean Ltd']!, 'f0000000-0000-4000-8000-000000000000'));
    await expect(withTenant(tenant, (tx) => countersignAgreement(tx, f, ids['Clean Ltd']!, 'f0000000-0000-4000-8000-000000000000'))).rejects.toBeInstanceOf(AssessmentError);
  });

  it('publishes on the live date only the services of passed, countersigned suppliers', async () => {
    expect(await framework().then((f) => withTenant(tenant, (tx) => publishLiveServices(tx, f, null)))).toBe(0);
    await withTenant(tenant, (tx) => overrideFrameworkStatus(tx, 'cloud-a', 'live', 'Testing go-live', null));
    expect(await framework().then((f) => withTenant(tenant, (tx) => publishLiveServices(tx, f, null)))).toBe(1);
    const published = await withTenant(tenant, (tx) => tx.select().from(services).where(eq(services.status, 'published')));
    expect(published.map((s) => s.supplierId)).toEqual([ids['Clean Ltd']]);
    // Idempotent.
    expect(await framework().then((f) => withTenant(tenant, (tx) => publishLiveServices(tx, f, null)))).toBe(0);
    const fraud = await withTenant(tenant, (tx) => tx.select().from(supplierFrameworks).where(eq(supplierFrameworks.supplierId, ids['Fraud Ltd']!)));
    expect(fraud[0]!.result).toBe('fail');
  });
});
