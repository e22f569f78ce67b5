import { describe, expect, it } from 'vitest';
import { SHIPPED_LOCALES } from '@/modules/i18n/locales';
import { BASE_RESOURCES, getTranslator } from '@/modules/i18n/server';

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function flatten(node: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
const english = flatten(BASE_RESOURCES.en);
const baseKeys = (keys: Iterable<string>) => new Set([...keys].map((k) => k.replace(PLURAL_SUFFIX, '')));

describe('every shipped locale has every UI string', () => {
  for (const locale of SHIPPED_LOCALES) {
    const strings = flatten(BASE_RESOURCES[locale]);

    it(`${locale}: no key missing or extra`, () => {
      const expected = [...baseKeys(english.keys())].sort();
      const actual = [...baseKeys(strings.keys())].sort();
      expect(actual.filter((k) => !expected.includes(k)), 'extra keys').toEqual([]);
      expect(expected.filter((k) => !actual.includes(k)), 'missing keys').toEqual([]);
    });

    it(`${locale}: plural keys carry exactly the language's plural categories`, () => {
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories.slice().sort();
      const plurals = new Map<string, string[]>();
      for (const key of strings.keys()) {
        const match = PLURAL_SUFFIX.exec(key);
        if (match) plurals.set(key.replace(PLURAL_SUFFIX, ''), [...(plurals.get(key.replace(PLURAL_SUFFIX, '')) ?? []), match[1]!]);
      }
      for (const [key, found] of plurals) expect(found.sort(), key).toEqual(categories);
    });

    it(`${locale}: placeholders match English and no string is empty`, () => {
      const englishByBase = new Map([...english].map(([k, v]) => [k.replace(PLURAL_SUFFIX, ''), v]));
      for (const [key, value] of strings) {
        expect(value.trim().length, key).toBeGreaterThan(0);
        const reference = englishByBase.get(key.replace(PLURAL_SUFFIX, ''))!;
        expect(placeholders(value), key).toEqual(placeholders(reference));
      }
    });
  }
});

describe('translator', () => {
  it('returns the string in the requested language', () => {
    expect(getTranslator('cy')('nav.signIn')).not.toBe(getTranslator('en')('nav.signIn'));
    expect(getTranslator('fr')('signIn.title')).toBe(BASE_RESOURCES.fr.signIn && (BASE_RESOURCES.fr.signIn as Record<string, string>).title);
  });

  it('layers a tenant terminology override over the base strings, for that tenant only', () => {
    const withOverride = getTranslator('en', { slug: 'term-a', configVersion: 1, terminology: { en: { 'terms.supplier': 'Seller' } } });
    const other = getTranslator('en', { slug: 'term-b', configVersion: 1, terminology: {} });
    expect(withOverride('terms.supplier')).toBe('Seller');
    expect(withOverride('terms.buyer')).toBe('Buyer');
    expect(other('terms.supplier')).toBe('Supplier');
  });

  it('picks up a changed override when the tenant config version changes', () => {
    const v1 = getTranslator('en', { slug: 'term-c', configVersion: 1, terminology: { en: { 'nav.signIn': 'Log in' } } });
    expect(v1('nav.signIn')).toBe('Log in');
    const v2 = getTranslator('en', { slug: 'term-c', configVersion: 2, terminology: {} });
    expect(v2('nav.signIn')).toBe('Sign in');
  });

  it('pluralises per language', () => {
    expect(getTranslator('en')('home.suppliersCount', { count: 1 })).toBe('1 supplier');
    expect(getTranslator('en')('home.suppliersCount', { count: 3 })).toBe('3 suppliers');
    const cy = getTranslator('cy');
    expect(cy('home.suppliersCount', { count: 2 })).not.toBe(cy('home.suppliersCount', { count: 6 }));
  });
});
