import { z } from 'zod';
import { SORTS, type CatalogueQuery } from './search';

const slug = z.string().regex(/^[a-z][a-z0-9-]{1,62}$/);

/** Search URL → query. Every filter state is a plain, shareable GET URL; anything malformed is dropped. */
export function parseCatalogueParams(params: Record<string, string | string[] | undefined>): CatalogueQuery {
  const one = (key: string) => {
    const v = params[key];
    return Array.isArray(v) ? v[0] : v;
  };
  const many = (key: string) => {
    const v = params[key];
    return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x) => typeof x === 'string' && x.length <= 100);
  };
  const filters: Record<string, string[]> = {};
  for (const key of Object.keys(params)) {
    const match = /^f\.([a-z][a-zA-Z0-9]{1,63})$/.exec(key);
    if (match) filters[match[1]!] = many(key).slice(0, 50);
  }
  const size = many('size');
  return {
    q: (one('q') ?? '').normalize('NFC').slice(0, 200),
    framework: slug.safeParse(one('framework')).data,
    lot: slug.safeParse(one('lot')).data,
    sizes: [...(size.includes('sme') ? ['micro', 'small', 'medium'] : []), ...(size.includes('large') ? ['large'] : [])],
    region: (one('region') ?? '').slice(0, 80) || undefined,
    filters,
    sort: z.enum(SORTS).catch('relevance').parse(one('sort')),
    page: z.coerce.number().int().min(1).max(50).catch(1).parse(one('page')),
  };
}

/** The same search as a URL, with some parameters changed (null removes one). */
export function catalogueHref(base: string, params: Record<string, string | string[] | undefined>, change: Record<string, string | string[] | null>): string {
  const search = new URLSearchParams();
  const merged: Record<string, string | string[] | undefined | null> = { ...params, ...change };
  for (const [key, value] of Object.entries(merged)) {
    if (value === null || value === undefined || value === '') continue;
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, v);
  }
  const qs = search.toString();
  return qs ? `${base}?${qs}` : base;
}

/** Keeps only catalogue parameters (and the sort when asked), so a saved search is exactly a catalogue URL. */
export function cleanCatalogueSearch(raw: string, keepSort = false): string {
  const params = new URLSearchParams(raw.slice(0, 4000).replace(/^\?/, ''));
  const allowed = keepSort ? /^(q|framework|lot|size|region|sort|f\.[a-zA-Z0-9]+)$/ : /^(q|framework|lot|size|region|f\.[a-zA-Z0-9]+)$/;
  const kept = new URLSearchParams();
  for (const [key, value] of params) if (allowed.test(key)) kept.append(key, value.slice(0, 200));
  return kept.toString();
}
