import { afterEach, describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret, ZOidcSettings } from '@/modules/onboarding/oidc';

describe('tenant identity provider settings', () => {
  const saved = process.env.AUTH_SECRET;
  afterEach(() => {
    process.env.AUTH_SECRET = saved;
  });

  it('stores the client secret encrypted (authenticated), readable only with the same AUTH_SECRET', () => {
    process.env.AUTH_SECRET = 'one-secret';
    const stored = encryptSecret('client-secret-value');
    expect(stored).not.toContain('client-secret-value');
    expect(encryptSecret('client-secret-value')).not.toBe(stored);
    expect(decryptSecret(stored)).toBe('client-secret-value');
    const [iv, tag, body] = stored.split('.');
    expect(() => decryptSecret([iv, tag, `${body}A`].join('.'))).toThrow();
    process.env.AUTH_SECRET = 'another-secret';
    expect(() => decryptSecret(stored)).toThrow();
  });

  it('accepts http(s) issuers only', () => {
    const base = { clientId: 'x', clientSecret: '', label: 'ID', enabled: true };
    expect(ZOidcSettings.safeParse({ ...base, issuer: 'https://login.example.gov' }).success).toBe(true);
    expect(ZOidcSettings.safeParse({ ...base, issuer: 'javascript:alert(1)' }).success).toBe(false);
    expect(ZOidcSettings.safeParse({ ...base, issuer: 'not a url' }).success).toBe(false);
  });
});
