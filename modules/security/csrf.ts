/*
 * Cross-site request forgery: every state-changing request (any method but GET/HEAD/OPTIONS) must carry an
 * Origin equal to the origin the proxy resolved (scheme + validated Host). A missing Origin is refused too:
 * browsers always send it on POST, so only forged or scripted requests lack it. Next.js checks Origin on Server
 * Actions but lets a missing Origin through, and route handlers get no check at all, hence this one place.
 */

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Paths that take cross-origin POSTs by design and authenticate them another way (a signature over the raw body,
 * e.g. payment webhooks). Keep each entry exact and explain it; everything else is checked.
 */
export const CROSS_ORIGIN_POST_PATHS: ReadonlySet<string> = new Set<string>([
  // Stripe posts from its own servers with no Origin; the handler verifies the signature over the raw body.
  '/api/stripe/webhook',
]);

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** True when the request may change state: safe method, exempt path, or an Origin equal to ours. */
export function originAllowed(input: { method: string; pathname: string; origin: string | null; host: string | null; proto: string }): boolean {
  if (!isStateChanging(input.method)) return true;
  if (CROSS_ORIGIN_POST_PATHS.has(input.pathname)) return true;
  if (!input.origin || !input.host || input.origin === 'null') return false;
  let origin: URL;
  try {
    origin = new URL(input.origin);
  } catch {
    return false;
  }
  const expectedProtocol = input.proto === 'https' ? 'https:' : 'http:';
  return origin.protocol === expectedProtocol && origin.host.toLowerCase() === input.host.toLowerCase();
}

/**
 * Request bodies above this are refused with 413 before any handler reads them. It matches Next's limit for
 * Server Actions (1 MB), which otherwise surfaces as a 500; uploads would get their own route and limit.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

export function bodyTooLarge(method: string, contentLength: string | null): boolean {
  if (!isStateChanging(method) || !contentLength) return false;
  const length = Number(contentLength);
  return !Number.isFinite(length) || length > MAX_BODY_BYTES;
}
