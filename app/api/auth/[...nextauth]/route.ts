import { NextRequest } from 'next/server';
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
  return handlers.POST(withTrustedOrigin(request));
}
