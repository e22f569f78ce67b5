/*
 * Security headers for every response the proxy lets through (pages, route handlers, redirects, 404s).
 * Scripts run only with this request's nonce: Next reads the nonce from the request's CSP header and puts it on
 * its own inline and chunk scripts, so no 'unsafe-inline' for scripts. Styles keep 'unsafe-inline' because brand
 * colours are a style attribute on <html> (CSS variables), and style attributes cannot carry a nonce.
 */

export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(nonce: string, options: { secure: boolean; dev?: boolean }): string {
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic': chunks loaded by a nonced script are trusted; 'self' is the fallback for old browsers.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (options.secure) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

export const API_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox";

/** Headers set on every response; HSTS only over HTTPS (browsers ignore it over HTTP, and it must not pin plain dev hosts). */
export function securityHeaders(nonce: string, options: { secure: boolean; dev?: boolean; api?: boolean }): Record<string, string> {
  const out: Record<string, string> = {
    // Route handlers answer data (JSON, CSV, images): nothing in them may run or be framed, even if opened directly.
    'content-security-policy': options.api ? API_CSP : contentSecurityPolicy(nonce, options),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  };
  // No includeSubDomains: a tenant's custom domain may have sibling hosts that are not ours to pin.
  if (options.secure) out['strict-transport-security'] = 'max-age=31536000';
  return out;
}
