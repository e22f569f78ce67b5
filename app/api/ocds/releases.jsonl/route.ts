import { bulkReleasesResponse, preflight } from '@/modules/ocds/api';
import { ocdsRouteContext, unknownTenant } from '@/modules/ocds/route-context';

export async function GET(): Promise<Response> {
  const ctx = await ocdsRouteContext();
  return ctx ? bulkReleasesResponse(ctx) : unknownTenant();
}

export function OPTIONS(): Response {
  return preflight();
}
