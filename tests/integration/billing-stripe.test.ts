import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as webhook } from '@/app/api/stripe/webhook/route';
import { getDb } from '@/db/client';
import { platformAuditEvents, tenants } from '@/db/schema/platform';
import { stripeEvents, tenantBilling } from '@/db/schema/platform-onboarding';
import { billingFor, setPlan, startInvoiceSubscription, suspendOverdueTenants, ensureCustomer } from '@/modules/billing/service';
import { findTenantBySlug } from '@/tenants/registry';
import { createTestTenant, ensurePlatformSchema } from '../support/tenants';

/*
 * Stripe offline: webhook events signed with the SDK's test helper and posted to the real route handler; the SDK's
 * API calls go to a small fake of the endpoints we use, on 127.0.0.1.
 */

const SECRET = 'whsec_test_onboarding';
const stripe = new Stripe('sk_test_unused');

function signed(event: Record<string, unknown>, secret = SECRET): Request {
  const payload = JSON.stringify(event);
  const header = stripe.webhooks.generateTestHeaderString({ payload, secret });
  return new Request('http://localhost/api/stripe/webhook', { method: 'POST', body: payload, headers: { 'stripe-signature': header, 'content-type': 'application/json' } });
}

let seq = 0;
function subscriptionEvent(tenantId: string, status: string, created: number, price = 'price_standard_test'): Record<string, unknown> {
  seq++;
  return {
    id: `evt_test_${Date.now()}_${seq}`,
    object: 'event',
    type: 'customer.subscription.updated',
    created,
    data: { object: { id: `sub_${tenantId.slice(0, 8)}`, object: 'subscription', status, customer: `cus_${tenantId.slice(0, 8)}`, metadata: { tenant_id: tenantId }, items: { data: [{ price: { id: price } }] } } },
  };
}

async function auditCount(tenantId: string): Promise<number> {
  const rows = await getDb().select().from(platformAuditEvents).where(eq(platformAuditEvents.tenantId, tenantId));
  return rows.filter((r) => r.type === 'billing.stripe_event').length;
}

describe('Stripe webhooks', () => {
  beforeAll(async () => {
    await ensurePlatformSchema();
    process.env.STRIPE_WEBHOOK_SECRET = SECRET;
    process.env.STRIPE_PRICE_STANDARD = 'price_standard_test';
    process.env.STRIPE_PRICE_GOVERNMENT = 'price_government_test';
  });

  it('a bad signature is a 400 and changes nothing', async () => {
    const tenant = await createTestTenant('wh');
    await setPlan(getDb(), tenant.id, 'trial', null);
    const event = subscriptionEvent(tenant.id, 'active', Math.floor(Date.now() / 1000));
    const forged = signed(event, 'whsec_someone_else');
    const response = await webhook(forged);
    expect(response.status).toBe(400);
    const missing = await webhook(new Request('http://localhost/api/stripe/webhook', { method: 'POST', body: JSON.stringify(event) }));
    expect(missing.status).toBe(400);
    // A valid signature over a different body (tampered after signing) fails too.
    const header = stripe.webhooks.generateTestHeaderString({ payload: JSON.stringify(event), secret: SECRET });
    const tampered = JSON.stringify({ ...event, type: 'customer.subscription.deleted' });
    expect((await webhook(new Request('http://localhost/x', { method: 'POST', body: tampered, headers: { 'stripe-signature': header } }))).status).toBe(400);
    expect(await billingFor(getDb(), tenant.id)).toMatchObject({ plan: 'trial', subscriptionStatus: null });
    expect(await getDb().select().from(stripeEvents).where(eq(stripeEvents.id, event.id as string))).toHaveLength(0);
    expect(await auditCount(tenant.id)).toBe(0);
  });

  it('the same event delivered twice changes things once', async () => {
    const tenant = await createTestTenant('wh');
    await setPlan(getDb(), tenant.id, 'trial', null);
    const event = subscriptionEvent(tenant.id, 'active', Math.floor(Date.now() / 1000));
    const first = await webhook(signed(event));
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ outcome: 'applied' });
    const second = await webhook(signed(event));
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ outcome: 'duplicate' });
    expect(await billingFor(getDb(), tenant.id)).toMatchObject({ plan: 'standard', subscriptionStatus: 'active' });
    expect(await auditCount(tenant.id)).toBe(1);
  });

  it('an older event arriving after a newer one does not overwrite it', async () => {
    const tenant = await createTestTenant('wh');
    await setPlan(getDb(), tenant.id, 'trial', null);
    const now = Math.floor(Date.now() / 1000);
    await webhook(signed(subscriptionEvent(tenant.id, 'active', now, 'price_government_test')));
    const late = await webhook(signed(subscriptionEvent(tenant.id, 'past_due', now - 3600)));
    expect(await late.json()).toMatchObject({ outcome: 'stale' });
    expect(await billingFor(getDb(), tenant.id)).toMatchObject({ plan: 'government', subscriptionStatus: 'active', pastDueSince: null });
  });

  it('unpaid beyond the grace period suspends the marketplace; payment brings it back', async () => {
    const tenant = await createTestTenant('wh');
    await setPlan(getDb(), tenant.id, 'standard', null);
    const created = Math.floor(Date.now() / 1000);
    await webhook(signed(subscriptionEvent(tenant.id, 'past_due', created)));
    expect((await billingFor(getDb(), tenant.id))!.pastDueSince).not.toBeNull();
    // Within the grace period nothing happens.
    expect(await suspendOverdueTenants(getDb(), new Date(Date.now() + 86_400_000))).not.toContain(tenant.slug);
    expect((await findTenantBySlug(tenant.slug))!.status).toBe('active');
    const later = new Date(Date.now() + 15 * 86_400_000);
    expect(await suspendOverdueTenants(getDb(), later)).toContain(tenant.slug);
    expect((await findTenantBySlug(tenant.slug))!.status).toBe('suspended');
    await webhook(signed({ id: `evt_paid_${tenant.id}`, object: 'event', type: 'invoice.paid', created: created + 10, data: { object: { object: 'invoice', customer: 'cus_x', metadata: { tenant_id: tenant.id } } } }));
    expect((await findTenantBySlug(tenant.slug))!.status).toBe('active');
    expect((await billingFor(getDb(), tenant.id))!.pastDueSince).toBeNull();
  });

  it('without a webhook secret the route says billing is not configured', async () => {
    const saved = process.env.STRIPE_WEBHOOK_SECRET;
    delete process.env.STRIPE_WEBHOOK_SECRET;
    try {
      const response = await webhook(signed(subscriptionEvent('00000000-0000-0000-0000-000000000000', 'active', 1)));
      expect(response.status).toBe(503);
    } finally {
      process.env.STRIPE_WEBHOOK_SECRET = saved;
    }
  });
});

describe('Stripe API calls against a local fake', () => {
  let server: Server;
  const calls: { method: string; path: string; body: URLSearchParams; idempotencyKey?: string }[] = [];

  beforeAll(async () => {
    await ensurePlatformSchema();
    server = createServer(async (req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      calls.push({ method: req.method ?? '', path: req.url ?? '', body, idempotencyKey: req.headers['idempotency-key'] as string | undefined });
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v1/customers') return res.end(JSON.stringify({ id: `cus_fake_${calls.length}`, object: 'customer' }));
      if (req.url === '/v1/subscriptions') return res.end(JSON.stringify({ id: 'sub_fake_1', object: 'subscription', status: 'active', collection_method: body.get('collection_method') }));
      res.statusCode = 404;
      res.end(JSON.stringify({ error: { type: 'invalid_request_error', message: 'not faked' } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    process.env.STRIPE_SECRET_KEY = 'sk_test_fake';
    process.env.STRIPE_API_HOST = '127.0.0.1';
    process.env.STRIPE_API_PORT = String((server.address() as AddressInfo).port);
    process.env.STRIPE_API_PROTOCOL = 'http';
    process.env.STRIPE_PRICE_GOVERNMENT = 'price_government_test';
  });

  afterAll(async () => {
    delete process.env.STRIPE_SECRET_KEY;
    delete process.env.STRIPE_API_HOST;
    await new Promise((resolve) => server.close(resolve));
  });

  it('creates one customer per tenant and a send_invoice subscription with the plan payment terms', async () => {
    const tenant = await createTestTenant('bl');
    const who = { id: tenant.id, slug: tenant.slug, name: 'Test authority', email: 'billing@authority.example' };
    const customer = await ensureCustomer(getDb(), who);
    expect(await ensureCustomer(getDb(), who)).toBe(customer);
    expect(calls.filter((c) => c.path === '/v1/customers')).toHaveLength(1);
    expect(calls[0]!.body.get('metadata[tenant_id]')).toBe(tenant.id);
    await startInvoiceSubscription(getDb(), who, 'government', null);
    const sub = calls.find((c) => c.path === '/v1/subscriptions')!;
    expect(sub.body.get('collection_method')).toBe('send_invoice');
    expect(sub.body.get('days_until_due')).toBe('60');
    expect(sub.body.get('items[0][price]')).toBe('price_government_test');
    expect(sub.body.get('customer')).toBe(customer);
    expect(sub.idempotencyKey).toBe(`subscription-${tenant.id}-government`);
    expect(await billingFor(getDb(), tenant.id)).toMatchObject({ plan: 'government', stripeSubscriptionId: 'sub_fake_1', stripeCustomerId: customer, subscriptionStatus: 'active' });
    const [row] = await getDb().select().from(tenants).where(eq(tenants.id, tenant.id));
    expect(row!.status).toBe('active');
    expect(await getDb().select().from(tenantBilling).where(eq(tenantBilling.stripeCustomerId, customer))).toHaveLength(1);
  });
});
