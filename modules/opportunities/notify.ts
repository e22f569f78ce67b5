import { and, eq, gt, inArray, isNotNull, isNull, lte, notInArray, sql } from 'drizzle-orm';
import { users } from '@/db/schema/platform';
import { services, supplierMembers } from '@/db/schema/tenant';
import { opportunities, opportunityAlertOptOuts, opportunityQuestions, opportunityResponses } from '@/db/schema/tenant-opportunities';
import type { TenantTx } from '@/db/with-tenant';
import { emailDate, emailDateTime, type NotifyContext } from '@/modules/notifications/links';
import { enqueueNotification } from '@/modules/notifications/queue';

/*
 * Emails about opportunities, queued in the caller's transaction (modules/notifications/queue.ts): they exist
 * exactly when the change they report commits, and each has a dedupe key, so a retried request never sends
 * twice. Strings: notifications.kinds.<kind> (locales/<lng>/contracts.json).
 */

export type OpportunityNotifyContext = NotifyContext;

type Recipient = { id: string; email: string };

async function supplierPeople(tx: TenantTx, supplierIds: string[]): Promise<(Recipient & { supplierId: string })[]> {
  if (supplierIds.length === 0) return [];
  return tx
    .select({ id: users.id, email: users.email, supplierId: supplierMembers.supplierId })
    .from(supplierMembers)
    .innerJoin(users, eq(users.id, supplierMembers.userId))
    .where(and(inArray(supplierMembers.supplierId, supplierIds), isNotNull(supplierMembers.acceptedAt)));
}

const linkTo = (ctx: OpportunityNotifyContext, id: string) => `${ctx.baseUrl}/${ctx.locale}/opportunities/${id}`;

/** New opportunity: every member of a supplier with a live service on the lot, unless they opted out. */
export async function notifyNewOpportunity(tx: TenantTx, opportunityId: string, ctx: OpportunityNotifyContext): Promise<number> {
  const [o] = await tx.select().from(opportunities).where(eq(opportunities.id, opportunityId)).limit(1);
  if (!o?.closesAt) return 0;
  const eligible = await tx
    .selectDistinct({ supplierId: services.supplierId })
    .from(services)
    .where(and(eq(services.frameworkId, o.frameworkId), eq(services.lot, o.lot), eq(services.status, 'published')));
  const optedOut = new Set((await tx.select({ id: opportunityAlertOptOuts.userId }).from(opportunityAlertOptOuts)).map((r) => r.id));
  let queued = 0;
  for (const person of await supplierPeople(tx, eligible.map((e) => e.supplierId))) {
    if (optedOut.has(person.id)) continue;
    const added = await enqueueNotification(tx, {
      kind: 'opportunity_published',
      to: person.email,
      locale: ctx.locale,
      params: { title: o.title, reference: String(o.reference), closes: emailDate(o.closesAt, ctx), url: linkTo(ctx, o.id), optOut: `${ctx.baseUrl}/${ctx.locale}/supplier/opportunities` },
      dedupeKey: `opportunity:${o.id}:published:${person.id}`,
    });
    if (added) queued++;
  }
  return queued;
}

/** The asker learns that the buyer published an answer to their question. */
export async function notifyQuestionAnswered(tx: TenantTx, questionId: string, ctx: OpportunityNotifyContext): Promise<void> {
  const [row] = await tx
    .select({ email: users.email, userId: users.id, opportunityId: opportunityQuestions.opportunityId, title: opportunities.title })
    .from(opportunityQuestions)
    .innerJoin(opportunities, eq(opportunities.id, opportunityQuestions.opportunityId))
    .innerJoin(users, eq(users.id, opportunityQuestions.askedBy))
    .where(eq(opportunityQuestions.id, questionId))
    .limit(1);
  if (!row) return;
  await enqueueNotification(tx, {
    kind: 'opportunity_question_answered',
    to: row.email,
    locale: ctx.locale,
    params: { title: row.title, url: linkTo(ctx, row.opportunityId) },
    dedupeKey: `opportunity-question:${questionId}:answered:${row.userId}`,
  });
}

/** Outcome letters to every supplier that submitted a response: successful, not successful, or no award. */
export async function notifyOutcome(tx: TenantTx, opportunityId: string, winnerSupplierId: string | null, ctx: OpportunityNotifyContext): Promise<void> {
  const [o] = await tx.select().from(opportunities).where(eq(opportunities.id, opportunityId)).limit(1);
  if (!o) return;
  const responders = await tx
    .select({ supplierId: opportunityResponses.supplierId })
    .from(opportunityResponses)
    .where(and(eq(opportunityResponses.opportunityId, o.id), isNotNull(opportunityResponses.submittedAt)));
  for (const person of await supplierPeople(tx, responders.map((r) => r.supplierId))) {
    const kind = winnerSupplierId === null ? 'opportunity_no_award' : person.supplierId === winnerSupplierId ? 'opportunity_successful' : 'opportunity_unsuccessful';
    await enqueueNotification(tx, {
      kind,
      to: person.email,
      locale: ctx.locale,
      params: { title: o.title, reference: String(o.reference), reason: o.outcomeReason ?? '', url: linkTo(ctx, o.id) },
      dedupeKey: `opportunity:${o.id}:outcome:${person.id}`,
    });
  }
}

/**
 * Deadline reminders (run by the scheduler): suppliers with an unsubmitted draft on an opportunity that closes
 * within the next `withinHours`. Once per person and opportunity.
 */
export async function remindDeadlines(tx: TenantTx, now: Date, ctx: OpportunityNotifyContext, withinHours = 48): Promise<number> {
  const soon = new Date(now.getTime() + withinHours * 3_600_000);
  const drafts = await tx
    .select({ opportunityId: opportunities.id, title: opportunities.title, closesAt: opportunities.closesAt, supplierId: opportunityResponses.supplierId })
    .from(opportunityResponses)
    .innerJoin(opportunities, eq(opportunities.id, opportunityResponses.opportunityId))
    .where(
      and(
        isNull(opportunityResponses.submittedAt),
        isNull(opportunities.withdrawnAt),
        gt(opportunities.closesAt, now),
        lte(opportunities.closesAt, soon),
        notInArray(opportunities.id, sql`(select id from ${opportunities} where awarded_at is not null or cancelled_at is not null or unsuccessful_at is not null)`),
      ),
    );
  let queued = 0;
  for (const draft of drafts) {
    for (const person of await supplierPeople(tx, [draft.supplierId])) {
      const added = await enqueueNotification(tx, {
        kind: 'opportunity_deadline_reminder',
        to: person.email,
        locale: ctx.locale,
        params: { title: draft.title, closes: emailDateTime(draft.closesAt!, ctx), url: `${ctx.baseUrl}/${ctx.locale}/supplier/opportunities/${draft.opportunityId}` },
        dedupeKey: `opportunity:${draft.opportunityId}:reminder:${person.id}`,
      });
      if (added) queued++;
    }
  }
  return queued;
}

/** Opt out of (or back into) new-opportunity alerts. */
export async function setOpportunityAlerts(tx: TenantTx, userId: string, enabled: boolean): Promise<void> {
  if (enabled) await tx.delete(opportunityAlertOptOuts).where(eq(opportunityAlertOptOuts.userId, userId));
  else await tx.insert(opportunityAlertOptOuts).values({ userId }).onConflictDoNothing();
}

export async function opportunityAlertsEnabled(tx: TenantTx, userId: string): Promise<boolean> {
  const rows = await tx.select({ id: opportunityAlertOptOuts.userId }).from(opportunityAlertOptOuts).where(eq(opportunityAlertOptOuts.userId, userId)).limit(1);
  return rows.length === 0;
}
