import { isShippedLocale, textDirection } from '@/modules/i18n/locales';
import { getTranslator } from '@/modules/i18n/server';

/*
 * The few answers the proxy gives itself (refused input, database down): a small self-contained page in the
 * visitor's language, since no React layout runs before the proxy. No script, so the CSP needs no nonce here.
 */

export function localeFromPath(pathname: string): string {
  return pathname.split('/').find((segment) => isShippedLocale(segment)) ?? 'en';
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function errorPage(status: number, locale: string, titleKey: string, bodyKey: string, extraHeaders: Record<string, string> = {}): Response {
  const t = getTranslator(locale);
  const title = t(titleKey);
  const html = `<!doctype html><html lang="${escapeHtml(locale)}" dir="${textDirection(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;margin:0;color:#0b0c0c}main{max-width:40rem;margin:3rem auto;padding:0 1rem}h1{font-size:2rem}</style></head><body><main id="main-content"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(t(bodyKey))}</p></main></body></html>`;
  return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...extraHeaders } });
}
