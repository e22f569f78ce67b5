import { sql, type SQL } from 'drizzle-orm';
import type { TenantTx } from '@/db/with-tenant';
import { SME_SIZES } from '@/modules/suppliers/queries';
import type { OpenDataFilters, Period } from './filters';

/*
 * Spend and competition figures, aggregated in SQL from the call-off contracts (every award creates one). Money
 * stays a decimal string from numeric sums to the CSV, so the page and the download show the same figures.
 * Only contracts in the tenant's currency are summed; any other currency is counted separately and said so.
 */

export interface SpendRow {
  /** Stable key: a period, a framework id + lot, an organisation id, a size, a region ('' = not stated). */
  key: string;
  value: string;
  contracts: number;
}

export interface FrameworkLotRow extends SpendRow {
  frameworkId: string;
  frameworkSlug: string;
  lot: string;
}

export interface BuyerRow extends SpendRow {
  name: string;
}

export interface CompetitionRow {
  frameworkId: string;
  frameworkSlug: string;
  /** Suppliers whose application passed (they are on the framework). */
  onFramework: number;
  /** Of those, how many won at least one contract in the period. */
  winners: number;
  /** winners / onFramework as a percentage with one decimal ('' when nobody is on the framework). */
  winnerShare: string;
}

export interface ResponsesFigures {
  /** Closed, published, not withdrawn or cancelled opportunities in the period. */
  closedOpportunities: number;
  submittedResponses: number;
  /** Average submitted responses per closed opportunity, two decimals ('' without opportunities). */
  averageResponses: string;
  /** Closed opportunities that received exactly one response, and that as a share of those with any. */
  singleResponse: number;
  singleResponseShare: string;
  /** How many closed opportunities received 0, 1, 2, 3-5 and 6 or more responses. */
  distribution: { key: '0' | '1' | '2' | '3-5' | '6+'; opportunities: number }[];
}

export interface Headline {
  value: string;
  contracts: number;
  suppliers: number;
  buyers: number;
  smeValue: string;
  /** Contracts won by SMEs (by number: comparable across currencies, for the platform's combined figures). */
  smeContracts: number;
  /** SME share of the value as a percentage with one decimal ('' when nothing was spent). */
  smeShare: string;
  /** Contracts recorded in another currency than the tenant's, left out of the sums. */
  otherCurrencyContracts: number;
}

export interface OpenDataFigures {
  headline: Headline;
  overTime: SpendRow[];
  byFrameworkLot: FrameworkLotRow[];
  byBuyer: BuyerRow[];
  bySize: SpendRow[];
  byRegion: SpendRow[];
  competition: CompetitionRow[];
  responses: ResponsesFigures;
}

const SIZE_ORDER = ['micro', 'small', 'medium', 'large'] as const;

const PERIOD_FORMAT: Record<Period, string> = { month: 'YYYY-MM', quarter: 'YYYY-"Q"Q', year: 'YYYY' };

/** Conditions on contracts c (joined to frameworks f) for the filters. */
function contractWhere(filters: OpenDataFilters, currency: string): SQL {
  const conditions: SQL[] = [sql`c.currency = ${currency}`];
  if (filters.from) conditions.push(sql`c.awarded_on >= ${filters.from}::date`);
  if (filters.to) conditions.push(sql`c.awarded_on <= ${filters.to}::date`);
  if (filters.framework) conditions.push(sql`f.slug = ${filters.framework}`);
  return sql.join(conditions, sql` and `);
}

const FILTERED = (filters: OpenDataFilters, currency: string) =>
  sql`contracts c join frameworks f on f.id = c.framework_id where ${contractWhere(filters, currency)}`;

function share(part: number, whole: number, decimals = 1): string {
  if (whole <= 0) return '';
  return ((100 * part) / whole).toFixed(decimals);
}

export async function spendHeadline(tx: TenantTx, filters: OpenDataFilters, currency: string): Promise<Headline> {
  const smeList = sql.join(SME_SIZES.map((x) => sql`${x}`), sql`, `);
  const [row] = await tx.execute<{ value: string; contracts: number; suppliers: number; buyers: number; sme_value: string; sme_contracts: number }>(sql`
    select coalesce(sum(c.value), 0)::text as value, count(*)::int as contracts,
           count(distinct c.supplier_id)::int as suppliers, count(distinct c.organisation_id)::int as buyers,
           coalesce(sum(c.value) filter (where s.organisation_size in (${smeList})), 0)::text as sme_value,
           (count(*) filter (where s.organisation_size in (${smeList})))::int as sme_contracts
    from contracts c join frameworks f on f.id = c.framework_id join suppliers s on s.id = c.supplier_id
    where ${contractWhere(filters, currency)}`);
  const otherWhere: SQL[] = [sql`c.currency <> ${currency}`];
  if (filters.from) otherWhere.push(sql`c.awarded_on >= ${filters.from}::date`);
  if (filters.to) otherWhere.push(sql`c.awarded_on <= ${filters.to}::date`);
  if (filters.framework) otherWhere.push(sql`f.slug = ${filters.framework}`);
  const [other] = await tx.execute<{ n: number }>(
    sql`select count(*)::int as n from contracts c join frameworks f on f.id = c.framework_id where ${sql.join(otherWhere, sql` and `)}`,
  );
  const value = row?.value ?? '0';
  const smeValue = row?.sme_value ?? '0';
  return {
    value: money(value),
    contracts: row?.contracts ?? 0,
    suppliers: row?.suppliers ?? 0,
    buyers: row?.buyers ?? 0,
    smeValue: money(smeValue),
    smeContracts: row?.sme_contracts ?? 0,
    smeShare: decimalShare(smeValue, value),
    otherCurrencyContracts: other?.n ?? 0,
  };
}

/** Spend per month, quarter or year of the award date, with empty periods between the first and last filled in. */
export async function spendOverTime(tx: TenantTx, filters: OpenDataFilters, currency: string): Promise<SpendRow[]> {
  const format = PERIOD_FORMAT[filters.period];
  const rows = await tx.execute<{ key: string; value: string; contracts: number }>(sql`
    select to_char(c.awarded_on, ${format}) as key, sum(c.value)::text as value, count(*)::int as contracts
    from ${FILTERED(filters, currency)}
    group by 1 order by 1`);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const keys = rows.length ? periodRange(rows[0]!.key, rows[rows.length - 1]!.key, filters.period) : [];
  return keys.map((key) => {
    const r = byKey.get(key);
    return { key, value: money(r?.value ?? '0'), contracts: r?.contracts ?? 0 };
  });
}

export async function spendByFrameworkLot(tx: TenantTx, filters: OpenDataFilters, currency: string): Promise<FrameworkLotRow[]> {
  const rows = await tx.execute<{ framework_id: string; slug: string; lot: string; value: string; contracts: number }>(sql`
    select c.framework_id, f.slug, c.lot, sum(c.value)::text as value, count(*)::int as contracts
    from ${FILTERED(filters, currency)}
    group by c.framework_id, f.slug, c.lot order by sum(c.value) desc, f.slug, c.lot`);
  return rows.map((r) => ({ key: `${r.slug}/${r.lot}`, frameworkId: r.framework_id, frameworkSlug: r.slug, lot: r.lot, value: money(r.value), contracts: r.contracts }));
}

export async function spendByBuyer(tx: TenantTx, filters: OpenDataFilters, currency: string): Promise<BuyerRow[]> {
  const rows = await tx.execute<{ id: string; name: string; value: string; contracts: number }>(sql`
    select b.id, b.name, sum(c.value)::text as value, count(*)::int as contracts
    from contracts c join frameworks f on f.id = c.framework_id join buyer_organisations b on b.id = c.organisation_id
    where ${contractWhere(filters, currency)}
    group by b.id, b.name order by sum(c.value) desc, b.name`);
  return rows.map((r) => ({ key: r.id, name: r.name, value: money(r.value), contracts: r.contracts }));
}

/** Every size appears (with zero when no contract), in size order, so the SME share reads the same way each time. */
export async function spendBySupplierSize(tx: TenantTx, filters: OpenDataFilters, currency: string): Promise<SpendRow[]> {
  const rows = await tx.execute<{ size: string; value: string; contracts: number }>(sql`
    select s.organisation_size as size, sum(c.value)::text as value, count(*)::int as contracts
    from contracts c join frameworks f on f.id = c.framework_id join suppliers s on s.id = c.supplier_id
    where ${contractWhere(filters, currency)}
    group by s.organisation_size`);
  const bySize = new Map(rows.map((r) => [r.size, r]));
  return SIZE_ORDER.map((size) => ({ key: size, value: money(bySize.get(size)?.value ?? '0'), contracts: bySize.get(size)?.contracts ?? 0 }));
}

/** Ranked by value; suppliers without a region are grouped under the key ''. */
export async function spendByRegion(tx: TenantTx, filters: OpenDataFilters, currency: string): Promise<SpendRow[]> {
  const rows = await tx.execute<{ region: string; value: string; contracts: number }>(sql`
    select coalesce(nullif(trim(s.region), ''), '') as region, sum(c.value)::text as value, count(*)::int as contracts
    from contracts c join frameworks f on f.id = c.framework_id join suppliers s on s.id = c.supplier_id
    where ${contractWhere(filters, currency)}
    group by 1 order by sum(c.value) desc, 1`);
  return rows.map((r) => ({ key: r.region, value: money(r.value), contracts: r.contracts }));
}

/** Per framework: suppliers on it (passed) and how many of them won any contract under it in the period. */
export async function competitionByFramework(tx: TenantTx, filters: OpenDataFilters, currency: string): Promise<CompetitionRow[]> {
  const rows = await tx.execute<{ id: string; slug: string; on_framework: number; winners: number }>(sql`
    select f.id, f.slug,
      (select count(*) from supplier_frameworks sf where sf.framework_id = f.id and sf.result = 'pass')::int as on_framework,
      (select count(distinct c.supplier_id) from contracts c
         join supplier_frameworks sf on sf.supplier_id = c.supplier_id and sf.framework_id = c.framework_id and sf.result = 'pass'
         where c.framework_id = f.id and ${contractWhere(filters, currency)})::int as winners
    from frameworks f
    where ${filters.framework ? sql`f.slug = ${filters.framework}` : sql`true`}
    order by f.slug`);
  return rows
    .filter((r) => r.on_framework > 0)
    .map((r) => ({ frameworkId: r.id, frameworkSlug: r.slug, onFramework: r.on_framework, winners: r.winners, winnerShare: share(r.winners, r.on_framework) }));
}

/**
 * Responses to further-competition opportunities that have closed (published, not withdrawn or cancelled), by
 * closing date within the filters. A single response is the standard open-contracting warning sign of weak competition.
 */
export async function responsesPerOpportunity(tx: TenantTx, filters: OpenDataFilters, now = new Date()): Promise<ResponsesFigures> {
  const conditions: SQL[] = [
    sql`o.published_at is not null`,
    sql`o.closes_at <= ${now.toISOString()}::timestamptz`,
    sql`o.withdrawn_at is null`,
    sql`o.cancelled_at is null`,
  ];
  if (filters.from) conditions.push(sql`o.closes_at >= ${filters.from}::date`);
  // The whole "to" day counts: before the next midnight.
  if (filters.to) conditions.push(sql`o.closes_at < (${filters.to}::date + 1)`);
  if (filters.framework) conditions.push(sql`f.slug = ${filters.framework}`);
  const rows = await tx.execute<{ n: number; opportunities: number }>(sql`
    select n, count(*)::int as opportunities from (
      select o.id, (select count(*) from opportunity_responses r where r.opportunity_id = o.id and r.submitted_at is not null)::int as n
      from opportunities o join frameworks f on f.id = o.framework_id
      where ${sql.join(conditions, sql` and `)}
    ) per group by n order by n`);
  const closed = rows.reduce((sum, r) => sum + r.opportunities, 0);
  const submitted = rows.reduce((sum, r) => sum + r.n * r.opportunities, 0);
  const count = (test: (n: number) => boolean) => rows.filter((r) => test(r.n)).reduce((sum, r) => sum + r.opportunities, 0);
  const single = count((n) => n === 1);
  const withAny = count((n) => n > 0);
  return {
    closedOpportunities: closed,
    submittedResponses: submitted,
    averageResponses: closed > 0 ? (submitted / closed).toFixed(2) : '',
    singleResponse: single,
    singleResponseShare: share(single, withAny),
    distribution: [
      { key: '0', opportunities: count((n) => n === 0) },
      { key: '1', opportunities: single },
      { key: '2', opportunities: count((n) => n === 2) },
      { key: '3-5', opportunities: count((n) => n >= 3 && n <= 5) },
      { key: '6+', opportunities: count((n) => n >= 6) },
    ],
  };
}

export async function openDataFigures(tx: TenantTx, filters: OpenDataFilters, currency: string, now = new Date()): Promise<OpenDataFigures> {
  // Sequential on one transaction: PGlite runs one statement at a time anyway, and a pool connection is held once.
  const headline = await spendHeadline(tx, filters, currency);
  const overTime = await spendOverTime(tx, filters, currency);
  const byFrameworkLot = await spendByFrameworkLot(tx, filters, currency);
  const byBuyer = await spendByBuyer(tx, filters, currency);
  const bySize = await spendBySupplierSize(tx, filters, currency);
  const byRegion = await spendByRegion(tx, filters, currency);
  const competition = await competitionByFramework(tx, filters, currency);
  const responses = await responsesPerOpportunity(tx, filters, now);
  return { headline, overTime, byFrameworkLot, byBuyer, bySize, byRegion, competition, responses };
}

/** A numeric sum as text with exactly two decimals ('1234.5' → '1234.50'). */
export function money(value: string): string {
  const [whole = '0', fraction = ''] = value.split('.');
  return `${whole}.${(fraction + '00').slice(0, 2)}`;
}

/** part / whole as a percentage with one decimal, computed on cents so large sums keep their precision. */
export function decimalShare(part: string, whole: string): string {
  const cents = (v: string) => BigInt(money(v).replace('.', ''));
  const w = cents(whole);
  if (w <= 0n) return '';
  // Round half up on tenths of a percent: (part * 1000 / whole + 0.5) / 10.
  const tenths = (cents(part) * 2000n + w) / (2n * w);
  return `${tenths / 10n}.${tenths % 10n}`;
}

/** Every period key from first to last inclusive ('2025-11', '2025-12', '2026-01'...). */
export function periodRange(first: string, last: string, period: Period): string[] {
  const parse = (key: string): number => {
    const year = Number(key.slice(0, 4));
    if (period === 'year') return year;
    if (period === 'quarter') return year * 4 + Number(key.slice(6)) - 1;
    return year * 12 + Number(key.slice(5, 7)) - 1;
  };
  const format = (n: number): string => {
    if (period === 'year') return String(n);
    if (period === 'quarter') return `${Math.floor(n / 4)}-Q${(n % 4) + 1}`;
    return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
  };
  const out: string[] = [];
  for (let n = parse(first); n <= parse(last) && out.length < 1200; n++) out.push(format(n));
  return out;
}
