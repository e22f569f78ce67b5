import { and, eq, isNotNull } from 'drizzle-orm';
import { buyerOrganisations, frameworks, outcomes, suppliers } from '@/db/schema/tenant';
import { contracts, contractVersions } from '@/db/schema/tenant-contracts';
import { opportunities, opportunityResponses } from '@/db/schema/tenant-opportunities';
import type { TenantTx } from '@/db/with-tenant';
import { zonedTimeToInstant } from '@/modules/frameworks/zoned-time';
import { localised } from '@/modules/i18n/localised';
import { deriveOpportunityStatus } from '@/modules/opportunities/status';
import { authorityParty, awardsBody, buyerParty, contractAmendmentBody, contractBody, contractTerminationBody, money, period, supplierParty, tenderBody, tenderCancellationBody, type Money } from './builders';
import { emitOcdsEvent, tenantOfTransaction } from './domain-events';
import { ocidFor, type PublishedRelease } from './publish';
import type { JsonObject } from './types';

/*
 * Further competitions and call-off contracts as OCDS. An opportunity is its own contracting process, linked
 * to its framework (relatedProcesses "framework"); its contract releases continue that process. A direct award's
 * contract continues the direct award's process (the outcome); a contract recorded without either (e.g. an
 * imported award) is a process of its own, with its award published first.
 */

type Tenant = NonNullable<Awaited<ReturnType<typeof tenantOfTransaction>>>;

const asMoney = (amount: string | null | undefined, currency: string) =>
  amount === null || amount === undefined ? undefined : (money(Number(amount), currency) as Money | undefined);

async function frameworkLink(tx: TenantTx, tenant: Tenant, frameworkId: string, lot: string) {
  const [framework] = await tx.select({ name: frameworks.name }).from(frameworks).where(eq(frameworks.id, frameworkId)).limit(1);
  const known = await ocidFor(tx, tenant, { type: 'framework', id: frameworkId }, { mint: false });
  return { ocid: known?.ocid ?? null, title: localised(framework?.name, tenant.config.defaultLocale), relatedLots: [lot] };
}

function authority(tenant: Tenant) {
  return authorityParty({ slug: tenant.slug, name: localised(tenant.config.name, tenant.config.defaultLocale) });
}

/** Publication (tender) or its end without an award (tenderCancellation: withdrawn, cancelled, unsuccessful). */
export async function emitOpportunityTender(tx: TenantTx, opportunityId: string, now = new Date()): Promise<PublishedRelease[]> {
  const tenant = await tenantOfTransaction(tx);
  if (!tenant) return [];
  const [row] = await tx
    .select({ o: opportunities, organisation: buyerOrganisations })
    .from(opportunities)
    .innerJoin(buyerOrganisations, eq(buyerOrganisations.id, opportunities.organisationId))
    .where(eq(opportunities.id, opportunityId))
    .limit(1);
  if (!row?.o.publishedAt || !row.o.closesAt) return [];
  const { o, organisation } = row;
  const status = deriveOpportunityStatus(o, now);
  const process = { type: 'opportunity', id: o.id };
  if (status === 'withdrawn' || status === 'cancelled' || status === 'unsuccessful') {
    const date = o.withdrawnAt ?? o.cancelledAt ?? o.unsuccessfulAt ?? now;
    return emitOcdsEvent(tx, {
      type: 'release',
      emission: { process, kind: 'tenderCancellation', tag: ['tenderCancellation'], date, body: tenderCancellationBody(o.id, { date, rationale: o.outcomeReason ?? status, status }) },
    });
  }
  const summary = typeof o.answers.summary === 'string' ? o.answers.summary : undefined;
  return emitOcdsEvent(tx, {
    type: 'release',
    emission: {
      process,
      kind: 'tender',
      tag: (first) => (first ? ['tender'] : ['tenderUpdate']),
      date: o.publishedAt ?? undefined,
      body: tenderBody(
        {
          id: o.id,
          title: o.title,
          description: summary,
          status: 'active',
          procuringEntity: authority(tenant),
          buyer: buyerParty(organisation),
          procurementMethod: 'selective',
          procurementMethodDetails: 'Further competition among the suppliers on a framework lot',
          mainProcurementCategory: 'services',
          competitive: true,
          tenderPeriod: { startDate: o.publishedAt, endDate: o.closesAt },
          enquiryPeriod: { startDate: o.publishedAt, endDate: o.questionsCloseAt ?? o.closesAt },
          framework: await frameworkLink(tx, tenant, o.frameworkId, o.lot),
        },
        o.title,
      ),
    },
  });
}

/** The award of a further competition to the chosen response. */
export async function emitOpportunityAward(tx: TenantTx, opportunityId: string): Promise<PublishedRelease[]> {
  const tenant = await tenantOfTransaction(tx);
  if (!tenant) return [];
  const [row] = await tx
    .select({ o: opportunities, organisation: buyerOrganisations, response: opportunityResponses, supplier: suppliers, contract: contracts })
    .from(opportunities)
    .innerJoin(buyerOrganisations, eq(buyerOrganisations.id, opportunities.organisationId))
    .innerJoin(opportunityResponses, eq(opportunityResponses.id, opportunities.pendingAwardResponseId))
    .innerJoin(suppliers, eq(suppliers.id, opportunityResponses.supplierId))
    .innerJoin(contracts, eq(contracts.opportunityId, opportunities.id))
    .where(and(eq(opportunities.id, opportunityId), isNotNull(opportunities.awardedAt)))
    .limit(1);
  if (!row) return [];
  const { o, organisation, response, supplier, contract } = row;
  const zone = tenant.config.timezone;
  return emitOcdsEvent(tx, {
    type: 'release',
    emission: {
      process: { type: 'opportunity', id: o.id },
      kind: 'award',
      tag: ['award'],
      date: o.awardedAt!,
      body: awardsBody([
        {
          id: response.id,
          title: o.title,
          status: 'active',
          date: o.awardedAt!,
          value: asMoney(contract.value, contract.currency),
          suppliers: [supplierParty(supplier)],
          buyer: buyerParty(organisation),
          contractPeriod: { startDate: zonedTimeToInstant(contract.startDate, '00:00', zone), endDate: zonedTimeToInstant(contract.endDate, '23:59', zone) },
          relatedLots: [o.lot],
        },
      ]),
    },
  });
}

/** The process a contract belongs to and the award it implements (publishing a standalone award when needed). */
async function contractProcess(tx: TenantTx, tenant: Tenant, contract: typeof contracts.$inferSelect, parties: { buyer: ReturnType<typeof buyerParty>; supplier: ReturnType<typeof supplierParty> }) {
  if (contract.opportunityId) {
    const [o] = await tx.select({ awardID: opportunities.pendingAwardResponseId }).from(opportunities).where(eq(opportunities.id, contract.opportunityId)).limit(1);
    return { process: { type: 'opportunity', id: contract.opportunityId }, awardID: o?.awardID ?? contract.id, published: [] as PublishedRelease[] };
  }
  if (contract.outcomeId) {
    const [outcome] = await tx.select({ id: outcomes.id }).from(outcomes).where(eq(outcomes.id, contract.outcomeId)).limit(1);
    if (outcome) {
      const published = await emitOcdsEvent(tx, { type: 'direct_award', outcomeId: outcome.id });
      return { process: { type: 'outcome', id: outcome.id }, awardID: outcome.id, published };
    }
  }
  const zone = tenant.config.timezone;
  const process = { type: 'contract', id: contract.id };
  // The award is published once, as decided; later variations are contract amendments, not new awards.
  if (await ocidFor(tx, tenant, process, { mint: false })) return { process, awardID: contract.id, published: [] as PublishedRelease[] };
  const published = await emitOcdsEvent(tx, {
    type: 'release',
    emission: {
      process,
      kind: 'award',
      tag: ['award'],
      date: zonedTimeToInstant(contract.awardedOn, '12:00', zone),
      body: awardsBody([
        {
          id: contract.id,
          title: contract.title,
          status: 'active',
          date: zonedTimeToInstant(contract.awardedOn, '12:00', zone),
          value: asMoney(contract.value, contract.currency),
          suppliers: [parties.supplier],
          buyer: parties.buyer,
          relatedLots: [contract.lot],
        },
      ]),
    },
  });
  return { process, awardID: contract.id, published };
}

/**
 * A contract event: the first version in force (contract), a later version in force (contractAmendment with the
 * variation's reason), or a termination (contractTermination).
 */
export async function emitContractEvent(tx: TenantTx, contractId: string, event: 'in_force' | 'terminated'): Promise<PublishedRelease[]> {
  const tenant = await tenantOfTransaction(tx);
  if (!tenant) return [];
  const [row] = await tx
    .select({ contract: contracts, organisation: buyerOrganisations, supplier: suppliers })
    .from(contracts)
    .innerJoin(buyerOrganisations, eq(buyerOrganisations.id, contracts.organisationId))
    .innerJoin(suppliers, eq(suppliers.id, contracts.supplierId))
    .where(eq(contracts.id, contractId))
    .limit(1);
  if (!row) return [];
  const { contract } = row;
  const buyer = buyerParty(row.organisation);
  const supplier = supplierParty(row.supplier);
  const zone = tenant.config.timezone;
  const { process, awardID, published } = await contractProcess(tx, tenant, contract, { buyer, supplier });
  const periodOf = (start: string, end: string) => ({ startDate: zonedTimeToInstant(start, '00:00', zone), endDate: zonedTimeToInstant(end, '23:59', zone) });
  const now = new Date();
  if (event === 'terminated') {
    const date = contract.terminatedAt ?? now;
    return [
      ...published,
      ...(await emitOcdsEvent(tx, {
        type: 'release',
        emission: { process, kind: 'contractTermination', tag: ['contractTermination'], date, body: contractTerminationBody(contract.id, awardID, { date, rationale: contract.terminationReason ?? 'terminated' }) },
      })),
    ];
  }
  const [version] = await tx
    .select()
    .from(contractVersions)
    .where(and(eq(contractVersions.contractId, contract.id), eq(contractVersions.version, contract.currentVersion)))
    .limit(1);
  if (!version) return published;
  if (version.version === 1) {
    return [
      ...published,
      ...(await emitOcdsEvent(tx, {
        type: 'release',
        emission: {
          process,
          kind: 'contract',
          tag: ['contract'],
          date: now,
          body: contractBody({ id: contract.id, awardID, title: contract.title, status: 'active', period: periodOf(version.startDate, version.endDate), value: asMoney(version.value, contract.currency), dateSigned: now, buyer, supplier }),
        },
      })),
    ];
  }
  return [
    ...published,
    ...(await emitOcdsEvent(tx, {
      type: 'release',
      emission: {
        process,
        kind: `contractAmendment-${version.version}`,
        tag: ['contractAmendment'],
        date: now,
        body: contractAmendmentBody(
          contract.id,
          awardID,
          { value: (money(Number(version.value), contract.currency) as JsonObject | undefined) ?? null, period: period(periodOf(version.startDate, version.endDate)) ?? null },
          { id: `v${version.version}`, date: now, rationale: version.variationReason ?? undefined },
        ),
      },
    })),
  ];
}
