import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, numeric, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { buyerOrganisations, frameworks, outcomes, suppliers } from './tenant';
import { opportunities } from './tenant-opportunities';

/*
 * Call-off contracts: created by a direct-award outcome or an awarded opportunity, built from the framework's
 * call-off template. The contract row holds the current terms (what spend figures and open data read); every
 * version, including the first, is kept in contract_versions so a variation never loses history.
 */
export const contracts = pgTable(
  'contracts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reference: integer('reference').generatedByDefaultAsIdentity({ startWith: 50001 }).notNull().unique(),
    /** direct_award | further_competition */
    route: text('route').notNull(),
    outcomeId: uuid('outcome_id')
      .unique()
      .references(() => outcomes.id, { onDelete: 'restrict' }),
    opportunityId: uuid('opportunity_id')
      .unique()
      .references(() => opportunities.id, { onDelete: 'restrict' }),
    frameworkId: uuid('framework_id')
      .notNull()
      .references(() => frameworks.id, { onDelete: 'restrict' }),
    lot: text('lot').notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => buyerOrganisations.id, { onDelete: 'restrict' }),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id, { onDelete: 'restrict' }),
    serviceId: uuid('service_id'),
    title: text('title').notNull(),
    /** Total value excluding tax, in the tenant currency. */
    value: numeric('value', { precision: 16, scale: 2 }).notNull(),
    currency: text('currency').notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    /** The date the award was decided (what spend-over-time charts use). */
    awardedOn: date('awarded_on').notNull(),
    /** The version in force (both parties signed) and the latest drafted one. */
    currentVersion: integer('current_version').notNull().default(1),
    /** drafted | awaiting_signatures | active | terminated — derived from versions/signatures, stored for lists. */
    status: text('status').notNull().default('drafted'),
    terminatedAt: timestamp('terminated_at', { withTimezone: true }),
    terminationReason: text('termination_reason'),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('contracts_awarded_on_idx').on(t.awardedOn),
    index('contracts_organisation_idx').on(t.organisationId),
    index('contracts_supplier_idx').on(t.supplierId),
  ],
);

/** Every version of the terms; a variation adds one and keeps the old ones (a diff is computed between them). */
export const contractVersions = pgTable(
  'contract_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /**
     * The call-off template's fields plus the standard terms: extension options, deliverables, charges, key staff,
     * special terms.
     */
    terms: jsonb('terms').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    value: numeric('value', { precision: 16, scale: 2 }).notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    /** Why this version exists: null for the original, the variation's reason after. */
    variationReason: text('variation_reason'),
    /** A proposed variation the buyer withdrew before both sides signed it (kept for the record, never signable). */
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('contract_versions_number').on(t.contractId, t.version)],
);

/** Statements of work under a contract: scope, milestones with acceptance criteria, price. */
export const statementsOfWork = pgTable(
  'statements_of_work',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    scope: text('scope').notNull(),
    /** [{ title, dueDate, acceptanceCriteria, price }] */
    milestones: jsonb('milestones').$type<Record<string, unknown>[]>().notNull().default(sql`'[]'::jsonb`),
    acceptanceCriteria: text('acceptance_criteria'),
    price: numeric('price', { precision: 16, scale: 2 }).notNull(),
    /** drafted | awaiting_signatures | active | completed */
    status: text('status').notNull().default('drafted'),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('statements_of_work_number').on(t.contractId, t.number)],
);

/** Signatures of a document version by one side. A new version needs new signatures. */
export const signatures = pgTable(
  'signatures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** contract | statement_of_work */
    documentType: text('document_type').notNull(),
    documentId: uuid('document_id').notNull(),
    documentVersion: integer('document_version').notNull(),
    /** buyer | supplier */
    side: text('side').notNull(),
    userId: uuid('user_id').notNull(),
    signerName: text('signer_name').notNull(),
    signerRole: text('signer_role').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('signatures_once_per_side').on(t.documentType, t.documentId, t.documentVersion, t.side)],
);
