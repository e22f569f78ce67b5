import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import postgres from 'postgres';
import { PLAIN_FIELD_VALUES, type Ids } from './route-matrix';
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

export interface Personas {
  supplier: string;
  buyer: string;
  admin: string;
}
export type PersonaName = 'anonymous' | keyof Personas;
export const PERSONA_NAMES: PersonaName[] = ['anonymous', 'supplier', 'buyer', 'admin'];

export async function personaCookie(people: Personas, persona: PersonaName): Promise<Record<string, string>> {
  return persona === 'anonymous' ? {} : { cookie: await sessionCookieFor(people[persona]) };
}

export function randomIds(): Ids {
  return {
    framework: `no-such-framework-${randomUUID().slice(0, 6)}`,
    section: 'no-such-section',
    supplierService: randomUUID(),
    publicService: randomUUID(),
    project: randomUUID(),
    supplier: randomUUID(),
    alert: randomUUID(),
    request: randomUUID(),
    question: randomUUID(),
    organisation: randomUUID(),
    userId: randomUUID(),
    lot: 'no-such-lot',
    contract: randomUUID(),
    supplierContract: randomUUID(),
    statement: randomUUID(),
    reference: String(90_000_000 + Math.floor(Math.random() * 9_000_000)),
    opportunity: randomUUID(),
    publicOpportunity: randomUUID(),
    opportunitySection: 'no-such-section',
    response: randomUUID(),
    ocid: `ocds-none-${randomUUID().slice(0, 8)}`,
    document: randomUUID(),
    tenantSlug: `none-${randomUUID().slice(0, 6)}`,
    draft: randomUUID(),
  };
}

export interface World {
  ids: Ids;
  /** Text planted in private objects (a project, an alert, an access request, a clarification question). */
  markers: string[];
}

/** Plants private objects with unique text in a tenant and collects the ids its personas can reach. */
export async function plantWorld(slug: string, people: Personas): Promise<World> {
  const db = testDb();
  const s = `t_${slug}`;
  const tag = `${slug.toUpperCase()}-PRIVATE-${randomUUID().slice(0, 8)}`;
  const [sup] = await db.unsafe<{ framework: string; service: string; supplier: string; lot: string }[]>(
    `select f.slug as framework, s.id as service, s.supplier_id as supplier, s.lot
       from ${s}.services s join ${s}.frameworks f on f.id = s.framework_id
       join ${s}.supplier_members m on m.supplier_id = s.supplier_id
       join platform.users u on u.id = m.user_id where u.email = $1 limit 1`,
    [people.supplier],
  );
  const [pub] = await db.unsafe<{ id: string }[]>(`select id from ${s}.services where status = 'published' limit 1`);
  const [buyer] = await db.unsafe<{ organisation: string; userId: string }[]>(
    `select bm.organisation_id as organisation, bm.user_id as "userId" from ${s}.buyer_members bm
       join platform.users u on u.id = bm.user_id where u.email = $1`,
    [people.buyer],
  );
  const [supplierUser] = await db<{ id: string }[]>`select id from platform.users where email = ${people.supplier}`;
  const [frameworkRow] = await db.unsafe<{ id: string }[]>(`select id from ${s}.frameworks where slug = $1`, [sup!.framework]);
  const [project] = await db.unsafe<{ id: string }[]>(
    `insert into ${s}.direct_award_projects (organisation_id, created_by, name, search_query) values ($1, $2, $3, 'q=cloud') returning id`,
    [buyer!.organisation, buyer!.userId, `${tag}-project`],
  );
  const [alert] = await db.unsafe<{ id: string }[]>(
    `insert into ${s}.search_alerts (user_id, search_query) values ($1, $2) returning id`,
    [buyer!.userId, `q=${tag}-alert`],
  );
  const [request] = await db.unsafe<{ id: string }[]>(
    `insert into ${s}.buyer_access_requests (organisation_id, user_id, reason) values ($1, $2, $3) returning id`,
    [buyer!.organisation, supplierUser!.id, `${tag}-request`],
  );
  const [question] = await db.unsafe<{ id: string }[]>(
    `insert into ${s}.clarification_questions (framework_id, asked_by, question) values ($1, $2, $3) returning id`,
    [frameworkRow!.id, supplierUser!.id, `${tag}-question`],
  );
  // Contracts, opportunities and OCDS processes come from the demo seed; the first of each the personas can reach.
  const one = async (query: string, params: string[] = []) => (await db.unsafe<{ v: string }[]>(query, params))[0]?.v ?? randomUUID();
  const contract = await one(`select id::text as v from ${s}.contracts where organisation_id = $1 order by created_at limit 1`, [buyer!.organisation]);
  const supplierContract = await one(`select id::text as v from ${s}.contracts where supplier_id = $1 order by created_at limit 1`, [sup!.supplier]);
  const statement = await one(`select id::text as v from ${s}.statements_of_work where contract_id::text = $1 limit 1`, [contract]);
  const reference = await one(`select reference::text as v from ${s}.contracts order by reference limit 1`);
  const opportunity = await one(`select id::text as v from ${s}.opportunities where organisation_id = $1 order by created_at limit 1`, [buyer!.organisation]);
  const publicOpportunity = await one(`select id::text as v from ${s}.opportunities where published_at is not null order by created_at limit 1`);
  const response = await one(`select id::text as v from ${s}.opportunity_responses where opportunity_id::text = $1 limit 1`, [opportunity]);
  const ocid = await one(`select ocid as v from ${s}.ocds_processes order by created_at limit 1`);
  const document = await one(`select id::text as v from ${s}.uploaded_files where supplier_id = $1 order by created_at limit 1`, [sup!.supplier]);
  return {
    ids: {
      framework: sup!.framework,
      section: 'your-organisation',
      supplierService: sup!.service,
      publicService: pub!.id,
      project: project!.id,
      supplier: sup!.supplier,
      alert: alert!.id,
      request: request!.id,
      question: question!.id,
      organisation: buyer!.organisation,
      userId: buyer!.userId,
      lot: sup!.lot,
      contract,
      supplierContract,
      statement,
      reference,
      opportunity,
      publicOpportunity,
      opportunitySection: 'overview',
      response,
      ocid,
      document,
      tenantSlug: slug,
      draft: randomUUID(),
    },
    markers: [`${tag}-project`, `${tag}-alert`, `${tag}-request`, `${tag}-question`],
  };
}


/** Calls a server action the way a browser without JavaScript does (multipart form with the action reference). */
export async function callAction(
  host: string,
  pagePath: string,
  action: { id: string; arity: number },
  fields: Record<string, string>,
  headers: Record<string, string>,
): Promise<RawResponse> {
  const form = new FormData();
  if (action.arity === 2) {
    form.set('$ACTION_REF_1', '');
    form.set('$ACTION_1:0', JSON.stringify({ id: action.id, bound: '$@1' }));
    form.set('$ACTION_1:1', '[{}]');
  } else {
    form.set(`$ACTION_ID_${action.id}`, '');
  }
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const encoded = new Response(form);
  const body = Buffer.from(await encoded.arrayBuffer());
  return rawRequest(host, pagePath, {
    method: 'POST',
    body,
    headers: { 'content-type': encoded.headers.get('content-type')!, origin: `http://${host}:${PORT}`, ...headers },
  });
}

export function actionFields(fields: string[], ids: Ids): Record<string, string> {
  const out: Record<string, string> = {};
  const idFor: Record<string, string> = {
    framework: ids.framework,
    section: ids.section,
    service: ids.supplierService,
    project: ids.project,
    supplier: ids.supplier,
    alert: ids.alert,
    request: ids.request,
    question: ids.question,
    organisation: ids.organisation,
    userId: ids.userId,
    lot: ids.lot,
    contract: ids.contract,
    statement: ids.statement,
    opportunity: ids.opportunity,
    response: ids.response,
    draft: ids.draft,
    tenant: ids.tenantSlug,
  };
  for (const f of fields) out[f] = idFor[f] ?? PLAIN_FIELD_VALUES[f] ?? 'x';
  return out;
}

