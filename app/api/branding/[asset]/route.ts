import { and, eq } from 'drizzle-orm';
import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { tenantAssets } from '@/db/schema/platform';
import { tenantFromRequest } from '@/modules/tenancy/context';

const ASSETS = new Set(['logo', 'favicon']);

/** The current tenant's logo or favicon, as an inert attachment-safe image (no script runs in an SVG here). */
export async function GET(_request: Request, { params }: RouteContext<'/api/branding/[asset]'>): Promise<Response> {
  const { asset } = await params;
  const resolved = await tenantFromRequest();
  if (!resolved || !ASSETS.has(asset)) return NextResponse.json({ error: 'not_found' }, { status: 404 });
  const db = getDb();
  const [row] = await db
    .select()
    .from(tenantAssets)
    .where(and(eq(tenantAssets.tenantId, resolved.tenant.id), eq(tenantAssets.name, asset)))
    .limit(1);
  const fallback =
    !row && asset === 'favicon'
      ? (
          await db
            .select()
            .from(tenantAssets)
            .where(and(eq(tenantAssets.tenantId, resolved.tenant.id), eq(tenantAssets.name, 'logo')))
            .limit(1)
        )[0]
      : undefined;
  const found = row ?? fallback;
  if (!found) return NextResponse.json({ error: 'not_found' }, { status: 404 });
  return new Response(new Uint8Array(found.body), {
    headers: {
      'content-type': found.contentType,
      'cache-control': 'public, max-age=300',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    },
  });
}
