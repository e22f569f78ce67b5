/** Logo and favicon files accepted from a tenant folder or upload: type decided by content, not by name. */
export const MAX_ASSET_BYTES = 200 * 1024;

export type AssetCheck = { ok: true; contentType: string } | { ok: false; reason: 'tooLarge' | 'unsupportedType' | 'unsafeSvg' };

export function checkBrandAsset(bytes: Buffer): AssetCheck {
  if (bytes.length > MAX_ASSET_BYTES) return { ok: false, reason: 'tooLarge' };
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { ok: true, contentType: 'image/png' };
  }
  if (bytes.subarray(0, 4).equals(Buffer.from([0, 0, 1, 0]))) return { ok: true, contentType: 'image/x-icon' };
  const text = bytes.toString('utf8').trimStart();
  if (/^(<\?xml[^>]*>\s*)?<svg[\s>]/i.test(text)) {
    // SVGs are served with a sandboxing CSP anyway; refuse active content outright rather than trust that alone.
    if (/<script|<foreignObject|\son[a-z]+\s*=|javascript:|<iframe|<embed|<object/i.test(text)) {
      return { ok: false, reason: 'unsafeSvg' };
    }
    return { ok: true, contentType: 'image/svg+xml' };
  }
  return { ok: false, reason: 'unsupportedType' };
}
