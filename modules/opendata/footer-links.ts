import type { TenantPageContext } from '@/modules/tenancy/context';
import type { NavLink } from '@/modules/ui/site-header';

/** The public pages every marketplace has, linked from its footer before the tenant's own links. */
export function publicFooterLinks(ctx: Pick<TenantPageContext, 't' | 'href'>): NavLink[] {
  return [
    { href: ctx.href('/how-to-buy'), label: ctx.t('guidance.titles.howToBuy') },
    { href: ctx.href('/how-to-sell'), label: ctx.t('guidance.titles.howToSell') },
    { href: ctx.href('/suppliers'), label: ctx.t('publicBrowse.suppliersTitle') },
    { href: ctx.href('/contracts'), label: ctx.t('publicBrowse.contractsTitle') },
    { href: ctx.href('/open-data'), label: ctx.t('publicHome.navOpenData') },
    { href: ctx.href('/contact'), label: ctx.t('guidance.titles.contact') },
    { href: ctx.href('/accessibility'), label: ctx.t('guidance.titles.accessibility') },
  ];
}
