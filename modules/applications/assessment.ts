import { and, eq, inArray, isNull } from 'drizzle-orm';
import { services, supplierFrameworks, supplierMembers, suppliers } from '@/db/schema/tenant';
import type { TenantTx } from '@/db/with-tenant';
import { recordAuditEvent } from '@/modules/audit/record';
import { emitOcdsEvent } from '@/modules/ocds/domain-events';
import { assessDeclaration } from '@/modules/frameworks/declaration-assessment';
import type { Framework } from '@/modules/frameworks/queries';

/*
 * After applications close: automatic pass/fail from the declaration rules, a person's decision for the
 * discretionary ones (with a reason), agreements signed by suppliers and countersigned by the authority,
 * and, from the live date, publication of the passed suppliers' completed services.
 */

export interface ApplicationRow {
  supplierId: string;
  legalName: string;
  organisationSize: string;
  submitted: boolean;
  automatic: ReturnType<typeof assessDeclaration>;
  result: string | null;
  resultReason: string | null;
  completeServices: number;
  agreementSignedAt: Date | null;
  agreementSignerName: string | null;
  agreementSignerRole: string | null;
  agreementCountersignedAt: Date | null;
}

export async function listApplications(tx: TenantTx, framework: Framework): Promise<ApplicationRow[]> {
  const rows = await tx
    .select({ application: supplierFrameworks, supplier: suppliers })
    .from(supplierFrameworks)
    .innerJoin(suppliers, eq(suppliers.id, supplierFrameworks.supplierId))
    .where(eq(supplierFrameworks.frameworkId, framework.id))
    .orderBy(suppliers.legalName);
  const serviceRows = await tx
    .select({ supplierId: services.supplierId, status: services.status })
    .from(services)
    .where(eq(services.frameworkId, framework.id));
  return rows.map(({ application: a, supplier: s }) => ({
    supplierId: s.id,
    legalName: s.legalName,
    organisationSize: s.organisationSize,
    submitted: a.declarationStatus === 'complete',
    automatic: assessDeclaration(framework.definition, a.declaration),
    result: a.result,
    resultReason: a.resultReason,
    completeServices: serviceRows.filter((r) => r.supplierId === s.id && (r.status === 'complete' || r.status === 'published')).length,
    agreementSignedAt: a.agreementSignedAt,
    agreementSignerName: a.agreementSignerName,
    agreementSignerRole: a.agreementSignerRole,
    agreementCountersignedAt: a.agreementCountersignedAt,
  }));
}

export class AssessmentError extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

const ASSESSABLE = new Set(['pending', 'standstill', 'live']);

/**
 * Applies the automatic result to every submitted application not yet decided. Unsubmitted ones fail; the
 * discretionary ones wait for a person. Returns the suppliers whose result changed, for the letters.
 */
export async function runAutomaticAssessment(tx: TenantTx, framework: Framework, actor: string | null): Promise<{ supplierId: string; result: string }[]> {
  if (!ASSESSABLE.has(framework.status)) throw new AssessmentError('assessment.notClosed');
  const changed: { supplierId: string; result: string }[] = [];
  for (const row of await listApplications(tx, framework)) {
    if (row.result === 'pass' || row.result === 'fail') continue;
    const result = !row.submitted || row.completeServices === 0 ? 'fail' : row.automatic.result === 'incomplete' ? 'fail' : row.automatic.result;
    if (row.result === result) continue;
    await tx
      .update(supplierFrameworks)
      .set({ result, resultReason: result === 'fail' ? (row.submitted ? 'automatic' : 'not_submitted') : null })
      .where(and(eq(supplierFrameworks.supplierId, row.supplierId), eq(supplierFrameworks.frameworkId, framework.id)));
    if (result !== 'discretionary') changed.push({ supplierId: row.supplierId, result });
  }
  await recordAuditEvent(tx, { type: 'assessment.automatic_run', actorUserId: actor, objectType: 'framework', objectId: framework.slug, data: { decided: changed.length } });
  // Passed suppliers are on the framework: published as framework awards.
  if (changed.some((c) => c.result === 'pass')) await emitOcdsEvent(tx, { type: 'framework.awards', frameworkId: framework.id });
  return changed;
}

/** A person's decision on a discretionary application; the reason is kept and audited. */
export async function decideDiscretionary(tx: TenantTx, framework: Framework, supplierId: string, result: 'pass' | 'fail', reason: string, actor: string): Promise<void> {
  const [row] = await tx
    .update(supplierFrameworks)
    .set({ result, resultReason: reason })
    .where(and(eq(supplierFrameworks.supplierId, supplierId), eq(supplierFrameworks.frameworkId, framework.id), eq(supplierFrameworks.result, 'discretionary')))
    .returning({ supplierId: supplierFrameworks.supplierId });
  if (!row) throw new AssessmentError('assessment.notDiscretionary');
  await recordAuditEvent(tx, { type: 'assessment.discretionary_decided', actorUserId: actor, objectType: 'framework', objectId: framework.slug, data: { supplierId, result, reason } });
  if (result === 'pass') await emitOcdsEvent(tx, { type: 'framework.awards', frameworkId: framework.id });
}

/** The supplier signs the framework agreement; only a passed supplier can. */
export async function signAgreement(tx: TenantTx, framework: Framework, supplierId: string, signer: { name: string; role: string }, actor: string): Promise<void> {
  const [row] = await tx
    .update(supplierFrameworks)
    .set({ agreementSignedAt: new Date(), agreementSignerName: signer.name, agreementSignerRole: signer.role })
    .where(
      and(
        eq(supplierFrameworks.supplierId, supplierId),
        eq(supplierFrameworks.frameworkId, framework.id),
        eq(supplierFrameworks.result, 'pass'),
        // Signed once: a signature is evidence and cannot be rewritten.
        isNull(supplierFrameworks.agreementSignedAt),
      ),
    )
    .returning({ supplierId: supplierFrameworks.supplierId });
  if (!row) throw new AssessmentError('assessment.cannotSign');
  await recordAuditEvent(tx, {
    type: 'agreement.signed',
    actorUserId: actor,
    objectType: 'framework',
    objectId: framework.slug,
    data: { supplierId, signer: signer.name, role: signer.role, termsVersion: framework.definitionVersion },
  });
}

export async function countersignAgreement(tx: TenantTx, framework: Framework, supplierId: string, actor: string): Promise<void> {
  const [current] = await tx
    .select()
    .from(supplierFrameworks)
    .where(and(eq(supplierFrameworks.supplierId, supplierId), eq(supplierFrameworks.frameworkId, framework.id)))
    .limit(1);
  if (!current?.agreementSignedAt || current.agreementCountersignedAt) throw new AssessmentError('assessment.cannotCountersign');
  await tx
    .update(supplierFrameworks)
    .set({ agreementCountersignedAt: new Date() })
    .where(and(eq(supplierFrameworks.supplierId, supplierId), eq(supplierFrameworks.frameworkId, framework.id)));
  await recordAuditEvent(tx, { type: 'agreement.countersigned', actorUserId: actor, objectType: 'framework', objectId: framework.slug, data: { supplierId } });
}

/**
 * From the live date: completed services of suppliers who passed and whose agreement is countersigned are
 * published to the catalogue. Idempotent; failed suppliers' services are never published.
 */
export async function publishLiveServices(tx: TenantTx, framework: Framework, actor: string | null): Promise<number> {
  if (framework.status !== 'live') return 0;
  const eligible = await tx
    .select({ supplierId: supplierFrameworks.supplierId })
    .from(supplierFrameworks)
    .where(and(eq(supplierFrameworks.frameworkId, framework.id), eq(supplierFrameworks.result, 'pass')));
  const ids = eligible.map((e) => e.supplierId);
  const countersigned = ids.length
    ? (
        await tx
          .select({ supplierId: supplierFrameworks.supplierId, at: supplierFrameworks.agreementCountersignedAt })
          .from(supplierFrameworks)
          .where(and(eq(supplierFrameworks.frameworkId, framework.id), inArray(supplierFrameworks.supplierId, ids)))
      )
        .filter((r) => r.at)
        .map((r) => r.supplierId)
    : [];
  if (countersigned.length === 0) return 0;
  const published = await tx
    .update(services)
    .set({ status: 'published', updatedAt: new Date() })
    .where(and(eq(services.frameworkId, framework.id), eq(services.status, 'complete'), inArray(services.supplierId, countersigned)))
    .returning({ id: services.id });
  if (published.length > 0) {
    await recordAuditEvent(tx, { type: 'services.published', actorUserId: actor, objectType: 'framework', objectId: framework.slug, data: { count: published.length } });
  }
  return published.length;
}

export async function supplierMemberIds(tx: TenantTx, supplierId: string): Promise<string[]> {
  return (await tx.select({ userId: supplierMembers.userId }).from(supplierMembers).where(eq(supplierMembers.supplierId, supplierId))).map((r) => r.userId);
}

/** Gives one supplier a later deadline (e.g. after a technical fault); audited, never earlier than the real one. */
export async function extendSupplierDeadline(tx: TenantTx, framework: Framework, supplierId: string, until: Date, reason: string, actor: string): Promise<void> {
  const [row] = await tx
    .update(supplierFrameworks)
    .set({ deadlineExtendedUntil: until })
    // Not once assessed: an extension must not reopen a decided application.
    .where(and(eq(supplierFrameworks.supplierId, supplierId), eq(supplierFrameworks.frameworkId, framework.id), isNull(supplierFrameworks.result)))
    .returning({ supplierId: supplierFrameworks.supplierId });
  if (!row) {
    const [exists] = await tx
      .select({ result: supplierFrameworks.result })
      .from(supplierFrameworks)
      .where(and(eq(supplierFrameworks.supplierId, supplierId), eq(supplierFrameworks.frameworkId, framework.id)));
    throw new AssessmentError(exists ? 'assessment.alreadyAssessed' : 'assessment.noApplication');
  }
  await recordAuditEvent(tx, { type: 'application.deadline_extended', actorUserId: actor, objectType: 'framework', objectId: framework.slug, data: { supplierId, until: until.toISOString(), reason } });
}
