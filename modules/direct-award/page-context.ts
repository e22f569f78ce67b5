import { withTenant } from '@/db/with-tenant';
import { requireTenantRole, type TenantPageContext } from '@/modules/tenancy/context';
import { findBuyerOrganisation } from './service';

/** Signed in, and a member of a buyer organisation of this tenant (else null: the page explains). */
export async function buyerPageContext(ctx: TenantPageContext) {
  const { user } = await requireTenantRole(ctx, []);
  const organisation = await withTenant(ctx.tenant, (tx) => findBuyerOrganisation(tx, user.id));
  return { user, organisation };
}
