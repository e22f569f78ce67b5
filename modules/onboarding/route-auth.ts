import { headers } from 'next/headers';
import { rolesHere, signedInUser } from '@/modules/tenancy/context';
import { TENANT_HEADERS } from '@/tenants/request-headers';

/** Route handlers on the root domain for platform operators; null means answer 404. */
export async function routePlatformAdmin() {
  if ((await headers()).get(TENANT_HEADERS.slug)) return null;
  const user = await signedInUser();
  if (!user) return null;
  return (await rolesHere(user.id, null)).includes('platform_admin') ? user : null;
}

/**
 * Route handlers have no CSRF protection of their own (unlike server actions): a state-changing request
 * must come from our own origin.
 */
export async function sameOrigin(request: Request): Promise<boolean> {
  const origin = request.headers.get('origin');
  const host = (await headers()).get(TENANT_HEADERS.host);
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
