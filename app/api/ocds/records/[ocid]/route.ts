import { preflight, recordPackageResponse } from '@/modules/ocds/api';
import { ocdsRouteContext, unknownTenant } from '@/modules/ocds/route-context';

export async function GET(request: Request, { params }: RouteContext<'/api/ocds/records/[ocid]'>): Promise<Response> {
  const ctx = await ocdsRouteContext();
  const { ocid } = await params;
  return ctx ? recordPackageResponse(ctx, new URL(request.url), decodeURIComponent(ocid)) : unknownTenant();
}

export function OPTIONS(): Response {
  return preflight();
}
