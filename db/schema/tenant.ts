import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/*
 * Tables of one tenant. Defined unqualified: db/with-tenant.ts binds them to t_<slug> per transaction,
 * so a query outside withTenant() fails with "relation does not exist" instead of reading another tenant.
 * Keep references inside this file (same schema) so each tenant schema can move between Citus nodes as a unit.
 */

/** Append-only: the database rejects UPDATE, DELETE and TRUNCATE (see the audit migration). */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    /** A platform.users id; not a foreign key, to keep tenant schemas self-contained. */
    actorUserId: uuid('actor_user_id'),
    type: text('type').notNull(),
    objectType: text('object_type'),
    objectId: text('object_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [index('audit_events_time_idx').on(t.occurredAt)],
);

/** Organisations selling through this marketplace. Extended by the frameworks and catalogue work. */
export const suppliers = pgTable(
  'suppliers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    legalName: text('legal_name').notNull(),
    /** Per tenant: Companies House, business number, RUT... */
    registrationScheme: text('registration_scheme').notNull(),
    registrationNumber: text('registration_number').notNull(),
    /** micro | small | medium | large */
    organisationSize: text('organisation_size').notNull(),
    region: text('region'),
    description: text('description'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('suppliers_name_idx').on(t.legalName)],
);
