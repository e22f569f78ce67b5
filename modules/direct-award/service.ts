import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { teamIdsOf, visibleProjectsCondition } from '@/modules/buyers/teams';
import { createCallOffContract, serviceFrameworkAndLot } from '@/modules/contracts/create';
import { buyerMembers, buyerOrganisations, directAwardProjects, outcomes, projectSnapshots } from '@/db/schema/tenant';
import type { TenantTx } from '@/db/with-tenant';
import { recordAuditEvent } from '@/modules/audit/record';
import { emitOcdsEvent } from '@/modules/ocds/domain-events';
import { COUNT_CAP, PAGE_SIZE, searchCatalogue, type CatalogueQuery } from '@/modules/catalogue/search';
import type { SearchFilter } from '@/modules/frameworks/search-filters';

/*
 * Direct award (the route most catalogue money went through): save a search as a project, end it to freeze
 * the results as snapshots, download the shortlist, record the outcome. Projects belong to the buyer's
 * organisation, so colleagues share them.
 */

export class ProjectError extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

export type Project = typeof directAwardProjects.$inferSelect;

export async function findBuyerOrganisation(tx: TenantTx, userId: string) {
  const [row] = await tx
    .select({ organisation: buyerOrganisations })
    .from(buyerMembers)
    .innerJoin(buyerOrganisations, eq(buyerOrganisations.id, buyerMembers.organisationId))
    .where(eq(buyerMembers.userId, userId))
    .limit(1);
  return row?.organisation ?? null;
}

export async function createProject(
  tx: TenantTx,
  input: { organisationId: string; userId: string; name: string; searchQuery: string; teamId?: string | null },
): Promise<string> {
  // Shared with a team only by one of its members.
  if (input.teamId && !(await teamIdsOf(tx, input.organisationId, input.userId)).includes(input.teamId)) throw new ProjectError('projects.notInTeam');
  const [row] = await tx
    .insert(directAwardProjects)
    .values({ organisationId: input.organisationId, createdBy: input.userId, name: input.name, searchQuery: input.searchQuery, teamId: input.teamId ?? null })
    .returning({ id: directAwardProjects.id });
  await recordAuditEvent(tx, { type: 'project.created', actorUserId: input.userId, objectType: 'project', objectId: row!.id, data: { searchQuery: input.searchQuery, teamId: input.teamId ?? null } });
  return row!.id;
}

/** The projects this person may see: the organisation's, and those of their teams. */
export async function listProjects(tx: TenantTx, organisationId: string, viewerId: string): Promise<Project[]> {
  return tx.select().from(directAwardProjects).where(await visibleProjectsCondition(tx, organisationId, viewerId)).orderBy(desc(directAwardProjects.createdAt));
}

/**
 * A project this person may see: another organisation's id, or another team's project, answers like a missing
 * one.
 */
export async function findProject(tx: TenantTx, organisationId: string, projectId: string, viewerId: string): Promise<Project | null> {
  const [row] = await tx
    .select()
    .from(directAwardProjects)
    .where(and(eq(directAwardProjects.id, projectId), await visibleProjectsCondition(tx, organisationId, viewerId)))
    .limit(1);
  return row ?? null;
}

export async function updateProjectSearch(tx: TenantTx, project: Project, searchQuery: string, actor: string): Promise<void> {
  if (project.searchEndedAt) throw new ProjectError('projects.alreadyEnded');
  await tx.update(directAwardProjects).set({ searchQuery }).where(eq(directAwardProjects.id, project.id));
  await recordAuditEvent(tx, { type: 'project.search_changed', actorUserId: actor, objectType: 'project', objectId: project.id, data: { searchQuery } });
}

/** Freezes the current results (up to the cap) as snapshots; later supplier edits do not change them. */
export async function endSearch(
  tx: TenantTx,
  project: Project,
  query: CatalogueQuery,
  options: { config: string; filterDefs: SearchFilter[]; typoTolerant?: boolean },
  actor: string,
): Promise<number> {
  // Lock the project: a double submit waits here and then sees the search already ended.
  const [fresh] = await tx.select().from(directAwardProjects).where(eq(directAwardProjects.id, project.id)).for('update');
  if (!fresh || fresh.searchEndedAt) throw new ProjectError('projects.alreadyEnded');
  const ids: string[] = [];
  for (let page = 1; page <= Math.ceil(COUNT_CAP / PAGE_SIZE); page++) {
    const result = await searchCatalogue(tx, { ...query, page, sort: 'supplier' }, { ...options, snippetQuestion: undefined });
    // A page stopped by the statement timeout would freeze part of the results as if they were all.
    if (result.timedOut) throw new ProjectError('catalogueSearch.timedOut');
    ids.push(...result.hits.map((h) => h.id));
    if (result.hits.length < PAGE_SIZE) break;
  }
  if (ids.length === 0) throw new ProjectError('projects.noResults');
  let position = 0;
  for (const id of ids) {
    const [row] = await tx.execute<{ id: string; supplier_id: string; legal_name: string; slug: string; lot: string; answers: Record<string, unknown> }>(
      // Snapshot the service as it is right now.
      sql`select s.id, s.supplier_id, p.legal_name, f.slug, s.lot, s.answers from services s join suppliers p on p.id = s.supplier_id join frameworks f on f.id = s.framework_id where s.id = ${id}`,
    );
    if (!row) continue;
    await tx.insert(projectSnapshots).values({
      projectId: project.id,
      serviceId: row.id,
      position: position++,
      supplierId: row.supplier_id,
      supplierName: row.legal_name,
      frameworkSlug: row.slug,
      lot: row.lot,
      answers: row.answers,
    });
  }
  await tx.update(directAwardProjects).set({ searchEndedAt: new Date() }).where(eq(directAwardProjects.id, project.id));
  await recordAuditEvent(tx, { type: 'project.search_ended', actorUserId: actor, objectType: 'project', objectId: project.id, data: { results: position } });
  return position;
}

export async function listSnapshots(tx: TenantTx, projectId: string) {
  return tx.select().from(projectSnapshots).where(eq(projectSnapshots.projectId, projectId)).orderBy(asc(projectSnapshots.position));
}

export interface OutcomeInput {
  result: 'awarded' | 'cancelled' | 'none_suitable';
  serviceId?: string;
  value?: string;
  startDate?: string;
  endDate?: string;
}

/** The outcome of an ended project; an award must name a service from the frozen shortlist. */
export async function recordOutcome(
  tx: TenantTx,
  project: Project,
  input: OutcomeInput,
  actor: string,
  terms: { currency: string; awardedOn?: string },
): Promise<string> {
  await tx.select({ id: directAwardProjects.id }).from(directAwardProjects).where(eq(directAwardProjects.id, project.id)).for('update');
  if (!project.searchEndedAt) throw new ProjectError('projects.notEnded');
  const [existing] = await tx.select({ id: outcomes.id }).from(outcomes).where(eq(outcomes.projectId, project.id)).limit(1);
  if (existing) throw new ProjectError('projects.outcomeRecorded');
  let supplierId: string | null = null;
  if (input.result === 'awarded') {
    const [snapshot] = await tx
      .select()
      .from(projectSnapshots)
      .where(and(eq(projectSnapshots.projectId, project.id), eq(projectSnapshots.serviceId, input.serviceId ?? '00000000-0000-0000-0000-000000000000')))
      .limit(1);
    if (!snapshot) throw new ProjectError('projects.serviceNotShortlisted');
    supplierId = snapshot.supplierId;
  }
  const [row] = await tx
    .insert(outcomes)
    .values({
      projectId: project.id,
      result: input.result,
      organisationId: project.organisationId,
      supplierId,
      serviceId: input.result === 'awarded' ? input.serviceId : null,
      value: input.result === 'awarded' ? input.value : null,
      startDate: input.result === 'awarded' ? input.startDate : null,
      endDate: input.result === 'awarded' ? input.endDate : null,
      recordedBy: actor,
    })
    .returning({ id: outcomes.id });
  await recordAuditEvent(tx, { type: 'project.outcome_recorded', actorUserId: actor, objectType: 'project', objectId: project.id, data: { ...input } });
  if (input.result === 'awarded') {
    if (!input.value || !input.startDate || !input.endDate) throw new ProjectError('projects.awardDetailsMissing');
    const placement = await serviceFrameworkAndLot(tx, input.serviceId!);
    if (!placement) throw new ProjectError('projects.serviceNotShortlisted');
    await createCallOffContract(tx, {
      route: 'direct_award',
      outcomeId: row!.id,
      ...placement,
      organisationId: project.organisationId,
      supplierId: supplierId!,
      serviceId: input.serviceId,
      title: project.name,
      value: input.value,
      currency: terms.currency,
      startDate: input.startDate,
      endDate: input.endDate,
      awardedOn: terms.awardedOn ?? new Date().toISOString().slice(0, 10),
      createdBy: actor,
    });
    // An award is a call-off: its own contracting process, published as OCDS (nothing for cancelled/none suitable).
    await emitOcdsEvent(tx, { type: 'direct_award', outcomeId: row!.id });
  }
  return row!.id;
}

export async function findOutcome(tx: TenantTx, projectId: string) {
  const [row] = await tx.select().from(outcomes).where(eq(outcomes.projectId, projectId)).limit(1);
  return row ?? null;
}


