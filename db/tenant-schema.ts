/** Slugs are lowercase letters, digits and single hyphens; the schema name maps hyphens to underscores (injective). */
export const TENANT_SLUG_PATTERN = /^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){1,29}$/;

export function tenantSchemaName(slug: string): string {
  if (!TENANT_SLUG_PATTERN.test(slug)) throw new Error(`Invalid tenant slug: ${JSON.stringify(slug)}`);
  return `t_${slug.replaceAll('-', '_')}`;
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
