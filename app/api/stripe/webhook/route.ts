import { getDb } from '@/db/client';
import { applyStripeEvent } from '@/modules/billing/service';
import { stripeWebhooks, webhookSecret } from '@/modules/billing/stripe-client';

/**
 * Stripe webhooks. The signature is checked on the raw body (parsing first would change the bytes); a bad or
 * missing signature is a 400 and changes nothing. Processing is idempotent on the stored event id.
 */
export async function POST(request: Request): Promise<Response> {
  const secret = webhookSecret();
  if (!secret) return Response.json({ error: 'billing_not_configured' }, { status: 503 });
  const signature = request.headers.get('stripe-signature');
  const body = await request.text();
  if (!signature || body.length > 1_000_000) return Response.json({ error: 'bad_signature' }, { status: 400 });
  let event;
  try {
    event = stripeWebhooks().constructEvent(body, signature, secret);
  } catch {
    return Response.json({ error: 'bad_signature' }, { status: 400 });
  }
  const outcome = await applyStripeEvent(getDb(), event);
  return Response.json({ received: true, outcome });
}
