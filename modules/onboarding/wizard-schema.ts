import { z } from 'zod';
import { SHIPPED_LOCALES, type LocaleCode } from '@/modules/i18n/locales';
import { ZBranding, ZSlug, ZTenantConfig, type TTenantConfig } from '@/tenants/config-schema';

/*
 * The onboarding wizard, one zod schema per step. Each step is validated and stored on the draft when it is
 * saved, and the whole config is validated again (ZTenantConfig) before anything is provisioned.
 * Messages are translation keys: "validation.*" (shared with config-as-code) or "onboarding.errors.*".
 */

export const WIZARD_STEPS = ['authority', 'address', 'languages', 'branding', 'template', 'admin', 'review'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

export function isWizardStep(value: string): value is WizardStep {
  return (WIZARD_STEPS as readonly string[]).includes(value);
}

export const TEMPLATE_CHOICES = ['blank', 'catalogue', 'opportunities', 'both'] as const;
export type TemplateChoice = (typeof TEMPLATE_CHOICES)[number];

const required = (max: number) => z.string().trim().min(1, { message: 'onboarding.errors.required' }).max(max, { message: 'onboarding.errors.tooLong' });

export const ZAuthorityStep = z.object({
  name: required(200),
  authorityType: z.enum(['national', 'state', 'local', 'agency'], { message: 'onboarding.errors.chooseOne' }),
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, { message: 'validation.country' }),
  timezone: z.string().trim().refine(isTimeZone, { message: 'validation.timezone' }),
  currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, { message: 'validation.currency' }),
});

const hostname = ZTenantConfig.shape.domains.unwrap().element;

export const ZAddressStep = z.object({
  slug: z.string().trim().toLowerCase().pipe(ZSlug),
  domains: z.array(hostname).max(20).default([]),
});

const localeCode = z.enum(SHIPPED_LOCALES, { message: 'validation.locale' });

export const ZLanguagesStep = z
  .object({
    locales: z.array(localeCode).min(1, { message: 'onboarding.errors.chooseLocale' }),
    defaultLocale: localeCode,
    /** The marketplace's name in each other enabled language; blank means the same name. */
    names: z.partialRecord(localeCode, z.string().trim().max(200)).default({}),
  })
  .refine((l) => l.locales.includes(l.defaultLocale), { path: ['defaultLocale'], message: 'validation.defaultLocaleNotEnabled' });

/** Colours only (the logo is uploaded with the same form, checked separately); the WCAG check is ZBranding's. */
export const ZBrandingStep = ZBranding;

export const ZTemplateStep = z.object({ template: z.enum(TEMPLATE_CHOICES, { message: 'onboarding.errors.chooseOne' }) });

export const ZAdminStep = z.object({
  ocidPrefix: z
    .string()
    .trim()
    .transform((s) => s || undefined)
    .pipe(z.string().regex(/^ocds-[a-z0-9]{6}$/, { message: 'validation.ocidPrefix' }).optional()),
  adminName: required(120),
  adminEmail: z.string().trim().toLowerCase().pipe(z.email({ message: 'onboarding.errors.email' })),
});

export const STEP_SCHEMAS = {
  authority: ZAuthorityStep,
  address: ZAddressStep,
  languages: ZLanguagesStep,
  branding: ZBrandingStep,
  template: ZTemplateStep,
  admin: ZAdminStep,
} as const;

export interface WizardData {
  /** From a self-serve request: prefills the wizard. */
  request?: { name: string; email: string; slug: string; purpose: string };
  authority?: z.infer<typeof ZAuthorityStep>;
  address?: z.infer<typeof ZAddressStep>;
  languages?: z.infer<typeof ZLanguagesStep>;
  branding?: z.infer<typeof ZBrandingStep>;
  template?: z.infer<typeof ZTemplateStep>;
  admin?: z.infer<typeof ZAdminStep>;
}

/** Region-specific formatting for a language in a country, e.g. es + CL → es-CL. */
export function formatTag(locale: LocaleCode, country: string): string {
  try {
    return Intl.getCanonicalLocales(`${locale}-${country}`)[0] ?? locale;
  } catch {
    return locale;
  }
}

/** The tenant configuration the wizard's answers describe, validated as a whole (throws ZodError). */
export function buildTenantConfig(data: WizardData, logoContentType: string | null): TTenantConfig {
  const { authority, address, languages, branding, admin } = data;
  if (!authority || !address || !languages || !branding || !admin) throw new Error('Draft is incomplete');
  const name: Partial<Record<LocaleCode, string>> = {};
  for (const code of languages.locales) name[code] = languages.names[code]?.trim() || authority.name;
  return ZTenantConfig.parse({
    slug: address.slug,
    name,
    authorityType: authority.authorityType,
    country: authority.country,
    timezone: authority.timezone,
    currency: authority.currency,
    defaultLocale: languages.defaultLocale,
    locales: languages.locales.map((code) => ({ code, format: formatTag(code, authority.country) })),
    domains: address.domains,
    branding: { ...branding, ...(logoContentType ? { logo: logoContentType === "image/svg+xml" ? "logo.svg" : "logo.png" } : {}) },
    ocidPrefix: admin.ocidPrefix,
    contactEmail: admin.adminEmail,
    members: [],
  });
}

/** The first step not yet completed, or review. */
export function resumeStep(completed: readonly string[]): WizardStep {
  return WIZARD_STEPS.find((s) => s !== 'review' && !completed.includes(s)) ?? 'review';
}

function isTimeZone(zone: string): boolean {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
