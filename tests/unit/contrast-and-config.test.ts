import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBrandAsset } from '@/tenants/assets';
import { ZTenantConfig } from '@/tenants/config-schema';
import { contrastRatio, formatRatio } from '@/tenants/contrast';
import { testTenantConfig } from '../support/tenants';

describe('WCAG contrast', () => {
  it('matches known ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    // #767676 is the classic lightest grey that passes AA on white; #777777 fails.
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
  });

  it('rounds down when formatting so a shown pass is a real pass', () => {
    expect(formatRatio(4.4999)).toBe('4.49:1');
  });
});

describe('tenant configuration schema', () => {
  const tenantDirs = readdirSync(path.join(process.cwd(), 'tenants'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(process.cwd(), 'tenants', d.name, 'tenant.json')))
    .map((d) => d.name);

  it('ships the three demo tenants', () => {
    expect(tenantDirs).toEqual(expect.arrayContaining(['uk', 'ca', 'cl']));
  });

  for (const dir of tenantDirs) {
    it(`demo tenant ${dir} is valid and its folder name is its slug`, () => {
      const config = ZTenantConfig.parse(JSON.parse(readFileSync(path.join(process.cwd(), 'tenants', dir, 'tenant.json'), 'utf8')));
      expect(config.slug).toBe(dir);
    });
  }

  it('refuses a colour pair under 4.5:1 with the ratio in the error', () => {
    const result = ZTenantConfig.safeParse(testTenantConfig('bad-colours', { branding: { primary: '#ffdd00', secondary: '#1d4f91' } }));
    expect(result.success).toBe(false);
    const issue = result.error!.issues.find((i) => i.message === 'validation.contrast');
    expect(issue?.path).toEqual(['branding', 'primaryText']);
  });

  it('refuses a light link colour on the white page', () => {
    const result = ZTenantConfig.safeParse(testTenantConfig('bad-links', { branding: { primary: '#1d4f91', secondary: '#9ecbf0' } }));
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain('branding.secondary');
  });

  it('reports a malformed or empty colour as a field error instead of throwing (found by the accessibility sweep)', () => {
    for (const branding of [{ primary: 'not a colour', secondary: '#1d4f91' }, { primary: '#1d4f91', primaryText: '', secondary: '' }]) {
      const result = ZTenantConfig.safeParse(testTenantConfig('bad-colour', { branding }));
      expect(result.success).toBe(false);
      expect(result.error!.issues.map((i) => i.message)).toContain('validation.colour');
    }
  });

  it('refuses reserved and malformed slugs', () => {
    for (const slug of ['www', 'api', 'platform', 'admin', 'Upper', '-x', 'a', 'x--y', 'has space']) {
      expect(ZTenantConfig.safeParse(testTenantConfig(slug)).success, slug).toBe(false);
    }
  });

  it('requires the default locale to be enabled and a name in every enabled locale', () => {
    const noDefault = ZTenantConfig.safeParse(testTenantConfig('locales-a', { defaultLocale: 'fr' }));
    expect(noDefault.error?.issues.map((i) => i.message)).toContain('validation.defaultLocaleNotEnabled');
    const noName = ZTenantConfig.safeParse(
      testTenantConfig('locales-b', { locales: [{ code: 'en', format: 'en-GB' }, { code: 'cy', format: 'cy-GB' }] }),
    );
    expect(noName.error?.issues.map((i) => i.message)).toContain('validation.nameMissing');
  });

  it('refuses an invalid time zone, currency and OCDS prefix', () => {
    const result = ZTenantConfig.safeParse(
      testTenantConfig('bad-misc', { timezone: 'Mars/Olympus', currency: 'pounds', ocidPrefix: 'ocds-XYZ' }),
    );
    expect(result.error?.issues.map((i) => i.message)).toEqual(
      expect.arrayContaining(['validation.timezone', 'validation.currency', 'validation.ocidPrefix']),
    );
  });
});

describe('brand assets are checked by content', () => {
  it('accepts SVG and PNG by their bytes', () => {
    expect(checkBrandAsset(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toEqual({ ok: true, contentType: 'image/svg+xml' });
    expect(checkBrandAsset(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toMatchObject({ contentType: 'image/png' });
  });

  it('refuses scripts, event handlers and foreign objects in SVG, other types, and oversized files', () => {
    for (const svg of [
      '<svg><script>alert(1)</script></svg>',
      '<svg onload="alert(1)"></svg>',
      '<svg><foreignObject><div/></foreignObject></svg>',
      '<svg><a href="javascript:alert(1)">x</a></svg>',
    ]) {
      expect(checkBrandAsset(Buffer.from(svg))).toEqual({ ok: false, reason: 'unsafeSvg' });
    }
    expect(checkBrandAsset(Buffer.from('<html><body>hi</body></html>'))).toEqual({ ok: false, reason: 'unsupportedType' });
    expect(checkBrandAsset(Buffer.alloc(300 * 1024))).toEqual({ ok: false, reason: 'tooLarge' });
  });
});
