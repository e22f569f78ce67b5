import { sql } from 'drizzle-orm';
import type { TenantTx } from '@/db/with-tenant';
import { listFrameworks } from '@/modules/frameworks/queries';

/** At most this many pages per language: a sitemap holds 50,000 URLs and each page is listed once per language. */
const MAX_DETAIL_PAGES = 10_000;

export interface SitemapEntry {
  path: string;
  lastModified?: Date;
}

/** Public pages of a tenant (paths after the locale): fixed pages, frameworks, published services, awarded contracts. */
export async function listSitemapEntries(tx: TenantTx, timeZone: string): Promise<SitemapEntry[]> {
  const fixed = ['', '/frameworks', '/catalogue', '/suppliers', '/contracts', '/open-data', '/how-to-buy', '/how-to-sell', '/contact', '/accessibility'];
  const frameworks = await listFrameworks(tx, timeZone);
  const services = await tx.execute<{ id: string; updated_at: string }>(
    sql`select id, updated_at from services where status = 'published' order by updated_at desc limit ${MAX_DETAIL_PAGES}`,
  );
  const contracts = await tx.execute<{ reference: number; updated_at: string }>(
    sql`select reference, updated_at from contracts order by awarded_on desc limit ${MAX_DETAIL_PAGES}`,
  );
  return [
    ...fixed.map((path) => ({ path })),
    ...frameworks.map((f) => ({ path: `/frameworks/${f.slug}` })),
    ...services.map((s) => ({ path: `/services/${s.id}`, lastModified: new Date(s.updated_at) })),
    ...contracts.map((c) => ({ path: `/contracts/${c.reference}`, lastModified: new Date(c.updated_at) })),
  ];
}
