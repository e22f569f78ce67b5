import { stringify } from 'csv-stringify/sync';
import type { Framework } from '@/modules/frameworks/queries';
import { localised } from '@/modules/i18n/localised';
import { SME_SIZES } from '@/modules/suppliers/queries';
import type { PublicContract } from './public-records';
import { decimalShare, type OpenDataFigures } from './queries';

/*
 * The downloadable datasets. Each has a stable URL (/api/open-data/<name>.csv, same filters as the dashboard) and
 * is built from the very figures the dashboard renders, so the page and the file cannot disagree.
 */

export const DATASETS = [
  'spend-over-time',
  'spend-by-framework',
  'spend-by-buyer',
  'spend-by-supplier-size',
  'spend-by-region',
  'competition',
  'responses-per-opportunity',
  'contracts',
] as const;
export type DatasetName = (typeof DATASETS)[number];

export function isDatasetName(value: string): value is DatasetName {
  return (DATASETS as readonly string[]).includes(value);
}

export interface Table {
  header: string[];
  rows: (string | number)[][];
}

export interface LabelSource {
  frameworks: Pick<Framework, 'id' | 'slug' | 'name' | 'definition'>[];
  locale: string;
  fallback: string;
}

/** The viewer's language, else the tenant default, else English, else any: never a third language first. */
function pick(text: Partial<Record<string, string>>, source: LabelSource): string {
  return text[source.locale] ?? text[source.fallback] ?? text.en ?? localised(text, source.locale, source.fallback);
}

export function frameworkLabel(source: LabelSource, slug: string): string {
  const f = source.frameworks.find((x) => x.slug === slug);
  return f ? pick(f.name, source) : slug;
}

export function lotLabel(source: LabelSource, frameworkSlug: string, lot: string): string {
  const f = source.frameworks.find((x) => x.slug === frameworkSlug);
  const found = f?.definition.lots.find((l) => l.slug === lot);
  return found ? pick(found.name, source) : lot;
}

export function figuresTable(name: Exclude<DatasetName, 'contracts'>, figures: OpenDataFigures, labels: LabelSource, currency: string): Table {
  switch (name) {
    case 'spend-over-time':
      return { header: ['period', `value_${currency}`, 'contracts'], rows: figures.overTime.map((r) => [r.key, r.value, r.contracts]) };
    case 'spend-by-framework':
      return {
        header: ['framework', 'framework_name', 'lot', 'lot_name', `value_${currency}`, 'contracts'],
        rows: figures.byFrameworkLot.map((r) => [r.frameworkSlug, frameworkLabel(labels, r.frameworkSlug), r.lot, lotLabel(labels, r.frameworkSlug, r.lot), r.value, r.contracts]),
      };
    case 'spend-by-buyer':
      return { header: ['buyer_organisation', `value_${currency}`, 'contracts'], rows: figures.byBuyer.map((r) => [r.name, r.value, r.contracts]) };
    case 'spend-by-supplier-size':
      return {
        header: ['organisation_size', 'sme', `value_${currency}`, 'contracts', 'share_of_value_percent'],
        rows: figures.bySize.map((r) => [
          r.key,
          (SME_SIZES as readonly string[]).includes(r.key) ? 'yes' : 'no',
          r.value,
          r.contracts,
          decimalShare(r.value, figures.headline.value),
        ]),
      };
    case 'spend-by-region':
      return { header: ['region', `value_${currency}`, 'contracts'], rows: figures.byRegion.map((r) => [r.key, r.value, r.contracts]) };
    case 'competition':
      return {
        header: ['framework', 'framework_name', 'suppliers_on_framework', 'suppliers_with_contracts', 'share_percent'],
        rows: figures.competition.map((r) => [r.frameworkSlug, frameworkLabel(labels, r.frameworkSlug), r.onFramework, r.winners, r.winnerShare]),
      };
    case 'responses-per-opportunity':
      return { header: ['responses', 'closed_opportunities'], rows: figures.responses.distribution.map((r) => [r.key, r.opportunities]) };
  }
}

export function contractsTable(rows: PublicContract[], labels: LabelSource): Table {
  return {
    header: ['reference', 'title', 'route', 'status', 'framework', 'framework_name', 'lot', 'buyer_organisation', 'supplier', 'supplier_size', 'supplier_region', 'value', 'currency', 'start_date', 'end_date', 'awarded_on'],
    rows: rows.map((c) => [
      c.reference,
      c.title,
      c.route,
      c.status,
      c.frameworkSlug,
      frameworkLabel(labels, c.frameworkSlug),
      c.lot,
      c.buyerName,
      c.supplierName,
      c.supplierSize,
      c.supplierRegion ?? '',
      c.value,
      c.currency,
      c.startDate,
      c.endDate,
      c.awardedOn,
    ]),
  };
}

/** A cell a spreadsheet would run as a formula is prefixed with a quote (CSV injection). */
export function safeCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** UTF-8 with a byte-order mark so spreadsheets read accents and Arabic correctly. */
export function tableCsv(table: Table): string {
  return `\uFEFF${stringify([table.header, ...table.rows].map((row) => row.map(safeCell)))}`;
}
