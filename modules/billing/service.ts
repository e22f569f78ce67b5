import { and, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Database } from '@/db/client';
import { tenants } from '@/db/schema/platform';
import { stripeEvents, tenantBilling } from '@/db/schema/platform-onboarding';
import { quoteIdent, tenantSchemaName } from '@/db/tenant-schema';
import { auditEvents } from '@/db/schema/tenant';
import { recordPlatformAuditEvent } from '@/modules/audit/record';
import { changeTenantStatus } from '@/modules/onboarding/lifecycle';
import { forgetCachedTenants } from '@/tenants/registry';
import { DEFAULT_PLAN, findPlan, gracePeriodDays, planForPrice, planPriceId, type Plan } from './plans';
import { stripeClient } from './stripe-client';

export class BillingError extends Error {
  constructor(readonly code: 'notConfigured' | 'priceMissing' | 'noCustomer' | 'unknownPlan' | 'notFound') {
    super(code);
  }
}

export async function billingFor(db: Database, tenantId: string) {
  const [row] = await db.select().from(tenantBilling).where(eq(tenantBilling.tenantId, tenantId)).limit(1);
  return row ?? null;
}

async function ensureBillingRow(db: Database, tenantId: string) {
  await db.insert(tenantBilling).values({ tenantId, plan: DEFAULT_PLAN }).onConflictDoNothing();
  return (await billingFor(db, tenantId))!;
}

/** The operator sets a plan by hand (e.g. agreed outside Stripe, or without Stripe configured). */
export async function setPlan(db: Database, tenantId: string, planId: string, actorUserId: string | null): Promise<void> {
  if (!findPlan(planId)) throw new BillingError('unknownPlan');
  await ensureBillingRow(db, tenantId);
  await db.transaction(async (tx) => {
    await tx.update(tenantBilling).set({ plan: planId, updatedAt: new Date() }).where(eq(tenantBilling.tenantId, tenantId));
    await recordPlatformAuditEvent(tx, { type: 'billing.plan_set', tenantId, actorUserId, objectType: 'tenant', objectId: tenantId, data: { plan: planId } });
  });
}

/** One Stripe customer per tenant, created on first need and remembered. */
export async function ensureCustomer(db: Database, tenant: { id: string; slug: string; name: string; email?: string }): Promise<string> {
  const stripe = stripeClient();
  if (!stripe) throw new BillingError('notConfigured');
  const billing = await ensureBillingRow(db, tenant.id);
  if (billing.stripeCustomerId) return billing.stripeCustomerId;
  const customer = await stripe.customers.create(
    { name: tenant.name, email: tenant.email, metadata: { tenant_id: tenant.id, tenant_slug: tenant.slug } },
    { idempotencyKey: `customer-${tenant.id}` },
  );
  await db.update(tenantBilling).set({ stripeCustomerId: customer.id, updatedAt: new Date() }).where(eq(tenantBilling.tenantId, tenant.id));
  return customer.id;
}

function paidPlan(planId: string): { plan: Plan; price: string } {
  const plan = findPlan(planId);
  if (!plan) throw new BillingError('unknownPlan');
  const price = planPriceId(plan);
  if (!price) throw new BillingError('priceMissing');
  return { plan, price };
}

/** Stripe Checkout (card payment) for a paid plan; returns the page to send the payer to. */
export async function startCheckout(db: Database, tenant: { id: string; slug: string; name: string; email?: string }, planId: string, returnUrl: string): Promise<string> {
  const stripe = stripeClient();
  if (!stripe) throw new BillingError('notConfigured');
  const { price } = paidPlan(planId);
  const customer = await ensureCustomer(db, tenant);
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    customer,
    client_reference_id: tenant.id,
    line_items: [{ price, quantity: 1 }],
    subscription_data: { metadata: { tenant_id: tenant.id } },
    success_url: `${returnUrl}?checkout=done`,
    cancel_url: `${returnUrl}?checkout=cancelled`,
  });
  return session.url ?? returnUrl;
}

/** Public bodies pay by invoice: a subscription with collection_method send_invoice and the plan's payment terms. */
export async function startInvoiceSubscription(db: Database, tenant: { id: string; slug: string; name: string; email?: string }, planId: string, actorUserId: string | null): Promise<string> {
  const stripe = stripeClient();
  if (!stripe) throw new BillingError('notConfigured');
  const { plan, price } = paidPlan(planId);
  const customer = await ensureCustomer(db, tenant);
  const subscription = await stripe.subscriptions.create(
    {
      customer,
      items: [{ price }],
      collection_method: 'send_invoice',
      days_until_due: plan.invoiceDaysUntilDue,
      metadata: { tenant_id: tenant.id },
    },
    { idempotencyKey: `subscription-${tenant.id}-${plan.id}` },
  );
  await db.transaction(async (tx) => {
    await tx
      .update(tenantBilling)
      .set({ stripeSubscriptionId: subscription.id, subscriptionStatus: subscription.status, plan: plan.id, updatedAt: new Date() })
      .where(eq(tenantBilling.tenantId, tenant.id));
    await recordPlatformAuditEvent(tx, { type: 'billing.subscription_started', tenantId: tenant.id, actorUserId, objectType: 'subscription', objectId: subscription.id, data: { plan: plan.id, collection: 'send_invoice' } });
  });
  return subscription.id;
}

export async function portalLink(db: Database, tenantId: string, returnUrl: string): Promise<string> {
  const stripe = stripeClient();
  if (!stripe) throw new BillingError('notConfigured');
  const billing = await billingFor(db, tenantId);
  if (!billing?.stripeCustomerId) throw new BillingError('noCustomer');
  const session = await stripe.billingPortal.sessions.create({ customer: billing.stripeCustomerId, return_url: returnUrl });
  return session.url;
}

export type WebhookOutcome = 'applied' | 'duplicate' | 'stale' | 'ignored';

const PAST_DUE = new Set(['past_due', 'unpaid']);

/**
 * Applies one verified Stripe event, exactly once: the event id is stored in the same transaction as the change,
 * so a redelivery finds it and changes nothing. Events older than the last one applied to a tenant's
 * subscription (Stripe does not promise order) are recorded but do not overwrite newer state.
 */
export async function applyStripeEvent(db: Database, event: Stripe.Event, now = new Date()): Promise<WebhookOutcome> {
  const outcome = await db.transaction(async (tx) => {
    const inserted = await tx.insert(stripeEvents).values({ id: event.id, type: event.type }).onConflictDoNothing().returning({ id: stripeEvents.id });
    if (inserted.length === 0) return 'duplicate' as const;
    const object = event.data.object as unknown as Record<string, unknown>;
    const customerId = typeof object.customer === 'string' ? object.customer : null;
    const metadata = (object.metadata ?? {}) as Record<string, string>;
    const tenantRef = metadata.tenant_id ?? (typeof object.client_reference_id === 'string' ? object.client_reference_id : null);
    const [billing] = await tx
      .select()
      .from(tenantBilling)
      .where(tenantRef && /^[0-9a-f-]{36}$/i.test(tenantRef) ? eq(tenantBilling.tenantId, tenantRef) : customerId ? eq(tenantBilling.stripeCustomerId, customerId) : sql`false`)
      .for('update')
      .limit(1);
    if (!billing) return 'ignored' as const;
    const created = new Date(event.created * 1000);
    if (billing.lastEventAt && created < billing.lastEventAt) return 'stale' as const;
    const change: Partial<typeof tenantBilling.$inferInsert> = { lastEventAt: created, updatedAt: now };
    switch (event.type) {
      case 'checkout.session.completed': {
        if (typeof object.subscription === 'string') change.stripeSubscriptionId = object.subscription;
        if (customerId && !billing.stripeCustomerId) change.stripeCustomerId = customerId;
        break;
      }
      case 'customer.subscription.created':
      case 'customer.subscription.updated':
      case 'customer.subscription.deleted': {
        const status = String(object.status ?? '');
        change.stripeSubscriptionId = String(object.id ?? billing.stripeSubscriptionId ?? '');
        change.subscriptionStatus = status;
        const items = (object.items as { data?: { price?: { id?: string } }[] } | undefined)?.data ?? [];
        const plan = planForPrice(items[0]?.price?.id);
        if (plan) change.plan = plan.id;
        if (PAST_DUE.has(status)) change.pastDueSince = billing.pastDueSince ?? created;
        else if (status === 'active' || status === 'trialing') change.pastDueSince = null;
        if (status === 'canceled') change.plan = DEFAULT_PLAN;
        break;
      }
      case 'invoice.payment_failed':
      case 'invoice.overdue':
        change.pastDueSince = billing.pastDueSince ?? created;
        break;
      case 'invoice.paid':
        change.pastDueSince = null;
        break;
      default:
        return 'ignored' as const;
    }
    await tx.update(tenantBilling).set(change).where(eq(tenantBilling.tenantId, billing.tenantId));
    await recordPlatformAuditEvent(tx, {
      type: 'billing.stripe_event',
      tenantId: billing.tenantId,
      objectType: 'stripe_event',
      objectId: event.id,
      data: { eventType: event.type, subscriptionStatus: change.subscriptionStatus ?? billing.subscriptionStatus, plan: change.plan ?? billing.plan, pastDueSince: change.pastDueSince === undefined ? billing.pastDueSince : change.pastDueSince },
    });
    // Paid again: a marketplace suspended for non-payment comes back (one suspended by hand stays suspended).
    if (change.pastDueSince === null && billing.pastDueSince) {
      const [tenant] = await tx.select({ slug: tenants.slug, status: tenants.status }).from(tenants).where(eq(tenants.id, billing.tenantId)).limit(1);
      const [last] = await tx.execute<{ source: string | null }>(
        sql`select data->>'source' as source from platform.audit_events where tenant_id = ${billing.tenantId} and type = 'tenant.status_changed' order by occurred_at desc limit 1`,
      );
      if (tenant?.status === 'suspended' && last?.source === 'billing') {
        await tx.update(tenants).set({ status: 'active', updatedAt: now }).where(eq(tenants.id, billing.tenantId));
        const entry = { type: 'tenant.status_changed', objectType: 'tenant', objectId: tenant.slug, data: { from: 'suspended', to: 'active', reason: 'payment received', source: 'billing' } };
        await recordPlatformAuditEvent(tx, { ...entry, tenantId: billing.tenantId });
        await tx.execute(sql`select set_config('search_path', ${quoteIdent(tenantSchemaName(tenant.slug))}, true)`);
        await tx.insert(auditEvents).values(entry);
      }
    }
    return 'applied' as const;
  });
  forgetCachedTenants();
  return outcome;
}

/** Unpaid beyond the grace period → suspended (with the public notice). Run by the scheduler. */
export async function suspendOverdueTenants(db: Database, now = new Date()): Promise<string[]> {
  const cutoff = new Date(now.getTime() - gracePeriodDays() * 86_400_000);
  const overdue = await db
    .select({ slug: tenants.slug })
    .from(tenantBilling)
    .innerJoin(tenants, eq(tenants.id, tenantBilling.tenantId))
    .where(and(isNotNull(tenantBilling.pastDueSince), lt(tenantBilling.pastDueSince, cutoff), inArray(tenants.status, ['trial', 'active'])));
  for (const { slug } of overdue) {
    await changeTenantStatus(db, { slug, to: 'suspended', reason: `unpaid for more than ${gracePeriodDays()} days`, actorUserId: null, source: 'billing' });
  }
  return overdue.map((o) => o.slug);
}
