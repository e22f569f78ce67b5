import { NextResponse, type NextRequest } from 'next/server';
import { isShippedLocale, negotiateLocale } from '@/modules/i18n/locales';
import { findTenantByDomain, findTenantBySlug, type Tenant } from '@/tenants/registry';
import { resolveRequestTarget } from '@/tenants/resolve-host';
import { TENANT_HEADERS } from '@/tenants/request-headers';
import { actionReplyValid } from '@/modules/security/action-reply';
import { checkFormBody, isFormPost } from '@/modules/security/body-check';
import { bodyTooLarge, isStateChanging, originAllowed } from '@/modules/security/csrf';
import { errorPage, localeFromPath } from '@/modules/security/error-page';
import { databaseAvailable } from '@/db/availability';
import { createNonce, securityHeaders } from '@/modules/security/headers';

/*
 * Tenant and locale resolution. Not an authorization layer: pages and actions check membership themselves.
 * Every tenant header is set (overwritten) here, so a client-sent x-tenant never reaches the app.
 */

const UNKNOWN_MARKETPLACE = '/__unknown-marketplace';

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const trustForwarded = process.env.TRUST_PROXY === '1';
  const host = (trustForwarded && request.headers.get('x-forwarded-host')) || request.headers.get('host');
  // `next start` serves plain HTTP; HTTPS is only ever a trusted reverse proxy's word. (request.nextUrl.protocol
  // is built from a client-sent X-Forwarded-Proto, so it must not decide.)
  const proto = trustForwarded ? (request.headers.get('x-forwarded-proto') ?? 'http') : 'http';
  const nonce = createNonce();
  const isApi = request.nextUrl.pathname === '/api' || request.nextUrl.pathname.startsWith('/api/') || /^\/t\/[^/]+\/api\//.test(request.nextUrl.pathname);
  const security = securityHeaders(nonce, { secure: proto === 'https', dev: process.env.NODE_ENV !== 'production', api: isApi });
  const origin = request.headers.get('origin');
  if (!originAllowed({ method: request.method, pathname: request.nextUrl.pathname, origin, host, proto })) {
    return withHeaders(NextResponse.json({ error: 'cross_origin_refused' }, { status: 403 }), security);
  }
  const locale = localeFromPath(request.nextUrl.pathname);
  // A NUL in the URL reaches no page usefully (PostgreSQL text cannot hold it): refuse it here.
  if (/%00/.test(request.nextUrl.pathname + request.nextUrl.search)) {
    return withHeaders(isApi ? NextResponse.json({ error: 'bad_request' }, { status: 400 }) : toNext(errorPage(400, locale, 'errors.summaryTitle', 'security.badRequest')), security);
  }
  if (bodyTooLarge(request.method, request.headers.get('content-length'), request.headers.get('content-type'))) {
    return withHeaders(
      isApi ? NextResponse.json({ error: 'body_too_large' }, { status: 413 }) : toNext(errorPage(413, locale, 'errors.summaryTitle', 'security.tooLarge')),
      security,
    );
  }
  const contentType = request.headers.get('content-type');
  const actionCall = request.method === 'POST' && request.headers.has('next-action') && !isApi;
  if (isStateChanging(request.method) && (actionCall || isFormPost(request.nextUrl.pathname, contentType))) {
    const bytes = new Uint8Array(await request.clone().arrayBuffer());
    // As sent, not lowercased: a multipart boundary is case-sensitive (Chromium's mixes cases), and with a lowercased
    // one no part was found, so every scripted Server Action was refused with 400 (caught by the a11y sweep's
    // keyboard journeys) and no text field was checked.
    const problem = checkFormBody(bytes, contentType ?? '');
    if (problem === 'tooLarge') return withHeaders(toNext(errorPage(413, locale, 'errors.summaryTitle', 'security.tooLarge')), security);
    if (problem) return withHeaders(toNext(errorPage(400, locale, 'errors.summaryTitle', 'security.badRequest')), security);
    // Next answers a malformed action reply with a 500 before any of our code runs (modules/security/action-reply.ts).
    if (actionCall && !actionReplyValid(bytes, contentType ?? '')) {
      return withHeaders(new NextResponse('Invalid Server Action request.', { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } }), security);
    }
  }
  if (request.nextUrl.pathname !== '/api/health' && !(await databaseAvailable())) return withHeaders(unavailable(request.nextUrl.pathname), security);
  return withHeaders(await route(request, host, proto, nonce, security), security);
}

/** Database down: a translated page (or JSON for the API) with Retry-After; nothing is attempted. */
function unavailable(pathname: string): NextResponse {
  return pathname.startsWith('/api/') || /^\/t\/[^/]+\/api\//.test(pathname)
    ? NextResponse.json({ error: 'unavailable' }, { status: 503, headers: { 'retry-after': '30', 'cache-control': 'no-store' } })
    : toNext(errorPage(503, localeFromPath(pathname), 'security.unavailableTitle', 'security.unavailableBody', { 'retry-after': '30' }));
}

function toNext(response: Response): NextResponse {
  return new NextResponse(response.body, { status: response.status, headers: response.headers });
}

function withHeaders(response: NextResponse, security: Record<string, string>): NextResponse {
  for (const [name, value] of Object.entries(security)) response.headers.set(name, value);
  return response;
}

async function route(
  request: NextRequest,
  host: string | null,
  proto: string,
  nonce: string,
  security: Record<string, string>,
): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  const headers = new Headers(request.headers);
  for (const name of Object.values(TENANT_HEADERS)) headers.delete(name);
  if (host) {
    headers.set('x-forwarded-host', host);
    headers.set(TENANT_HEADERS.host, host);
  }
  headers.set('x-forwarded-proto', proto === 'https' ? 'https' : 'http');
  // Next reads the nonce from the request's CSP and stamps it on its scripts; pages read x-nonce if they need it.
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', security['content-security-policy'] ?? '');

  // robots.txt and sitemap.xml are answered per host by route handlers, like the API (no locale prefix).
  const isApi = pathname === '/api' || pathname.startsWith('/api/') || pathname === '/robots.txt' || pathname === '/sitemap.xml';
  const target = resolveRequestTarget(host, pathname);

  let tenant: Tenant | null = null;
  let basePath = '';
  let rest = pathname;
  try {
    if (target.kind === 'tenant') tenant = await findTenantBySlug(target.slug);
    else if (target.kind === 'domain') tenant = await findTenantByDomain(target.domain);
  } catch {
    // Database unavailable: health still answers (and says so); everything else fails closed below.
    if (pathname !== '/api/health') return unavailable(pathname);
  }
  if (target.kind === 'tenant' || target.kind === 'domain') {
    basePath = target.basePath;
    rest = target.rest;
  }

  if (target.kind === 'platform') {
    if (isApi) return NextResponse.next({ request: { headers } });
    if (pathname === '/' || pathname === '/platform') {
      const locale = negotiateLocale(request.headers.get('accept-language'), ['en', 'cy', 'fr', 'es', 'ar'], 'en');
      return redirectTo(request, host, proto, `/platform/${locale}`);
    }
    if (pathname.startsWith('/platform/')) {
      const [, , locale = '', ...tail] = pathname.split('/');
      if (!isShippedLocale(locale)) return redirectTo(request, host, proto, `/platform/en/${tail.join('/')}`.replace(/\/$/, ''));
      headers.set(TENANT_HEADERS.locale, locale);
      return NextResponse.next({ request: { headers } });
    }
    return NextResponse.rewrite(new URL(UNKNOWN_MARKETPLACE, request.url), { request: { headers } });
  }

  if (!tenant) {
    if (pathname === '/api/health') return NextResponse.next({ request: { headers } });
    if (isApi) return NextResponse.json({ error: 'not_found' }, { status: 404 });
    return NextResponse.rewrite(new URL(UNKNOWN_MARKETPLACE, request.url), { request: { headers } });
  }

  headers.set(TENANT_HEADERS.slug, tenant.slug);
  headers.set(TENANT_HEADERS.basePath, basePath);

  if (isApi) return NextResponse.next({ request: { headers } });
  if (basePath && rest.startsWith('/api/')) {
    // /t/<slug>/api/... reaches the same handlers as a tenant host would.
    return NextResponse.rewrite(new URL(rest + search, request.url), { request: { headers } });
  }

  const enabled: string[] = tenant.config.locales.map((l) => l.code);
  const [, first = '', ...tail] = rest.split('/');
  if (!enabled.includes(first)) {
    const locale = negotiateLocale(request.headers.get('accept-language'), enabled, tenant.config.defaultLocale);
    // A locale this tenant does not offer goes to the same page in its default language.
    const remainder = isShippedLocale(first) ? `/${tail.join('/')}` : rest;
    const target = `${basePath}/${isShippedLocale(first) ? tenant.config.defaultLocale : locale}${remainder === '/' ? '' : remainder}`;
    return redirectTo(request, host, proto, target + search);
  }
  headers.set(TENANT_HEADERS.locale, first);
  headers.set(TENANT_HEADERS.path, `/${tail.join('/')}`.replace(/\/$/, '') + search);
  const internal = `/${tenant.slug}${rest === '/' ? '' : rest}`;
  return NextResponse.rewrite(new URL(internal + search, request.url), { request: { headers } });
}

/** Redirects keep the validated host: under `next start` request.url says localhost. */
function redirectTo(request: NextRequest, host: string | null, proto: string, location: string): NextResponse {
  const origin = host ? `${proto === 'https' ? 'https' : 'http'}://${host}` : request.nextUrl.origin;
  return NextResponse.redirect(new URL(location, origin), 307);
}

export const config = {
  matcher: ['/((?!_next/static|_next/image).*)'],
};
