import { NextResponse } from 'next/server';
import { getDb, getSql } from '@/db/client';
import { recordPlatformAuditEvent } from '@/modules/audit/record';
import { routePlatformAdmin } from '@/modules/onboarding/route-auth';
import { ArchiveError, exportTenantArchive } from '@/modules/onboarding/tenant-archive';

/** The whole tenant (config, assets, members, plan, every table's rows) as one JSON download. */
export async function GET(_request: Request, { params }: RouteContext<'/api/platform/tenants/[slug]/export'>): Promise<Response> {
  const user = await routePlatformAdmin();
  if (!user) return NextResponse.json({ error: 'not_found' }, { status: 404 });
  const { slug } = await params;
  try {
    const archive = await exportTenantArchive(getDb(), getSql(), slug);
    await recordPlatformAuditEvent(getDb(), { type: 'tenant.exported', actorUserId: user.id, objectType: 'tenant', objectId: slug });
    return new Response(JSON.stringify(archive), {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="${slug}-export.json"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  } catch (error) {
    if (error instanceof ArchiveError) return NextResponse.json({ error: 'not_found' }, { status: 404 });
    throw error;
  }
}
