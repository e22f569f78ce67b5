import type { TTenantConfig } from '@/tenants/config-schema';

/** The tenant's colours as CSS variables on <html>; Tailwind's brand utilities read them (app/globals.css). */
export function brandStyle(branding: TTenantConfig['branding']): React.CSSProperties {
  return {
    '--brand-primary': branding.primary,
    '--brand-primary-text': branding.primaryText,
    '--brand-secondary': branding.secondary,
  } as React.CSSProperties;
}
