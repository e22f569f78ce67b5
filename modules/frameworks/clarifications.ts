import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { clarificationQuestions } from '@/db/schema/tenant';
import type { TenantTx } from '@/db/with-tenant';
import { recordAuditEvent } from '@/modules/audit/record';
import type { Framework } from './queries';
import { scheduleInstants } from './lifecycle';

/*
 * Suppliers ask privately while clarification questions are open; the authority answers and publishes
 * question and answer to everyone, without saying who asked.
 */

export class ClarificationClosedError extends Error {}

export function clarificationsOpen(framework: Framework, timeZone: string, now = new Date()): boolean {
  const t = scheduleInstants(framework.schedule, timeZone);
  const statusOk = !framework.statusOverride || framework.statusOverride === 'open';
  return statusOk && now >= t.applicationsOpen && now < t.clarificationsClose;
}

export async function askClarification(tx: TenantTx, framework: Framework, timeZone: string, question: string, askedBy: string, now = new Date()): Promise<string> {
  if (!clarificationsOpen(framework, timeZone, now)) throw new ClarificationClosedError();
  const [row] = await tx.insert(clarificationQuestions).values({ frameworkId: framework.id, askedBy, question }).returning({ id: clarificationQuestions.id });
  await recordAuditEvent(tx, { type: 'clarification.asked', actorUserId: askedBy, objectType: 'framework', objectId: framework.slug, data: { questionId: row!.id } });
  return row!.id;
}

export async function answerClarification(tx: TenantTx, framework: Framework, questionId: string, answer: string, actor: string): Promise<boolean> {
  const updated = await tx
    .update(clarificationQuestions)
    .set({ answer, publishedAt: new Date() })
    .where(and(eq(clarificationQuestions.id, questionId), eq(clarificationQuestions.frameworkId, framework.id)))
    .returning({ id: clarificationQuestions.id });
  if (updated.length === 0) return false;
  await recordAuditEvent(tx, { type: 'clarification.answered', actorUserId: actor, objectType: 'framework', objectId: framework.slug, data: { questionId } });
  return true;
}

export async function listPublishedClarifications(tx: TenantTx, frameworkId: string) {
  return tx
    .select({ id: clarificationQuestions.id, question: clarificationQuestions.question, answer: clarificationQuestions.answer, publishedAt: clarificationQuestions.publishedAt })
    .from(clarificationQuestions)
    .where(and(eq(clarificationQuestions.frameworkId, frameworkId), isNotNull(clarificationQuestions.publishedAt)))
    .orderBy(asc(clarificationQuestions.publishedAt));
}

export async function listAllClarifications(tx: TenantTx, frameworkId: string) {
  return tx.select().from(clarificationQuestions).where(eq(clarificationQuestions.frameworkId, frameworkId)).orderBy(asc(clarificationQuestions.createdAt));
}
