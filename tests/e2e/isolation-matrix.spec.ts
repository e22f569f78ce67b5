import { expect, test } from '@playwright/test';
import { CROSS_ORIGIN_POST_PATHS } from '@/modules/security/csrf';
import { PORT, type RawResponse } from './support';
import {
  actionFields,
  callAction,
  closeTestDb,
  personaCookie,
  PERSONA_NAMES,
  plantWorld,
  randomIds,
  rawRequest,
  testDb,
  type PersonaName,
  type World,
} from './security-support';
import {
  ACTION_MATRIX,
  API_MATRIX,
  actionArity,
  actionPagePath,
  builtManifest,
  handlerMethods,
  PAGE_MATRIX,
  routePattern,
  type Ids,
} from './route-matrix';

/*
 * Cross-tenant isolation matrix (ASVS 8.4.1). Tenant A (uk) personas ask for tenant B's (ca) objects through A's
 * host, the /t/ path and forged tenant headers, and through B's host with A's session cookie (and B's cookie on
 * A's host). Expected: never B's private data, another tenant's id answers exactly like a random id, no 5xx, and
 * no server action changes anything in B. Every route and action of the build must be listed in route-matrix.ts.
 */

test.describe.configure({ mode: 'serial' });

const A = { slug: 'uk', locale: 'en', host: 'uk.localhost' };
const B = { slug: 'ca', locale: 'en', host: 'ca.localhost' };
const PERSONAS = {
  uk: { supplier: 'supplier@uk.demo.example', buyer: 'buyer@uk.demo.example', admin: 'admin@uk.demo.example' },
  ca: { supplier: 'supplier@ca.demo.example', buyer: 'buyer@ca.demo.example', admin: 'admin@ca.demo.example' },
} as const;

const worlds: Record<string, World> = {};

function cookieFor(tenant: 'uk' | 'ca', persona: PersonaName): Promise<Record<string, string>> {
  return personaCookie(PERSONAS[tenant], persona);
}

/**
 * What the person sees: status, redirect target, title and main content (the streamed RSC payload after it is
 * the same tree in a nondeterministic chunk order). The id in the URL is the only allowed difference.
 */
function normalise(res: RawResponse, ids: Ids, path: string): string {
  const title = /<title>([^<]*)<\/title>/.exec(res.body)?.[1] ?? '';
  // Non-HTML answers (JSON, CSV) are compared by status and type: health reports a latency that varies.
  const main = /<main\b[\s\S]*?<\/main>/.exec(res.body)?.[0] ?? '';
  let text = `${res.status} ${String(res.headers.location ?? '')} ${String(res.headers['content-type'] ?? '')}\n${title}\n${main.replace(/nonce="[^"]*"/g, '')}`;
  // Only ids that are whole segments of the requested path (a two-letter slug must not rewrite "application/json").
  const segments = new Set(path.split(/[/?&=]/).map((x) => decodeURIComponent(x)));
  for (const value of Object.values(ids)) if (segments.has(value)) text = text.split(value).join('{ID}');
  return text;
}

/** Every table of every tenant schema and the platform tables that matter, as one digest per table. */
async function fingerprint(schemas: string[]): Promise<Record<string, string>> {
  const db = testDb();
  const tables = await db<{ schema: string; name: string }[]>`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema = any(${schemas}) order by 1, 2`;
  const out: Record<string, string> = {};
  for (const t of tables) {
    if (t.schema === 'platform' && ['sessions', 'rate_limit_buckets', 'outbox'].includes(t.name)) continue;
    const [row] = await db.unsafe<{ d: string | null; n: string }[]>(
      `select md5(string_agg(x::text, '|' order by x::text)) as d, count(*)::text as n from "${t.schema}"."${t.name}" x`,
    );
    out[`${t.schema}.${t.name}`] = `${row?.n}:${row?.d}`;
  }
  return out;
}

test.beforeAll(async () => {
  worlds.uk = await plantWorld('uk', PERSONAS.uk);
  worlds.ca = await plantWorld('ca', PERSONAS.ca);
  // Contract reference numbers are per tenant and may coincide: B's must be one A does not also have.
  const [own] = await testDb().unsafe<{ v: string }[]>(
    `select reference::text as v from t_ca.contracts where reference not in (select reference from t_uk.contracts) order by reference limit 1`,
  );
  worlds.ca.ids.reference = own?.v ?? String(90_000_000 + Math.floor(Math.random() * 9_000_000));
});

test.afterAll(async () => {
  await closeTestDb();
});

test('every page, route handler and server action of the build is in the matrix', () => {
  const built = builtManifest();
  expect(built.pages.length).toBeGreaterThan(10);
  expect(built.pages.filter((p) => !(p in PAGE_MATRIX)), 'pages missing from tests/e2e/route-matrix.ts').toEqual([]);
  expect(built.handlers.filter((p) => !(p in API_MATRIX)), 'route handlers missing from the matrix').toEqual([]);
  expect(built.actions.map((a) => a.key).filter((k) => !(k in ACTION_MATRIX)), 'server actions missing from the matrix').toEqual([]);
  // And nothing stale: an entry for a route that no longer exists hides a rename.
  expect(Object.keys(PAGE_MATRIX).filter((p) => !built.pages.includes(p))).toEqual([]);
  expect(Object.keys(API_MATRIX).filter((p) => !built.handlers.includes(p))).toEqual([]);
});

test('pages and route handlers: tenant B objects answer like random ids, B private data never shows, GET changes nothing', async () => {
  test.setTimeout(600_000);
  const a = worlds.uk!;
  const b = worlds.ca!;
  const before = await fingerprint(['platform', 't_uk', 't_ca', 't_cl']);
  const failures: string[] = [];
  const seenOwnMarkers = new Set<string>();
  const forged = {
    'x-tenant': B.slug,
    'x-tenant-base': '',
    'x-tenant-host': `${B.host}:${PORT}`,
    'x-forwarded-host': `${B.host}:${PORT}`,
    'x-forwarded-proto': 'https',
  };
  const paths = [
    ...Object.entries(PAGE_MATRIX)
      .filter(([pattern]) => pattern.startsWith('/[tenant]/[locale]'))
      .map(([pattern, build]) => ({ pattern, build: (ids: Ids) => `/${A.locale}${build(ids)}` })),
    ...Object.entries(API_MATRIX)
      // The operator's API has no tenant objects; it has its own test below (platform administrators only).
      .filter(([pattern, build]) => build && !pattern.startsWith('/api/platform/'))
      .map(([pattern, build]) => ({ pattern, build: (ids: Ids) => build!(ids) })),
  ];
  const check = (label: string, res: RawResponse, markers: string[]) => {
    if (res.status >= 500) failures.push(`${label}: ${res.status}`);
    for (const marker of markers) if (res.body.includes(marker)) failures.push(`${label}: shows ${marker}`);
  };
  for (const persona of PERSONA_NAMES) {
    for (const { pattern, build } of paths) {
      const label = (how: string) => `${persona} ${pattern} ${how}`;
      const own = await rawRequest(A.host, build(a.ids), { headers: await cookieFor('uk', persona) });
      for (const marker of a.markers) if (own.body.includes(marker)) seenOwnMarkers.add(marker);
      check(label('own ids'), own, b.markers);
      // Through A's host and A's /t/ path: B's ids must answer exactly like ids that exist nowhere.
      for (const via of [
        { host: A.host, prefix: '' },
        { host: 'localhost', prefix: `/t/${A.slug}` },
      ]) {
        const random = randomIds();
        const other = await rawRequest(via.host, via.prefix + build(b.ids), { headers: await cookieFor('uk', persona) });
        const none = await rawRequest(via.host, via.prefix + build(random), { headers: await cookieFor('uk', persona) });
        check(label(`B ids via ${via.host}${via.prefix}`), other, b.markers);
        if (normalise(other, b.ids, build(b.ids)) !== normalise(none, random, build(random))) {
          failures.push(`${label(`via ${via.host}${via.prefix}`)}: B's id answers ${other.status}, a random id ${none.status}${other.status === none.status ? ' (bodies differ)' : ''}`);
        }
      }
      // Forged tenant and forwarding headers on A's host are ignored: same answer as without them.
      const plain = await rawRequest(A.host, build(b.ids), { headers: await cookieFor('uk', persona) });
      const forgedRes = await rawRequest(A.host, build(b.ids), { headers: { ...(await cookieFor('uk', persona)), ...forged } });
      check(label('forged headers'), forgedRes, b.markers);
      if (forgedRes.status !== plain.status) failures.push(`${label('forged headers')}: ${forgedRes.status} vs ${plain.status}`);
      // Swapped cookies: A's session on B's host, and B's session on A's host.
      if (persona !== 'anonymous') {
        const swapped = await rawRequest(B.host, build(b.ids), { headers: await cookieFor('uk', persona) });
        check(label("A's cookie on B's host"), swapped, b.markers);
        const reverse = await rawRequest(A.host, build(a.ids), { headers: await cookieFor('ca', persona) });
        check(label("B's cookie on A's host"), reverse, a.markers);
      }
    }
  }
  // The markers are really shown to the right people (otherwise "never shown" would prove nothing).
  expect([...seenOwnMarkers].sort(), 'own private data visible to own personas').toEqual([...a.markers].sort());
  expect(failures).toEqual([]);
  // No GET above (hundreds, every persona, every route) changed a row anywhere.
  expect(await fingerprint(['platform', 't_uk', 't_ca', 't_cl'])).toEqual(before);
});

test("route handlers' state-changing methods refuse requests without a same-origin Origin", async () => {
  const built = builtManifest();
  const checked: string[] = [];
  for (const pattern of built.handlers) {
    const build = API_MATRIX[pattern];
    const path = build ? build(worlds.uk!.ids) : pattern;
    if (CROSS_ORIGIN_POST_PATHS.has(path)) continue;
    for (const method of handlerMethods(pattern).filter((m) => !['GET', 'HEAD', 'OPTIONS'].includes(m))) {
      for (const origin of [undefined, `http://${B.host}:${PORT}`]) {
        const res = await rawRequest(A.host, path, { method, body: '{}', headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) } });
        expect(res.status, `${method} ${pattern} origin=${origin}`).toBe(403);
        checked.push(`${method} ${pattern}`);
      }
    }
  }
  expect(checked.length).toBeGreaterThan(0);
});

test("server actions: A's personas cannot change anything in B, by B's ids, forged headers or on B's host", async () => {
  test.setTimeout(600_000);
  const built = builtManifest();
  const a = worlds.uk!;
  const b = worlds.ca!;
  const failures: string[] = [];
  for (const action of built.actions) {
    const spec = ACTION_MATRIX[action.key]!;
    if (spec.platform) continue;
    const arity = actionArity(action.key);
    const pageA = actionPagePath(action.workers, a.ids);
    const pageB = actionPagePath(action.workers, b.ids);
    if (pageA === null || pageB === null) {
      failures.push(`${action.key}: mounted on no tenant page in the matrix`);
      continue;
    }
    const before = await fingerprint(['t_ca']);
    for (const persona of PERSONA_NAMES) {
      const label = (how: string) => `${persona} ${action.key} ${how}`;
      const attempts: { how: string; host: string; path: string; ids: Ids; headers: Record<string, string> }[] = [
        { how: "B's ids on A's host", host: A.host, path: `/${A.locale}${pageA}`, ids: b.ids, headers: {} },
        { how: "B's ids on A's /t/ path", host: 'localhost', path: `/t/${A.slug}/${A.locale}${pageA}`, ids: b.ids, headers: {} },
        {
          how: 'forged tenant headers',
          host: A.host,
          path: `/${A.locale}${pageA}`,
          ids: b.ids,
          headers: { 'x-tenant': B.slug, 'x-forwarded-host': `${B.host}:${PORT}` },
        },
      ];
      if (persona !== 'anonymous' && !spec.selfService) {
        attempts.push({ how: "A's cookie on B's host", host: B.host, path: `/${B.locale}${pageB}`, ids: b.ids, headers: {} });
      }
      for (const attempt of attempts) {
        const headers = { ...(await cookieFor('uk', persona)), ...attempt.headers, 'x-forwarded-for': `10.77.${PERSONA_NAMES.indexOf(persona)}.${Math.floor(Math.random() * 250)}` };
        const res = await callAction(attempt.host, attempt.path, { id: action.id, arity }, actionFields(spec.fields, attempt.ids), headers);
        if (res.status >= 500) failures.push(`${label(attempt.how)}: ${res.status}`);
        for (const marker of b.markers) if (res.body.includes(marker)) failures.push(`${label(attempt.how)}: shows ${marker}`);
      }
      // Another tenant's ids answer like random ones.
      const cookie = await cookieFor('uk', persona);
      const withB = await callAction(A.host, `/${A.locale}${pageA}`, { id: action.id, arity }, actionFields(spec.fields, b.ids), { ...cookie, 'x-forwarded-for': '10.78.0.1' });
      const withRandom = await callAction(A.host, `/${A.locale}${pageA}`, { id: action.id, arity }, actionFields(spec.fields, randomIds()), { ...(await cookieFor('uk', persona)), 'x-forwarded-for': '10.78.0.2' });
      if (withB.status !== withRandom.status) failures.push(`${label('B ids vs random')}: ${withB.status} vs ${withRandom.status}`);
    }
    const after = await fingerprint(['t_ca']);
    const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
    if (changed.length) failures.push(`${action.key} changed tenant B: ${changed.join(', ')}`);
  }
  expect(failures).toEqual([]);
});

test('the harness really reaches actions: the same calls with A’s own ids change A (both action shapes)', async () => {
  const built = builtManifest();
  const a = worlds.uk!;
  const db = testDb();
  const find = (key: string) => built.actions.find((x) => x.key === key)!;
  // (formData) shape: the buyer deletes their own alert.
  const del = find('modules/catalogue/alert-actions.ts#deleteAlertAction');
  await callAction(A.host, `/${A.locale}${actionPagePath(del.workers, a.ids)}`, { id: del.id, arity: actionArity(del.key) }, actionFields(['alert'], a.ids), await cookieFor('uk', 'buyer'));
  expect(await db.unsafe(`select 1 from t_uk.search_alerts where id = $1`, [a.ids.alert])).toHaveLength(0);
  // (previousState, formData) shape: the administrator rejects the planted access request.
  const decide = find('modules/buyers/actions.ts#decideAccessAction');
  await callAction(A.host, `/${A.locale}${actionPagePath(decide.workers, a.ids)}`, { id: decide.id, arity: actionArity(decide.key) }, { request: a.ids.request, decision: 'reject' }, await cookieFor('uk', 'admin'));
  const [row] = await db.unsafe<{ status: string }[]>(`select status from t_uk.buyer_access_requests where id = $1`, [a.ids.request]);
  expect(row?.status).toBe('rejected');
});

test("the operator's console and its actions: nothing for anonymous people or a tenant's administrator", async () => {
  test.setTimeout(300_000);
  const built = builtManifest();
  const a = worlds.uk!;
  const failures: string[] = [];
  const consolePages = Object.entries(PAGE_MATRIX).filter(([p]) => p.startsWith('/platform/[locale]/console'));
  const consoleApis = Object.entries(API_MATRIX).filter(([p, build]) => p.startsWith('/api/platform/') && build);
  for (const persona of ['anonymous', 'admin'] as PersonaName[]) {
    for (const [pattern, build] of consolePages) {
      const res = await rawRequest('localhost', `/platform/en${build(a.ids)}`, { headers: await cookieFor('uk', persona) });
      if (res.status === 200 || res.status >= 500) failures.push(`${persona} ${pattern}: ${res.status}`);
    }
    for (const [pattern, build] of consoleApis) {
      const res = await rawRequest('localhost', build!(a.ids), { headers: await cookieFor('uk', persona) });
      if (res.status === 200 || res.status >= 500) failures.push(`${persona} ${pattern}: ${res.status}`);
    }
  }
  const before = await fingerprint(['platform', 't_uk', 't_ca']);
  for (const action of built.actions) {
    const spec = ACTION_MATRIX[action.key]!;
    if (!spec.platform || spec.selfService) continue;
    const worker = action.workers.map((w) => routePattern(w.replace(/^app/, ''))).find((p) => p.startsWith('/platform/[locale]') && PAGE_MATRIX[p]);
    const path = `/platform/en${PAGE_MATRIX[worker ?? '/platform/[locale]']!(a.ids)}`;
    for (const persona of ['anonymous', 'admin'] as PersonaName[]) {
      const res = await callAction('localhost', path, { id: action.id, arity: actionArity(action.key) }, actionFields(spec.fields, a.ids), {
        ...(await cookieFor('uk', persona)),
        'x-forwarded-for': `10.79.0.${Math.floor(Math.random() * 250)}`,
      });
      if (res.status >= 500) failures.push(`${persona} ${action.key}: ${res.status}`);
    }
  }
  const after = await fingerprint(['platform', 't_uk', 't_ca']);
  const changed = Object.keys(before).filter((k) => before[k] !== after[k] && !k.startsWith('platform.audit'));
  expect(failures).toEqual([]);
  expect(changed, 'console actions by people who are not platform administrators').toEqual([]);
});
