import Stripe from 'stripe';

/*
 * Stripe is optional: without STRIPE_SECRET_KEY billing shows "not configured" and nothing else changes.
 * STRIPE_API_HOST/PORT/PROTOCOL point the SDK elsewhere (the tests' local fake of the endpoints we call).
 */
export function billingConfigured(): boolean {
  return Boolean(process.env.STRIPE_SECRET_KEY);
}

export function webhookSecret(): string | null {
  return process.env.STRIPE_WEBHOOK_SECRET || null;
}

let cached: { key: string; client: Stripe } | null = null;

export function stripeClient(): Stripe | null {
  const key = process.env.STRIPE_SECRET_KEY;
  if (!key) return null;
  const target = `${key}|${process.env.STRIPE_API_HOST ?? ''}|${process.env.STRIPE_API_PORT ?? ''}`;
  if (cached?.key === target) return cached.client;
  const client = new Stripe(key, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    ...(process.env.STRIPE_API_HOST
      ? {
          host: process.env.STRIPE_API_HOST,
          port: process.env.STRIPE_API_PORT ?? '443',
          protocol: process.env.STRIPE_API_PROTOCOL === 'http' ? 'http' : 'https',
        }
      : {}),
  });
  cached = { key: target, client };
  return client;
}

/** Signature verification needs no API key: a fresh SDK instance for its webhooks helper. */
export function stripeWebhooks() {
  return new Stripe('sk_unused_for_webhooks').webhooks;
}
