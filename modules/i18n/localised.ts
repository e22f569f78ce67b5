/** Picks text in the viewer's language, else the tenant default, else any language given. */
export function localised(text: Partial<Record<string, string>> | undefined | null, locale: string, fallback = 'en'): string {
  if (!text) return '';
  return text[locale] ?? text[fallback] ?? Object.values(text).find((v): v is string => Boolean(v)) ?? '';
}
