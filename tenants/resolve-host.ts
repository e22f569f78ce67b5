import { TENANT_SLUG_PATTERN } from '@/db/tenant-schema';
import { RESERVED_SLUGS } from './config-schema';

export type RequestTarget =
  | { kind: 'platform' }
  | { kind: 'tenant'; by: 'subdomain' | 'path'; slug: string; basePath: string; rest: string }
  | { kind: 'domain'; domain: string; basePath: ''; rest: string }
  | { kind: 'unknown' };

export function rootDomain(): string {
  return (process.env.ROOT_DOMAIN ?? 'localhost').toLowerCase();
}

/** Lower-cased host name without port; null when the header is not a plausible host. */
export function hostnameOf(hostHeader: string | null | undefined): string | null {
  if (!hostHeader) return null;
  const host = hostHeader.trim().toLowerCase();
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$/.exec(host);
  return match?.[1] ?? null;
}

/**
 * Pure routing decision from host + path: which tenant (if any) a request is for.
 * Existence of the tenant is checked by the caller against the registry.
 */
export function resolveRequestTarget(hostHeader: string | null, pathname: string, root = rootDomain()): RequestTarget {
  const hostname = hostnameOf(hostHeader);
  if (!hostname) return { kind: 'unknown' };
  if (hostname === root || hostname === `www.${root}` || hostname === '127.0.0.1' || hostname === '[::1]') {
    const pathMatch = /^\/t\/([^/]+)(\/.*)?$/.exec(pathname);
    if (pathMatch) {
      let slug: string;
      try {
        slug = decodeURIComponent(pathMatch[1] ?? '');
      } catch {
        return { kind: 'unknown' };
      }
      if (!isUsableSlug(slug)) return { kind: 'unknown' };
      return { kind: 'tenant', by: 'path', slug, basePath: `/t/${slug}`, rest: pathMatch[2] ?? '/' };
    }
    return { kind: 'platform' };
  }
  if (hostname.endsWith(`.${root}`)) {
    const label = hostname.slice(0, -(root.length + 1));
    if (label.includes('.') || !isUsableSlug(label)) {
      // Deeper names under the root may still be a tenant's custom domain.
      return label.includes('.') ? { kind: 'domain', domain: hostname, basePath: '', rest: pathname } : { kind: 'unknown' };
    }
    return { kind: 'tenant', by: 'subdomain', slug: label, basePath: '', rest: pathname };
  }
  return { kind: 'domain', domain: hostname, basePath: '', rest: pathname };
}

function isUsableSlug(slug: string): boolean {
  return TENANT_SLUG_PATTERN.test(slug) && !RESERVED_SLUGS.has(slug);
}
