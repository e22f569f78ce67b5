import type { SignedInActionContext } from '@/modules/tenancy/action-context';
import { tenantBaseUrl } from '@/tenants/urls';

/** Where links in an email point and which language it is written in (recipients store no preference yet). */
export interface NotifyContext {
  /** Absolute base of the tenant's pages, e.g. https://uk.example.org */
  baseUrl: string;
  locale: string;
}

export function notifyContextFor(ctx: Pick<SignedInActionContext, 'tenant' | 'basePath'>): NotifyContext {
  return { baseUrl: `${tenantBaseUrl(ctx.tenant)}${ctx.basePath}`, locale: ctx.tenant.config.defaultLocale };
}
