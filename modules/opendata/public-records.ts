import { sql, type SQL } from 'drizzle-orm';
import type { TenantTx } from '@/db/with-tenant';
import type { OpenDataFilters } from './filters';
import { money } from './queries';

/*
 * What citizens may see of awarded contracts and suppliers. Only public fields are selected here (never the
 * terms, statements of work, signatures or people), so a page cannot leak what it never received.
 */

export interface PublicContract {
  id: string;
  reference: number;
  title: string;
  route: string;
  status: string;
  frameworkId: string;
  frameworkSlug: string;
  frameworkName: Record<string, string>;
  lot: string;
  buyerName: string;
  supplierId: string;
  supplierName: string;
  supplierSize: string;
  supplierRegion: string | null;
  value: string;
  currency: string;
  startDate: string;
  endDate: string;
  awardedOn: string;
}

export const CONTRACTS_PAGE_SIZE = 25;

const SELECT_PUBLIC = sql`
  select c.id, c.reference, c.title, c.route, c.status, c.framework_id, f.slug as framework_slug, f.name as framework_name,
         c.lot, b.name as buyer_name, s.id as supplier_id, s.legal_name as supplier_name, s.organisation_size as supplier_size,
         s.region as supplier_region, c.value::text as value, c.currency,
         c.start_date::text as start_date, c.end_date::text as end_date, c.awarded_on::text as awarded_on
  from contracts c
  join frameworks f on f.id = c.framework_id
  join buyer_organisations b on b.id = c.organisation_id
  join suppliers s on s.id = c.supplier_id`;

type Row = {
  id: string;
  reference: number;
  title: string;
  route: string;
  status: string;
  framework_id: string;
  framework_slug: string;
  framework_name: Record<string, string>;
  lot: string;
  buyer_name: string;
  supplier_id: string;
  supplier_name: string;
  supplier_size: string;
  supplier_region: string | null;
  value: string;
  currency: string;
  start_date: string;
  end_date: string;
  awarded_on: string;
};

function toContract(r: Row): PublicContract {
  return {
    id: r.id,
    reference: Number(r.reference),
    title: r.title,
    route: r.route,
    status: r.status,
    frameworkId: r.framework_id,
    frameworkSlug: r.framework_slug,
    frameworkName: r.framework_name,
    lot: r.lot,
    buyerName: r.buyer_name,
    supplierId: r.supplier_id,
    supplierName: r.supplier_name,
    supplierSize: r.supplier_size,
    supplierRegion: r.supplier_region,
    value: money(r.value),
    currency: r.currency,
    startDate: r.start_date,
    endDate: r.end_date,
    awardedOn: r.awarded_on,
  };
}

function where(filters: Partial<OpenDataFilters>): SQL {
  const conditions: SQL[] = [sql`true`];
  if (filters.from) conditions.push(sql`c.awarded_on >= ${filters.from}::date`);
  if (filters.to) conditions.push(sql`c.awarded_on <= ${filters.to}::date`);
  if (filters.framework) conditions.push(sql`f.slug = ${filters.framework}`);
  return sql.join(conditions, sql` and `);
}

/** Awarded contracts, newest award first; `limit` null lists them all (the download). */
export async function listPublicContracts(
  tx: TenantTx,
  filters: Partial<OpenDataFilters>,
  page: { limit: number | null; offset: number } = { limit: CONTRACTS_PAGE_SIZE, offset: 0 },
): Promise<{ rows: PublicContract[]; total: number }> {
  const rows = await tx.execute<Row>(
    sql`${SELECT_PUBLIC} where ${where(filters)} order by c.awarded_on desc, c.reference desc
        ${page.limit === null ? sql`` : sql`limit ${page.limit} offset ${page.offset}`}`,
  );
  const [count] = await tx.execute<{ n: number }>(
    sql`select count(*)::int as n from contracts c join frameworks f on f.id = c.framework_id where ${where(filters)}`,
  );
  return { rows: rows.map(toContract), total: count?.n ?? 0 };
}

export async function findPublicContract(tx: TenantTx, reference: number): Promise<PublicContract | null> {
  if (!Number.isSafeInteger(reference) || reference < 1) return null;
  const [row] = await tx.execute<Row>(sql`${SELECT_PUBLIC} where c.reference = ${reference} limit 1`);
  return row ? toContract(row) : null;
}

export interface SupplierEntry {
  id: string;
  legalName: string;
  organisationSize: string;
  region: string | null;
  description: string | null;
  services: { id: string; frameworkSlug: string; lot: string; answers: Record<string, unknown>; frameworkDefinition: Record<string, unknown> }[];
}

/** The first letter used to file a name A-Z (accents folded, digits and symbols under '#'). */
export function indexLetter(name: string): string {
  const letter = name.trim().normalize('NFD').replace(/[\u0300-\u036f]/g, '').charAt(0).toLocaleUpperCase('en');
  return /^[A-Z]$/.test(letter) ? letter : '#';
}

/**
 * Suppliers with at least one live (published) service, filed A-Z. Suppliers with no live service are not listed:
 * citizens and buyers come to see who they can buy from.
 */
export async function listSuppliersWithLiveServices(tx: TenantTx): Promise<SupplierEntry[]> {
  const rows = await tx.execute<{
    id: string;
    legal_name: string;
    organisation_size: string;
    region: string | null;
    description: string | null;
    service_id: string;
    framework_slug: string;
    lot: string;
    answers: Record<string, unknown>;
    definition: Record<string, unknown>;
  }>(sql`
    select s.id, s.legal_name, s.organisation_size, s.region, s.description,
           v.id as service_id, f.slug as framework_slug, v.lot, v.answers, f.definition
    from suppliers s
    join services v on v.supplier_id = s.id and v.status = 'published'
    join frameworks f on f.id = v.framework_id
    order by lower(s.legal_name), s.id, f.slug, v.lot, v.created_at`);
  const out: SupplierEntry[] = [];
  for (const r of rows) {
    let entry = out[out.length - 1];
    if (!entry || entry.id !== r.id) {
      entry = { id: r.id, legalName: r.legal_name, organisationSize: r.organisation_size, region: r.region, description: r.description, services: [] };
      out.push(entry);
    }
    entry.services.push({ id: r.service_id, frameworkSlug: r.framework_slug, lot: r.lot, answers: r.answers, frameworkDefinition: r.definition });
  }
  return out;
}

export interface LatestOpportunity {
  id: string;
  reference: number;
  title: string;
  buyerName: string;
  publishedAt: Date;
  closesAt: Date | null;
}

/** Latest published opportunities (not withdrawn or cancelled) for the home page. */
export async function listLatestOpportunities(tx: TenantTx, limit: number): Promise<LatestOpportunity[]> {
  const rows = await tx.execute<{ id: string; reference: number; title: string; buyer_name: string; published_at: string; closes_at: string | null }>(sql`
    select o.id, o.reference, o.title, b.name as buyer_name, o.published_at, o.closes_at
    from opportunities o join buyer_organisations b on b.id = o.organisation_id
    where o.published_at is not null and o.withdrawn_at is null and o.cancelled_at is null
    order by o.published_at desc, o.reference desc limit ${limit}`);
  return rows.map((r) => ({
    id: r.id,
    reference: Number(r.reference),
    title: r.title,
    buyerName: r.buyer_name,
    publishedAt: new Date(r.published_at),
    closesAt: r.closes_at ? new Date(r.closes_at) : null,
  }));
}
