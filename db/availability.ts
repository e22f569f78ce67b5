import { getSql } from './client';

/*
 * Is the database reachable? Asked by the proxy before every page or action, answered from a shared check at most
 * once a second (one `select 1`; nobody waits for it more than 2 s), so that during an outage people get the branded 503 page from
 * the proxy instead of a half-rendered error, and the app recovers by itself once PostgreSQL is back: postgres.js
 * reconnects on the next query, no restart needed.
 */

const INTERVAL_MS = 1000;
const TIMEOUT_MS = 2000;

const state = globalThis as unknown as { __dbAvailability?: { ok: boolean; checkedAt: number; pending: Promise<boolean> | null } };

export function databaseAvailable(): Promise<boolean> | boolean {
  const current = (state.__dbAvailability ??= { ok: true, checkedAt: 0, pending: null });
  if (Date.now() - current.checkedAt < INTERVAL_MS) return current.ok;
  // Only a connection failure means "down": a slow answer under load keeps the last known state, so a busy
  // database never turns into a 503 storm.
  const check = (current.pending ??= getSql()`select 1`
    .then(
      () => true,
      (error: unknown) => !isConnectionError(error),
    )
    .then((ok) => {
      state.__dbAvailability = { ok, checkedAt: Date.now(), pending: null };
      return ok;
    }));
  const previous = current.ok;
  return Promise.race([check, new Promise<boolean>((resolve) => setTimeout(() => resolve(previous), TIMEOUT_MS).unref())]);
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

/** A pooled connection closed (idle timeout, or the server went away): ask again on the next request. */
export function recheckDatabaseSoon(): void {
  const current = state.__dbAvailability;
  if (current && !current.pending) current.checkedAt = 0;
}
