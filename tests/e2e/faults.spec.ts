import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import Stripe from 'stripe';
import { startFakeNotify, type FakeNotify } from '../support/fake-notify';
import { startPg15Cluster, type Cluster } from '../support/pg15-cluster';
import { actionArity, actionPagePath, builtManifest } from './route-matrix';
import { randomIds } from './security-support';
import { PORT, type RawResponse } from './support';

/*
 * Faults, bounded in count and time, loopback only: the production build (already built for this run) on a
 * throwaway PostgreSQL 15 cluster, which is crashed (immediate shutdown) while 30 submissions are in flight.
 * Expected: each submission exists once or not at all (the row and its audit event together), pages answer the
 * translated 503 while the database is away, and the same app process serves again once it is back. Then the app
 * itself is killed (SIGKILL) with submissions in flight and started again: again once or not at all.
 * Stripe webhooks delivered twice, concurrently and out of order change the tenant's billing once per event; the
 * app killed while a notification job is at the provider (GOV.UK Notify, faked on 127.0.0.1) sends it exactly once.
 * 50 concurrent saves of one framework definition through the real form: one saved, 49 told of the conflict
 * (tests/integration/optimistic-locking.test.ts covers the same below HTTP).
 */

const APP_PORT = PORT + 7;
let cluster: Cluster | null = null;
let app: ChildProcess | null = null;

function request(path: string, options: { method?: string; body?: Buffer; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: APP_PORT, path, method: options.method ?? 'GET', headers: { host: `uk.localhost:${APP_PORT}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

const WEBHOOK_SECRET = 'whsec_test_faults';
let dataDir = '';

/** The app (launcher: migrations, demo seed, `next start` of this run's build) on the throwaway PostgreSQL 15. */
async function startApp(): Promise<void> {
  app = spawn('npx', ['tsx', 'db/launcher.ts'], {
    env: {
      ...process.env,
      PORT: String(APP_PORT),
      DATABASE_URL: cluster!.url,
      SEED_DEMO: '1',
      SKIP_BUILD: '1',
      DATA_DIR: dataDir,
      DEMO_MODE: '',
      EXTRA_TENANT_DIRS: '',
      // Webhooks signed with this test secret; the scheduler (notification queue) every 3 s instead of every minute.
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_PRICE_STANDARD: 'price_standard_faults',
      SCHEDULER_INTERVAL_MS: '3000',
    },
    detached: true,
    stdio: 'ignore',
  });
  expect(await waitFor(async () => (await request('/api/health')).status === 200, 180_000), 'app started on PostgreSQL 15').toBe(true);
}

async function ensureApp(): Promise<void> {
  if (!cluster) {
    cluster = await startPg15Cluster();
    dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'mp-faults-')), 'pglite');
  }
  if (!app || app.exitCode !== null || app.signalCode !== null) await startApp();
}

function killApp(): void {
  process.kill(-app!.pid!, 'SIGKILL');
}

test.afterAll(async () => {
  if (app?.pid) {
    try {
      process.kill(-app.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  try {
    cluster?.stop();
  } catch {
    // a crashed cluster that was not restarted: its directory is still removed by stop()
  }
});

test('PostgreSQL crashed mid-write: no partial rows, a translated 503 while down, recovery without restarting the app; the app killed mid-write: each submission once or not at all', async () => {
  test.setTimeout(300_000);
  await ensureApp();
  const sql = postgres(cluster!.url, { max: 1, onnotice: () => {} });
  const [buyer] = await sql<{ id: string }[]>`select id from platform.users where email = 'buyer@uk.demo.example'`;
  const token = randomBytes(32).toString('hex');
  await sql`insert into platform.sessions (session_token, user_id, expires) values (${token}, ${buyer!.id}, now() + interval '1 hour')`;
  await sql.end();

  const action = builtManifest().actions.find((a) => a.key.endsWith('#createProjectAction'))!;
  const page = `/en${actionPagePath(action.workers, randomIds())}`;
  let run = randomBytes(3).toString('hex');
  const submit = async (i: number) => {
    const form = new FormData();
    form.set('$ACTION_REF_1', '');
    form.set('$ACTION_1:0', JSON.stringify({ id: action.id, bound: '$@1' }));
    form.set('$ACTION_1:1', '[{}]');
    form.set('name', `fault-${run}-${i}`);
    form.set('search', 'q=cloud');
    expect(actionArity(action.key)).toBe(2);
    const encoded = new Response(form);
    return request(page, {
      method: 'POST',
      body: Buffer.from(await encoded.arrayBuffer()),
      headers: { 'content-type': encoded.headers.get('content-type')!, origin: `http://uk.localhost:${APP_PORT}`, cookie: `mp.session=${token}` },
    }).catch((e: Error) => ({ status: 0, headers: {}, body: e.message }) as RawResponse);
  };

  // 30 submissions, 3 at a time; the database is crashed after the 12th has been sent.
  const results: { i: number; res: RawResponse }[] = [];
  for (let i = 0; i < 30; i += 3) {
    const batch = [i, i + 1, i + 2].map(async (n) => ({ i: n, res: await submit(n) }));
    if (i === 12) setTimeout(() => cluster!.crash(), 5);
    results.push(...(await Promise.all(batch)));
  }
  const succeeded = results.filter((r) => r.res.status === 303 || (r.res.status === 200 && !r.res.body.includes('unavailable')));
  expect(succeeded.length, 'some submissions went through before the crash').toBeGreaterThan(0);
  // Only the batch in flight at the crash may fail with an error page; everything after it gets the 503.
  for (const r of results.filter((x) => x.i > 14)) expect([303, 200, 503], `submission ${r.i}`).toContain(r.res.status);

  // While the database is away: the translated 503 page (with Retry-After), for pages and actions alike.
  expect(await waitFor(async () => (await request('/en')).status === 503, 10_000)).toBe(true);
  const down = await request('/en/catalogue');
  expect(down.status).toBe(503);
  expect(down.headers['retry-after']).toBe('30');
  expect(down.body).toContain('Sorry, the service is unavailable');
  expect(down.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect((await submit(99)).status).toBe(503);
  const cy = await request('/cy');
  expect(cy.body).toContain('gwasanaeth ar gael');

  // Back without restarting the app: the same process answers 200 once PostgreSQL is up.
  const running = app!;
  const pid = running.pid;
  cluster!.restart();
  expect(await waitFor(async () => (await request('/en')).status === 200, 30_000), 'recovered').toBe(true);
  expect(running.exitCode).toBeNull();
  expect(app!.pid).toBe(pid);

  // Each submission exists once or not at all, and never without its audit event (one transaction).
  const check = postgres(cluster!.url, { max: 1, onnotice: () => {} });
  try {
    const rows = await check<{ name: string; id: string; audited: number }[]>`
      select p.name, p.id, (select count(*)::int from t_uk.audit_events a where a.type = 'project.created' and a.object_id = p.id::text) as audited
      from t_uk.direct_award_projects p where p.name like ${`fault-${run}-%`}`;
    const byName = new Map<string, number>();
    for (const row of rows) byName.set(row.name, (byName.get(row.name) ?? 0) + 1);
    expect([...byName.values()].every((n) => n === 1)).toBe(true);
    expect(rows.every((r) => r.audited === 1)).toBe(true);
    const audits = await check<{ n: number }[]>`
      select count(*)::int as n from t_uk.audit_events a where a.type = 'project.created'
      and not exists (select 1 from t_uk.direct_award_projects p where p.id::text = a.object_id)`;
    expect(audits[0]!.n).toBe(0);
    for (const r of results.filter((x) => x.res.status === 303)) expect(byName.get(`fault-${run}-${r.i}`), `accepted submission ${r.i} is stored`).toBe(1);

    // The app killed (SIGKILL, its whole process group) while submissions are in flight, then started again.
    run = randomBytes(3).toString('hex');
    // Submissions keep starting every 100 ms; the kill comes once three have been confirmed (or after 10 s).
    let confirmed = 0;
    const inFlight: Promise<RawResponse>[] = [];
    const deadline = Date.now() + 10_000;
    for (let i = 0; i < 40 && confirmed < 3 && Date.now() < deadline; i++) {
      inFlight.push(submit(i).then((res) => ((confirmed += res.status === 303 ? 1 : 0), res)));
      await new Promise((r) => setTimeout(r, 100));
    }
    // Then eight at once, and the kill while they are being handled.
    for (let i = 40; i < 48; i++) inFlight.push(submit(i));
    await new Promise((r) => setTimeout(r, 40));
    killApp();
    const killed = await Promise.all(inFlight);
    await startApp();
    const after = await check<{ name: string; audited: number }[]>`
      select p.name, (select count(*)::int from t_uk.audit_events a where a.type = 'project.created' and a.object_id = p.id::text) as audited
      from t_uk.direct_award_projects p where p.name like ${`fault-${run}-%`}`;
    const names = after.map((r) => r.name);
    expect(new Set(names).size, 'no submission stored twice').toBe(names.length);
    expect(after.every((r) => r.audited === 1), 'no project without its audit event').toBe(true);
    killed.forEach((res, i) => {
      const n = i < inFlight.length - 8 ? i : 40 + (i - (inFlight.length - 8));
      if (res.status === 303) expect(names, `submission ${n} was confirmed, so it is stored`).toContain(`fault-${run}-${n}`);
    });
    expect((await request('/en')).status).toBe(200);
    console.log(`[faults] database crash: ${succeeded.length}/30 confirmed, ${rows.length} stored; app kill: ${killed.filter((r) => r.status === 303).length}/${killed.length} confirmed, ${after.length} stored`);
  } finally {
    await check.end();
  }
});

test('Stripe webhooks: duplicates (one after another and 8 at once) and out-of-order events change the billing once per event', async () => {
  test.setTimeout(240_000);
  await ensureApp();
  const db = postgres(cluster!.url, { max: 1, onnotice: () => {} });
  const stripe = new Stripe('sk_test_unused');
  try {
    const [uk] = await db<{ id: string }[]>`select id from platform.tenants where slug = 'uk'`;
    const tenantId = uk!.id;
    await db`insert into platform.tenant_billing (tenant_id, plan) values (${tenantId}, 'trial')
             on conflict (tenant_id) do update set plan = 'trial', subscription_status = null, last_event_at = null, past_due_since = null`;
    const run = randomBytes(3).toString('hex');
    const base = Math.floor(Date.now() / 1000);
    const event = (n: number, status: string, created: number) => ({
      id: `evt_faults_${run}_${n}`,
      object: 'event',
      type: 'customer.subscription.updated',
      created,
      data: { object: { id: `sub_faults_${run}`, object: 'subscription', status, customer: `cus_faults_${run}`, metadata: { tenant_id: tenantId }, items: { data: [{ price: { id: 'price_standard_faults' } }] } } },
    });
    const deliver = async (e: ReturnType<typeof event>) => {
      const payload = JSON.stringify(e);
      const res = await request('/api/stripe/webhook', {
        method: 'POST',
        body: Buffer.from(payload),
        headers: { host: `localhost:${APP_PORT}`, 'content-type': 'application/json', 'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }) },
      });
      expect(res.status, res.body).toBe(200);
      return (JSON.parse(res.body) as { outcome: string }).outcome;
    };
    const state = async () => (await db<{ status: string | null; plan: string; pastDue: Date | null }[]>`
      select subscription_status as status, plan, past_due_since as "pastDue" from platform.tenant_billing where tenant_id = ${tenantId}`)[0]!;

    // 1: active, delivered twice in a row.
    const active = event(1, 'active', base - 100);
    expect(await deliver(active)).toBe('applied');
    expect(await deliver(active)).toBe('duplicate');
    expect(await state()).toMatchObject({ status: 'active', plan: 'standard', pastDue: null });
    // 3 (newer: past_due) arrives before 2 (older: canceled); 2 then changes nothing, and neither does 3 again.
    const pastDue = event(3, 'past_due', base - 50);
    const canceledLate = event(2, 'canceled', base - 80);
    expect(await deliver(pastDue)).toBe('applied');
    expect(await deliver(canceledLate)).toBe('stale');
    expect(await deliver(pastDue)).toBe('duplicate');
    expect(await state()).toMatchObject({ status: 'past_due', plan: 'standard' });
    // 4: paid again, delivered 8 times at once (Stripe retries overlap a slow answer): applied by exactly one.
    const paid = event(4, 'active', base - 10);
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => deliver(paid)));
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(7);
    // Then the first one again, long after: still nothing.
    expect(await deliver(active)).toBe('duplicate');
    expect(await state()).toMatchObject({ status: 'active', plan: 'standard', pastDue: null });

    // In the database: each event recorded once, and one audited state change per applied event (1, 3, 4), none for the stale one.
    const recorded = await db<{ id: string }[]>`select id from platform.stripe_events where id like ${`evt_faults_${run}_%`} order by id`;
    expect(recorded.map((r) => r.id)).toEqual([1, 2, 3, 4].map((n) => `evt_faults_${run}_${n}`));
    const changes = await db<{ objectId: string }[]>`
      select object_id as "objectId" from platform.audit_events where type = 'billing.stripe_event' and tenant_id = ${tenantId} and object_id like ${`evt_faults_${run}_%`} order by occurred_at`;
    expect(changes.map((c) => c.objectId)).toEqual([1, 3, 4].map((n) => `evt_faults_${run}_${n}`));
  } finally {
    await db.end();
  }
});

test('notification queue: the app killed while emails are at the provider, restarted, drained: each email sent exactly once', async () => {
  test.setTimeout(300_000);
  await ensureApp();
  const notify: FakeNotify = await startFakeNotify();
  const db = postgres(cluster!.url, { max: 1, onnotice: () => {} });
  const run = randomBytes(3).toString('hex');
  const JOBS = 12;
  try {
    // The uk tenant sends through (fake) GOV.UK Notify; each send is held 700 ms at the provider, so a kill lands
    // between "Notify accepted it" and "the job is marked sent" — the window where a naive retry sends twice.
    notify.delayMs = 700;
    const settings = JSON.stringify({ provider: 'notify', apiKey: notify.apiKey, templates: { default: '11111111-2222-4333-8444-555555555555' }, baseUrl: notify.url });
    await db`insert into t_uk.tenant_settings (key, value) values ('notification_provider', ${settings}) on conflict (key) do update set value = excluded.value`;
    // Anything already queued for uk (demo seed) is out of the way first, so the batch below is the whole queue.
    await db`update t_uk.notification_jobs set sent_at = now() where sent_at is null and failed_at is null`;
    const jobs = await db<{ id: string }[]>`
      insert into t_uk.notification_jobs (kind, recipient, locale, params, dedupe_key)
      select 'contract_ready_to_sign', 'faults-' || ${run} || '-' || n || '@example.gov', 'en', '{"title":"Hosting","url":"https://uk.localhost/x"}'::jsonb, 'faults:' || ${run} || ':' || n
      from generate_series(1, ${JOBS}) n returning id`;
    const ids = new Set(jobs.map((j) => j.id));
    const mine = () => notify.received.filter((r) => ids.has(String(r.body.reference)));

    // The scheduler (every 3 s) starts sending; the app is killed once 3 have reached the provider.
    expect(await waitFor(async () => mine().length >= 3, 60_000), 'the scheduler started sending').toBe(true);
    killApp();
    await waitFor(async () => app!.exitCode !== null || app!.signalCode !== null, 10_000);
    const beforeRestart = mine().length;
    const unsent = await db<{ n: number }[]>`select count(*)::int as n from t_uk.notification_jobs where id in ${db([...ids])} and sent_at is null`;
    expect(unsent[0]!.n, 'the kill left jobs unsent').toBeGreaterThan(0);
    // A killed worker's hold (locked_until, 2 minutes) expires on its own; the test moves it to now rather than waiting.
    await db`update t_uk.notification_jobs set locked_until = now() where id in ${db([...ids])} and sent_at is null`;
    notify.delayMs = 0;
    await startApp();
    expect(
      await waitFor(async () => (await db<{ n: number }[]>`select count(*)::int as n from t_uk.notification_jobs where id in ${db([...ids])} and sent_at is null`)[0]!.n === 0, 90_000),
      'the queue drained after the restart',
    ).toBe(true);

    // Exactly once at the provider: every job's reference once, nothing else.
    const references = mine().map((r) => String(r.body.reference));
    expect(references.length, `sent ${references.length} for ${JOBS} jobs (${beforeRestart} before the kill)`).toBe(JOBS);
    expect(new Set(references)).toEqual(ids);
    const marked = await db<{ n: number }[]>`select count(*)::int as n from t_uk.notification_jobs where id in ${db([...ids])} and provider = 'notify' and provider_ref is not null`;
    expect(marked[0]!.n).toBe(JOBS);
    console.log(`[faults] notifications: ${beforeRestart}/${JOBS} at the provider when the app was killed, ${JOBS - unsent[0]!.n} marked sent; after restart ${references.length} sends in all`);
  } finally {
    await db`delete from t_uk.tenant_settings where key = 'notification_provider'`.catch(() => undefined);
    await db.end();
    await notify.close();
  }
});

test('50 concurrent saves of one framework definition over HTTP: one is saved, 49 are told someone else changed it', async () => {
  test.setTimeout(240_000);
  await ensureApp();
  const db = postgres(cluster!.url, { max: 1, onnotice: () => {} });
  try {
    const [admin] = await db<{ id: string }[]>`select id from platform.users where email = 'admin@uk.demo.example'`;
    const token = randomBytes(32).toString('hex');
    await db`insert into platform.sessions (session_token, user_id, expires) values (${token}, ${admin!.id}, now() + interval '1 hour')`;
    const [framework] = await db<{ slug: string; definition: { lots: { name: Record<string, string> }[] }; version: number }[]>`
      select slug, definition, definition_version as version from t_uk.frameworks order by slug limit 1`;
    const action = builtManifest().actions.find((a) => a.key.endsWith('#saveDefinitionAction'))!;
    const page = `/en${actionPagePath(action.workers, { ...randomIds(), framework: framework!.slug })}`;
    const auditsBefore = (await db<{ n: number }[]>`select count(*)::int as n from t_uk.audit_events where type = 'framework.definition_saved'`)[0]!.n;
    const save = async (i: number) => {
      const definition = { ...framework!.definition, lots: framework!.definition.lots.map((lot, j) => (j === 0 ? { ...lot, name: { ...lot.name, en: `Concurrent edit ${i}` } } : lot)) };
      const form = new FormData();
      form.set('$ACTION_REF_1', '');
      form.set('$ACTION_1:0', JSON.stringify({ id: action.id, bound: '$@1' }));
      form.set('$ACTION_1:1', '[{}]');
      form.set('framework', framework!.slug);
      form.set('definition', JSON.stringify(definition));
      form.set('baseVersion', String(framework!.version));
      const encoded = new Response(form);
      return request(page, {
        method: 'POST',
        body: Buffer.from(await encoded.arrayBuffer()),
        headers: { 'content-type': encoded.headers.get('content-type')!, origin: `http://uk.localhost:${APP_PORT}`, cookie: `mp.session=${token}` },
      });
    };
    expect(actionArity(action.key)).toBe(2);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => save(i)));
    expect(results.map((r) => r.status).filter((s) => s !== 200), 'every save answered with the page').toEqual([]);
    const saved = results.filter((r) => r.body.includes(`Saved as version ${framework!.version + 1}.`));
    const conflicts = results.filter((r) => r.body.includes('Someone else changed this while you were editing it.'));
    expect(saved).toHaveLength(1);
    expect(conflicts).toHaveLength(49);
    const [after] = await db<{ version: number; name: string }[]>`
      select definition_version as version, definition #>> '{lots,0,name,en}' as name from t_uk.frameworks where slug = ${framework!.slug}`;
    expect(after!.version).toBe(framework!.version + 1);
    expect(after!.name).toMatch(/^Concurrent edit \d+$/);
    const auditsAfter = (await db<{ n: number }[]>`select count(*)::int as n from t_uk.audit_events where type = 'framework.definition_saved'`)[0]!.n;
    expect(auditsAfter - auditsBefore).toBe(1);
  } finally {
    await db.end();
  }
});
