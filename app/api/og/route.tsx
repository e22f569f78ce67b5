import { existsSync, readFileSync } from 'node:fs';
import { ImageResponse } from 'next/og';
import { NextResponse } from 'next/server';
import { getTranslator } from '@/modules/i18n/server';
import { tenantFromRequest } from '@/modules/tenancy/context';
import { tenantName } from '@/tenants/registry';

/*
 * The Open Graph image of a tenant: its name and tagline on its brand colour, in the requested language. Rendered
 * on demand and cached by URL (the URL carries the tenant's config version). DejaVu Sans is used when the system
 * has it, for scripts beyond Latin (Welsh accents, Arabic letters); otherwise the default font.
 */
const FONT_PATH = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';
const font = existsSync(FONT_PATH) ? readFileSync(FONT_PATH) : null;

export async function GET(request: Request): Promise<Response> {
  const resolved = await tenantFromRequest();
  if (!resolved) return NextResponse.json({ error: 'not_found' }, { status: 404 });
  const { tenant } = resolved;
  const requested = new URL(request.url).searchParams.get('locale') ?? '';
  const locale = tenant.config.locales.some((l) => l.code === requested) ? requested : tenant.config.defaultLocale;
  const t = getTranslator(locale, { slug: tenant.slug, configVersion: tenant.configVersion, terminology: tenant.config.terminology });
  const { primary, primaryText } = tenant.config.branding;
  const tagline = (tenant.config.tagline as Record<string, string | undefined>)[locale] ?? '';
  const image = new ImageResponse(
    (
      <div style={{ width: '100%', height: '100%', display: 'flex', flexDirection: 'column', justifyContent: 'space-between', padding: 72, background: primary, color: primaryText, fontFamily: font ? 'DejaVu' : undefined }}>
        <div style={{ display: 'flex', fontSize: 30, opacity: 0.9 }}>{t('seo.ogKicker')}</div>
        <div style={{ display: 'flex', flexDirection: 'column' }}>
          <div style={{ display: 'flex', fontSize: 72, fontWeight: 700, lineHeight: 1.1 }}>{tenantName(tenant, locale)}</div>
          {tagline ? <div style={{ display: 'flex', fontSize: 34, marginTop: 24, lineHeight: 1.3 }}>{tagline}</div> : null}
        </div>
        <div style={{ display: 'flex', height: 12, width: 240, background: primaryText }} />
      </div>
    ),
    { width: 1200, height: 630, ...(font ? { fonts: [{ name: 'DejaVu', data: font, weight: 700 as const, style: 'normal' as const }] } : {}) },
  );
  image.headers.set('cache-control', 'public, max-age=86400');
  return image;
}
