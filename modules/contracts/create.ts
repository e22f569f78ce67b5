import { eq } from 'drizzle-orm';
import { services } from '@/db/schema/tenant';
import { contracts, contractVersions } from '@/db/schema/tenant-contracts';
import type { TenantTx } from '@/db/with-tenant';
import { recordAuditEvent } from '@/modules/audit/record';

export interface NewCallOffContract {
  route: 'direct_award' | 'further_competition';
  outcomeId?: string;
  opportunityId?: string;
  frameworkId: string;
  lot: string;
  organisationId: string;
  supplierId: string;
  serviceId?: string | null;
  title: string;
  /** Decimal string, excluding tax, in the tenant currency. */
  value: string;
  currency: string;
  startDate: string;
  endDate: string;
  awardedOn: string;
  /** Initial values for the framework's call-off template fields and standard terms. */
  terms?: Record<string, unknown>;
  createdBy: string;
}

/**
 * Every award (direct or after a competition) becomes a call-off contract record in the same transaction, so
 * spend figures and open data never miss an award. Version 1 is drafted; the parties then complete and sign it.
 */
export async function createCallOffContract(tx: TenantTx, input: NewCallOffContract): Promise<{ id: string; reference: number }> {
  const [row] = await tx
    .insert(contracts)
    .values({
      route: input.route,
      outcomeId: input.outcomeId ?? null,
      opportunityId: input.opportunityId ?? null,
      frameworkId: input.frameworkId,
      lot: input.lot,
      organisationId: input.organisationId,
      supplierId: input.supplierId,
      serviceId: input.serviceId ?? null,
      title: input.title,
      value: input.value,
      currency: input.currency,
      startDate: input.startDate,
      endDate: input.endDate,
      awardedOn: input.awardedOn,
      createdBy: input.createdBy,
    })
    .returning({ id: contracts.id, reference: contracts.reference });
  await tx.insert(contractVersions).values({
    contractId: row!.id,
    version: 1,
    terms: input.terms ?? {},
    value: input.value,
    startDate: input.startDate,
    endDate: input.endDate,
    createdBy: input.createdBy,
  });
  await recordAuditEvent(tx, {
    type: 'contract.created',
    actorUserId: input.createdBy,
    objectType: 'contract',
    objectId: row!.id,
    data: { route: input.route, supplierId: input.supplierId, value: input.value, currency: input.currency },
  });
  return row!;
}

/** The framework and lot of a service, which a direct award inherits. */
export async function serviceFrameworkAndLot(tx: TenantTx, serviceId: string): Promise<{ frameworkId: string; lot: string } | null> {
  const [row] = await tx.select({ frameworkId: services.frameworkId, lot: services.lot }).from(services).where(eq(services.id, serviceId)).limit(1);
  return row ?? null;
}
