import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { PORT, tenantUrl, type RawResponse } from './support';
import { closeTestDb, personaCookie, plantWorld, rawRequest, testDb, type PersonaName, type Personas, type World } from './security-support';
import { ACTION_MATRIX, actionArity, actionPagePath, API_MATRIX, builtManifest, PAGE_MATRIX, PLAIN_FIELD_VALUES, type Ids } from './route-matrix';

/*
 * Bad-input corpus against every server action field (the build's own list), route handler and query parameter,
 * on a tenant of its own ("corpus", a test fixture) so nothing it stores touches the demo data other specs use.
 * Expected: no 5xx, no payload echoed as markup, invalid input (oversized, NUL, invalid UTF-8, bidi overrides)
 * stored nowhere, CSV cells never start a formula, and no dialog in the browser on any page afterwards.
 */

test.describe.configure({ mode: 'serial' });

const TENANT = { slug: 'corpus', host: 'corpus.localhost', locale: 'en' };
const PEOPLE: Personas = { admin: 'admin@corpus.test.example', buyer: 'buyer@corpus.test.example', supplier: 'supplier@corpus.test.example' };

const OVERSIZED = `OVERSIZED${'X'.repeat(300_000)}`;

/** `stored: false` payloads are invalid anywhere: finding them in the database afterwards is a failure. */
const CORPUS: { name: string; value: string | Buffer; stored: boolean }[] = [
  { name: 'xss-script', value: '<script>alert("xss-script")</script>', stored: true },
  { name: 'xss-img', value: '"><img src=x onerror=alert("xss-img")>', stored: true },
  { name: 'xss-svg', value: "'><svg onload=alert('xss-svg')>", stored: true },
  { name: 'xss-url', value: 'javascript:alert("xss-url")', stored: true },
  { name: 'sqli-or', value: "' OR '1'='1' --", stored: true },
  { name: 'sqli-drop', value: "x'); DROP TABLE suppliers; --", stored: true },
  { name: 'sqli-union', value: '1 UNION SELECT email FROM platform.users --', stored: true },
  { name: 'oversized', value: OVERSIZED, stored: false },
  { name: 'nul', value: 'nul\u0000byte', stored: false },
  { name: 'invalid-utf8', value: Buffer.from([0x62, 0x61, 0x64, 0xff, 0xfe, 0xc3, 0x28]), stored: false },
  { name: 'rtl-override', value: 'invoice\u202Efdp.exe', stored: false },
  { name: 'nfd', value: 'Cafe\u0301 Montre\u0301al', stored: true },
  { name: 'zero-width', value: 'ze\u200bro\u200dwidth\ufeff', stored: true },
  { name: 'wrong-type-array', value: '["a",{"b":1}]', stored: true },
  { name: 'wrong-type-number', value: '1e309', stored: true },
  { name: 'negative', value: '-1', stored: true },
  { name: 'path-traversal', value: '../../../../etc/passwd', stored: true },
  { name: 'csv-formula', value: '=HYPERLINK("http://evil.example","click")', stored: true },
  { name: 'csv-formula-at', value: '@SUM(1+1)*cmd|\' /C calc\'!A0', stored: true },
  { name: 'malformed-json', value: '{"lots": [', stored: true },
];

/** Markers of the invalid payloads, searched for in every table afterwards. */
const NEVER_STORED = ['OVERSIZEDXXXXXXXXXX', 'nul', '\u202E', '\uFFFD'];

/** Raw markup of the XSS payloads: seen unescaped in a response, it would run. */
const RAW_MARKUP = ['<script>alert("xss-script")', '<img src=x onerror=alert', "<svg onload=alert('xss-svg')"];

let world: World;

function multipart(fields: [string, string | Buffer][]): { body: Buffer; type: string } {
  const boundary = `----corpus${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of fields) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`));
    parts.push(typeof value === 'string' ? Buffer.from(value, 'utf8') : value);
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

async function postAction(path: string, action: { id: string; arity: number }, fields: [string, string | Buffer][], persona: PersonaName): Promise<RawResponse> {
  const head: [string, string][] =
    action.arity === 2
      ? [
          ['$ACTION_REF_1', ''],
          ['$ACTION_1:0', JSON.stringify({ id: action.id, bound: '$@1' })],
          ['$ACTION_1:1', '[{}]'],
        ]
      : [[`$ACTION_ID_${action.id}`, '']];
  const { body, type } = multipart([...head, ...fields]);
  return rawRequest(TENANT.host, path, {
    method: 'POST',
    body,
    headers: {
      'content-type': type,
      origin: `http://${TENANT.host}:${PORT}`,
      'x-forwarded-for': `10.99.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
      ...(await personaCookie(PEOPLE, persona)),
    },
  });
}

function validFields(fields: string[], ids: Ids): Record<string, string> {
  const idFor: Record<string, string> = { framework: ids.framework, section: ids.section, service: ids.supplierService, project: ids.project, supplier: ids.supplier, alert: ids.alert, request: ids.request, question: ids.question, organisation: ids.organisation, userId: ids.userId, lot: ids.lot, contract: ids.contract, statement: ids.statement, opportunity: ids.opportunity, response: ids.response, draft: ids.draft, tenant: ids.tenantSlug };
  return Object.fromEntries(fields.map((f) => [f, idFor[f] ?? PLAIN_FIELD_VALUES[f] ?? 'x']));
}

function problems(label: string, res: RawResponse): string[] {
  const out: string[] = [];
  if (res.status >= 500) out.push(`${label}: ${res.status}`);
  for (const raw of RAW_MARKUP) if (res.body.includes(raw)) out.push(`${label}: echoes ${raw}`);
  return out;
}

test.beforeAll(async () => {
  world = await plantWorld(TENANT.slug, PEOPLE);
});

test.afterAll(async () => {
  await closeTestDb();
});

test('every server action field survives the corpus: no 5xx, no markup echoed', async () => {
  test.setTimeout(900_000);
  const failures: string[] = [];
  const built = builtManifest();
  for (const action of built.actions) {
    const spec = ACTION_MATRIX[action.key]!;
    const page = actionPagePath(action.workers, world.ids);
    if (page === null) continue;
    const path = `/${TENANT.locale}${page}`;
    const persona = spec.as ?? 'admin';
    const arity = actionArity(action.key);
    const base = validFields(spec.fields, world.ids);
    // Each field in turn gets each payload; the other fields stay valid so validation reaches the deep paths.
    for (const field of spec.fields.length ? spec.fields : ['unexpected']) {
      for (const payload of CORPUS) {
        const fields = Object.entries({ ...base }).filter(([k]) => k !== field) as [string, string | Buffer][];
        fields.push([field, payload.value]);
        const res = await postAction(path, { id: action.id, arity }, fields, persona);
        failures.push(...problems(`${action.key} ${field}=${payload.name}`, res));
      }
    }
    // The same field twice, and a body over the server action limit.
    const doubled = await postAction(path, { id: action.id, arity }, [...Object.entries(base), ...Object.entries(base)], persona);
    failures.push(...problems(`${action.key} duplicated fields`, doubled));
  }
  const huge = await postAction(`/${TENANT.locale}/sign-in`, { id: built.actions.find((a) => a.key.endsWith('#requestSignInLink'))!.id, arity: 2 }, [['email', 'a'.repeat(3_000_000)]], 'anonymous');
  if (huge.status !== 413) failures.push(`a 3 MB text field answered ${huge.status}, not 413`);
  // Multipart forms may carry documents up to 25 MB; above that the whole body is refused before any parsing.
  const tooBig = await postAction(`/${TENANT.locale}/sign-in`, { id: built.actions.find((a) => a.key.endsWith('#requestSignInLink'))!.id, arity: 2 }, [['email', 'a@b.example'], ['document', Buffer.alloc(26 * 1024 * 1024, 0x25)]], 'anonymous');
  if (tooBig.status !== 413) failures.push(`a 26 MB multipart body answered ${tooBig.status}, not 413`);
  expect(failures).toEqual([]);
});

test('route handlers and query parameters survive the corpus', async () => {
  test.setTimeout(300_000);
  const failures: string[] = [];
  const strings = CORPUS.filter((p) => typeof p.value === 'string').map((p) => ({ ...p, value: (p.value as string).slice(0, 2000) }));
  for (const persona of ['anonymous', 'admin', 'buyer'] as PersonaName[]) {
    const cookie = await personaCookie(PEOPLE, persona);
    for (const payload of strings) {
      const v = encodeURIComponent(payload.value);
      const paths = [
        `/${TENANT.locale}/catalogue?q=${v}&page=${v}&sort=${v}&framework=${v}&lot=${v}&size=${v}&region=${v}`,
        `/${TENANT.locale}/catalogue?q=${v}&q=${v}&page=-1&page=99999999999999999999`,
        `/${TENANT.locale}/sign-in?next=${v}`,
        `/${TENANT.locale}/frameworks/${v}`,
        `/${TENANT.locale}/services/${v}`,
        `/${TENANT.locale}/buyer/projects/${v}`,
        `/api/branding/${v}`,
        `/api/frameworks/${v}/applications.csv`,
        `/api/projects/${v}/shortlist.csv`,
        `/api/projects/${v}/shortlist.xlsx`,
        `/api/auth/callback/email?token=${v}&email=${v}&callbackUrl=${v}`,
      ];
      for (const path of paths) {
        const res = await rawRequest(TENANT.host, path, { headers: cookie });
        failures.push(...problems(`${persona} GET ${path.slice(0, 120)}`, res));
      }
    }
    // Malformed and wrong-typed bodies to the route handlers that take them.
    for (const [type, body] of [
      ['application/json', '{"email": '],
      ['application/json', '{"email": ["a"], "csrfToken": {"$ne": 1}}'],
      ['application/x-www-form-urlencoded', 'email=%E0%A4%A&csrfToken=%'],
      ['application/x-www-form-urlencoded', `email=${'a'.repeat(1_000_000)}`],
      ['text/plain', '\u0000\u0001\u0002'],
    ] as const) {
      for (const path of ['/api/auth/signin/email', '/api/auth/callback/email', '/api/auth/signout']) {
        const res = await rawRequest(TENANT.host, path, { method: 'POST', body, headers: { ...cookie, 'content-type': type, origin: `http://${TENANT.host}:${PORT}`, 'x-forwarded-for': `10.98.0.${Math.floor(Math.random() * 250)}` } });
        failures.push(...problems(`${persona} POST ${path} ${type}`, res));
      }
    }
  }
  // Every route handler of the build was reachable above (a new one must be added to this corpus).
  expect(Object.keys(API_MATRIX).sort()).toEqual(builtManifest().handlers.sort());
  expect(failures).toEqual([]);
});

test('invalid input is stored nowhere, and CSV downloads never start a cell with a formula', async () => {
  const db = testDb();
  const tables = await db<{ schema: string; name: string }[]>`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema in ('platform', ${`t_${TENANT.slug}`})`;
  const found: string[] = [];
  for (const t of tables) {
    for (const marker of NEVER_STORED) {
      const needle = marker === 'nul' ? 'nul\\u0000byte' : marker;
      const [row] = await db.unsafe<{ n: string }[]>(`select count(*)::text as n from "${t.schema}"."${t.name}" x where strpos(x::text, $1) > 0`, [needle]);
      if (Number(row?.n) > 0) found.push(`${t.schema}.${t.name} holds ${JSON.stringify(marker)}`);
    }
  }
  expect(found).toEqual([]);
  const admin = await personaCookie(PEOPLE, 'admin');
  const csv = await rawRequest(TENANT.host, `/api/frameworks/${world.ids.framework}/applications.csv`, { headers: admin });
  expect(csv.status).toBe(200);
  expect(csv.headers['content-disposition']).toMatch(/^attachment;/);
  expect(csv.headers['x-content-type-options']).toBe('nosniff');
  const cells = csv.body.replace(/^\uFEFF/, '').split(/\r?\n/).flatMap((line) => line.split(','));
  expect(cells.filter((c) => /^"?[=+@]/.test(c))).toEqual([]);
});

test('no page runs a script from stored input: every page as every persona, dialogs counted', async ({ browser }) => {
  test.setTimeout(300_000);
  const dialogs: string[] = [];
  for (const persona of ['anonymous', 'supplier', 'buyer', 'admin'] as PersonaName[]) {
    const context = await browser.newContext();
    const cookie = await personaCookie(PEOPLE, persona);
    if (cookie.cookie) {
      const [name, value] = cookie.cookie.split('=') as [string, string];
      await context.addCookies([{ name, value, domain: TENANT.host, path: '/', httpOnly: true, sameSite: 'Lax' }]);
    }
    const page = await context.newPage();
    page.on('dialog', async (d) => {
      dialogs.push(`${persona} ${page.url()}: ${d.message()}`);
      await d.dismiss();
    });
    for (const [pattern, build] of Object.entries(PAGE_MATRIX)) {
      if (!pattern.startsWith('/[tenant]/[locale]')) continue;
      await page.goto(tenantUrl(TENANT.slug, `/${TENANT.locale}${build(world.ids)}`));
    }
    await context.close();
  }
  expect(dialogs).toEqual([]);
});
