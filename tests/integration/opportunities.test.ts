import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { buyerOrganisations, services } from '@/db/schema/tenant';
import { contracts } from '@/db/schema/tenant-contracts';
import { opportunities, opportunityResponses } from '@/db/schema/tenant-opportunities';
import { getDb } from '@/db/client';
import { users } from '@/db/schema/platform';
import { notificationJobs } from '@/db/schema/tenant-notifications';
import { withTenant } from '@/db/with-tenant';
import { notifyNewOpportunity, notifyOutcome, notifyQuestionAnswered, remindDeadlines, setOpportunityAlerts } from '@/modules/opportunities/notify';
import { registerSupplier } from '@/modules/applications/service';
import { completeDemoAnswers } from '@/modules/frameworks/demo-answers';
import { ZFrameworkDefinition } from '@/modules/frameworks/definition-schema';
import { createFramework, frameworkById, type Framework } from '@/modules/frameworks/queries';
import { FRAMEWORK_TEMPLATES } from '@/modules/frameworks/templates';
import { buildRecord, releasesOf } from '@/modules/ocds/packages';
import { PUBLISHED_EXTENSIONS, validateRecordPackage } from '@/modules/ocds/validate';
import { closingDates } from '@/modules/opportunities/closing';
import {
  answerQuestion,
  askQuestion,
  chooseWinner,
  completeAward,
  createOpportunity,
  endOpportunity,
  evaluateResponse,
  findOpportunity,
  listQuestions,
  listSubmittedResponses,
  OpportunityRuleError,
  publishOpportunity,
  saveOpportunitySection,
  saveResponse,
  sectionProgress,
} from '@/modules/opportunities/service';
import { weightedTotal } from '@/modules/opportunities/scoring';
import { deriveOpportunityStatus } from '@/modules/opportunities/status';
import { ZTenantConfig } from '@/tenants/config-schema';
import { createTestTenant, ensurePlatformSchema, testTenantConfig } from '../support/tenants';

const definition = ZFrameworkDefinition.parse(FRAMEWORK_TEMPLATES.opportunities);
const schedule = { applicationsOpen: '2025-01-06', clarificationsClose: '2025-01-17', applicationsClose: '2025-01-31', intentionToAward: '2025-02-24', live: '2025-03-10', expires: '2099-03-10', deadlineTime: '17:00' };
const rules = ZTenantConfig.parse(testTenantConfig('rules')).opportunityRules;
const TZ = 'Europe/London';
const BUYER = 'b0000000-0000-4000-8000-000000000001';
const SUPPLIER_USER = 'b0000000-0000-4000-8000-000000000002';
const LOT = 'digital-specialists';
const PREFIX = 'ocds-opp123';

const opportunityAnswers = completeDemoAnswers(definition, 'opportunity', LOT, { title: 'Senior developer for benefits service', organisation: 'Council' }, 'en');
const responseAnswers = completeDemoAnswers(definition, 'response', LOT, { respondToEmail: 'bids@alpha.example' }, 'en');

describe('opportunities (further competition)', () => {
  let tenant: { slug: string };
  let framework: Framework;
  let orgId: string;
  let alpha: string;
  let beta: string;
  let outsider: string;

  beforeAll(async () => {
    await ensurePlatformSchema();
    tenant = await createTestTenant('opps', { ocidPrefix: PREFIX, openData: { testPrefix: true } });
    await withTenant(tenant, async (tx) => {
      const frameworkId = await createFramework(tx, { slug: 'dos', name: { en: 'DOS' }, definition, schedule });
      framework = (await frameworkById(tx, frameworkId, TZ))!;
      const supplier = async (name: string, lot: string, rate: string) => {
        const id = await registerSupplier(tx, { legalName: name, registrationScheme: 'GB-COH', registrationNumber: '01234567', organisationSize: 'small' }, SUPPLIER_USER);
        const answers = completeDemoAnswers(definition, 'services', lot, { developerDayRate: { min: '400', max: rate, unit: 'person', interval: 'day' } }, 'en');
        await tx.insert(services).values({ supplierId: id, frameworkId, lot, answers, status: 'published' });
        return id;
      };
      alpha = await supplier('Alpha Ltd', LOT, '700');
      beta = await supplier('Beta Ltd', LOT, '900');
      outsider = await supplier('Outcomes Only Ltd', 'digital-outcomes', '900');
      [{ id: orgId }] = (await tx.insert(buyerOrganisations).values({ name: 'Council', organisationType: 'local' }).returning({ id: buyerOrganisations.id })) as [{ id: string }];
    });
  });

  const create = () =>
    withTenant(tenant, async (tx) => {
      const id = await createOpportunity(tx, { framework, lot: LOT, organisationId: orgId, title: 'Draft title', actor: BUYER });
      for (const section of definition.questionSets.opportunity) {
        const [row] = await tx.select({ version: opportunities.version }).from(opportunities).where(eq(opportunities.id, id));
        const { errors } = await saveOpportunitySection(tx, { id, framework, section: section.slug, answers: opportunityAnswers, expectedVersion: row!.version, actor: BUYER });
        expect(errors).toEqual([]);
      }
      return id;
    });
  const version = (id: string) => withTenant(tenant, async (tx) => (await tx.select({ v: opportunities.version }).from(opportunities).where(eq(opportunities.id, id)))[0]!.v);

  it('derives every status from timestamps, closing at the boundary second', () => {
    const base = { publishedAt: null, closesAt: null, withdrawnAt: null, cancelledAt: null, unsuccessfulAt: null, awardedAt: null };
    const closesAt = new Date('2027-01-15T23:59:00Z');
    const now = new Date('2027-01-10T00:00:00Z');
    expect(deriveOpportunityStatus(base, now)).toBe('draft');
    const live = { ...base, publishedAt: new Date('2027-01-01T00:00:00Z'), closesAt };
    expect(deriveOpportunityStatus(live, now)).toBe('live');
    expect(deriveOpportunityStatus(live, new Date(closesAt.getTime() - 1))).toBe('live');
    expect(deriveOpportunityStatus(live, closesAt)).toBe('closed');
    expect(deriveOpportunityStatus({ ...live, withdrawnAt: now }, now)).toBe('withdrawn');
    expect(deriveOpportunityStatus({ ...live, cancelledAt: closesAt }, closesAt)).toBe('cancelled');
    expect(deriveOpportunityStatus({ ...live, unsuccessfulAt: closesAt }, closesAt)).toBe('unsuccessful');
    expect(deriveOpportunityStatus({ ...live, awardedAt: closesAt }, closesAt)).toBe('awarded');
  });

  it("computes closing dates from the tenant's rules in its timezone (across a DST change)", () => {
    // Published on 20 March 2027 in London; 14 days later is 3 April, after the clocks go forward.
    const dates = closingDates(new Date('2027-03-20T10:00:00Z'), 14, rules, TZ)!;
    expect(dates.closesAt.toISOString()).toBe('2027-04-03T22:59:00.000Z');
    expect(dates.questionsCloseAt.toISOString()).toBe('2027-03-29T22:59:00.000Z');
    expect(closingDates(new Date(), 10, rules, TZ)).toBeNull();
  });

  it('keeps drafts section by section and refuses to publish an incomplete one or an unknown length', async () => {
    const id = await withTenant(tenant, (tx) => createOpportunity(tx, { framework, lot: LOT, organisationId: orgId, title: 'Half done', actor: BUYER }));
    const opportunity = (await withTenant(tenant, (tx) => findOpportunity(tx, id)))!;
    expect(sectionProgress(definition, opportunity).every((s) => s.complete)).toBe(false);
    const result = await withTenant(tenant, (tx) => publishOpportunity(tx, { id, framework, lengthDays: 7, rules, timeZone: TZ, expectedVersion: 1, actor: BUYER }));
    expect(result.errors.map((e) => e.questionId)).toContain('summary');
    expect((await withTenant(tenant, (tx) => findOpportunity(tx, id)))!.status).toBe('draft');
    const full = await create();
    const fullVersion = await version(full);
    await expect(withTenant(tenant, (tx) => publishOpportunity(tx, { id: full, framework, lengthDays: 10, rules, timeZone: TZ, expectedVersion: fullVersion, actor: BUYER }))).rejects.toMatchObject({
      key: 'opportunities.lengthNotAllowed',
    });
    // A stale form (someone else saved in between) is refused rather than overwriting.
    await expect(withTenant(tenant, (tx) => publishOpportunity(tx, { id: full, framework, lengthDays: 7, rules, timeZone: TZ, expectedVersion: 1, actor: BUYER }))).rejects.toMatchObject({
      key: 'opportunities.staleVersion',
    });
  });

  it('runs the whole competition: questions, eligibility, responses until the close, scoring and a two-step award', async () => {
    const id = await create();
    const publishedAt = new Date('2027-01-04T09:00:00Z');
    const draftVersion = await version(id);
    const published = await withTenant(tenant, (tx) => publishOpportunity(tx, { id, framework, lengthDays: 7, rules, timeZone: TZ, expectedVersion: draftVersion, actor: BUYER, now: publishedAt }));
    expect(published.errors).toEqual([]);
    const closesAt = published.closesAt!;
    expect(closesAt.toISOString()).toBe('2027-01-11T23:59:00.000Z');
    const during = new Date('2027-01-05T10:00:00Z');

    // Only suppliers with a live service on the lot may ask or respond.
    await expect(withTenant(tenant, (tx) => askQuestion(tx, { id, supplierId: outsider, question: 'Can we bid?', actor: SUPPLIER_USER, now: during }))).rejects.toMatchObject({ key: 'opportunities.notEligible' });
    const questionId = await withTenant(tenant, (tx) => askQuestion(tx, { id, supplierId: alpha, question: 'Is remote working possible?', actor: SUPPLIER_USER, now: during }));
    await expect(withTenant(tenant, (tx) => askQuestion(tx, { id, supplierId: alpha, question: 'Late question', actor: SUPPLIER_USER, now: new Date('2027-01-10T00:00:00Z') }))).rejects.toMatchObject({
      key: 'opportunities.questionsClosed',
    });
    // Unanswered questions are private to the asker.
    expect(await withTenant(tenant, (tx) => listQuestions(tx, id, { publishedOnly: true, supplierId: beta }))).toHaveLength(0);
    await withTenant(tenant, (tx) => answerQuestion(tx, { id, questionId, answer: 'Yes, two days a week on site.', actor: BUYER, now: during }));
    expect((await withTenant(tenant, (tx) => listQuestions(tx, id, { publishedOnly: true, supplierId: beta }))).map((q) => q.answer)).toEqual(['Yes, two days a week on site.']);

    await expect(
      withTenant(tenant, (tx) => saveResponse(tx, { id, framework, supplierId: outsider, answers: responseAnswers, price: '500', submit: true, actor: SUPPLIER_USER, now: during })),
    ).rejects.toMatchObject({ key: 'opportunities.notEligible' });
    // A day rate above the supplier's published maximum is refused and nothing is stored.
    const tooDear = await withTenant(tenant, (tx) => saveResponse(tx, { id, framework, supplierId: alpha, answers: responseAnswers, price: '750', submit: true, actor: SUPPLIER_USER, now: during }));
    expect(tooDear.priceError).toEqual({ key: 'opportunities.priceAboveMaximum', params: { maximum: '700' } });
    expect(await withTenant(tenant, (tx) => tx.select().from(opportunityResponses).where(eq(opportunityResponses.opportunityId, id)))).toHaveLength(0);
    // Evidence is per requirement: a submission leaving the essential one blank, or answering more than were asked, stores nothing.
    const blank = await withTenant(tenant, (tx) => saveResponse(tx, { id, framework, supplierId: alpha, answers: { ...responseAnswers, essentialEvidence: [''] }, price: '650', submit: true, actor: SUPPLIER_USER, now: during }));
    expect(blank.errors).toEqual([{ questionId: 'essentialEvidence', code: 'evidenceMissing', params: { number: 1 } }]);
    const extra = await withTenant(tenant, (tx) => saveResponse(tx, { id, framework, supplierId: alpha, answers: { ...responseAnswers, essentialEvidence: ['a', 'b', 'c'] }, price: '650', submit: false, actor: SUPPLIER_USER, now: during }));
    expect(extra.errors.map((e) => e.code)).toEqual(['evidenceCount']);
    expect(await withTenant(tenant, (tx) => tx.select().from(opportunityResponses).where(eq(opportunityResponses.opportunityId, id)))).toHaveLength(0);

    expect((await withTenant(tenant, (tx) => saveResponse(tx, { id, framework, supplierId: alpha, answers: responseAnswers, price: '650', submit: true, actor: SUPPLIER_USER, now: during }))).errors).toEqual([]);
    expect((await withTenant(tenant, (tx) => saveResponse(tx, { id, framework, supplierId: beta, answers: responseAnswers, price: '800', submit: true, actor: SUPPLIER_USER, now: during }))).errors).toEqual([]);
    // Editable until the last millisecond; at the closing second it is refused and nothing changes.
    const lastMoment = new Date(closesAt.getTime() - 1);
    await withTenant(tenant, (tx) => saveResponse(tx, { id, framework, supplierId: beta, answers: responseAnswers, price: '780', submit: true, actor: SUPPLIER_USER, now: lastMoment }));
    await expect(
      withTenant(tenant, (tx) => saveResponse(tx, { id, framework, supplierId: beta, answers: responseAnswers, price: '100', submit: true, actor: SUPPLIER_USER, now: closesAt })),
    ).rejects.toMatchObject({ key: 'opportunities.responsesClosed' });
    const [betaRow] = await withTenant(tenant, (tx) => tx.select().from(opportunityResponses).where(eq(opportunityResponses.supplierId, beta)));
    expect(betaRow!.price).toBe('780.00');

    // The buyer sees nothing before the close, then scores against the definition's weights.
    const afterClose = new Date(closesAt.getTime() + 60_000);
    expect(await withTenant(tenant, async (tx) => listSubmittedResponses(tx, (await findOpportunity(tx, id, during))!))).toHaveLength(0);
    const responses = await withTenant(tenant, async (tx) => listSubmittedResponses(tx, (await findOpportunity(tx, id, afterClose))!));
    expect(responses).toHaveLength(2);
    const alphaResponse = responses.find((r) => r.response.supplierId === alpha)!.response.id;
    const betaResponse = responses.find((r) => r.response.supplierId === beta)!.response.id;
    await expect(withTenant(tenant, (tx) => evaluateResponse(tx, { id, responseId: alphaResponse, technical: 80, cultural: 70, price: 90, shortlisted: true, notes: null, actor: BUYER, now: during }))).rejects.toMatchObject({
      key: 'opportunities.notClosed',
    });
    await withTenant(tenant, (tx) => evaluateResponse(tx, { id, responseId: alphaResponse, technical: 80, cultural: 70, price: 90, shortlisted: true, notes: 'Strong', actor: BUYER, now: afterClose }));
    await withTenant(tenant, (tx) => evaluateResponse(tx, { id, responseId: betaResponse, technical: 60, cultural: 50, price: 70, shortlisted: false, notes: null, actor: BUYER, now: afterClose }));
    expect(weightedTotal(definition.scoring!, { technical: 80, cultural: 70, price: 90 })).toBe(80); // 0.6*80 + 0.2*70 + 0.2*90
    expect(weightedTotal(definition.scoring!, { technical: 60, cultural: 50, price: 70 })).toBe(60);
    expect(weightedTotal(definition.scoring!, { technical: 60, cultural: null, price: 70 })).toBeNull();

    // Award in two steps: the winner must be shortlisted; details come second and create the contract.
    await expect(withTenant(tenant, (tx) => completeAward(tx, { id, value: '120000', startDate: '2027-02-01', endDate: '2027-07-31', currency: 'GBP', timeZone: TZ, actor: BUYER, now: afterClose }))).rejects.toMatchObject({
      key: 'opportunities.chooseWinnerFirst',
    });
    await expect(withTenant(tenant, (tx) => chooseWinner(tx, { id, responseId: betaResponse, actor: BUYER, now: afterClose }))).rejects.toMatchObject({ key: 'opportunities.winnerNotShortlisted' });
    await withTenant(tenant, (tx) => chooseWinner(tx, { id, responseId: alphaResponse, actor: BUYER, now: afterClose }));
    const award = await withTenant(tenant, (tx) => completeAward(tx, { id, value: '120000', startDate: '2027-02-01', endDate: '2027-07-31', currency: 'GBP', timeZone: TZ, actor: BUYER, now: afterClose }));
    expect(award.unsuccessfulSupplierIds).toEqual([beta]);
    expect((await withTenant(tenant, (tx) => findOpportunity(tx, id, afterClose)))!.status).toBe('awarded');
    const [contract] = await withTenant(tenant, (tx) => tx.select().from(contracts).where(eq(contracts.opportunityId, id)));
    expect(contract).toMatchObject({ route: 'further_competition', supplierId: alpha, value: '120000.00', awardedOn: '2027-01-12' });
    // Published as open data: the further competition is its own process, linked to the framework, with a valid record.
    const releases = await withTenant(tenant, (tx) => releasesOf(tx, `${PREFIX}-${id}`));
    expect(releases.map((r) => r.tag)).toEqual([['tender'], ['award']]);
    const record = buildRecord(releases) as Record<string, any>;
    expect(record.compiledRelease.tender).toMatchObject({ id, status: 'active', procurementMethod: 'selective', tenderPeriod: { endDate: '2027-01-11T23:59:00Z' } });
    expect(record.compiledRelease.relatedProcesses[0]).toMatchObject({ relationship: ['framework'] });
    expect(record.compiledRelease.awards[0]).toMatchObject({ id: alphaResponse, value: { amount: 120000, currency: 'GBP' } });
    const recordPackage = { uri: 'http://t.localhost/api/ocds/releases', version: '1.1', publishedDate: '2027-01-12T00:00:00Z', publisher: { name: 'Test' }, extensions: [...PUBLISHED_EXTENSIONS], records: [record] };
    expect(validateRecordPackage(recordPackage, { expectedPrefix: PREFIX }).issues).toEqual([]);

    // Once awarded, nothing else can happen to it.
    await expect(withTenant(tenant, (tx) => endOpportunity(tx, { id, outcome: 'cancelled', reason: 'x', actor: BUYER, now: afterClose }))).rejects.toBeInstanceOf(OpportunityRuleError);
  });

  it('withdraws a live opportunity and cancels or closes unsuccessful after the close', async () => {
    const now = new Date('2027-05-03T09:00:00Z');
    const publish = async () => {
      const id = await create();
      const draftVersion = await version(id);
      await withTenant(tenant, (tx) => publishOpportunity(tx, { id, framework, lengthDays: 7, rules, timeZone: TZ, expectedVersion: draftVersion, actor: BUYER, now }));
      return id;
    };
    const a = await publish();
    await expect(withTenant(tenant, (tx) => endOpportunity(tx, { id: a, outcome: 'cancelled', reason: 'Budget withdrawn', actor: BUYER, now }))).rejects.toMatchObject({ key: 'opportunities.notClosed' });
    await withTenant(tenant, (tx) => endOpportunity(tx, { id: a, outcome: 'withdrawn', reason: 'Requirement changed', actor: BUYER, now }));
    expect((await withTenant(tenant, (tx) => findOpportunity(tx, a, now)))!.status).toBe('withdrawn');
    const withdrawn = await withTenant(tenant, (tx) => releasesOf(tx, `${PREFIX}-${a}`));
    expect(withdrawn.map((r) => r.tag)).toEqual([['tender'], ['tenderCancellation']]);
    expect((buildRecord(withdrawn) as Record<string, any>).compiledRelease.tender.status).toBe('withdrawn');
    const b = await publish();
    const later = new Date('2027-06-01T00:00:00Z');
    await withTenant(tenant, (tx) => endOpportunity(tx, { id: b, outcome: 'unsuccessful', reason: 'No suitable responses', actor: BUYER, now: later }));
    expect((await withTenant(tenant, (tx) => findOpportunity(tx, b, later)))!.status).toBe('unsuccessful');
  });
});

describe('opportunity emails go through the job queue, once each', () => {
  let tenant: { slug: string };
  let framework: Framework;
  let orgId: string;
  const people: Record<string, string> = {};
  const suppliersByName: Record<string, string> = {};
  const ctx = { baseUrl: 'http://mail.localhost', locale: 'en', fmt: { format: 'en-GB', timezone: TZ, currency: 'GBP' } };
  const jobs = () => withTenant(tenant, (tx) => tx.select().from(notificationJobs));

  beforeAll(async () => {
    await ensurePlatformSchema();
    tenant = await createTestTenant('oppmail');
    const stamp = Date.now();
    for (const name of ['alpha', 'beta', 'outsider']) {
      const [row] = await getDb().insert(users).values({ email: `${name}-${stamp}@suppliers.example`, name }).returning({ id: users.id });
      people[name] = row!.id;
    }
    await withTenant(tenant, async (tx) => {
      const frameworkId = await createFramework(tx, { slug: 'dos', name: { en: 'DOS' }, definition, schedule });
      framework = (await frameworkById(tx, frameworkId, TZ))!;
      for (const [name, lot] of [['alpha', LOT], ['beta', LOT], ['outsider', 'digital-outcomes']] as const) {
        const id = await registerSupplier(tx, { legalName: `${name} Ltd`, registrationScheme: 'GB-COH', registrationNumber: '01234567', organisationSize: 'small' }, people[name]!);
        await tx.insert(services).values({ supplierId: id, frameworkId, lot, answers: completeDemoAnswers(definition, 'services', lot, {}, 'en'), status: 'published' });
        suppliersByName[name] = id;
      }
      [{ id: orgId }] = (await tx.insert(buyerOrganisations).values({ name: 'Council', organisationType: 'local' }).returning({ id: buyerOrganisations.id })) as [{ id: string }];
    });
  });

  const publishNew = (now: Date) =>
    withTenant(tenant, async (tx) => {
      const id = await createOpportunity(tx, { framework, lot: LOT, organisationId: orgId, title: `Developer ${now.toISOString()}`, actor: BUYER });
      for (const section of definition.questionSets.opportunity) {
        const [row] = await tx.select({ version: opportunities.version }).from(opportunities).where(eq(opportunities.id, id));
        await saveOpportunitySection(tx, { id, framework, section: section.slug, answers: opportunityAnswers, expectedVersion: row!.version, actor: BUYER });
      }
      const [row] = await tx.select({ version: opportunities.version }).from(opportunities).where(eq(opportunities.id, id));
      await publishOpportunity(tx, { id, framework, lengthDays: 7, rules, timeZone: TZ, expectedVersion: row!.version, actor: BUYER, now });
      await notifyNewOpportunity(tx, id, ctx);
      await notifyNewOpportunity(tx, id, ctx); // a retried request queues nothing more
      return id;
    });

  it('alerts suppliers on the lot (not others, not those who opted out), answers the asker, writes outcome letters and one reminder', async () => {
    const now = new Date(Date.now() - 60_000);
    const id = await publishNew(now);
    const alerts = (await jobs()).filter((j) => j.kind === 'opportunity_published');
    expect(alerts.map((j) => j.recipient.split('-')[0]).sort()).toEqual(['alpha', 'beta']);
    expect(alerts[0]!.params).toMatchObject({ url: `http://mail.localhost/en/opportunities/${id}` });

    await withTenant(tenant, (tx) => setOpportunityAlerts(tx, people.beta!, false));
    await publishNew(new Date(now.getTime() + 1000));
    const second = (await jobs()).filter((j) => j.kind === 'opportunity_published');
    expect(second.map((j) => j.recipient.split('-')[0]).sort()).toEqual(['alpha', 'alpha', 'beta']);

    const during = new Date(now.getTime() + 1000);
    const questionId = await withTenant(tenant, (tx) => askQuestion(tx, { id, supplierId: suppliersByName.alpha!, question: 'Can we work remotely?', actor: people.alpha!, now: during }));
    await withTenant(tenant, async (tx) => {
      await answerQuestion(tx, { id, questionId, answer: 'Yes.', actor: BUYER, now: during });
      await notifyQuestionAnswered(tx, questionId, ctx);
    });
    expect((await jobs()).filter((j) => j.kind === 'opportunity_question_answered').map((j) => j.recipient)).toEqual([expect.stringMatching(/^alpha-/)]);

    // Beta keeps a draft: one reminder when the close is near, never two.
    await withTenant(tenant, (tx) => saveResponse(tx, { id, framework, supplierId: suppliersByName.beta!, answers: responseAnswers, price: null, submit: false, actor: people.beta!, now: during }));
    await withTenant(tenant, (tx) => saveResponse(tx, { id, framework, supplierId: suppliersByName.alpha!, answers: responseAnswers, price: '500', submit: true, actor: people.alpha!, now: during }));
    const closesAt = (await withTenant(tenant, (tx) => findOpportunity(tx, id)))!.closesAt!;
    const nearClose = new Date(closesAt.getTime() - 3_600_000);
    expect(await withTenant(tenant, (tx) => remindDeadlines(tx, new Date(closesAt.getTime() - 5 * 86_400_000), ctx))).toBe(0);
    expect(await withTenant(tenant, (tx) => remindDeadlines(tx, nearClose, ctx))).toBe(1);
    expect(await withTenant(tenant, (tx) => remindDeadlines(tx, nearClose, ctx))).toBe(0);
    // The reminder gives the closing time in the tenant's zone and language, not UTC.
    const reminder = (await jobs()).find((j) => j.kind === 'opportunity_deadline_reminder')!;
    const localClose = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: TZ }).format(closesAt);
    expect(reminder.params.closes).toBe(`${localClose} (Europe/London)`);

    const after = new Date(closesAt.getTime() + 1000);
    const [response] = await withTenant(tenant, (tx) => tx.select().from(opportunityResponses).where(eq(opportunityResponses.supplierId, suppliersByName.alpha!)));
    await withTenant(tenant, async (tx) => {
      await evaluateResponse(tx, { id, responseId: response!.id, technical: 80, cultural: 80, price: 80, shortlisted: true, notes: null, actor: BUYER, now: after });
      await chooseWinner(tx, { id, responseId: response!.id, actor: BUYER, now: after });
      const award = await completeAward(tx, { id, value: '50000', startDate: '2027-01-01', endDate: '2027-06-30', currency: 'GBP', timeZone: TZ, actor: BUYER, now: after });
      await notifyOutcome(tx, id, award.winnerSupplierId, ctx);
    });
    const letters = (await jobs()).filter((j) => j.kind === 'opportunity_successful' || j.kind === 'opportunity_unsuccessful');
    // Only suppliers who submitted get a letter: alpha (successful); beta only had a draft.
    expect(letters.map((j) => [j.kind, j.recipient.split('-')[0]])).toEqual([['opportunity_successful', 'alpha']]);
  });
});
