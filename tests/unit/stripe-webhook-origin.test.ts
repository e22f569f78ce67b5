import { describe, expect, it } from 'vitest';
import { originAllowed } from '@/modules/security/csrf';

describe('Stripe webhooks and the Origin check', () => {
  it('lets Stripe post to the webhook without an Origin (the route checks the signature), and nothing else', () => {
    const base = { method: 'POST', origin: null, host: 'localhost:3000', proto: 'https' };
    expect(originAllowed({ ...base, pathname: '/api/stripe/webhook' })).toBe(true);
    expect(originAllowed({ ...base, pathname: '/api/stripe/webhook/' })).toBe(false);
    expect(originAllowed({ ...base, pathname: '/api/platform/tenants/import' })).toBe(false);
  });
});
