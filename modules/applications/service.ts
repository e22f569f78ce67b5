import { and, eq, isNotNull } from 'drizzle-orm';
import { services, supplierFrameworks, supplierMembers, suppliers } from '@/db/schema/tenant';
import type { TenantTx } from '@/db/with-tenant';
import { recordAuditEvent } from '@/modules/audit/record';
import { applicableQuestions, keepStoredUploads, validateAnswers, type AnswerError } from '@/modules/frameworks/answer-validation';
import { assessDeclaration } from '@/modules/frameworks/declaration-assessment';
import { questionsOf } from '@/modules/frameworks/definition-schema';
import { canChangeApplication } from '@/modules/frameworks/lifecycle';
import type { Framework } from '@/modules/frameworks/queries';

/*
 * A supplier's application to a framework. Every change goes through here so the deadline (with any
 * extension for this supplier) is enforced on the server, and every change is audited.
 */

export class ApplicationClosedError extends Error {
  constructor() {
    super('applications are closed');
  }
}

export class ApplicationRuleError extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

export type Supplier = typeof suppliers.$inferSelect;
export type Application = typeof supplierFrameworks.$inferSelect;
export type Service = typeof services.$inferSelect;

export async function findSupplierForUser(tx: TenantTx, userId: string): Promise<Supplier | null> {
  const [row] = await tx
    .select({ supplier: suppliers })
    .from(supplierMembers)
    .innerJoin(suppliers, eq(suppliers.id, supplierMembers.supplierId))
    .where(and(eq(supplierMembers.userId, userId), isNotNull(supplierMembers.acceptedAt)))
    .limit(1);
  return row?.supplier ?? null;
}

export interface NewSupplier {
  legalName: string;
  registrationScheme: string;
  registrationNumber: string;
  organisationSize: 'micro' | 'small' | 'medium' | 'large';
  region?: string;
  description?: string;
}

export async function registerSupplier(tx: TenantTx, input: NewSupplier, userId: string): Promise<string> {
  const [row] = await tx.insert(suppliers).values(input).returning({ id: suppliers.id });
  await tx.insert(supplierMembers).values({ supplierId: row!.id, userId, role: 'admin' });
  await recordAuditEvent(tx, { type: 'supplier.registered', actorUserId: userId, objectType: 'supplier', objectId: row!.id, data: { legalName: input.legalName } });
  return row!.id;
}

export async function findApplication(tx: TenantTx, supplierId: string, frameworkId: string): Promise<Application | null> {
  const [row] = await tx
    .select()
    .from(supplierFrameworks)
    .where(and(eq(supplierFrameworks.supplierId, supplierId), eq(supplierFrameworks.frameworkId, frameworkId)))
    .limit(1);
  return row ?? null;
}

function assertOpen(framework: Framework, timeZone: string, now: Date, application?: Application | null): void {
  if (framework.statusOverride && framework.statusOverride !== 'open') throw new ApplicationClosedError();
  if (!canChangeApplication(framework.schedule, timeZone, now, application?.deadlineExtendedUntil)) throw new ApplicationClosedError();
}

/** Registers interest: the supplier's application exists from here on. */
export async function startApplication(tx: TenantTx, supplierId: string, framework: Framework, timeZone: string, actor: string, now = new Date()) {
  assertOpen(framework, timeZone, now);
  const inserted = await tx.insert(supplierFrameworks).values({ supplierId, frameworkId: framework.id }).onConflictDoNothing().returning();
  if (inserted.length > 0) {
    await recordAuditEvent(tx, { type: 'application.started', actorUserId: actor, objectType: 'framework', objectId: framework.slug, data: { supplierId } });
  }
}

/** Saves one section of the declaration (draft rules: bad answers refused, missing ones allowed). */
export async function saveDeclarationSection(
  tx: TenantTx,
  input: { supplierId: string; framework: Framework; timeZone: string; section: string; answers: Record<string, unknown>; actor: string; now?: Date },
): Promise<{ errors: AnswerError[] }> {
  const application = await findApplication(tx, input.supplierId, input.framework.id);
  if (!application) throw new ApplicationRuleError('applications.notStarted');
  assertOpen(input.framework, input.timeZone, input.now ?? new Date(), application);
  const def = input.framework.definition;
  const section = def.questionSets.declaration.find((s) => s.slug === input.section);
  if (!section) throw new ApplicationRuleError('applications.unknownSection');
  const sectionIds = new Set(questionsOf([section]).map((q) => q.question.id));
  // Validate the section's answers in the context of the whole declaration (follow-ups may cross questions).
  const merged = { ...application.declaration, ...Object.fromEntries(Object.entries(input.answers).filter(([k]) => sectionIds.has(k))) };
  for (const id of sectionIds) if (!(id in input.answers)) delete merged[id];
  const { errors, answers } = validateAnswers(def, 'declaration', { answers: merged, mode: 'draft' });
  const sectionErrors = errors.filter((e) => sectionIds.has(e.questionId));
  const kept = { ...application.declaration };
  for (const id of sectionIds) delete kept[id];
  for (const [id, value] of Object.entries(answers)) if (sectionIds.has(id)) kept[id] = value;
  await tx
    .update(supplierFrameworks)
    .set({ declaration: kept, declarationStatus: 'started' })
    .where(and(eq(supplierFrameworks.supplierId, input.supplierId), eq(supplierFrameworks.frameworkId, input.framework.id)));
  await recordAuditEvent(tx, {
    type: 'application.declaration_saved',
    actorUserId: input.actor,
    objectType: 'framework',
    objectId: input.framework.slug,
    data: { supplierId: input.supplierId, section: input.section, invalid: sectionErrors.map((e) => e.questionId) },
  });
  return { errors: sectionErrors };
}

/** Which declaration sections have every required answer. */
export function declarationProgress(framework: Framework, declaration: Record<string, unknown>): Record<string, 'complete' | 'started' | 'notStarted'> {
  const def = framework.definition;
  const { errors } = validateAnswers(def, 'declaration', { answers: declaration, mode: 'complete' });
  const failing = new Set(errors.map((e) => e.questionId));
  return Object.fromEntries(
    def.questionSets.declaration.map((section) => {
      const ids = questionsOf([section]).map((q) => q.question.id);
      const answered = ids.some((id) => declaration[id] !== undefined);
      const complete = ids.every((id) => !failing.has(id));
      return [section.slug, complete && answered ? 'complete' : answered ? 'started' : 'notStarted'];
    }),
  );
}

export async function listApplicationServices(tx: TenantTx, supplierId: string, frameworkId: string): Promise<Service[]> {
  return tx
    .select()
    .from(services)
    .where(and(eq(services.supplierId, supplierId), eq(services.frameworkId, frameworkId)))
    .orderBy(services.createdAt);
}

export async function createDraftService(
  tx: TenantTx,
  input: { supplierId: string; framework: Framework; timeZone: string; lot: string; actor: string; now?: Date },
): Promise<string> {
  const application = await findApplication(tx, input.supplierId, input.framework.id);
  if (!application) throw new ApplicationRuleError('applications.notStarted');
  assertOpen(input.framework, input.timeZone, input.now ?? new Date(), application);
  const lot = input.framework.definition.lots.find((l) => l.slug === input.lot);
  if (!lot) throw new ApplicationRuleError('applications.unknownLot');
  if (lot.oneServicePerSupplier) {
    const existing = (await listApplicationServices(tx, input.supplierId, input.framework.id)).filter((s) => s.lot === lot.slug);
    if (existing.length > 0) throw new ApplicationRuleError('applications.oneServiceOnly');
  }
  const [row] = await tx
    .insert(services)
    .values({ supplierId: input.supplierId, frameworkId: input.framework.id, lot: lot.slug, status: 'draft' })
    .returning({ id: services.id });
  await recordAuditEvent(tx, { type: 'service.draft_created', actorUserId: input.actor, objectType: 'service', objectId: row!.id, data: { lot: lot.slug } });
  return row!.id;
}

export async function findSupplierService(tx: TenantTx, supplierId: string, serviceId: string): Promise<Service | null> {
  const [row] = await tx.select().from(services).where(and(eq(services.id, serviceId), eq(services.supplierId, supplierId))).limit(1);
  return row ?? null;
}

/** Saves a draft service; with markComplete the full rules apply and it counts towards the application. */
export async function saveDraftService(
  tx: TenantTx,
  input: { supplierId: string; framework: Framework; timeZone: string; serviceId: string; answers: Record<string, unknown>; markComplete: boolean; actor: string; now?: Date },
): Promise<{ errors: AnswerError[] }> {
  const service = await findSupplierService(tx, input.supplierId, input.serviceId);
  if (!service || service.frameworkId !== input.framework.id) throw new ApplicationRuleError('applications.unknownService');
  // Published services change only through the live-edit route (audited, maybe approved).
  if (service.status !== 'draft' && service.status !== 'complete') throw new ApplicationClosedError();
  const application = await findApplication(tx, input.supplierId, input.framework.id);
  assertOpen(input.framework, input.timeZone, input.now ?? new Date(), application);
  const incoming = keepStoredUploads(input.framework.definition, 'services', service.lot, service.answers, input.answers);
  const draft = validateAnswers(input.framework.definition, 'services', { lot: service.lot, answers: incoming, mode: 'draft' });
  const complete = input.markComplete ? validateAnswers(input.framework.definition, 'services', { lot: service.lot, answers: incoming, mode: 'complete' }) : null;
  const errors = complete ? complete.errors : draft.errors;
  const status = complete && complete.errors.length === 0 ? 'complete' : 'draft';
  await tx.update(services).set({ answers: draft.answers, status, updatedAt: new Date() }).where(eq(services.id, service.id));
  await recordAuditEvent(tx, {
    type: status === 'complete' ? 'service.completed' : 'service.draft_saved',
    actorUserId: input.actor,
    objectType: 'service',
    objectId: service.id,
    data: { invalid: errors.map((e) => e.questionId) },
  });
  return { errors };
}

/** The application can be submitted once the declaration is complete and at least one service is complete. */
export async function submitApplication(
  tx: TenantTx,
  input: { supplierId: string; framework: Framework; timeZone: string; actor: string; now?: Date },
): Promise<void> {
  const application = await findApplication(tx, input.supplierId, input.framework.id);
  if (!application) throw new ApplicationRuleError('applications.notStarted');
  assertOpen(input.framework, input.timeZone, input.now ?? new Date(), application);
  if (assessDeclaration(input.framework.definition, application.declaration).result === 'incomplete') {
    throw new ApplicationRuleError('applications.declarationIncomplete');
  }
  const list = await listApplicationServices(tx, input.supplierId, input.framework.id);
  if (!list.some((s) => s.status === 'complete')) throw new ApplicationRuleError('applications.noCompleteService');
  await tx
    .update(supplierFrameworks)
    .set({ declarationStatus: 'complete' })
    .where(and(eq(supplierFrameworks.supplierId, input.supplierId), eq(supplierFrameworks.frameworkId, input.framework.id)));
  await recordAuditEvent(tx, { type: 'application.submitted', actorUserId: input.actor, objectType: 'framework', objectId: input.framework.slug, data: { supplierId: input.supplierId } });
}

export function servicesQuestionCount(framework: Framework, lot: string): number {
  return applicableQuestions(framework.definition, 'services', lot).length;
}
