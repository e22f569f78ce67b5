import { NextResponse } from 'next/server';
import { databaseKind, getSql } from '@/db/client';

export const dynamic = 'force-dynamic';

/** Answers on every host, tenant or not, so load balancers and Playwright can wait on it. */
export async function GET(): Promise<Response> {
  const started = performance.now();
  try {
    await getSql()`select 1`;
    return NextResponse.json(
      { status: 'ok', database: databaseKind(), latencyMs: Math.round(performance.now() - started) },
      { headers: { 'cache-control': 'no-store' } },
    );
  } catch {
    return NextResponse.json(
      { status: 'unavailable', database: databaseKind() },
      { status: 503, headers: { 'cache-control': 'no-store' } },
    );
  }
}
