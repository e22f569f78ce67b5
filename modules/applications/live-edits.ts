import { isDeepStrictEqual } from 'node:util';
import { and, eq, isNotNull } from 'drizzle-orm';
import { services, suppliers } from '@/db/schema/tenant';
import type { TenantTx } from '@/db/with-tenant';
import { recordAuditEvent } from '@/modules/audit/record';
import { applicableQuestions, keepStoredUploads, validateAnswers, type AnswerError } from '@/modules/frameworks/answer-validation';
import type { TFrameworkDefinition } from '@/modules/frameworks/definition-schema';
import type { Framework } from '@/modules/frameworks/queries';

/*
 * Suppliers keep live services up to date. Every edit is audited with what changed; when the framework
 * says so, the edit waits for an administrator, who sees the difference before approving it.
 */

export interface AnswerChange {
  questionId: string;
  before: unknown;
  after: unknown;
}

export function diffAnswers(def: TFrameworkDefinition, lot: string, before: Record<string, unknown>, after: Record<string, unknown>): AnswerChange[] {
  return applicableQuestions(def, 'services', lot)
    // Deep comparison: jsonb does not keep object key order.
    .filter((q) => !isDeepStrictEqual(before[q.id] ?? null, after[q.id] ?? null))
    .map((q) => ({ questionId: q.id, before: before[q.id] ?? null, after: after[q.id] ?? null }));
}

export class LiveEditError extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

export async function editLiveService(
  tx: TenantTx,
  input: { supplierId: string; framework: Framework; serviceId: string; answers: Record<string, unknown>; actor: string },
): Promise<{ errors: AnswerError[]; outcome?: 'applied' | 'pending' | 'unchanged' }> {
  if (input.framework.status !== 'live') throw new LiveEditError('liveEdits.frameworkNotLive');
  const [service] = await tx
    .select()
    .from(services)
    .where(and(eq(services.id, input.serviceId), eq(services.supplierId, input.supplierId), eq(services.frameworkId, input.framework.id), eq(services.status, 'published')))
    .limit(1);
  if (!service) throw new LiveEditError('liveEdits.notLive');
  const def = input.framework.definition;
  const incoming = keepStoredUploads(def, 'services', service.lot, service.answers, input.answers);
  const { errors, answers } = validateAnswers(def, 'services', { lot: service.lot, answers: incoming, mode: 'complete' });
  if (errors.length > 0) return { errors };
  const changes = diffAnswers(def, service.lot, service.answers, answers);
  if (changes.length === 0) return { errors: [], outcome: 'unchanged' };
  if (def.liveEditsNeedApproval) {
    await tx.update(services).set({ pendingAnswers: answers, pendingSince: new Date() }).where(eq(services.id, service.id));
    await recordAuditEvent(tx, { type: 'service.edit_submitted', actorUserId: input.actor, objectType: 'service', objectId: service.id, data: { changes } });
    return { errors: [], outcome: 'pending' };
  }
  await tx.update(services).set({ answers, updatedAt: new Date() }).where(eq(services.id, service.id));
  await recordAuditEvent(tx, { type: 'service.edited', actorUserId: input.actor, objectType: 'service', objectId: service.id, data: { changes } });
  return { errors: [], outcome: 'applied' };
}

export async function listPendingEdits(tx: TenantTx, frameworkId: string) {
  return tx
    .select({ service: services, supplier: suppliers })
    .from(services)
    .innerJoin(suppliers, eq(suppliers.id, services.supplierId))
    .where(and(eq(services.frameworkId, frameworkId), isNotNull(services.pendingAnswers)))
    .orderBy(services.pendingSince);
}

export async function decideLiveEdit(tx: TenantTx, framework: Framework, serviceId: string, approve: boolean, actor: string): Promise<void> {
  const [service] = await tx
    .select()
    .from(services)
    .where(and(eq(services.id, serviceId), eq(services.frameworkId, framework.id), isNotNull(services.pendingAnswers)))
    .limit(1);
  if (!service?.pendingAnswers) throw new LiveEditError('liveEdits.nothingPending');
  const changes = diffAnswers(framework.definition, service.lot, service.answers, service.pendingAnswers);
  await tx
    .update(services)
    .set(approve ? { answers: service.pendingAnswers, pendingAnswers: null, pendingSince: null, updatedAt: new Date() } : { pendingAnswers: null, pendingSince: null })
    .where(eq(services.id, service.id));
  await recordAuditEvent(tx, { type: approve ? 'service.edit_approved' : 'service.edit_rejected', actorUserId: actor, objectType: 'service', objectId: service.id, data: { changes } });
}
