import { z } from 'zod';

/*
 * Dashboard and download filters come from GET parameters so every view is a shareable URL. Anything invalid is
 * dropped (the page shows everything) rather than failing: a mistyped link still opens a useful page.
 */

export const PERIODS = ['month', 'quarter', 'year'] as const;
export type Period = (typeof PERIODS)[number];

export interface OpenDataFilters {
  /** Inclusive ISO dates on the award date. */
  from?: string;
  to?: string;
  /** Framework slug. */
  framework?: string;
  period: Period;
}

const isoDate = z.iso.date();
const frameworkSlug = z.string().regex(/^[a-z][a-z0-9-]{1,62}$/);

function first(value: string | string[] | undefined | null): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v === null || v === undefined || v === '' ? undefined : v;
}

export function parseOpenDataFilters(raw: Record<string, string | string[] | undefined> | URLSearchParams): OpenDataFilters {
  const get = (name: string) => first(raw instanceof URLSearchParams ? raw.get(name) : raw[name]);
  const from = isoDate.safeParse(get('from'));
  const to = isoDate.safeParse(get('to'));
  const framework = frameworkSlug.safeParse(get('framework'));
  const period = z.enum(PERIODS).safeParse(get('period'));
  const filters: OpenDataFilters = { period: period.success ? period.data : 'month' };
  if (from.success) filters.from = from.data;
  if (to.success) filters.to = to.data;
  // A reversed range is most likely the two fields swapped: swap them back.
  if (filters.from && filters.to && filters.from > filters.to) [filters.from, filters.to] = [filters.to, filters.from];
  if (framework.success) filters.framework = framework.data;
  return filters;
}

/** The query string of a filter set (stable order, defaults left out) for links and download URLs. */
export function filterQuery(filters: Partial<OpenDataFilters>, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (filters.framework) params.set('framework', filters.framework);
  if (filters.period && filters.period !== 'month') params.set('period', filters.period);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}
