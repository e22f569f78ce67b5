import { withTenant } from '@/db/with-tenant';
import type { SignedInUser } from '@/modules/auth/session';
import { requireTenantRole, type TenantPageContext } from '@/modules/tenancy/context';
import { findSupplierForUser, type Supplier } from './service';

/** Signed in (else to sign-in) and, when required, acting for a supplier of this tenant. */
export async function supplierPageContext(ctx: TenantPageContext): Promise<{ user: SignedInUser; supplier: Supplier | null }> {
  const { user } = await requireTenantRole(ctx, []);
  const supplier = await withTenant(ctx.tenant, (tx) => findSupplierForUser(tx, user.id));
  return { user, supplier };
}
