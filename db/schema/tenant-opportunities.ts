import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, numeric, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { buyerOrganisations, frameworks, suppliers } from './tenant';

/*
 * Further competition: a buyer publishes a requirement on a lot, suppliers on that lot respond, the buyer scores
 * and awards. The status is derived from the timestamps (modules/opportunities/status.ts), never stored.
 */
export const opportunities = pgTable(
  'opportunities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Short public reference shown to people, e.g. 10472. */
    reference: integer('reference').generatedByDefaultAsIdentity({ startWith: 10001 }).notNull().unique(),
    frameworkId: uuid('framework_id')
      .notNull()
      .references(() => frameworks.id, { onDelete: 'restrict' }),
    lot: text('lot').notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => buyerOrganisations.id, { onDelete: 'restrict' }),
    createdBy: uuid('created_by').notNull(),
    title: text('title').notNull(),
    /** Answers to the framework definition's "opportunity" question set. */
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    /** Chosen length in days among the tenant's options. */
    lengthDays: integer('length_days').notNull().default(14),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    questionsCloseAt: timestamp('questions_close_at', { withTimezone: true }),
    closesAt: timestamp('closes_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    unsuccessfulAt: timestamp('unsuccessful_at', { withTimezone: true }),
    awardedAt: timestamp('awarded_at', { withTimezone: true }),
    /** Chosen in the first award step; the award completes with the contract details. */
    pendingAwardResponseId: uuid('pending_award_response_id'),
    outcomeReason: text('outcome_reason'),
    copiedFrom: uuid('copied_from'),
    /** Optimistic locking: every write bumps it; a write with a stale version is refused. */
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('opportunities_published_idx').on(t.publishedAt),
    index('opportunities_organisation_idx').on(t.organisationId),
    index('opportunities_framework_lot_idx').on(t.frameworkId, t.lot),
  ],
);

/** Suppliers ask privately while the opportunity is live; the buyer publishes answers for everyone. */
export const opportunityQuestions = pgTable('opportunity_questions', {
  id: uuid('id').primaryKey().defaultRandom(),
  opportunityId: uuid('opportunity_id')
    .notNull()
    .references(() => opportunities.id, { onDelete: 'cascade' }),
  supplierId: uuid('supplier_id')
    .notNull()
    .references(() => suppliers.id, { onDelete: 'cascade' }),
  askedBy: uuid('asked_by').notNull(),
  question: text('question').notNull(),
  answer: text('answer'),
  answeredBy: uuid('answered_by'),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One response per supplier per opportunity: draft until submitted, frozen after the close. */
export const opportunityResponses = pgTable(
  'opportunity_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    opportunityId: uuid('opportunity_id')
      .notNull()
      .references(() => opportunities.id, { onDelete: 'cascade' }),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id, { onDelete: 'cascade' }),
    /** The supplier's live service on the lot that made it eligible. */
    serviceId: uuid('service_id'),
    createdBy: uuid('created_by').notNull(),
    /** Answers to the definition's "response" set plus evidence per requirement. */
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    /** Price in the tenant currency (e.g. day rate or total), for scoring and the award. */
    price: numeric('price', { precision: 16, scale: 2 }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('opportunity_responses_one_per_supplier').on(t.opportunityId, t.supplierId)],
);

/** The buyer's evaluation of one response (0-100 per criterion, weighted by the definition's scoring). */
export const responseEvaluations = pgTable('response_evaluations', {
  responseId: uuid('response_id')
    .primaryKey()
    .references(() => opportunityResponses.id, { onDelete: 'cascade' }),
  technical: integer('technical'),
  cultural: integer('cultural'),
  price: integer('price'),
  shortlisted: boolean('shortlisted').notNull().default(false),
  notes: text('notes'),
  evaluatedBy: uuid('evaluated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** People who asked not to receive new-opportunity alerts (deadline reminders and outcomes still come). */
export const opportunityAlertOptOuts = pgTable('opportunity_alert_opt_outs', {
  userId: uuid('user_id').primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
