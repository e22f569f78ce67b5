import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { services, suppliers } from '@/db/schema/tenant';
import { opportunities, opportunityQuestions, opportunityResponses, responseEvaluations } from '@/db/schema/tenant-opportunities';
import type { TenantTx } from '@/db/with-tenant';
import { recordAuditEvent } from '@/modules/audit/record';
import { createCallOffContract } from '@/modules/contracts/create';
import { emitOpportunityAward, emitOpportunityTender } from '@/modules/ocds/call-off-events';
import { applicableQuestions, validateAnswers, type AnswerError } from '@/modules/frameworks/answer-validation';
import { questionsOf, type TFrameworkDefinition } from '@/modules/frameworks/definition-schema';
import type { Framework } from '@/modules/frameworks/queries';
import { localDate } from '@/modules/frameworks/zoned-time';
import { closingDates, type OpportunityRules } from './closing';
import { deriveOpportunityStatus, questionsOpen, type OpportunityStatus } from './status';
import { checkEvidence, evidencePairs } from './evidence';

/*
 * Further competition, from draft to award. Every rule is enforced here, inside the caller's transaction:
 * pages and actions only decide what to show. Rows are locked (FOR UPDATE) before a state change so two
 * requests racing across a deadline or a double submit serialise on the database.
 */

export type OpportunityRow = typeof opportunities.$inferSelect;
export type Opportunity = OpportunityRow & { status: OpportunityStatus };
export type ResponseRow = typeof opportunityResponses.$inferSelect;

/** A refused step, named by a translation key under "opportunities.". */
export class OpportunityRuleError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string> = {},
  ) {
    super(key);
  }
}

export function withStatus(row: OpportunityRow, now = new Date()): Opportunity {
  return { ...row, status: deriveOpportunityStatus(row, now) };
}

export async function findOpportunity(tx: TenantTx, id: string, now = new Date()): Promise<Opportunity | null> {
  const [row] = await tx.select().from(opportunities).where(eq(opportunities.id, id)).limit(1);
  return row ? withStatus(row, now) : null;
}

/** Locks the row for the rest of the transaction and re-derives the status at `now`. */
async function lockOpportunity(tx: TenantTx, id: string, now: Date, expectedVersion?: number): Promise<Opportunity> {
  const [row] = await tx.select().from(opportunities).where(eq(opportunities.id, id)).for('update');
  if (!row) throw new OpportunityRuleError('opportunities.notFound');
  if (expectedVersion !== undefined && row.version !== expectedVersion) throw new OpportunityRuleError('opportunities.staleVersion');
  return withStatus(row, now);
}

function requireStatus(o: Opportunity, allowed: OpportunityStatus[], key: string): void {
  if (!allowed.includes(o.status)) throw new OpportunityRuleError(key, { status: o.status });
}

async function touch(tx: TenantTx, id: string, values: Partial<typeof opportunities.$inferInsert>): Promise<void> {
  await tx
    .update(opportunities)
    .set({ ...values, version: sql`${opportunities.version} + 1`, updatedAt: new Date() })
    .where(eq(opportunities.id, id));
}

/** Lots of a live framework on which buyers may run a further competition. */
export function competitionLots(framework: Framework) {
  return framework.status === 'live' ? framework.definition.lots.filter((l) => l.awardRoutes.includes('further_competition')) : [];
}

export async function createOpportunity(
  tx: TenantTx,
  input: { framework: Framework; lot: string; organisationId: string; title: string; actor: string },
): Promise<string> {
  if (!competitionLots(input.framework).some((l) => l.slug === input.lot)) throw new OpportunityRuleError('opportunities.lotNotOpen');
  const [row] = await tx
    .insert(opportunities)
    .values({
      frameworkId: input.framework.id,
      lot: input.lot,
      organisationId: input.organisationId,
      createdBy: input.actor,
      title: input.title,
      answers: { title: input.title },
    })
    .returning({ id: opportunities.id });
  await recordAuditEvent(tx, { type: 'opportunity.created', actorUserId: input.actor, objectType: 'opportunity', objectId: row!.id, data: { lot: input.lot } });
  return row!.id;
}

/** Sections of the definition's opportunity question set that apply to this lot. */
export function opportunitySections(def: TFrameworkDefinition, lot: string) {
  return def.questionSets.opportunity
    .map((section) => ({ section, questions: questionsOf([section]).filter((q) => !q.lots || q.lots.includes(lot)).map((q) => q.question) }))
    .filter((s) => s.questions.length > 0);
}

/** Task-list progress: a section is complete when its questions pass complete-mode validation. */
export function sectionProgress(def: TFrameworkDefinition, o: Pick<OpportunityRow, 'lot' | 'answers'>): { slug: string; complete: boolean }[] {
  const { errors } = validateAnswers(def, 'opportunity', { lot: o.lot, answers: o.answers, mode: 'complete' });
  const failing = new Set(errors.map((e) => e.questionId));
  return opportunitySections(def, o.lot).map(({ section, questions }) => ({
    slug: section.slug,
    complete: questions.every((q) => !failing.has(q.id)),
  }));
}

/** Save and return: one section's answers, validated as a draft; other sections keep their answers. */
export async function saveOpportunitySection(
  tx: TenantTx,
  input: { id: string; framework: Framework; section: string; answers: Record<string, unknown>; expectedVersion: number; actor: string; now?: Date },
): Promise<{ errors: AnswerError[] }> {
  const now = input.now ?? new Date();
  const o = await lockOpportunity(tx, input.id, now, input.expectedVersion);
  requireStatus(o, ['draft'], 'opportunities.notDraft');
  const section = opportunitySections(input.framework.definition, o.lot).find((s) => s.section.slug === input.section);
  if (!section) throw new OpportunityRuleError('opportunities.notFound');
  const ids = new Set(section.questions.map((q) => q.id));
  const kept = Object.fromEntries(Object.entries(o.answers).filter(([key]) => !ids.has(key)));
  const merged = { ...kept, ...input.answers };
  const { errors, answers } = validateAnswers(input.framework.definition, 'opportunity', { lot: o.lot, answers: merged, mode: 'draft' });
  const sectionErrors = errors.filter((e) => ids.has(e.questionId));
  if (sectionErrors.length > 0) return { errors: sectionErrors };
  const title = typeof answers.title === 'string' && answers.title ? answers.title : o.title;
  await touch(tx, o.id, { answers, title });
  await recordAuditEvent(tx, { type: 'opportunity.section_saved', actorUserId: input.actor, objectType: 'opportunity', objectId: o.id, data: { section: input.section } });
  return { errors: [] };
}

export async function publishOpportunity(
  tx: TenantTx,
  input: { id: string; framework: Framework; lengthDays: number; rules: OpportunityRules; timeZone: string; expectedVersion: number; actor: string; now?: Date },
): Promise<{ errors: AnswerError[]; closesAt?: Date }> {
  const now = input.now ?? new Date();
  const o = await lockOpportunity(tx, input.id, now, input.expectedVersion);
  requireStatus(o, ['draft'], 'opportunities.notDraft');
  if (input.framework.id !== o.frameworkId || !competitionLots(input.framework).some((l) => l.slug === o.lot)) {
    throw new OpportunityRuleError('opportunities.lotNotOpen');
  }
  const { errors, answers } = validateAnswers(input.framework.definition, 'opportunity', { lot: o.lot, answers: o.answers, mode: 'complete' });
  if (errors.length > 0) return { errors };
  const dates = closingDates(now, input.lengthDays, input.rules, input.timeZone);
  if (!dates) throw new OpportunityRuleError('opportunities.lengthNotAllowed');
  await touch(tx, o.id, { answers, publishedAt: now, lengthDays: input.lengthDays, closesAt: dates.closesAt, questionsCloseAt: dates.questionsCloseAt });
  await recordAuditEvent(tx, {
    type: 'opportunity.published',
    actorUserId: input.actor,
    objectType: 'opportunity',
    objectId: o.id,
    data: { closesAt: dates.closesAt.toISOString(), questionsCloseAt: dates.questionsCloseAt.toISOString() },
  });
  await emitOpportunityTender(tx, o.id, now);
  return { errors: [], closesAt: dates.closesAt };
}

/** A new draft with the same lot and answers, e.g. to run the same requirement again. */
export async function copyOpportunity(tx: TenantTx, input: { id: string; organisationId: string; actor: string }): Promise<string> {
  const [source] = await tx
    .select()
    .from(opportunities)
    .where(and(eq(opportunities.id, input.id), eq(opportunities.organisationId, input.organisationId)))
    .limit(1);
  if (!source) throw new OpportunityRuleError('opportunities.notFound');
  const [row] = await tx
    .insert(opportunities)
    .values({
      frameworkId: source.frameworkId,
      lot: source.lot,
      organisationId: source.organisationId,
      createdBy: input.actor,
      title: source.title,
      answers: source.answers,
      lengthDays: source.lengthDays,
      copiedFrom: source.id,
    })
    .returning({ id: opportunities.id });
  await recordAuditEvent(tx, { type: 'opportunity.copied', actorUserId: input.actor, objectType: 'opportunity', objectId: row!.id, data: { from: source.id } });
  return row!.id;
}

/** Withdraw a live opportunity, cancel it (no award will be made), or close it as unsuccessful. */
export async function endOpportunity(
  tx: TenantTx,
  input: { id: string; outcome: 'withdrawn' | 'cancelled' | 'unsuccessful'; reason: string; actor: string; now?: Date },
): Promise<void> {
  const now = input.now ?? new Date();
  const o = await lockOpportunity(tx, input.id, now);
  if (input.outcome === 'withdrawn') requireStatus(o, ['live'], 'opportunities.notLive');
  else if (input.outcome === 'cancelled') requireStatus(o, ['closed'], 'opportunities.notClosed');
  else requireStatus(o, ['closed'], 'opportunities.notClosed');
  const column = { withdrawn: 'withdrawnAt', cancelled: 'cancelledAt', unsuccessful: 'unsuccessfulAt' }[input.outcome] as 'withdrawnAt';
  await touch(tx, o.id, { [column]: now, outcomeReason: input.reason, pendingAwardResponseId: null });
  await recordAuditEvent(tx, { type: `opportunity.${input.outcome}`, actorUserId: input.actor, objectType: 'opportunity', objectId: o.id, data: { reason: input.reason } });
  await emitOpportunityTender(tx, o.id, now);
}

// --- Eligibility, questions and responses (suppliers) ---

/** A supplier may respond with a live (published) service on the opportunity's framework and lot. */
export async function eligibleService(tx: TenantTx, o: Pick<OpportunityRow, 'frameworkId' | 'lot'>, supplierId: string) {
  const [row] = await tx
    .select({ id: services.id, answers: services.answers })
    .from(services)
    .where(and(eq(services.supplierId, supplierId), eq(services.frameworkId, o.frameworkId), eq(services.lot, o.lot), eq(services.status, 'published')))
    .limit(1);
  return row ?? null;
}

export async function askQuestion(tx: TenantTx, input: { id: string; supplierId: string; question: string; actor: string; now?: Date }): Promise<string> {
  const now = input.now ?? new Date();
  const o = await lockOpportunity(tx, input.id, now);
  if (!(await eligibleService(tx, o, input.supplierId))) throw new OpportunityRuleError('opportunities.notEligible');
  if (!questionsOpen(o, now)) throw new OpportunityRuleError('opportunities.questionsClosed');
  const [row] = await tx
    .insert(opportunityQuestions)
    .values({ opportunityId: o.id, supplierId: input.supplierId, askedBy: input.actor, question: input.question })
    .returning({ id: opportunityQuestions.id });
  await recordAuditEvent(tx, { type: 'opportunity.question_asked', actorUserId: input.actor, objectType: 'opportunity', objectId: o.id, data: { question: row!.id } });
  return row!.id;
}

/** The buyer's answer is published to everyone (the asker stays anonymous). Allowed until the close. */
export async function answerQuestion(tx: TenantTx, input: { id: string; questionId: string; answer: string; actor: string; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  const o = await lockOpportunity(tx, input.id, now);
  requireStatus(o, ['live'], 'opportunities.notLive');
  const updated = await tx
    .update(opportunityQuestions)
    .set({ answer: input.answer, answeredBy: input.actor, publishedAt: now })
    .where(and(eq(opportunityQuestions.id, input.questionId), eq(opportunityQuestions.opportunityId, o.id)))
    .returning({ id: opportunityQuestions.id });
  if (updated.length === 0) throw new OpportunityRuleError('opportunities.notFound');
  await recordAuditEvent(tx, { type: 'opportunity.question_answered', actorUserId: input.actor, objectType: 'opportunity', objectId: o.id, data: { question: input.questionId } });
}

export async function listQuestions(tx: TenantTx, opportunityId: string, scope: { publishedOnly: boolean; supplierId?: string }) {
  const rows = await tx.select().from(opportunityQuestions).where(eq(opportunityQuestions.opportunityId, opportunityId)).orderBy(opportunityQuestions.createdAt);
  return rows.filter((q) => (scope.publishedOnly ? q.publishedAt !== null || q.supplierId === scope.supplierId : true));
}

/** The response question that carries the price (a rate), if the definition has one for this lot. */
export function responsePricingQuestion(def: TFrameworkDefinition, lot: string) {
  return applicableQuestions(def, 'response', lot).find((q) => q.type === 'pricing') ?? null;
}

/** The highest rate a supplier publishes on its eligible service: a response may not price above it. */
export function maximumRate(serviceAnswers: Record<string, unknown>): number | null {
  const rates = Object.values(serviceAnswers)
    .filter((v): v is { min: string; max?: string } => typeof v === 'object' && v !== null && 'min' in v)
    .map((p) => Number(p.max ?? p.min))
    .filter((n) => Number.isFinite(n) && n > 0);
  return rates.length ? Math.max(...rates) : null;
}

export async function findResponse(tx: TenantTx, opportunityId: string, supplierId: string): Promise<ResponseRow | null> {
  const [row] = await tx
    .select()
    .from(opportunityResponses)
    .where(and(eq(opportunityResponses.opportunityId, opportunityId), eq(opportunityResponses.supplierId, supplierId)))
    .limit(1);
  return row ?? null;
}

/**
 * Draft or submit a response. Editable (even after submitting) until the closing instant; from that second on
 * nothing changes, whatever the form says.
 */
export async function saveResponse(
  tx: TenantTx,
  input: {
    id: string;
    framework: Framework;
    supplierId: string;
    answers: Record<string, unknown>;
    price: string | null;
    submit: boolean;
    actor: string;
    now?: Date;
  },
): Promise<{ errors: AnswerError[]; priceError?: { key: string; params?: Record<string, string> } }> {
  const now = input.now ?? new Date();
  const o = await lockOpportunity(tx, input.id, now);
  const service = await eligibleService(tx, o, input.supplierId);
  if (!service) throw new OpportunityRuleError('opportunities.notEligible');
  requireStatus(o, ['live'], 'opportunities.responsesClosed');
  const existing = await findResponse(tx, o.id, input.supplierId);
  const mode = input.submit ? 'complete' : 'draft';
  const validated = validateAnswers(input.framework.definition, 'response', { lot: o.lot, answers: input.answers, mode });
  const { answers } = validated;
  // The generic 'required' of a paired list is replaced by the requirement-by-requirement check.
  const paired = new Set(evidencePairs(input.framework.definition, o.lot).map((p) => p.evidenceId));
  const errors = [
    ...validated.errors.filter((e) => !(paired.has(e.questionId) && e.code === 'required')),
    ...checkEvidence(input.framework.definition, o.lot, o.answers, answers, mode).filter((e) => !validated.errors.some((v) => v.questionId === e.questionId && v.code !== 'required')),
  ];
  let priceError: { key: string; params?: Record<string, string> } | undefined;
  const cap = maximumRate(service.answers);
  if (input.price === null) {
    if (input.submit) priceError = { key: 'opportunities.priceRequired' };
  } else if (cap !== null && Number(input.price) > cap) {
    priceError = { key: 'opportunities.priceAboveMaximum', params: { maximum: String(cap) } };
  }
  if (errors.length > 0 || priceError) return { errors, priceError };
  const values = { answers, price: input.price, serviceId: service.id, updatedAt: now, ...(input.submit ? { submittedAt: now } : {}) };
  if (existing) {
    await tx
      .update(opportunityResponses)
      .set({ ...values, version: sql`${opportunityResponses.version} + 1` })
      .where(eq(opportunityResponses.id, existing.id));
  } else {
    await tx.insert(opportunityResponses).values({ ...values, opportunityId: o.id, supplierId: input.supplierId, createdBy: input.actor });
  }
  await recordAuditEvent(tx, {
    type: input.submit ? 'opportunity.response_submitted' : 'opportunity.response_saved',
    actorUserId: input.actor,
    objectType: 'opportunity',
    objectId: o.id,
    data: { supplierId: input.supplierId },
  });
  return { errors: [] };
}

// --- Evaluation and award (buyer) ---

/** Submitted responses, visible to the buyer only once the opportunity has closed. */
export async function listSubmittedResponses(tx: TenantTx, o: Opportunity) {
  if (o.status === 'draft' || o.status === 'live' || o.status === 'withdrawn') return [];
  return tx
    .select({ response: opportunityResponses, evaluation: responseEvaluations, supplierName: suppliers.legalName, supplierSize: suppliers.organisationSize })
    .from(opportunityResponses)
    .innerJoin(suppliers, eq(suppliers.id, opportunityResponses.supplierId))
    .leftJoin(responseEvaluations, eq(responseEvaluations.responseId, opportunityResponses.id))
    .where(and(eq(opportunityResponses.opportunityId, o.id), isNotNull(opportunityResponses.submittedAt)))
    .orderBy(desc(opportunityResponses.submittedAt));
}

async function submittedResponse(tx: TenantTx, o: Opportunity, responseId: string): Promise<ResponseRow> {
  const [row] = await tx
    .select()
    .from(opportunityResponses)
    .where(and(eq(opportunityResponses.id, responseId), eq(opportunityResponses.opportunityId, o.id), isNotNull(opportunityResponses.submittedAt)))
    .limit(1);
  if (!row) throw new OpportunityRuleError('opportunities.notFound');
  return row;
}

export async function evaluateResponse(
  tx: TenantTx,
  input: { id: string; responseId: string; technical: number | null; cultural: number | null; price: number | null; shortlisted: boolean; notes: string | null; actor: string; now?: Date },
): Promise<void> {
  const now = input.now ?? new Date();
  const o = await lockOpportunity(tx, input.id, now);
  requireStatus(o, ['closed'], 'opportunities.notClosed');
  await submittedResponse(tx, o, input.responseId);
  const values = { technical: input.technical, cultural: input.cultural, price: input.price, shortlisted: input.shortlisted, notes: input.notes, evaluatedBy: input.actor, updatedAt: now };
  await tx.insert(responseEvaluations).values({ responseId: input.responseId, ...values }).onConflictDoUpdate({ target: responseEvaluations.responseId, set: values });
  await recordAuditEvent(tx, {
    type: 'opportunity.response_evaluated',
    actorUserId: input.actor,
    objectType: 'opportunity',
    objectId: o.id,
    data: { response: input.responseId, technical: input.technical, cultural: input.cultural, price: input.price, shortlisted: input.shortlisted },
  });
}

/** Award, step one: the buyer chooses the winning (shortlisted) response. */
export async function chooseWinner(tx: TenantTx, input: { id: string; responseId: string; actor: string; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  const o = await lockOpportunity(tx, input.id, now);
  requireStatus(o, ['closed'], 'opportunities.notClosed');
  await submittedResponse(tx, o, input.responseId);
  const [evaluation] = await tx.select().from(responseEvaluations).where(eq(responseEvaluations.responseId, input.responseId)).limit(1);
  if (!evaluation?.shortlisted) throw new OpportunityRuleError('opportunities.winnerNotShortlisted');
  await touch(tx, o.id, { pendingAwardResponseId: input.responseId });
  await recordAuditEvent(tx, { type: 'opportunity.winner_chosen', actorUserId: input.actor, objectType: 'opportunity', objectId: o.id, data: { response: input.responseId } });
}

/** Award, step two: the contract details; the award and its call-off contract are made together. */
export async function completeAward(
  tx: TenantTx,
  input: { id: string; value: string; startDate: string; endDate: string; currency: string; timeZone: string; actor: string; now?: Date },
): Promise<{ contractId: string; winnerSupplierId: string; unsuccessfulSupplierIds: string[] }> {
  const now = input.now ?? new Date();
  const o = await lockOpportunity(tx, input.id, now);
  requireStatus(o, ['closed'], 'opportunities.notClosed');
  if (!o.pendingAwardResponseId) throw new OpportunityRuleError('opportunities.chooseWinnerFirst');
  const winner = await submittedResponse(tx, o, o.pendingAwardResponseId);
  await touch(tx, o.id, { awardedAt: now });
  const contract = await createCallOffContract(tx, {
    route: 'further_competition',
    opportunityId: o.id,
    frameworkId: o.frameworkId,
    lot: o.lot,
    organisationId: o.organisationId,
    supplierId: winner.supplierId,
    serviceId: winner.serviceId,
    title: o.title,
    value: input.value,
    currency: input.currency,
    startDate: input.startDate,
    endDate: input.endDate,
    awardedOn: localDate(now, input.timeZone),
    createdBy: input.actor,
  });
  await recordAuditEvent(tx, {
    type: 'opportunity.awarded',
    actorUserId: input.actor,
    objectType: 'opportunity',
    objectId: o.id,
    data: { response: winner.id, supplierId: winner.supplierId, contract: contract.id, value: input.value },
  });
  await emitOpportunityAward(tx, o.id);
  const others = await tx
    .select({ supplierId: opportunityResponses.supplierId })
    .from(opportunityResponses)
    .where(and(eq(opportunityResponses.opportunityId, o.id), isNotNull(opportunityResponses.submittedAt)));
  return { contractId: contract.id, winnerSupplierId: winner.supplierId, unsuccessfulSupplierIds: others.map((r) => r.supplierId).filter((id) => id !== winner.supplierId) };
}
