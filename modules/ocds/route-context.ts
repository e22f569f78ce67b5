import { headers } from 'next/headers';
import { tenantFromRequest } from '@/modules/tenancy/context';
import { TENANT_HEADERS } from '@/tenants/request-headers';
import type { PackageContext } from './packages';

/** The tenant the proxy resolved from the Host, and its public origin as requested (for package URIs). */
export async function ocdsRouteContext(): Promise<PackageContext | null> {
  const resolved = await tenantFromRequest();
  if (!resolved) return null;
  const h = await headers();
  const origin = `${h.get('x-forwarded-proto') === 'https' ? 'https' : 'http'}://${h.get(TENANT_HEADERS.host) ?? 'localhost'}`;
  return { tenant: resolved.tenant, origin, basePath: resolved.basePath };
}

export function unknownTenant(): Response {
  return Response.json({ error: 'not_found' }, { status: 404 });
}
