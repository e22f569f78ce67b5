import { beforeAll, describe, expect, it } from 'vitest';
import { services, supplierFrameworks } from '@/db/schema/tenant';
import { withTenant } from '@/db/with-tenant';
import {
  ApplicationClosedError,
  ApplicationRuleError,
  createDraftService,
  declarationProgress,
  findApplication,
  findSupplierService,
  registerSupplier,
  saveDeclarationSection,
  saveDraftService,
  startApplication,
  submitApplication,
} from '@/modules/applications/service';
import { completeDemoAnswers } from '@/modules/frameworks/demo-answers';
import { ZFrameworkDefinition } from '@/modules/frameworks/definition-schema';
import { createFramework, findFrameworkBySlug, listFrameworks, overrideFrameworkStatus } from '@/modules/frameworks/queries';
import { FRAMEWORK_TEMPLATES } from '@/modules/frameworks/templates';
import { createTestTenant, ensurePlatformSchema } from '../support/tenants';

const ZONE = 'Europe/London';
// Applications close at 17:00 on Monday 30 March 2026, the day after the clocks go forward: 16:00 UTC.
const schedule = {
  applicationsOpen: '2026-03-02',
  clarificationsClose: '2026-03-20',
  applicationsClose: '2026-03-30',
  intentionToAward: '2026-05-04',
  live: '2026-05-18',
  expires: '2028-05-18',
  deadlineTime: '17:00',
};
const CLOSE = new Date('2026-03-30T16:00:00Z');
const BEFORE_CLOSE = new Date(CLOSE.getTime() - 1000);
const catalogue = ZFrameworkDefinition.parse(FRAMEWORK_TEMPLATES.catalogue);
const USER = '00000000-0000-4000-8000-000000000001';

describe('applying to a framework', () => {
  let tenant: { slug: string };
  let supplierId: string;

  beforeAll(async () => {
    await ensurePlatformSchema();
    tenant = await createTestTenant('apply');
    await withTenant(tenant, async (tx) => {
      await createFramework(tx, { slug: 'cloud-1', name: { en: 'Cloud 1' }, definition: FRAMEWORK_TEMPLATES.catalogue, schedule, basedOn: 'template:catalogue' });
      await createFramework(tx, { slug: 'dos-1', name: { en: 'DOS 1' }, definition: FRAMEWORK_TEMPLATES.opportunities, schedule });
      supplierId = await registerSupplier(
        tx,
        { legalName: 'Test Supplier Ltd', registrationScheme: 'GB-COH', registrationNumber: '01234567', organisationSize: 'small' },
        USER,
      );
    });
  });

  const framework = (slug = 'cloud-1') => withTenant(tenant, async (tx) => (await findFrameworkBySlug(tx, slug, ZONE))!);

  it('cannot start before applications open', async () => {
    const f = await framework();
    await expect(withTenant(tenant, (tx) => startApplication(tx, supplierId, f, ZONE, USER, new Date('2026-03-01T12:00:00Z')))).rejects.toBeInstanceOf(ApplicationClosedError);
  });

  it('saves a declaration section: good answers kept, bad ones refused with their code', async () => {
    const f = await framework();
    await withTenant(tenant, (tx) => startApplication(tx, supplierId, f, ZONE, USER, new Date('2026-03-10T12:00:00Z')));
    const section = f.definition.questionSets.declaration.find((s) => s.questions.some((q) => q.type !== 'multiquestion' && q.id === 'primaryContactEmail'))!;
    const result = await withTenant(tenant, (tx) =>
      saveDeclarationSection(tx, {
        supplierId,
        framework: f,
        timeZone: ZONE,
        section: section.slug,
        answers: { primaryContactName: 'Sam Smith', primaryContactEmail: 'not an email' },
        actor: USER,
        now: new Date('2026-03-10T12:00:00Z'),
      }),
    );
    expect(result.errors.map((e) => `${e.questionId}:${e.code}`)).toContain('primaryContactEmail:patternMismatch');
    const application = await withTenant(tenant, (tx) => findApplication(tx, supplierId, f.id));
    expect(application!.declaration).toMatchObject({ primaryContactName: 'Sam Smith' });
    expect(application!.declaration).not.toHaveProperty('primaryContactEmail');
    expect(declarationProgress(f, application!.declaration)[section.slug]).toBe('started');
  });

  it('cannot submit with an incomplete declaration or no complete service', async () => {
    const f = await framework();
    const attempt = withTenant(tenant, (tx) => submitApplication(tx, { supplierId, framework: f, timeZone: ZONE, actor: USER, now: BEFORE_CLOSE }));
    await expect(attempt).rejects.toMatchObject({ key: 'applications.declarationIncomplete' });
  });

  it('completes services and submits; the service rules come from the definition', async () => {
    const f = await framework();
    const declaration = completeDemoAnswers(catalogue, 'declaration', undefined, { primaryContactEmail: 'bids@test.example' }, 'en');
    for (const section of f.definition.questionSets.declaration) {
      await withTenant(tenant, (tx) => saveDeclarationSection(tx, { supplierId, framework: f, timeZone: ZONE, section: section.slug, answers: declaration, actor: USER, now: BEFORE_CLOSE }));
    }
    const serviceId = await withTenant(tenant, (tx) => createDraftService(tx, { supplierId, framework: f, timeZone: ZONE, lot: 'cloud-software', actor: USER, now: BEFORE_CLOSE }));
    await expect(withTenant(tenant, (tx) => submitApplication(tx, { supplierId, framework: f, timeZone: ZONE, actor: USER, now: BEFORE_CLOSE }))).rejects.toMatchObject({
      key: 'applications.noCompleteService',
    });
    const incomplete = await withTenant(tenant, (tx) =>
      saveDraftService(tx, { supplierId, framework: f, timeZone: ZONE, serviceId, answers: { serviceName: 'Half done' }, markComplete: true, actor: USER, now: BEFORE_CLOSE }),
    );
    expect(incomplete.errors.some((e) => e.code === 'required')).toBe(true);
    const answers = completeDemoAnswers(catalogue, 'services', 'cloud-software', { serviceName: 'Tested Software', supportEmail: 'help@test.example', apiDocumentationUrl: 'https://docs.test.example/api' }, 'en');
    const done = await withTenant(tenant, (tx) => saveDraftService(tx, { supplierId, framework: f, timeZone: ZONE, serviceId, answers, markComplete: true, actor: USER, now: BEFORE_CLOSE }));
    expect(done.errors).toEqual([]);
    await withTenant(tenant, (tx) => submitApplication(tx, { supplierId, framework: f, timeZone: ZONE, actor: USER, now: BEFORE_CLOSE }));
    const application = await withTenant(tenant, (tx) => findApplication(tx, supplierId, f.id));
    expect(application!.declarationStatus).toBe('complete');
  });

  it('enforces the deadline at the boundary second, and honours a per-supplier extension', async () => {
    const f = await framework();
    const [service] = await withTenant(tenant, (tx) => tx.select().from(services));
    const save = (now: Date) =>
      withTenant(tenant, (tx) =>
        saveDraftService(tx, { supplierId, framework: f, timeZone: ZONE, serviceId: service!.id, answers: { ...service!.answers, serviceName: `Renamed at ${now.toISOString()}` }, markComplete: false, actor: USER, now }),
      );
    await expect(save(BEFORE_CLOSE)).resolves.toBeDefined();
    await expect(save(CLOSE)).rejects.toBeInstanceOf(ApplicationClosedError);
    const stored = await withTenant(tenant, (tx) => findSupplierService(tx, supplierId, service!.id));
    expect(stored!.answers.serviceName).toBe(`Renamed at ${BEFORE_CLOSE.toISOString()}`);
    await withTenant(tenant, (tx) => tx.update(supplierFrameworks).set({ deadlineExtendedUntil: new Date('2026-04-01T16:00:00Z') }));
    await expect(save(CLOSE)).resolves.toBeDefined();
    await expect(save(new Date('2026-04-01T16:00:00Z'))).rejects.toBeInstanceOf(ApplicationClosedError);
  });

  it('a framework paused by hand refuses changes even before its deadline', async () => {
    const f = await framework('dos-1');
    await withTenant(tenant, (tx) => startApplication(tx, supplierId, f, ZONE, USER, BEFORE_CLOSE));
    await withTenant(tenant, (tx) => overrideFrameworkStatus(tx, 'dos-1', 'pending', 'Paused while a question is answered', USER));
    const paused = await framework('dos-1');
    await expect(withTenant(tenant, (tx) => createDraftService(tx, { supplierId, framework: paused, timeZone: ZONE, lot: 'digital-outcomes', actor: USER, now: BEFORE_CLOSE }))).rejects.toBeInstanceOf(
      ApplicationClosedError,
    );
    await withTenant(tenant, (tx) => overrideFrameworkStatus(tx, 'dos-1', null, '', USER));
  });

  it('a one-service lot accepts only one service per supplier', async () => {
    const f = await framework('dos-1');
    await withTenant(tenant, (tx) => createDraftService(tx, { supplierId, framework: f, timeZone: ZONE, lot: 'digital-specialists', actor: USER, now: BEFORE_CLOSE }));
    await expect(
      withTenant(tenant, (tx) => createDraftService(tx, { supplierId, framework: f, timeZone: ZONE, lot: 'digital-specialists', actor: USER, now: BEFORE_CLOSE })),
    ).rejects.toBeInstanceOf(ApplicationRuleError);
  });

  it("another tenant's supplier and services are invisible, even by id", async () => {
    const other = await createTestTenant('apply-other');
    const [mine] = await withTenant(tenant, (tx) => tx.select().from(services));
    expect(await withTenant(other, (tx) => findSupplierService(tx, supplierId, mine!.id))).toBeNull();
    expect(await withTenant(other, (tx) => findFrameworkBySlug(tx, 'cloud-1', ZONE))).toBeNull();
  });

  it('framework status follows the stored dates across the clock change', async () => {
    const at = (iso: string) => withTenant(tenant, async (tx) => (await listFrameworks(tx, ZONE, new Date(iso))).find((x) => x.slug === 'cloud-1')!.status);
    expect(await at('2026-03-30T15:59:59Z')).toBe('open');
    expect(await at('2026-03-30T16:00:00Z')).toBe('pending');
    expect(await at('2026-05-17T22:59:59Z')).toBe('standstill');
    expect(await at('2026-05-17T23:00:00Z')).toBe('live');
  });
});

describe('team members and prefill from an earlier declaration', () => {
  it('adds a colleague once, and copies answers from the previous declaration into a prefillable section', async () => {
    const { addTeamMember, listTeam, previousDeclarationAnswers } = await import('@/modules/applications/team');
    const tenant = await createTestTenant('team');
    const earlier = { applicationsOpen: '2024-01-08', clarificationsClose: '2024-01-19', applicationsClose: '2024-02-02', intentionToAward: '2024-02-26', live: '2024-03-11', expires: '2026-03-11', deadlineTime: '17:00' };
    await withTenant(tenant, async (tx) => {
      await createFramework(tx, { slug: 'cloud-old', name: { en: 'Old' }, definition: FRAMEWORK_TEMPLATES.catalogue, schedule: earlier });
      await createFramework(tx, { slug: 'cloud-new', name: { en: 'New' }, definition: FRAMEWORK_TEMPLATES.catalogue, schedule });
    });
    const supplierId = await withTenant(tenant, (tx) =>
      registerSupplier(tx, { legalName: 'Team Ltd', registrationScheme: 'GB-COH', registrationNumber: '01234567', organisationSize: 'small' }, USER),
    );
    const email = `colleague-${Date.now()}@example.org`;
    expect((await withTenant(tenant, (tx) => addTeamMember(tx, supplierId, email, USER))).added).toBe(true);
    expect((await withTenant(tenant, (tx) => addTeamMember(tx, supplierId, email.toUpperCase(), USER))).added).toBe(false);
    expect((await withTenant(tenant, (tx) => listTeam(tx, supplierId))).map((m) => m.email)).toContain(email);
    // Nobody is attached without consent: the invitation waits until the person accepts it.
    const { answerInvitation, pendingInvitations } = await import('@/modules/applications/team');
    const { findSupplierForUser } = await import('@/modules/applications/service');
    const invitee = (await withTenant(tenant, (tx) => listTeam(tx, supplierId))).find((m) => m.email === email)!;
    expect(await withTenant(tenant, (tx) => findSupplierForUser(tx, invitee.userId))).toBeNull();
    expect((await withTenant(tenant, (tx) => pendingInvitations(tx, invitee.userId))).map((i) => i.legalName)).toEqual(['Team Ltd']);
    expect(await withTenant(tenant, (tx) => answerInvitation(tx, invitee.userId, supplierId, true))).toBe(true);
    expect((await withTenant(tenant, (tx) => findSupplierForUser(tx, invitee.userId)))?.id).toBe(supplierId);

    const old = await withTenant(tenant, async (tx) => (await findFrameworkBySlug(tx, 'cloud-old', ZONE))!);
    const fresh = await withTenant(tenant, async (tx) => (await findFrameworkBySlug(tx, 'cloud-new', ZONE))!);
    const section = fresh.definition.questionSets.declaration.find((s) => s.prefill)!;
    expect(section).toBeDefined();
    const answers = completeDemoAnswers(catalogue, 'declaration', undefined, { primaryContactEmail: 'bids@team.example' }, 'en');
    await withTenant(tenant, async (tx) => {
      await startApplication(tx, supplierId, old, ZONE, USER, new Date('2024-01-10T12:00:00Z'));
      await saveDeclarationSection(tx, { supplierId, framework: old, timeZone: ZONE, section: section.slug, answers, actor: USER, now: new Date('2024-01-10T12:00:00Z') });
      await startApplication(tx, supplierId, fresh, ZONE, USER, BEFORE_CLOSE);
    });
    const previous = await withTenant(tenant, (tx) => previousDeclarationAnswers(tx, supplierId, fresh.id, section));
    expect(previous).not.toBeNull();
    expect(Object.keys(previous!).length).toBeGreaterThan(0);
    for (const [id, value] of Object.entries(previous!)) expect(value).toEqual(answers[id]);
  });
});
