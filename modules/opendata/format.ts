import type { FormatSettings } from '@/modules/i18n/format';
import type { TFunction } from '@/modules/i18n/server';
import type { Period } from './filters';

/*
 * Numbers, money and periods in the viewer's locale (the tenant's format tag for that locale, e.g. cy-GB, ar-AE,
 * es-CL). The figures themselves stay decimal strings; these only present them.
 */

export function money(value: string | number, s: FormatSettings): string {
  return new Intl.NumberFormat(s.format, { style: 'currency', currency: s.currency }).format(Number(value));
}

/** Short money for chart axes (e.g. "£1.2M"). */
export function compactMoney(value: number, s: FormatSettings): string {
  return new Intl.NumberFormat(s.format, { style: 'currency', currency: s.currency, notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** A percentage given as '33.3' (what the figures hold). */
export function percent(value: string | number, s: FormatSettings): string {
  return new Intl.NumberFormat(s.format, { style: 'percent', maximumFractionDigits: 1 }).format(Number(value) / 100);
}

export function count(value: number, s: FormatSettings): string {
  return new Intl.NumberFormat(s.format).format(value);
}

export function decimal(value: string | number, s: FormatSettings, digits = 2): string {
  return new Intl.NumberFormat(s.format, { maximumFractionDigits: digits }).format(Number(value));
}

/** '2025-03' → "Mar 2025"; '2025-Q1' → "Q1 2025" (translated); '2025' → "2025" in the locale's digits. */
export function periodLabel(key: string, period: Period, s: FormatSettings, t: TFunction): string {
  const year = Number(key.slice(0, 4));
  const yearText = new Intl.NumberFormat(s.format, { useGrouping: false }).format(year);
  if (period === 'year') return yearText;
  if (period === 'quarter') return t('dashboard.quarterLabel', { quarter: new Intl.NumberFormat(s.format).format(Number(key.slice(6))), year: yearText });
  const month = Number(key.slice(5, 7));
  return new Intl.DateTimeFormat(s.format, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, 15)));
}

/** An ISO date (no time) in the locale's long format, without shifting it through a time zone. */
export function isoDateLabel(iso: string, s: FormatSettings): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(s.format, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y!, m! - 1, d!)));
}
