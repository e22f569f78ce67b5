import { sql } from 'drizzle-orm';
import { customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

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

/** A framework iteration: its definition (rules as data) and its dates; the status is derived, not stored. */
export const frameworks = pgTable('frameworks', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  /** Localised name, e.g. { en: 'Cloud Services 14', cy: '...' }. */
  name: jsonb('name').$type<Record<string, string>>().notNull(),
  /** The template or framework it was created from, for "copy a previous iteration". */
  basedOn: text('based_on'),
  definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
  definitionVersion: integer('definition_version').notNull().default(1),
  schedule: jsonb('schedule').$type<Record<string, string>>().notNull(),
  /** Audited manual override of the derived status (null: follow the dates). */
  statusOverride: text('status_override'),
  statusOverrideReason: text('status_override_reason'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Every saved definition, so an application can always be read against the rules it was made under. */
export const frameworkDefinitionVersions = pgTable(
  'framework_definition_versions',
  {
    frameworkId: uuid('framework_id')
      .notNull()
      .references(() => frameworks.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.frameworkId, t.version] })],
);

/** People acting for a supplier organisation (platform.users ids). */
export const supplierMembers = pgTable(
  'supplier_members',
  {
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull(),
    role: text('role').notNull().default('member'),
    /** Null while an invitation waits for the person to accept it: nobody is attached without consent. */
    acceptedAt: timestamp('accepted_at', { withTimezone: true }).defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.supplierId, t.userId] }), index('supplier_members_user_idx').on(t.userId)],
);

/** A supplier's application to a framework: declaration, result and agreement. */
export const supplierFrameworks = pgTable(
  'supplier_frameworks',
  {
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id, { onDelete: 'cascade' }),
    frameworkId: uuid('framework_id')
      .notNull()
      .references(() => frameworks.id, { onDelete: 'cascade' }),
    declaration: jsonb('declaration').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    /** started | complete */
    declarationStatus: text('declaration_status').notNull().default('started'),
    /** pass | fail | discretionary (awaiting a decision) — set at assessment. */
    result: text('result'),
    resultReason: text('result_reason'),
    agreementSignedAt: timestamp('agreement_signed_at', { withTimezone: true }),
    agreementSignerName: text('agreement_signer_name'),
    agreementSignerRole: text('agreement_signer_role'),
    agreementCountersignedAt: timestamp('agreement_countersigned_at', { withTimezone: true }),
    /** A later deadline granted to this supplier only. */
    deadlineExtendedUntil: timestamp('deadline_extended_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.supplierId, t.frameworkId] })],
);

/** Services per lot: drafts during applications, published to the catalogue when the framework goes live. */
export const services = pgTable(
  'services',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id, { onDelete: 'cascade' }),
    frameworkId: uuid('framework_id')
      .notNull()
      .references(() => frameworks.id, { onDelete: 'cascade' }),
    lot: text('lot').notNull(),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    /** draft | complete (submitted with the application) | published | enabled (hidden) | disabled */
    status: text('status').notNull().default('draft'),
    /** Full-text document of the published answers, in the tenant's content language (catalogue search). */
    searchDocument: tsvector('search_document'),
    /** An edit to a live service waiting for approval (when the framework requires it). */
    pendingAnswers: jsonb('pending_answers').$type<Record<string, unknown>>(),
    pendingSince: timestamp('pending_since', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('services_framework_lot_idx').on(t.frameworkId, t.lot, t.status),
    index('services_supplier_idx').on(t.supplierId),
    index('services_search_idx').using('gin', t.searchDocument),
  ],
);

/** Clarification questions from suppliers while a framework is open; answers are published to everyone. */
export const clarificationQuestions = pgTable('clarification_questions', {
  id: uuid('id').primaryKey().defaultRandom(),
  frameworkId: uuid('framework_id')
    .notNull()
    .references(() => frameworks.id, { onDelete: 'cascade' }),
  askedBy: uuid('asked_by'),
  question: text('question').notNull(),
  answer: text('answer'),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Per-tenant settings the database itself needs (e.g. the text-search configuration of the content language). */
export const tenantSettings = pgTable('tenant_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Public bodies that buy through this marketplace; people join by email domain or an administrator adds them. */
export const buyerOrganisations = pgTable('buyer_organisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** central | local | health | education | devolved | other */
  organisationType: text('organisation_type').notNull(),
  emailDomains: jsonb('email_domains').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const buyerMembers = pgTable(
  'buyer_members',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => buyerOrganisations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.userId] }), index('buyer_members_user_idx').on(t.userId)],
);

/** A direct award project: a saved catalogue search, ended (results frozen), then an outcome. */
export const directAwardProjects = pgTable('direct_award_projects', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id')
    .notNull()
    .references(() => buyerOrganisations.id, { onDelete: 'cascade' }),
  createdBy: uuid('created_by').notNull(),
  name: text('name').notNull(),
  /** Shared with one team of the organisation (buyer_teams); null: the whole organisation. */
  teamId: uuid('team_id'),
  /** The catalogue search as URL parameters, so it can be reopened and changed. */
  searchQuery: text('search_query').notNull().default(''),
  searchEndedAt: timestamp('search_ended_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The services as they were when the search ended: evidence that later supplier edits cannot change. */
export const projectSnapshots = pgTable(
  'project_snapshots',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => directAwardProjects.id, { onDelete: 'cascade' }),
    serviceId: uuid('service_id').notNull(),
    position: integer('position').notNull(),
    supplierId: uuid('supplier_id').notNull(),
    supplierName: text('supplier_name').notNull(),
    frameworkSlug: text('framework_slug').notNull(),
    lot: text('lot').notNull(),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.serviceId] })],
);

/** One outcome record for both routes (direct award now; opportunities later): awarded, cancelled or none suitable. */
export const outcomes = pgTable('outcomes', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** At most one outcome per project (unique), even under a double submit. */
  projectId: uuid('project_id')
    .unique()
    .references(() => directAwardProjects.id, { onDelete: 'cascade' }),
  result: text('result').notNull(),
  organisationId: uuid('organisation_id').notNull(),
  supplierId: uuid('supplier_id'),
  serviceId: uuid('service_id'),
  value: text('value'),
  startDate: text('start_date'),
  endDate: text('end_date'),
  recordedBy: uuid('recorded_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** People asking to join a buyer organisation whose email domain did not match; an administrator decides. */
export const buyerAccessRequests = pgTable('buyer_access_requests', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id')
    .notNull()
    .references(() => buyerOrganisations.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull(),
  reason: text('reason').notNull(),
  /** pending | approved | rejected */
  status: text('status').notNull().default('pending'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A person's saved catalogue search: an email digest when new or updated services match it. */
export const searchAlerts = pgTable(
  'search_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    searchQuery: text('search_query').notNull(),
    lastCheckedAt: timestamp('last_checked_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('search_alerts_user_idx').on(t.userId)],
);
