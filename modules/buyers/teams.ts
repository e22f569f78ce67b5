import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { buyerMembers, directAwardProjects } from '@/db/schema/tenant';
import { buyerTeamMembers, buyerTeams } from '@/db/schema/tenant-teams';
import type { TenantTx } from '@/db/with-tenant';
import { recordAuditEvent } from '@/modules/audit/record';

/*
 * Teams within a buyer organisation. Any member of the organisation may create a team and join or leave one;
 * a project shared with a team is visible only to that team's members (a project without a team is the whole
 * organisation's).
 */

export class TeamError extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

export async function teamIdsOf(tx: TenantTx, organisationId: string, userId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: buyerTeams.id })
    .from(buyerTeamMembers)
    .innerJoin(buyerTeams, eq(buyerTeams.id, buyerTeamMembers.teamId))
    .where(and(eq(buyerTeamMembers.userId, userId), eq(buyerTeams.organisationId, organisationId)));
  return rows.map((r) => r.id);
}

/** Projects this person may see: the organisation's own, plus those of the teams they belong to. */
export async function visibleProjectsCondition(tx: TenantTx, organisationId: string, userId: string): Promise<SQL> {
  const teams = await teamIdsOf(tx, organisationId, userId);
  return and(
    eq(directAwardProjects.organisationId, organisationId),
    teams.length > 0 ? or(isNull(directAwardProjects.teamId), inArray(directAwardProjects.teamId, teams)) : isNull(directAwardProjects.teamId),
  )!;
}

export async function listTeams(tx: TenantTx, organisationId: string, userId: string) {
  return tx
    .select({
      id: buyerTeams.id,
      name: buyerTeams.name,
      members: sql<number>`(select count(*)::int from ${buyerTeamMembers} m where m.team_id = ${buyerTeams.id})`,
      isMember: sql<boolean>`exists (select 1 from ${buyerTeamMembers} m where m.team_id = ${buyerTeams.id} and m.user_id = ${userId})`,
    })
    .from(buyerTeams)
    .where(eq(buyerTeams.organisationId, organisationId))
    .orderBy(asc(buyerTeams.name));
}

async function requireOrganisationMember(tx: TenantTx, organisationId: string, userId: string): Promise<void> {
  const [row] = await tx.select({ u: buyerMembers.userId }).from(buyerMembers).where(and(eq(buyerMembers.organisationId, organisationId), eq(buyerMembers.userId, userId))).limit(1);
  if (!row) throw new TeamError('teams.notMember');
}

export async function createTeam(tx: TenantTx, input: { organisationId: string; name: string; actor: string }): Promise<string> {
  await requireOrganisationMember(tx, input.organisationId, input.actor);
  const [row] = await tx
    .insert(buyerTeams)
    .values({ organisationId: input.organisationId, name: input.name, createdBy: input.actor })
    .onConflictDoNothing()
    .returning({ id: buyerTeams.id });
  if (!row) throw new TeamError('teams.nameTaken');
  // The creator is its first member.
  await tx.insert(buyerTeamMembers).values({ teamId: row.id, userId: input.actor });
  await recordAuditEvent(tx, { type: 'team.created', actorUserId: input.actor, objectType: 'team', objectId: row.id, data: { name: input.name } });
  return row.id;
}

export async function setTeamMembership(tx: TenantTx, input: { organisationId: string; teamId: string; actor: string; join: boolean }): Promise<void> {
  await requireOrganisationMember(tx, input.organisationId, input.actor);
  const [team] = await tx.select({ id: buyerTeams.id }).from(buyerTeams).where(and(eq(buyerTeams.id, input.teamId), eq(buyerTeams.organisationId, input.organisationId))).limit(1);
  if (!team) throw new TeamError('teams.notFound');
  if (input.join) await tx.insert(buyerTeamMembers).values({ teamId: team.id, userId: input.actor }).onConflictDoNothing();
  else await tx.delete(buyerTeamMembers).where(and(eq(buyerTeamMembers.teamId, team.id), eq(buyerTeamMembers.userId, input.actor)));
  await recordAuditEvent(tx, { type: input.join ? 'team.joined' : 'team.left', actorUserId: input.actor, objectType: 'team', objectId: team.id, data: {} });
}
