import type { Tenant } from '@/tenants/registry';
import { tenantBaseUrl } from '@/tenants/urls';

/** Where links in an email point and which language it is written in (recipients store no preference yet). */
export interface NotifyContext {
  /** Absolute base of the tenant's pages, e.g. https://uk.example.org */
  baseUrl: string;
  locale: string;
}

/**
 * Links in email always use the tenant's canonical address (its first domain, else its subdomain), never the way
 * the sender happened to reach it: a `/t/<slug>` base path only exists on the platform host, so joining it to the
 * tenant's domain gave dead links. The scheduler (no request) uses the same address.
 */
export function notifyContextFor(ctx: { tenant: Tenant }): NotifyContext {
  return { baseUrl: tenantBaseUrl(ctx.tenant), locale: ctx.tenant.config.defaultLocale };
}
