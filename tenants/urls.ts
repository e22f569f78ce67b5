import type { Tenant } from './registry';
import { rootDomain } from './resolve-host';

/** The public address of a tenant for links in email sent outside a request (scheduler). */
export function tenantBaseUrl(tenant: Tenant): string {
  const scheme = process.env.PUBLIC_URL_SCHEME === 'https' ? 'https' : 'http';
  const port = process.env.PUBLIC_URL_PORT ?? process.env.PORT;
  const host = tenant.config.domains[0] ?? `${tenant.slug}.${rootDomain()}`;
  const defaultPort = (scheme === 'https' && port === '443') || (scheme === 'http' && port === '80');
  return `${scheme}://${host}${port && !defaultPort ? `:${port}` : ''}`;
}
