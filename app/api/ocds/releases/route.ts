import { preflight, releasePackageResponse } from '@/modules/ocds/api';
import { ocdsRouteContext, unknownTenant } from '@/modules/ocds/route-context';

export async function GET(request: Request): Promise<Response> {
  const ctx = await ocdsRouteContext();
  return ctx ? releasePackageResponse(ctx, new URL(request.url)) : unknownTenant();
}

export function OPTIONS(): Response {
  return preflight();
}
