import { z } from 'zod';
import { TENANT_SLUG_PATTERN } from '@/db/tenant-schema';
import { SHIPPED_LOCALES } from '@/modules/i18n/locales';
import { contrastRatio, formatRatio, WCAG_AA_TEXT } from './contrast';

/** Host labels and paths that can never be a tenant slug. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  'www', 'api', 'platform', 'admin', 'static', 'assets', 'app', 'auth', 'mail', 'smtp', 'ftp', 'status', 'health',
  'docs', 'help', 'support', 'billing', 'dashboard', 'internal', 'root', 'system', 'test', 'localhost', 't', 'next',
]);

export const TENANT_ROLES = [
  'platform_admin',
  'tenant_admin',
  'framework_manager',
  'evaluator',
  'buyer',
  'supplier_admin',
  'supplier_member',
] as const;
export type Role = (typeof TENANT_ROLES)[number];

/*
 * Messages are translation keys (locales/<lng>/common.json, "validation.*") with params, so the same
 * schema gives a translated error in the UI and an English one in the CLI.
 */
const HEX_COLOUR = /^#[0-9a-f]{6}$/i;
const hexColour = z.string().regex(HEX_COLOUR, { message: 'validation.colour' });
const localeCode = z.enum(SHIPPED_LOCALES, { message: 'validation.locale' });
const perLocaleText = z.partialRecord(localeCode, z.string().trim().min(1).max(200));
const perLocaleLongText = (max: number) => z.partialRecord(localeCode, z.string().trim().min(1).max(max));
const hostname = z
  .string()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/, {
    message: 'validation.domain',
  });

export const ZSlug = z
  .string()
  .regex(TENANT_SLUG_PATTERN, { message: 'validation.slug' })
  .refine((s) => !RESERVED_SLUGS.has(s), { message: 'validation.slugReserved' });

export const ZBranding = z
  .object({
    /** Header and button background. */
    primary: hexColour,
    /** Text drawn on the primary colour. */
    primaryText: hexColour.default('#ffffff'),
    /** Links and accents on the white page. */
    secondary: hexColour,
    /** File names inside the tenant folder (config-as-code) or asset names in the database. */
    logo: z.string().regex(/^[a-z0-9-]+\.(svg|png)$/).optional(),
    favicon: z.string().regex(/^[a-z0-9-]+\.(svg|png|ico)$/).optional(),
  })
  .superRefine((b, ctx) => {
    const pairs: [string, string, string][] = [
      ['primaryText', b.primaryText, b.primary],
      ['secondary', b.secondary, '#ffffff'],
    ];
    for (const [field, fg, bg] of pairs) {
      // Zod runs this refinement even when a colour failed its own check (that issue is already reported):
      // measuring an invalid colour threw, and the settings form answered a server error instead of its errors.
      if (!HEX_COLOUR.test(fg) || !HEX_COLOUR.test(bg)) continue;
      const ratio = contrastRatio(fg, bg);
      if (ratio < WCAG_AA_TEXT) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: 'validation.contrast',
          params: { foreground: fg, background: bg, ratio: formatRatio(ratio), required: `${WCAG_AA_TEXT}:1` },
        });
      }
    }
  });

export const ZTenantConfig = z
  .object({
    slug: ZSlug,
    name: perLocaleText,
    tagline: perLocaleText.default({}),
    authorityType: z.enum(['national', 'state', 'local', 'agency']),
    country: z.string().regex(/^[A-Z]{2}$/, { message: 'validation.country' }),
    timezone: z.string().refine(isTimeZone, { message: 'validation.timezone' }),
    currency: z.string().regex(/^[A-Z]{3}$/, { message: 'validation.currency' }),
    defaultLocale: localeCode,
    /** Enabled UI languages, each with the BCP 47 tag used to format dates, numbers and money. */
    locales: z
      .array(z.object({ code: localeCode, format: z.string().min(2).max(20) }))
      .min(1)
      .refine((l) => new Set(l.map((x) => x.code)).size === l.length, { message: 'validation.duplicateLocale' }),
    domains: z.array(hostname).max(20).default([]),
    branding: ZBranding,
    footerLinks: z
      .array(z.object({ label: perLocaleText, href: z.string().regex(/^(https:\/\/|\/)[^\s<>"]*$/) }))
      .max(12)
      .default([]),
    /** Key-level overrides of base strings, e.g. { en: { "terms.supplier": "Seller" } }. */
    terminology: z.partialRecord(localeCode, z.record(z.string().max(120), z.string().max(500))).default({}),
    contactEmail: z.email().optional(),
    contactPhone: z.string().trim().max(40).optional(),
    contactAddress: perLocaleLongText(500).optional(),
    /**
     * Email domains allowed to act as buyers (suffix match, e.g. "gov.uk" allows "cabinet-office.gov.uk").
     * Empty: no restriction beyond the buyer organisations' own domains.
     */
    buyerEmailDomains: z.array(hostname).max(100).default([]),
    ocidPrefix: z
      .string()
      .regex(/^ocds-[a-z0-9]{6}$/, { message: 'validation.ocidPrefix' })
      .optional(),
    /** Open contracting data publication: a test prefix is marked as such wherever the data is shown. */
    openData: z
      .object({
        /** The ocid prefix is not registered with the Open Contracting Partnership (demo and test data). */
        testPrefix: z.boolean().default(false),
        license: z.url({ protocol: /^https?$/ }).optional(),
        publicationPolicy: z.url({ protocol: /^https?$/ }).optional(),
      })
      .optional(),
    /** Share of spend the authority aims to award to SMEs (0–100); read by the open-data dashboard. */
    smeTargetPercent: z.number().min(0).max(100).optional(),
    /** Whether this marketplace's spend figures join the combined figures on the platform's home page. */
    openDataOptIn: z.boolean().default(false),
    /** Further competition: how long an opportunity may stay open and when its questions close, per the tenant's rules. */
    opportunityRules: z
      .object({
        lengths: z
          .array(z.object({ days: z.number().int().min(1).max(90), questionsCloseDaysBefore: z.number().int().min(0).max(60) }))
          .min(1)
          .max(6)
          .refine((l) => l.every((x) => x.questionsCloseDaysBefore < x.days), { message: 'validation.questionsCloseAfterClosing' }),
        /** Local time of day at which an opportunity closes, in the tenant's timezone. */
        deadlineTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'validation.deadlineTime' }),
      })
      .default({ lengths: [{ days: 7, questionsCloseDaysBefore: 2 }, { days: 14, questionsCloseDaysBefore: 5 }], deadlineTime: '23:59' }),
    /** How suppliers identify themselves here: a registration scheme (org-id.guide code) and the regions offered. */
    supplierRegistration: z
      .object({
        scheme: z.enum(['GB-COH', 'CA-BN', 'CL-RUT', 'other']).default('other'),
        regions: z.array(z.string().min(1).max(80)).max(100).default([]),
      })
      .default({ scheme: 'other', regions: [] }),
    members: z
      .array(z.object({ email: z.email(), name: z.string().min(1).max(120), roles: z.array(z.enum(TENANT_ROLES)).min(1) }))
      .default([]),
  })
  .superRefine((c, ctx) => {
    const enabled = c.locales.map((l) => l.code);
    if (!enabled.includes(c.defaultLocale)) {
      ctx.addIssue({ code: 'custom', path: ['defaultLocale'], message: 'validation.defaultLocaleNotEnabled' });
    }
    for (const code of enabled) {
      if (!c.name[code]) ctx.addIssue({ code: 'custom', path: ['name', code], message: 'validation.nameMissing' });
    }
  });

export type TTenantConfig = z.infer<typeof ZTenantConfig>;
export type TTenantConfigInput = z.input<typeof ZTenantConfig>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
