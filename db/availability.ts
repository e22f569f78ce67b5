import { getSql } from './client';

/*
 * Is the database reachable? Asked by the proxy before every page or action, answered from a shared check at most
 * once a second (one `select 1`, bounded to 2 s), so that during an outage people get the branded 503 page from
 * the proxy instead of a half-rendered error, and the app recovers by itself once PostgreSQL is back: postgres.js
 * reconnects on the next query, no restart needed.
 */

const INTERVAL_MS = 1000;
const TIMEOUT_MS = 2000;

const state = globalThis as unknown as { __dbAvailability?: { ok: boolean; checkedAt: number; pending: Promise<boolean> | null } };

export function databaseAvailable(): Promise<boolean> | boolean {
  const current = (state.__dbAvailability ??= { ok: true, checkedAt: 0, pending: null });
  if (Date.now() - current.checkedAt < INTERVAL_MS) return current.ok;
  current.pending ??= Promise.race([
    getSql()`select 1`.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), TIMEOUT_MS).unref()),
  ])
    .catch(() => false)
    .then((ok) => {
      state.__dbAvailability = { ok, checkedAt: Date.now(), pending: null };
      return ok;
    });
  return current.pending;
}

/** Connection-level failures (refused, reset, server shutting down or starting): the database is away. */
export function isConnectionError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as { code?: string; cause?: unknown };
    if (typeof e.code === 'string' && (/^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|CONNECTION_\w+)$/.test(e.code) || /^(57P0[123]|08\d{3})$/.test(e.code))) return true;
    current = e.cause;
  }
  return false;
}

/** Called when a query failed for want of a database: the next requests get the 503 page at once. */
export function markDatabaseDown(): void {
  state.__dbAvailability = { ok: false, checkedAt: Date.now(), pending: null };
}
