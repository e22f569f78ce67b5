import { index, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { buyerOrganisations } from './tenant';

/** Teams within a buyer organisation: a project shared with a team is visible to its members only. */
export const buyerTeams = pgTable(
  'buyer_teams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => buyerOrganisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('buyer_teams_name_per_organisation').on(t.organisationId, t.name)],
);

export const buyerTeamMembers = pgTable(
  'buyer_team_members',
  {
    teamId: uuid('team_id')
      .notNull()
      .references(() => buyerTeams.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('buyer_team_members_user_idx').on(t.userId)],
);
