import { z } from 'zod';
import { withTenant } from '@/db/with-tenant';
import { buyerPageContext } from '@/modules/direct-award/page-context';
import { frameworkById } from '@/modules/frameworks/queries';
import { localised } from '@/modules/i18n/localised';
import { pageNotFound, type TenantPageContext } from '@/modules/tenancy/context';
import { findOpportunity } from './service';

/** A buyer page about one opportunity of the viewer's own organisation; anything else is "page not found". */
export async function buyerOpportunityContext(ctx: TenantPageContext, id: string) {
  const { organisation, user } = await buyerPageContext(ctx);
  if (!organisation || !z.uuid().safeParse(id).success) pageNotFound(ctx);
  const data = await withTenant(ctx.tenant, async (tx) => {
    const o = await findOpportunity(tx, id);
    if (!o || o.organisationId !== organisation.id) return null;
    return { o, framework: (await frameworkById(tx, o.frameworkId, ctx.tenant.config.timezone))! };
  });
  if (!data) pageNotFound(ctx);
  const fallback = ctx.tenant.config.defaultLocale;
  const L = (text: Partial<Record<string, string>> | undefined) => localised(text, ctx.locale, fallback);
  const lot = data.framework.definition.lots.find((l) => l.slug === data.o.lot);
  return { ...data, organisation, user, fallback, L, lotName: lot ? L(lot.name) : data.o.lot };
}
