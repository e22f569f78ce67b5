import { createHmac } from 'node:crypto';

/*
 * The two GOV.UK Notify API v2 calls we need, with node's fetch and crypto (no client library): send an email,
 * and find a message by our reference (the job id) to avoid a second send after a crash.
 * Auth is a JWT (HS256) signed with the secret part of the API key, issuer = the service id, fresh per request.
 */
export interface NotifyTarget {
  apiKey: string;
  baseUrl: string;
}

export function notifyToken(apiKey: string, nowSeconds = Math.floor(Date.now() / 1000)): string {
  const secret = apiKey.slice(-36);
  const serviceId = apiKey.slice(-73, -37);
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${part({ typ: 'JWT', alg: 'HS256' })}.${part({ iss: serviceId, iat: nowSeconds })}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

async function call(target: NotifyTarget, path: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(`${target.baseUrl}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${notifyToken(target.apiKey)}`, 'content-type': 'application/json', 'user-agent': 'digital-marketplace' },
    signal: AbortSignal.timeout(15_000),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(`Notify answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
  return body;
}

export async function sendNotifyEmail(
  target: NotifyTarget,
  message: { email_address: string; template_id: string; personalisation: Record<string, string>; reference: string },
): Promise<{ id: string }> {
  const body = (await call(target, '/v2/notifications/email', { method: 'POST', body: JSON.stringify(message) })) as { id?: string };
  if (!body.id) throw new Error('Notify gave no notification id');
  return { id: body.id };
}

export async function findNotifyMessageByReference(target: NotifyTarget, reference: string): Promise<{ id: string } | null> {
  const body = (await call(target, `/v2/notifications?template_type=email&reference=${encodeURIComponent(reference)}`)) as { notifications?: { id: string; reference?: string }[] };
  return body.notifications?.find((n) => n.reference === reference) ?? null;
}
