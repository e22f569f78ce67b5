import { describe, expect, it } from 'vitest';
import { checkFormBody } from '@/modules/security/body-check';

async function multipart(fields: Record<string, string | Blob>): Promise<{ bytes: Uint8Array; type: string }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const encoded = new Response(form);
  return { bytes: new Uint8Array(await encoded.arrayBuffer()), type: encoded.headers.get('content-type')!.toLowerCase() };
}

describe('form bodies checked in the proxy', () => {
  it('lets a binary upload through (a PNG logo holds NUL bytes) while still checking the text fields beside it', async () => {
    const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0xfe])], { type: 'image/png' });
    const clean = await multipart({ name: 'Republic of Testland', logo: new File([png], 'logo.png', { type: 'image/png' }) });
    expect(checkFormBody(clean.bytes, clean.type)).toBeNull();
    const nul = await multipart({ name: 'bad\u0000name', logo: new File([png], 'logo.png', { type: 'image/png' }) });
    expect(checkFormBody(nul.bytes, nul.type)).toBe('nul');
    const override = await multipart({ name: 'invoice\u202Efdp.exe' });
    expect(checkFormBody(override.bytes, override.type)).toBe('override');
  });

  it('lets a multipart form carry a document larger than 1 MB, but not more than 1 MB of text fields', async () => {
    const pdf = new File([new Uint8Array(3 * 1024 * 1024).fill(0x25)], 'pricing.pdf', { type: 'application/pdf' });
    const withFile = await multipart({ serviceName: 'Hosting', pricingDocument: pdf });
    expect(checkFormBody(withFile.bytes, withFile.type)).toBeNull();
    const hugeText = await multipart({ email: 'a'.repeat(3_000_000) });
    expect(checkFormBody(hugeText.bytes, hugeText.type)).toBe('tooLarge');
  });

  it('refuses NUL and invalid UTF-8 in URL-encoded posts', () => {
    const enc = new TextEncoder();
    expect(checkFormBody(enc.encode('name=a%00b'), 'application/x-www-form-urlencoded')).toBe('nul');
    expect(checkFormBody(new Uint8Array([0x6e, 0x3d, 0xc3, 0x28]), 'application/x-www-form-urlencoded')).toBe('encoding');
    expect(checkFormBody(enc.encode('name=Caf%C3%A9'), 'application/x-www-form-urlencoded')).toBeNull();
  });
});
