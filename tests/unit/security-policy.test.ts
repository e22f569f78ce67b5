import { describe, expect, it } from 'vitest';
import { originAllowed } from '@/modules/security/csrf';
import { contentSecurityPolicy, createNonce, securityHeaders } from '@/modules/security/headers';

describe('security headers', () => {
  it('HSTS and upgrade-insecure-requests only over HTTPS', () => {
    const https = securityHeaders('abc', { secure: true });
    expect(https['strict-transport-security']).toBe('max-age=31536000');
    expect(https['content-security-policy']).toContain('upgrade-insecure-requests');
    const http = securityHeaders('abc', { secure: false });
    expect(http['strict-transport-security']).toBeUndefined();
    expect(http['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('scripts need the nonce; no unsafe-inline or unsafe-eval in production', () => {
    const csp = contentSecurityPolicy('n0nce', { secure: false });
    const script = csp.split('; ').find((d) => d.startsWith('script-src')) ?? '';
    expect(script).toBe("script-src 'self' 'nonce-n0nce' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('nonces are random, 128 bits, base64', () => {
    const a = createNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(createNonce()).not.toBe(a);
  });
});

describe('origin check for state-changing requests', () => {
  const base = { pathname: '/en/sign-in', host: 'uk.localhost:3000', proto: 'http' };
  it.each([
    ['GET', null, true],
    ['HEAD', 'http://evil.example', true],
    ['POST', 'http://uk.localhost:3000', true],
    ['POST', 'http://UK.localhost:3000', true],
    ['POST', null, false],
    ['POST', 'null', false],
    ['POST', 'http://ca.localhost:3000', false],
    ['POST', 'https://uk.localhost:3000', false],
    ['POST', 'http://uk.localhost:3001', false],
    ['POST', 'http://uk.localhost:3000.evil.example', false],
    ['DELETE', 'not a url', false],
    ['PATCH', null, false],
  ])('%s with Origin %s → %s', (method, origin, allowed) => {
    expect(originAllowed({ ...base, method, origin })).toBe(allowed);
  });
});
