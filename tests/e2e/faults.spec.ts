import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import postgres from 'postgres';
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
  cluster = await startPg15Cluster();
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'mp-faults-')), 'pglite');
  const startApp = async () => {
    app = spawn('npx', ['tsx', 'db/launcher.ts'], {
      env: { ...process.env, PORT: String(APP_PORT), DATABASE_URL: cluster!.url, SEED_DEMO: '1', SKIP_BUILD: '1', DATA_DIR: dataDir, DEMO_MODE: '', EXTRA_TENANT_DIRS: '' },
      detached: true,
      stdio: 'ignore',
    });
    expect(await waitFor(async () => (await request('/api/health')).status === 200, 180_000), 'app started on PostgreSQL 15').toBe(true);
  };
  await startApp();
  const sql = postgres(cluster.url, { max: 1, onnotice: () => {} });
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
  cluster.restart();
  expect(await waitFor(async () => (await request('/en')).status === 200, 30_000), 'recovered').toBe(true);
  expect(running.exitCode).toBeNull();
  expect(app!.pid).toBe(pid);

  // Each submission exists once or not at all, and never without its audit event (one transaction).
  const check = postgres(cluster.url, { max: 1, onnotice: () => {} });
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
    process.kill(-running.pid!, 'SIGKILL');
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
