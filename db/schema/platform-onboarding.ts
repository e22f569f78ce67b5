import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './columns';
import { platform, tenants } from './platform';


/*
 * Onboarding, lifecycle and billing state of the platform. Kept out of platform.tenants so the tenant row stays
 * the registry the proxy reads, and so a draft can exist (and be resumed) before any tenant does.
 */

/** A marketplace being set up with the wizard, or requested by an authority (self-serve sign-up). */
export const tenantDrafts = platform.table(
  'tenant_drafts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** requested | draft | provisioning | failed | live | rejected */
    status: text('status').notNull().default('draft'),
    /** Wizard answers so far, validated step by step (modules/onboarding/wizard-schema.ts). */
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    /** Steps completed, in order; the wizard resumes at the first one missing. */
    completedSteps: jsonb('completed_steps').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    logo: bytea('logo'),
    logoContentType: text('logo_content_type'),
    /** Provisioning steps done so far (shown as progress) and, when it failed, why. */
    progress: jsonb('progress').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    error: text('error'),
    /** The tenant this draft created (no foreign key: a failed tenant is removed, the draft stays). */
    tenantId: uuid('tenant_id'),
    createdBy: uuid('created_by'),
    /** Self-serve sign-up: who asked, and for what. */
    requesterEmail: text('requester_email'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('tenant_drafts_status_idx').on(t.status, t.updatedAt)],
);

/** One billing record per tenant: the plan and, when Stripe is configured, its customer and subscription. */
export const tenantBilling = platform.table('tenant_billing', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  /** A plan id from modules/billing/plans.ts. */
  plan: text('plan').notNull(),
  stripeCustomerId: text('stripe_customer_id').unique(),
  stripeSubscriptionId: text('stripe_subscription_id'),
  /** Stripe's subscription status (active, past_due, unpaid, canceled...), null without a subscription. */
  subscriptionStatus: text('subscription_status'),
  /** Creation time of the newest Stripe event applied: an older event arriving late changes nothing. */
  lastEventAt: timestamp('last_event_at', { withTimezone: true }),
  /** When payment first failed; past the grace period the tenant is suspended. */
  pastDueSince: timestamp('past_due_since', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Stripe events already processed (webhooks arrive at least once). */
export const stripeEvents = platform.table('stripe_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A tenant's own OpenID Connect provider (e.g. a government identity service) for signing in to that tenant only.
 * The client secret is encrypted with a key derived from AUTH_SECRET (modules/onboarding/oidc.ts).
 */
export const tenantIdentityProviders = platform.table('tenant_identity_providers', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  issuer: text('issuer').notNull(),
  clientId: text('client_id').notNull(),
  clientSecretEncrypted: text('client_secret_encrypted').notNull(),
  /** Button text, e.g. "GOV.UK One Login". */
  label: text('label').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
