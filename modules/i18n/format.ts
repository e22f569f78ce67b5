export interface FormatSettings {
  /** BCP 47 tag, e.g. en-GB, fr-CA, es-CL. */
  format: string;
  timezone: string;
  currency: string;
}

export function formatDate(value: Date, s: FormatSettings, style: 'date' | 'dateTime' = 'date'): string {
  return new Intl.DateTimeFormat(s.format, {
    dateStyle: 'long',
    ...(style === 'dateTime' ? { timeStyle: 'short' } : {}),
    timeZone: s.timezone,
  }).format(value);
}

export function formatNumber(value: number, s: FormatSettings): string {
  return new Intl.NumberFormat(s.format).format(value);
}

export function formatMoney(value: number, s: FormatSettings): string {
  return new Intl.NumberFormat(s.format, { style: 'currency', currency: s.currency }).format(value);
}

export function formatPercent(fraction: number, s: FormatSettings): string {
  return new Intl.NumberFormat(s.format, { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}
