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
  // Stripe posts webhooks server to server, without an Origin; the route verifies Stripe's signature over the raw
  // body and refuses anything unsigned with 400 (app/api/stripe/webhook/route.ts).
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
 * Request bodies above these are refused with 413 before any handler reads them. Forms without files: 1 MB.
 * Multipart forms carry uploaded documents (each question allows at most 20 MB, a form may have several), so
 * they may reach MAX_MULTIPART_BODY_BYTES, which next.config.ts gives Server Actions and the proxy's body clone
 * too (above Next's own limits the request would surface as a 500 or a truncated body).
 */
export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_MULTIPART_BODY_BYTES = 25 * 1024 * 1024;

export function bodyTooLarge(method: string, contentLength: string | null, contentType: string | null = null): boolean {
  if (!isStateChanging(method) || !contentLength) return false;
  const length = Number(contentLength);
  const limit = /^multipart\/form-data/i.test(contentType ?? '') ? MAX_MULTIPART_BODY_BYTES : MAX_BODY_BYTES;
  return !Number.isFinite(length) || length > limit;
}
