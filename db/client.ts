import postgres from 'postgres';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { recheckDatabaseSoon } from './availability';

export type Database = PostgresJsDatabase<Record<string, never>>;

interface Connection {
  sql: postgres.Sql;
  db: Database;
}

/** One pool per process (and per DATABASE_URL); survives dev hot reloads through globalThis. */
const globalConnections = globalThis as unknown as { __marketplaceDb?: Map<string, Connection> };

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (npm start sets it to the embedded database)');
  return url;
}

export function openConnection(url: string, options: { max?: number } = {}): Connection {
  const sql = postgres(url, {
    max: options.max ?? Number(process.env.DATABASE_POOL_SIZE ?? 8),
    idle_timeout: 30,
    connect_timeout: 15,
    onnotice: () => {},
    // A closed connection may mean the server went away: the proxy's availability check runs again at once.
    onclose: () => recheckDatabaseSoon(),
    // Bound every statement so one bad query cannot hold a connection forever.
    connection: { statement_timeout: Number(process.env.DATABASE_STATEMENT_TIMEOUT_MS ?? 15000) },
  });
  return { sql, db: drizzle(sql) };
}

function connection(): Connection {
  const url = databaseUrl();
  globalConnections.__marketplaceDb ??= new Map();
  let existing = globalConnections.__marketplaceDb.get(url);
  if (!existing) {
    existing = openConnection(url);
    globalConnections.__marketplaceDb.set(url, existing);
  }
  return existing;
}

export function getDb(): Database {
  return connection().db;
}

export function getSql(): postgres.Sql {
  return connection().sql;
}

export async function closeDb(): Promise<void> {
  const all = globalConnections.__marketplaceDb;
  if (!all) return;
  globalConnections.__marketplaceDb = undefined;
  await Promise.all([...all.values()].map((c) => c.sql.end({ timeout: 5 })));
}

/** "embedded" when served by the PGlite launcher, else "postgres". Reported by /api/health. */
export function databaseKind(): 'embedded' | 'postgres' {
  return process.env.DATABASE_KIND === 'embedded' ? 'embedded' : 'postgres';
}
