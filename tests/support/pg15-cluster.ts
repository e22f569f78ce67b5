import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '@/db/embedded';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface Cluster {
  url: string;
  stop: () => void;
  /** Fault injection: stop the server at once (immediate shutdown, like a crash), keeping its data. */
  crash: () => void;
  /** Start it again on the same port after crash(). */
  restart: () => void;
}

/** A throwaway PostgreSQL 15 cluster: initdb as the postgres user in a temp dir, trust auth, loopback, free port. */
export async function startPg15Cluster(): Promise<Cluster> {
  if (!existsSync(path.join(BIN, 'initdb'))) {
    throw new Error(`PostgreSQL 15 not found in ${BIN} (apt-get install postgresql-15); tests/run-all.sh installs it`);
  }
  const root = mkdtempSync(path.join(tmpdir(), 'mp-pg15-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['postgres:postgres', root]);
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(BIN, cmd), ...args], { stdio: 'pipe' })
      : execFileSync(path.join(BIN, cmd), args, { stdio: 'pipe' });
  const data = path.join(root, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  const start = () =>
    run('pg_ctl', [
      '-D', data, '-l', path.join(root, 'log'), '-w', 'start',
      '-o', `-c port=${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${root} -c fsync=off -c max_connections=200`,
    ]);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    crash: () => {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    },
    restart: start,
    stop: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
