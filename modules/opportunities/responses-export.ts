import { z } from 'zod';
import { withTenant } from '@/db/with-tenant';
import { findBuyerOrganisation } from '@/modules/direct-award/service';
import { applicableQuestions } from '@/modules/frameworks/answer-validation';
import { frameworkById } from '@/modules/frameworks/queries';
import { localised } from '@/modules/i18n/localised';
import { signedInUser, tenantFromRequest } from '@/modules/tenancy/context';
import { weightedTotal } from './scoring';
import { findOpportunity, listSubmittedResponses } from './service';
import { requirementsByEvidence } from './evidence';

/**
 * Submitted responses of the signed-in buyer's own, closed opportunity: one row per supplier, one column per
 * response question, with the scores. Null (answer 404) for anyone else or before the close.
 */
export async function responsesTable(opportunityId: string): Promise<{ header: string[]; rows: unknown[][] } | null> {
  const resolved = await tenantFromRequest();
  const user = await signedInUser();
  if (!resolved || !user || !z.uuid().safeParse(opportunityId).success) return null;
  const { tenant } = resolved;
  const data = await withTenant(tenant, async (tx) => {
    const organisation = await findBuyerOrganisation(tx, user.id);
    const o = organisation ? await findOpportunity(tx, opportunityId) : null;
    if (!o || o.organisationId !== organisation?.id || o.status === 'draft' || o.status === 'live') return null;
    return { o, framework: (await frameworkById(tx, o.frameworkId, tenant.config.timezone))!, rows: await listSubmittedResponses(tx, o) };
  });
  if (!data) return null;
  const locale = tenant.config.defaultLocale;
  const questions = applicableQuestions(data.framework.definition, 'response', data.o.lot).filter((q) => q.type !== 'upload');
  const scoring = data.framework.definition.scoring;
  const pairs = requirementsByEvidence(data.framework.definition, data.o.lot, data.o.answers);
  return {
    header: ['supplier', 'organisation_size', 'submitted_at', 'price', 'technical', 'cultural', 'price_score', 'total', 'shortlisted', ...questions.map((q) => localised(q.label, locale, locale))],
    rows: data.rows.map((r) => [
      r.supplierName,
      r.supplierSize,
      r.response.submittedAt?.toISOString(),
      r.response.price,
      r.evaluation?.technical,
      r.evaluation?.cultural,
      r.evaluation?.price,
      scoring && r.evaluation ? weightedTotal(scoring, r.evaluation) : null,
      r.evaluation ? (r.evaluation.shortlisted ? 'yes' : 'no') : null,
      ...questions.map((q) => {
        const value = r.response.answers[q.id];
        const requirements = pairs[q.id];
        // Paired evidence reads as "1. requirement: evidence", one per line.
        return requirements && Array.isArray(value) ? requirements.map((req, i) => `${i + 1}. ${req}: ${(value as string[])[i] ?? ''}`).join('\n') : value;
      }),
    ]),
  };
}
