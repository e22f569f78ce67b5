/** UI languages shipped in locales/<code>/. A tenant enables a subset. */
export const SHIPPED_LOCALES = ['en', 'cy', 'fr', 'es', 'ar'] as const;
export type LocaleCode = (typeof SHIPPED_LOCALES)[number];

const RTL_LOCALES: ReadonlySet<string> = new Set(['ar', 'he', 'fa', 'ur']);

/** Names of each language in itself, for the language switcher. */
export const LOCALE_NATIVE_NAMES: Record<LocaleCode, string> = {
  en: 'English',
  cy: 'Cymraeg',
  fr: 'Français',
  es: 'Español',
  ar: 'العربية',
};

export function isShippedLocale(code: string): code is LocaleCode {
  return (SHIPPED_LOCALES as readonly string[]).includes(code);
}

export function textDirection(code: string): 'ltr' | 'rtl' {
  return RTL_LOCALES.has(code) ? 'rtl' : 'ltr';
}

/** Picks the first enabled locale the browser asks for (Accept-Language), else the default. */
export function negotiateLocale(acceptLanguage: string | null, enabled: readonly string[], fallback: string): string {
  if (!acceptLanguage) return fallback;
  const wanted = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((w) => w.tag && w.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of wanted) {
    const base = tag.split('-')[0] ?? '';
    if (enabled.includes(tag)) return tag;
    if (enabled.includes(base)) return base;
  }
  return fallback;
}
