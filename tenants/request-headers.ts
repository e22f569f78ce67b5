/** Request headers the proxy sets. The proxy deletes any client-sent copies first. */
export const TENANT_HEADERS = {
  slug: 'x-tenant',
  basePath: 'x-tenant-base',
  host: 'x-tenant-host',
  /** Enabled locale of the page, and the page path after it: used by the language switcher and not-found pages. */
  locale: 'x-tenant-locale',
  path: 'x-tenant-path',
} as const;
