import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { closeDb, getDb, getSql } from './client';
import { DEFAULT_DATA_DIR } from './cli/connect';
import { runMigrations } from './cli/migrate';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded';
import { seedDemoTenants } from './seed';

/*
 * npm start: embedded database when DATABASE_URL is unset, migrations, demo tenants (first start only),
 * a production build when sources changed, then `next start`. Signals go to the Next child; the embedded
 * database closes after it.
 */

const ROOT = process.cwd();
const dev = process.argv.includes('--dev');
const port = process.env.PORT ?? '3000';
const log = (line: string) => console.log(`[marketplace] ${line}`);

function ensureAuthSecret(dataDir: string): void {
  if (process.env.AUTH_SECRET) return;
  const file = path.join(dataDir, 'auth-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  process.env.AUTH_SECRET = readFileSync(file, 'utf8').trim();
}

const SOURCE_DIRS = ['app', 'modules', 'db', 'tenants', 'locales', 'public'];
const SOURCE_FILES = ['proxy.ts', 'next.config.ts', 'package-lock.json', 'postcss.config.mjs', 'tsconfig.json'];

function newestSourceMtime(): number {
  let newest = 0;
  const visit = (p: string) => {
    const stat = statSync(p);
    if (stat.isDirectory()) {
      for (const child of readdirSync(p)) if (child !== 'node_modules' && !child.startsWith('.')) visit(path.join(p, child));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const dir of SOURCE_DIRS) if (existsSync(path.join(ROOT, dir))) visit(path.join(ROOT, dir));
  for (const file of SOURCE_FILES) if (existsSync(path.join(ROOT, file))) newest = Math.max(newest, statSync(path.join(ROOT, file)).mtimeMs);
  return newest;
}

function buildIfStale(): void {
  const buildId = path.join(ROOT, '.next', 'BUILD_ID');
  if (process.env.SKIP_BUILD === '1' && existsSync(buildId)) return;
  if (existsSync(buildId) && statSync(buildId).mtimeMs >= newestSourceMtime()) {
    log('build is up to date');
    return;
  }
  log('building (next build)…');
  const result = spawnSync('npx', ['next', 'build'], { stdio: 'inherit', env: process.env });
  if (result.status !== 0) throw new Error('next build failed');
}

async function main(): Promise<void> {
  const dataDir = process.env.DATA_DIR ?? DEFAULT_DATA_DIR;
  let embedded: EmbeddedDatabase | null = null;
  if (!process.env.DATABASE_URL) {
    const first = !existsSync(path.join(dataDir, 'PG_VERSION'));
    log(`${first ? 'creating' : 'opening'} embedded database in ${path.relative(ROOT, dataDir) || dataDir}${first ? ' (first run takes ~15 s)' : ''}`);
    // A fixed port (EMBEDDED_DB_PORT) lets end-to-end tests read the database the server uses; default: a free one.
    embedded = await startEmbeddedDatabase({ dataDir, port: process.env.EMBEDDED_DB_PORT ? Number(process.env.EMBEDDED_DB_PORT) : undefined });
    process.env.DATABASE_URL = embedded.url;
    process.env.DATABASE_KIND = 'embedded';
    // Demonstration mode (quick sign-in, dev outbox) is on by default only for the embedded database.
    process.env.DEMO_MODE ??= '1';
  }
  ensureAuthSecret(path.dirname(dataDir));

  if (!(await runMigrations(log))) throw new Error('migrations failed');
  if (embedded || process.env.SEED_DEMO === '1') await seedDemoTenants(getDb(), getSql(), log);
  await closeDb();

  if (!dev) buildIfStale();
  const args = dev ? ['next', 'dev', '-p', port, '-H', 'localhost'] : ['next', 'start', '-p', port, '-H', 'localhost'];
  log(`serving on http://localhost:${port} — try http://uk.localhost:${port}, http://ca.localhost:${port}, http://cl.localhost:${port}`);
  const child = spawn('npx', args, { stdio: 'inherit', env: { ...process.env, DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '8' } });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', async (code) => {
    await embedded?.stop();
    process.exit(code ?? 0);
  });
}

main().catch(async (error) => {
  console.error(error);
  await closeDb().catch(() => {});
  process.exit(1);
});
