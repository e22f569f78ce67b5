import { and, count, desc, eq, isNotNull, isNull, lte, gt, sql, type SQL } from 'drizzle-orm';
import { buyerOrganisations, frameworks, services } from '@/db/schema/tenant';
import { opportunities, opportunityResponses } from '@/db/schema/tenant-opportunities';
import type { TenantTx } from '@/db/with-tenant';
import { withStatus, type Opportunity } from './service';
import type { OpportunityStatus } from './status';

export const PUBLIC_STATUSES = ['live', 'closed', 'awarded', 'cancelled', 'unsuccessful'] as const;
export type PublicStatusFilter = (typeof PUBLIC_STATUSES)[number];

/** The same rules as deriveOpportunityStatus, as SQL, so lists filter and paginate in the database. */
function statusCondition(status: PublicStatusFilter, now: Date): SQL {
  const open = and(isNull(opportunities.withdrawnAt), isNull(opportunities.awardedAt), isNull(opportunities.cancelledAt), isNull(opportunities.unsuccessfulAt));
  switch (status) {
    case 'live':
      return and(open, gt(opportunities.closesAt, now))!;
    case 'closed':
      return and(open, lte(opportunities.closesAt, now))!;
    case 'awarded':
      return and(isNull(opportunities.withdrawnAt), isNotNull(opportunities.awardedAt))!;
    case 'cancelled':
      return and(isNull(opportunities.withdrawnAt), isNull(opportunities.awardedAt), isNotNull(opportunities.cancelledAt))!;
    case 'unsuccessful':
      return and(isNull(opportunities.withdrawnAt), isNull(opportunities.awardedAt), isNull(opportunities.cancelledAt), isNotNull(opportunities.unsuccessfulAt))!;
  }
}

export interface OpportunityListItem extends Opportunity {
  organisationName: string;
  frameworkSlug: string;
  frameworkName: Record<string, string>;
  responseCount: number;
}

const PAGE_SIZE = 20;

/** Published opportunities anyone may read (never drafts, never withdrawn ones). */
export async function listPublicOpportunities(
  tx: TenantTx,
  filters: { status?: PublicStatusFilter; lot?: string; page: number },
  now = new Date(),
): Promise<{ items: OpportunityListItem[]; total: number; pageSize: number }> {
  const where = and(
    isNotNull(opportunities.publishedAt),
    isNull(opportunities.withdrawnAt),
    filters.status ? statusCondition(filters.status, now) : undefined,
    filters.lot ? eq(opportunities.lot, filters.lot) : undefined,
  );
  const [{ total }] = (await tx.select({ total: count() }).from(opportunities).where(where)) as [{ total: number }];
  const rows = await tx
    .select({
      o: opportunities,
      organisationName: buyerOrganisations.name,
      frameworkSlug: frameworks.slug,
      frameworkName: frameworks.name,
      responseCount: sql<number>`(select count(*)::int from ${opportunityResponses} r where r.opportunity_id = ${opportunities.id} and r.submitted_at is not null)`,
    })
    .from(opportunities)
    .innerJoin(buyerOrganisations, eq(buyerOrganisations.id, opportunities.organisationId))
    .innerJoin(frameworks, eq(frameworks.id, opportunities.frameworkId))
    .where(where)
    .orderBy(desc(opportunities.publishedAt), desc(opportunities.reference))
    .limit(PAGE_SIZE)
    .offset((Math.max(1, filters.page) - 1) * PAGE_SIZE);
  return {
    items: rows.map((r) => ({ ...withStatus(r.o, now), organisationName: r.organisationName, frameworkSlug: r.frameworkSlug, frameworkName: r.frameworkName, responseCount: r.responseCount })),
    total,
    pageSize: PAGE_SIZE,
  };
}

export async function listOrganisationOpportunities(tx: TenantTx, organisationId: string, now = new Date()): Promise<Opportunity[]> {
  const rows = await tx.select().from(opportunities).where(eq(opportunities.organisationId, organisationId)).orderBy(desc(opportunities.createdAt));
  return rows.map((r) => withStatus(r, now));
}

/** Live opportunities on lots where the supplier has a live service, plus every opportunity it responded to. */
export async function listSupplierOpportunities(tx: TenantTx, supplierId: string, now = new Date()) {
  const rows = await tx
    .select({ o: opportunities, submittedAt: opportunityResponses.submittedAt, responseId: opportunityResponses.id })
    .from(opportunities)
    .leftJoin(opportunityResponses, and(eq(opportunityResponses.opportunityId, opportunities.id), eq(opportunityResponses.supplierId, supplierId)))
    .where(
      and(
        isNotNull(opportunities.publishedAt),
        sql`(${opportunityResponses.id} is not null or (${statusCondition('live', now)} and exists (
          select 1 from ${services} s where s.supplier_id = ${supplierId} and s.framework_id = ${opportunities.frameworkId}
            and s.lot = ${opportunities.lot} and s.status = 'published')))`,
      ),
    )
    .orderBy(desc(opportunities.publishedAt));
  return rows.map((r) => ({ ...withStatus(r.o, now), responseId: r.responseId, submittedAt: r.submittedAt }));
}

export type { OpportunityStatus };
