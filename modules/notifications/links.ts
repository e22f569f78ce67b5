import { formatDate, type FormatSettings } from '@/modules/i18n/format';
import { localeFormat, type Tenant } from '@/tenants/registry';
import { tenantBaseUrl } from '@/tenants/urls';

/** Where links in an email point and which language it is written in (recipients store no preference yet). */
export interface NotifyContext {
  /** Absolute base of the tenant's pages, e.g. https://uk.example.org */
  baseUrl: string;
  locale: string;
  /** How dates in the email are written: the tenant's zone and the locale's format. */
  fmt?: FormatSettings;
}

/**
 * Links in email always use the tenant's canonical address (its first domain, else its subdomain), never the way
 * the sender happened to reach it: a `/t/<slug>` base path only exists on the platform host, so joining it to the
 * tenant's domain gave dead links. The scheduler (no request) uses the same address.
 */
export function notifyContextFor(ctx: { tenant: Tenant }): NotifyContext {
  const { tenant } = ctx;
  const locale = tenant.config.defaultLocale;
  return { baseUrl: tenantBaseUrl(tenant), locale, fmt: { format: localeFormat(tenant, locale), timezone: tenant.config.timezone, currency: tenant.config.currency } };
}

/** A date and time in an email, in the tenant's zone (the zone's name is said, so no reader has to guess). */
export function emailDateTime(value: Date, ctx: NotifyContext): string {
  if (!ctx.fmt) return `${value.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `${formatDate(value, ctx.fmt, 'dateTime')} (${ctx.fmt.timezone})`;
}

export function emailDate(value: Date, ctx: NotifyContext): string {
  return ctx.fmt ? formatDate(value, ctx.fmt) : value.toISOString().slice(0, 10);
}
