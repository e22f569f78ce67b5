import { z } from 'zod';
import { withTenant } from '@/db/with-tenant';
import { pageNotFound, requireTenantRole, type TenantPageContext } from '@/modules/tenancy/context';
import { findContractFor, findStatement, listContractsFor, loadContractDetail, type Side } from './service';

/** Signed in (else to sign-in); the list of contracts this person sees from one side. */
export async function contractListPage(ctx: TenantPageContext, side: Side) {
  const { user } = await requireTenantRole(ctx, []);
  return { user, rows: await withTenant(ctx.tenant, (tx) => listContractsFor(tx, side, user.id)) };
}

/** One contract, only for a person on that side of it; anyone else gets the not-found page. */
export async function contractPage(ctx: TenantPageContext, side: Side, contractId: string) {
  const { user } = await requireTenantRole(ctx, []);
  if (!z.uuid().safeParse(contractId).success) pageNotFound(ctx);
  const detail = await withTenant(ctx.tenant, async (tx) => {
    const contract = await findContractFor(tx, contractId, side, user.id);
    return contract ? loadContractDetail(tx, contract, ctx.tenant.config.timezone) : null;
  });
  if (!detail) pageNotFound(ctx);
  return { user, detail };
}

export async function statementPage(ctx: TenantPageContext, side: Side, contractId: string, statementId: string) {
  const { user, detail } = await contractPage(ctx, side, contractId);
  if (!z.uuid().safeParse(statementId).success) pageNotFound(ctx);
  const statement = await withTenant(ctx.tenant, (tx) => findStatement(tx, detail.contract.id, statementId));
  if (!statement) pageNotFound(ctx);
  return { user, detail, statement };
}
