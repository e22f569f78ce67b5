import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small stand-in for the GOV.UK Notify API v2 on 127.0.0.1: POST /v2/notifications/email and
 * GET /v2/notifications?reference=…, with the JWT checked like Notify does (HS256 with the key's secret,
 * iss = service id, iat within 30 seconds). Recipients listed in `failFor` get a 500.
 */
export interface FakeNotify {
  url: string;
  apiKey: string;
  serviceId: string;
  received: { id: string; body: Record<string, unknown>; authorised: boolean }[];
  failFor: Set<string>;
  /** Milliseconds to hold each accepted send's answer (the message is already recorded): widens a crash window. */
  delayMs: number;
  close: () => Promise<void>;
}

export async function startFakeNotify(): Promise<FakeNotify> {
  const serviceId = randomUUID();
  const secret = randomUUID();
  const apiKey = `test_key-${serviceId}-${secret}`;
  const received: FakeNotify['received'] = [];
  const failFor = new Set<string>();
  const fake: FakeNotify = { url: '', apiKey, serviceId, received, failFor, delayMs: 0, close: async () => {} };

  const checkToken = (header: string | undefined): boolean => {
    const token = header?.replace(/^Bearer /, '') ?? '';
    const [h, p, s] = token.split('.');
    if (!h || !p || !s) return false;
    if (createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url') !== s) return false;
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as { iss?: string; iat?: number };
    return claims.iss === serviceId && Math.abs(Date.now() / 1000 - (claims.iat ?? 0)) < 30;
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (!checkToken(req.headers.authorization)) return send(403, { errors: [{ error: 'AuthError', message: 'Invalid token' }] });
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method === 'POST' && url.pathname === '/v2/notifications/email') {
        const body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<string, unknown>;
        if (failFor.has(String(body.email_address))) return send(500, { errors: [{ error: 'Exception', message: 'Internal server error' }] });
        const id = randomUUID();
        received.push({ id, body, authorised: true });
        if (fake.delayMs > 0) return void setTimeout(() => send(201, { id, reference: body.reference ?? null, content: { subject: 'x', body: 'y' }, template: { id: body.template_id } }), fake.delayMs);
        return send(201, { id, reference: body.reference ?? null, content: { subject: 'x', body: 'y' }, template: { id: body.template_id } });
      }
      if (req.method === 'GET' && url.pathname === '/v2/notifications') {
        const reference = url.searchParams.get('reference');
        const notifications = received.filter((r) => !reference || r.body.reference === reference).map((r) => ({ id: r.id, reference: r.body.reference, email_address: r.body.email_address, status: 'delivered' }));
        return send(200, { notifications, links: {} });
      }
      send(404, { errors: [{ error: 'NotFound' }] });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
  return fake;
}
