import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '@/db/embedded';
import { measure, type CaseResult, type CaseSpec, type LoopOptions } from './stats';

export const HTTP_SEQUENTIAL: LoopOptions = { warmup: 20, iterations: 300, concurrency: 1, capMs: 20_000 };
export const HTTP_CONCURRENT: LoopOptions = { warmup: 16, iterations: 600, concurrency: 8, capMs: 20_000 };
/** A stale .next means `next build` first (~30 s alone, more on a busy 2-core machine). */
const START_TIMEOUT_MS = 240_000;
const REQUEST_TIMEOUT_MS = 30_000;

export interface Server {
  port: number;
  /** Seconds from spawn to a healthy /api/health, and whether the launcher ran `next build` first. */
  startupSeconds: number;
  built: boolean;
  /** Idempotent; waits for the whole process group to go, then removes the temp data dir. */
  stop: () => Promise<void>;
  /** Synchronous last resort for process 'exit' handlers: SIGKILL the group, remove the data dir. */
  kill: () => void;
}

/**
 * The production path of tests/e2e/serve.sh (`npx tsx db/launcher.ts`: embedded PGlite in a fresh temp
 * DATA_DIR, migrations, demo seed, build if stale, `next start`) on our own free port. Detached, so the
 * launcher, npx and next-server form one process group we can signal as a whole.
 * With `databaseUrl` the launcher uses that PostgreSQL instead (migrations only, no demo seed: the caller
 * has prepared the data), as `DATABASE_URL=… npm start` does.
 */
export async function startServer(log: (line: string) => void, options: { databaseUrl?: string } = {}): Promise<Server> {
  const spawnedAt = performance.now();
  const port = await freePort();
  const root = mkdtempSync(path.join(tmpdir(), 'mp-bench-'));
  const logFile = path.join(root, 'server.log');
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: path.join(root, 'pglite'), PORT: String(port), DEMO_MODE: '1' };
  // Our own process points these at the benchmark databases; the server must choose its own, as npm start does.
  for (const name of ['DATABASE_URL', 'DATABASE_KIND', 'DATABASE_POOL_SIZE', 'EXTRA_TENANT_DIRS', 'SEED_DEMO']) delete env[name];
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;

  const child: ChildProcess = spawn('npx', ['tsx', 'db/launcher.ts'], { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
  const out = createWriteStream(logFile);
  child.stdout!.pipe(out, { end: false });
  child.stderr!.pipe(out, { end: false });
  // Echo the launcher's own progress lines (migrations, "building…", "serving on") and nothing else.
  let built = false;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.startsWith('[marketplace]')) return;
    if (line.includes('next build')) built = true;
    log(`server: ${line.slice('[marketplace] '.length)}`);
  });

  const pgid = child.pid!;
  const groupAlive = () => {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const killGroup = () => {
    if (groupAlive()) process.kill(-pgid, 'SIGKILL');
  };
  const kill = () => {
    killGroup();
    rmSync(root, { recursive: true, force: true });
  };
  let stopped: Promise<void> | null = null;
  const stop = () =>
    (stopped ??= (async () => {
      if (groupAlive()) process.kill(-pgid, 'SIGTERM');
      // SIGTERM lets the launcher close PGlite after next-server exits; escalate if that takes too long.
      for (let waited = 0; groupAlive() && waited < 10_000; waited += 100) await sleep(100);
      killGroup();
      for (let waited = 0; groupAlive() && waited < 5_000; waited += 100) await sleep(100);
      out.end();
      rmSync(root, { recursive: true, force: true });
    })());

  try {
    await waitForHealth(port, child, START_TIMEOUT_MS);
  } catch (error) {
    // Colour codes from next build would make the JSON unreadable.
    const tail = safeRead(logFile).replace(/\x1b\[[0-9;]*m/g, '').split('\n').slice(-40).join('\n');
    await stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- server log (last 40 lines) ---\n${tail}`);
  }
  return { port, startupSeconds: Math.round((performance.now() - spawnedAt) / 100) / 10, built, stop, kill };
}

async function waitForHealth(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const agent = new http.Agent({ keepAlive: false });
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited before it was healthy (code ${child.exitCode})`);
      try {
        const res = await get(agent, port, `localhost:${port}`, '/api/health', 5_000);
        if (res.status === 200) return;
      } catch {
        // Not listening yet.
      }
      await sleep(500);
    }
    throw new Error(`server not healthy within ${timeoutMs / 1000} s`);
  } finally {
    agent.destroy();
  }
}

interface HttpCase {
  spec: CaseSpec;
  path: string;
  status: number;
}

export async function runHttpBenchmarks(port: number, log: (line: string) => void): Promise<CaseResult[]> {
  // Node cannot resolve *.localhost: connect to 127.0.0.1 and name the tenant in Host. The floor uses the
  // same tenant host, so the proxy's (cached) tenant lookup is in every case and only the route differs.
  const host = `uk.localhost:${port}`;
  const database = 'http/pglite';
  const cases: HttpCase[] = [
    { spec: { name: 'http.health', label: 'GET /api/health', kind: 'floor', database }, path: '/api/health', status: 200 },
    { spec: { name: 'http.tenantHome', label: 'GET /en (tenant home)', kind: 'ours', database, floor: 'http.health' }, path: '/en', status: 200 },
    {
      spec: { name: 'http.tenant404', label: 'GET /en/no-such-page (tenant 404)', kind: 'ours', database, floor: 'http.health' },
      path: '/en/no-such-page',
      status: 404,
    },
  ];
  const results: CaseResult[] = [];
  for (const options of [HTTP_SEQUENTIAL, HTTP_CONCURRENT]) {
    for (const c of cases) {
      // A fresh keep-alive agent per case: no socket left idle across cases (and closed by the server
      // under us) can turn into a spurious ECONNRESET.
      const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
      let bytes = 0;
      let responses = 0;
      try {
        const result = await measure(
          c.spec,
          async () => {
            const res = await get(agent, port, host, c.path, REQUEST_TIMEOUT_MS);
            bytes += res.bytes;
            responses++;
            if (res.status !== c.status) throw new Error(`${c.path}: expected ${c.status}, got ${res.status}`);
          },
          options,
        );
        result.extra = { meanResponseBytes: Math.round(bytes / Math.max(1, responses)) };
        log(`http: ${c.spec.label} [${result.mode}] mean ${result.meanMs} ms, p99 ${result.p99Ms} ms, ${result.opsPerSec} req/s${result.errors ? `, ${result.errors} ERRORS (${result.firstError})` : ''}`);
        results.push(result);
      } finally {
        agent.destroy();
      }
    }
  }
  return results;
}

/** One GET, body fully read (the time to last byte is what a user waits for). */
function get(agent: http.Agent, port: number, host: string, urlPath: string, timeoutMs: number): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, method: 'GET', agent, headers: { host, 'accept-language': 'en' } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`${urlPath}: no response within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
