import { getDb } from '@/db/client';
import { hasAnyRole, rolesInTenant } from '@/modules/auth/memberships';
import type { Role } from '@/tenants/config-schema';
import { signedInUser, tenantFromRequest } from './context';

/** Route handlers: the same tenant and role checks as pages; null means answer 404. */
export async function routeTenantWithRole(allowed: readonly Role[]) {
  const resolved = await tenantFromRequest();
  const user = await signedInUser();
  if (!resolved || !user) return null;
  const roles = await rolesInTenant(getDb(), user.id, resolved.tenant.id);
  if (!hasAnyRole(roles, allowed)) return null;
  return { ...resolved, user, roles };
}
