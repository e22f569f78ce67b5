import { NextRequest, NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { signInAllowed } from '@/modules/security/rate-limit';
import { handlers } from '@/modules/auth/config';
import { TENANT_HEADERS } from '@/tenants/request-headers';

/** Under `next start` request.url says localhost; Auth.js must see the tenant host the proxy validated. */
function withTrustedOrigin(request: NextRequest): NextRequest {
  const host = request.headers.get(TENANT_HEADERS.host);
  if (!host) return request;
  const proto = request.headers.get('x-forwarded-proto') === 'https' ? 'https' : 'http';
  const url = new URL(request.nextUrl.pathname + request.nextUrl.search, `${proto}://${host}`);
  return new NextRequest(url, request);
}

export async function GET(request: NextRequest): Promise<Response> {
  return handlers.GET(withTrustedOrigin(request));
}

export async function POST(request: NextRequest): Promise<Response> {
  // Auth.js's own sign-in endpoint takes the same per-account and per-address limits as the sign-in page.
  if (/\/api\/auth\/signin\/[^/]+$/.test(request.nextUrl.pathname)) {
    const form = await request.clone().formData().catch(() => null);
    const email = form?.get('email');
    if (typeof email === 'string' && email.trim()) {
      const limit = await signInAllowed(getDb(), email, request.headers);
      if (!limit.allowed) {
        return NextResponse.json(
          { error: 'rate_limited', retryAfterSeconds: limit.retryAfterSeconds },
          { status: 429, headers: { 'retry-after': String(limit.retryAfterSeconds), 'cache-control': 'no-store' } },
        );
      }
    }
  }
  return handlers.POST(withTrustedOrigin(request));
}
