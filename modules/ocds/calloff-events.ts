import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import { buyerOrganisations, frameworks, suppliers } from '@/db/schema/tenant';
import { contracts, contractVersions, signatures, statementsOfWork } from '@/db/schema/tenant-contracts';
import { opportunities, opportunityResponses } from '@/db/schema/tenant-opportunities';
import type { TenantTx } from '@/db/with-tenant';
import { zonedTimeToInstant } from '@/modules/frameworks/zoned-time';
import { localised } from '@/modules/i18n/localised';
import { deriveOpportunityStatus } from '@/modules/opportunities/status';
import { amendmentJson, awardsBody, buyerParty, contractBody, money, supplierParty, tenderBody, type AmendmentInput, type Money } from './builders';
import { ocidFor, publishRelease, type OcdsTenant, type PublishedRelease } from './publish';
import type { JsonObject, Release, ReleaseTag } from './types';

/*
 * Call-offs reached by further competition (an opportunity: tender, award and contract share its ocid) and the
 * contracts of both routes (a direct award's contract goes under the outcome's ocid). Releases carry the current
 * state; the tag says what changed since the last release of the same kind, so the same function serves the
 * domain events and the scheduler's catch-up.
 */

type Tenant = OcdsTenant & { config: OcdsTenant['config'] & { timezone: string } };

export interface CallOffHooks {
  /** Publishes the framework if needed and returns its ocid (null when it has none). */
  frameworkOcid: (frameworkId: string) => Promise<string | null>;
  /** Publishes a direct award's award release if it is not out yet. */
  ensureDirectAward: (outcomeId: string) => Promise<void>;
}

const OPPORTUNITY_TO_TENDER: Record<string, string> = {
  live: 'active',
  closed: 'active',
  withdrawn: 'withdrawn',
  cancelled: 'cancelled',
  unsuccessful: 'unsuccessful',
  awarded: 'complete',
};

const ENDED = new Set(['withdrawn', 'cancelled', 'unsuccessful']);

export async function publishOpportunity(tx: TenantTx, tenant: Tenant, opportunityId: string, hooks: CallOffHooks, now = new Date()): Promise<PublishedRelease[]> {
  const [row] = await tx
    .select({ o: opportunities, organisation: buyerOrganisations, frameworkName: frameworks.name })
    .from(opportunities)
    .innerJoin(buyerOrganisations, eq(buyerOrganisations.id, opportunities.organisationId))
    .innerJoin(frameworks, eq(frameworks.id, opportunities.frameworkId))
    .where(eq(opportunities.id, opportunityId))
    .limit(1);
  if (!row || !row.o.publishedAt) return [];
  const { o, organisation } = row;
  const status = deriveOpportunityStatus(o, now);
  if (status === 'draft') return [];
  const buyer = buyerParty(organisation, ['buyer', 'procuringEntity']);
  // Who responded is public once the opportunity has closed.
  const tenderers =
    status === 'live'
      ? undefined
      : (
          await tx
            .select({ supplier: suppliers })
            .from(opportunityResponses)
            .innerJoin(suppliers, eq(suppliers.id, opportunityResponses.supplierId))
            .where(and(eq(opportunityResponses.opportunityId, o.id), isNotNull(opportunityResponses.submittedAt)))
            .orderBy(asc(suppliers.legalName))
        ).map((r) => supplierParty(r.supplier, []));
  const frameworkOcid = await hooks.frameworkOcid(o.frameworkId);
  const summary = typeof o.answers.summary === 'string' ? o.answers.summary.slice(0, 4000) : undefined;
  const body = tenderBody(
    {
      id: o.id,
      title: o.title,
      description: summary,
      status: OPPORTUNITY_TO_TENDER[status] ?? 'active',
      buyer,
      procuringEntity: buyer,
      competitive: true,
      procurementMethod: 'selective',
      procurementMethodDetails: 'Further competition among the suppliers of a framework lot',
      mainProcurementCategory: 'services',
      tenderPeriod: { startDate: o.publishedAt, endDate: o.closesAt },
      enquiryPeriod: o.questionsCloseAt ? { startDate: o.publishedAt, endDate: o.questionsCloseAt } : undefined,
      tenderers,
      framework: { ocid: frameworkOcid, title: localised(row.frameworkName, tenant.config.defaultLocale), relatedLots: [o.lot] },
    },
    o.title,
  );
  const endedAt = o.withdrawnAt ?? o.cancelledAt ?? o.unsuccessfulAt;
  if (ENDED.has(status) && endedAt) {
    (body.tender as JsonObject).amendments = [amendmentJson({ id: `${status}`, date: endedAt, rationale: o.outcomeReason ?? status })];
  }
  const release = await publishRelease(tx, tenant, {
    process: { type: 'opportunity', id: o.id },
    kind: 'tender',
    tag: (first) => [first ? 'tender' : ENDED.has(status) ? 'tenderCancellation' : 'tenderUpdate'],
    body,
  });
  return release ? [release] : [];
}

const CONTRACT_STATUS: Record<string, string> = { drafted: 'pending', awaiting_signatures: 'pending', active: 'active', terminated: 'terminated' };

export async function publishContract(tx: TenantTx, tenant: Tenant, contractId: string, hooks: CallOffHooks): Promise<PublishedRelease[]> {
  const [row] = await tx
    .select({ c: contracts, organisation: buyerOrganisations, supplier: suppliers })
    .from(contracts)
    .innerJoin(buyerOrganisations, eq(buyerOrganisations.id, contracts.organisationId))
    .innerJoin(suppliers, eq(suppliers.id, contracts.supplierId))
    .where(eq(contracts.id, contractId))
    .limit(1);
  if (!row) return [];
  const { c, organisation } = row;
  const zone = tenant.config.timezone;
  const day = (date: string, time = '00:00') => zonedTimeToInstant(date, time, zone);
  const buyer = buyerParty(organisation);
  const supplier = supplierParty(row.supplier);
  const value = money(Number(c.value), c.currency) as Money | undefined;
  const published: PublishedRelease[] = [];
  const versions = await tx.select().from(contractVersions).where(eq(contractVersions.contractId, c.id)).orderBy(asc(contractVersions.version));
  // The award is what was decided: the first version's terms (variations change the contract, not the award).
  const original = versions[0] ?? { value: c.value, startDate: c.startDate, endDate: c.endDate };
  let process: { type: string; id: string };
  let awardID: string;
  if (c.route === 'direct_award' && c.outcomeId) {
    await hooks.ensureDirectAward(c.outcomeId);
    process = { type: 'outcome', id: c.outcomeId };
    awardID = c.outcomeId;
  } else if (c.opportunityId) {
    process = { type: 'opportunity', id: c.opportunityId };
    awardID = `${c.opportunityId}-award`;
    const award = await publishRelease(tx, tenant, {
      process,
      kind: 'award',
      tag: (first) => [first ? 'award' : 'awardUpdate'],
      body: awardsBody([
        {
          id: awardID,
          title: c.title,
          status: 'active',
          date: day(c.awardedOn),
          value: money(Number(original.value), c.currency) as Money | undefined,
          suppliers: [supplier],
          buyer,
          contractPeriod: { startDate: day(original.startDate), endDate: day(original.endDate, '23:59') },
          relatedLots: [c.lot],
        },
      ]),
    });
    if (award) published.push(award);
  } else {
    return published;
  }
  if (!(await ocidFor(tx, tenant, process, { mint: false })) && published.length === 0 && c.route === 'direct_award') return published;

  const amendments: AmendmentInput[] = versions
    .filter((v) => v.version > 1 && v.version <= c.currentVersion)
    .map((v) => ({ id: `variation-${v.version}`, date: v.createdAt, rationale: v.variationReason ?? undefined }));
  if (c.status === 'terminated' && c.terminatedAt) amendments.push({ id: 'termination', date: c.terminatedAt, rationale: c.terminationReason ?? undefined });
  const [signed] =
    c.status === 'active' || c.status === 'terminated'
      ? await tx
          .select({ at: signatures.signedAt })
          .from(signatures)
          .where(and(eq(signatures.documentType, 'contract'), eq(signatures.documentId, c.id), eq(signatures.documentVersion, c.currentVersion)))
          .orderBy(desc(signatures.signedAt))
          .limit(1)
      : [];
  const sows = await tx
    .select()
    .from(statementsOfWork)
    .where(and(eq(statementsOfWork.contractId, c.id), inArray(statementsOfWork.status, ['awaiting_signatures', 'active', 'completed'])))
    .orderBy(asc(statementsOfWork.number));
  const body = contractBody({
    id: c.id,
    awardID,
    title: c.title,
    status: CONTRACT_STATUS[c.status] ?? 'pending',
    period: { startDate: day(c.startDate), endDate: c.status === 'terminated' && c.terminatedAt ? c.terminatedAt : day(c.endDate, '23:59') },
    value,
    dateSigned: signed?.at,
    buyer,
    supplier,
    // Each statement of work is a contract schedule with a stable id (OCDS has no statement-of-work object).
    documents: sows.map((s) => ({ id: `sow-${s.number}`, documentType: 'contractSchedule', title: s.title, description: s.scope.slice(0, 2000) })),
  });
  if (amendments.length > 0) ((body.contracts as JsonObject[])[0] as JsonObject).amendments = amendments.map(amendmentJson);
  const amendmentCount = amendments.filter((a) => a.id.startsWith('variation-')).length;
  const contract = await publishRelease(tx, tenant, {
    process,
    kind: `contract:${c.id}`,
    tag: (first: boolean, last: Release | null): ReleaseTag[] => {
      if (first) return c.status === 'terminated' ? ['contract', 'contractTermination'] : ['contract'];
      if (c.status === 'terminated') return ['contractTermination'];
      const before = ((last?.contracts as JsonObject[] | undefined)?.[0]?.amendments as JsonObject[] | undefined)?.filter((a) => String(a.id).startsWith('variation-')).length ?? 0;
      return [amendmentCount > before ? 'contractAmendment' : 'contractUpdate'];
    },
    body,
  });
  if (contract) published.push(contract);
  return published;
}
