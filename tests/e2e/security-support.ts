import { randomBytes } from 'node:crypto';
import http from 'node:http';
import postgres from 'postgres';
import { PORT, type RawResponse } from './support';

/*
 * Helpers of the security suites: raw HTTP with any method, body and headers (Node cannot resolve *.localhost,
 * so the Host header names the tenant), and the embedded database the server under test uses (serve.sh fixes its
 * port) for persona sessions and row counts.
 */

export const DB_PORT = Number(process.env.EMBEDDED_DB_PORT ?? PORT + 1000);

let sql: postgres.Sql | null = null;
export function testDb(): postgres.Sql {
  sql ??= postgres(`postgres://postgres:postgres@127.0.0.1:${DB_PORT}/postgres`, { max: 1, onnotice: () => {} });
  return sql;
}

export async function closeTestDb(): Promise<void> {
  await sql?.end({ timeout: 5 });
  sql = null;
}

export function rawRequest(
  host: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: PORT,
        path,
        method: options.method ?? 'GET',
        headers: {
          host: `${host}:${PORT}`,
          ...(options.body !== undefined ? { 'content-length': String(Buffer.byteLength(options.body)) } : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout ${host}${path}`)));
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

export function postAs(host: string, path: string, body: string, headers: Record<string, string> = {}, method = 'POST'): Promise<RawResponse> {
  return rawRequest(host, path, { method, headers, body });
}

/** A database session for a seeded person, as the demo sign-in would create; returns the Cookie header value. */
export async function sessionCookieFor(email: string): Promise<string> {
  const db = testDb();
  const [user] = await db<{ id: string }[]>`select id from platform.users where email = ${email}`;
  if (!user) throw new Error(`no seeded user ${email}`);
  const token = randomBytes(32).toString('hex');
  await db`insert into platform.sessions (session_token, user_id, expires) values (${token}, ${user.id}, now() + interval '2 hours')`;
  return `mp.session=${token}`;
}

/** Row counts of every table in the platform schema and every tenant schema (t_*). */
export async function rowCounts(): Promise<Record<string, number>> {
  const db = testDb();
  const tables = await db<{ schema: string; name: string }[]>`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_type = 'BASE TABLE' and (table_schema = 'platform' or table_schema like 't\\_%')
    order by 1, 2`;
  const out: Record<string, number> = {};
  for (const t of tables) {
    const [row] = await db.unsafe<{ n: string }[]>(`select count(*)::text as n from "${t.schema}"."${t.name}"`);
    out[`${t.schema}.${t.name}`] = Number(row?.n ?? 0);
  }
  return out;
}
