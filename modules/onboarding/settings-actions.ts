'use server';

import { headers } from 'next/headers';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { SHIPPED_LOCALES, isShippedLocale, type LocaleCode } from '@/modules/i18n/locales';
import { sendMail } from '@/modules/notifications/send-mail';
import { requireActionRole } from '@/modules/tenancy/action-context';
import { checkBrandAsset } from '@/tenants/assets';
import type { TTenantConfig, TTenantConfigInput } from '@/tenants/config-schema';
import { tenantName } from '@/tenants/registry';
import { TENANT_HEADERS } from '@/tenants/request-headers';
import { formStrings, translatedFieldErrors } from './errors';
import { changeMemberRole, inviteMember, MANAGED_ROLES, MemberError, removeMember, TERMINOLOGY_KEYS, updateTenantConfig } from './settings';
import type { StepFormState } from './ui/step-form';
import { formatTag } from './wizard-schema';

const ADMINS = ['tenant_admin', 'platform_admin'] as const;
const SETTINGS_SECTIONS = ['branding', 'languages', 'terminology', 'domains', 'footer', 'contact', 'sme', 'buyerDomains'] as const;
type Section = (typeof SETTINGS_SECTIONS)[number];

const lines = (v: string) => v.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
const words = (v: string) => v.split(/[\s,]+/).map((l) => l.trim().toLowerCase()).filter(Boolean);

function perLocale(form: FormData, prefix: string, locales: readonly string[]): Partial<Record<LocaleCode, string>> {
  const out: Partial<Record<LocaleCode, string>> = {};
  for (const code of locales) {
    const value = String(form.get(`${prefix}_${code}`) ?? '').trim();
    if (value && isShippedLocale(code)) out[code] = value;
  }
  return out;
}

/** The new config for one section; everything else stays as it is. */
function patchFor(section: Section, form: FormData): (c: TTenantConfig) => TTenantConfigInput {
  const v = (name: string) => String(form.get(name) ?? '');
  return (c) => {
    const enabled = c.locales.map((l) => l.code);
    switch (section) {
      case 'branding':
        return { ...c, branding: { ...c.branding, primary: v('primary').trim().toLowerCase(), primaryText: v('primaryText').trim().toLowerCase(), secondary: v('secondary').trim().toLowerCase() } };
      case 'languages': {
        const codes = form.getAll('locales').map(String).filter(isShippedLocale);
        const names = perLocale(form, 'name', SHIPPED_LOCALES);
        const fallback = c.name[c.defaultLocale] ?? Object.values(c.name)[0] ?? c.slug;
        return {
          ...c,
          defaultLocale: v('defaultLocale') as LocaleCode,
          locales: codes.map((code) => c.locales.find((l) => l.code === code) ?? { code, format: formatTag(code, c.country) }),
          name: Object.fromEntries(codes.map((code) => [code, names[code] ?? c.name[code] ?? fallback])),
        };
      }
      case 'terminology': {
        const terminology: Record<string, Record<string, string>> = {};
        for (const code of enabled) {
          for (const key of TERMINOLOGY_KEYS) {
            const value = v(`term_${code}_${key.replace('.', '_')}`).trim();
            if (value) (terminology[code] ??= {})[key] = value;
          }
        }
        return { ...c, terminology };
      }
      case 'domains':
        return { ...c, domains: words(v('domains')) };
      case 'footer':
        return {
          ...c,
          footerLinks: lines(v('footer')).map((line) => {
            const [href = '', ...label] = line.split('|');
            const text = label.join('|').trim() || href.trim();
            return { href: href.trim(), label: Object.fromEntries(enabled.map((code) => [code, text])) };
          }),
        };
      case 'contact': {
        const address = perLocale(form, 'address', enabled);
        return {
          ...c,
          contactEmail: v('contactEmail').trim() || undefined,
          contactPhone: v('contactPhone').trim() || undefined,
          contactAddress: Object.keys(address).length ? address : undefined,
        };
      }
      case 'sme': {
        const raw = v('smeTargetPercent').trim().replace(',', '.');
        return { ...c, smeTargetPercent: raw === '' ? undefined : Number(raw) };
      }
      case 'buyerDomains':
        return { ...c, buyerEmailDomains: words(v('buyerEmailDomains')) };
    }
  };
}

function fieldFor(section: Section) {
  return (path: PropertyKey[]): string => {
    const [a, b] = path.map(String);
    if (section === 'branding') return b ?? 'primary';
    if (section === 'languages') return a === 'name' ? `name_${b}` : a === 'defaultLocale' ? 'defaultLocale' : 'locales';
    if (section === 'contact') return a === 'contactAddress' ? `address_${b}` : (a ?? 'contactEmail');
    if (section === 'sme') return 'smeTargetPercent';
    if (section === 'buyerDomains') return 'buyerEmailDomains';
    return section;
  };
}

export async function saveSettingsAction(_state: StepFormState, form: FormData): Promise<StepFormState> {
  const ctx = await requireActionRole(ADMINS);
  const values = formStrings(form);
  const section = String(form.get('section') ?? '') as Section;
  if (!SETTINGS_SECTIONS.includes(section)) return { errors: { form: ctx.t('validation.invalid') }, values };
  let logo: { body: Buffer; contentType: string } | null = null;
  if (section === 'branding') {
    const file = form.get('logo');
    if (file instanceof File && file.size > 0) {
      const body = Buffer.from(await file.arrayBuffer());
      const check = checkBrandAsset(body);
      if (!check.ok) return { errors: { logo: ctx.t(`onboarding.errors.logo.${check.reason}`) }, values };
      if (check.contentType === 'image/x-icon') return { errors: { logo: ctx.t('onboarding.errors.logo.unsupportedType') }, values };
      logo = { body, contentType: check.contentType };
    }
  }
  if (section === 'sme' && values.smeTargetPercent && !/^\d{1,3}([.,]\d{1,2})?$/.test(values.smeTargetPercent.trim())) {
    return { errors: { smeTargetPercent: ctx.t('tenantSettings.errors.percent') }, values };
  }
  const result = await updateTenantConfig(getDb(), ctx.tenant.id, section, patchFor(section, form), ctx.user.id, logo);
  if (!result.ok) {
    if ('domainTaken' in result) return { errors: { domains: ctx.t('onboarding.errors.domainTaken', { domain: result.domainTaken }) }, values };
    const errors = translatedFieldErrors(result.error, ctx.t, fieldFor(section));
    if (section === 'sme' && errors.smeTargetPercent) errors.smeTargetPercent = ctx.t('tenantSettings.errors.percent');
    return { errors, values };
  }
  return { notice: ctx.t('tenantSettings.saved') };
}

const ZInvite = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email({ message: 'onboarding.errors.email' })),
  name: z.string().trim().min(1, { message: 'onboarding.errors.required' }).max(120, { message: 'onboarding.errors.tooLong' }),
  role: z.enum(MANAGED_ROLES, { message: 'onboarding.errors.chooseOne' }),
});

/** Adds a person with a role and emails them where to sign in. */
export async function inviteMemberAction(_state: StepFormState, form: FormData): Promise<StepFormState> {
  const ctx = await requireActionRole(ADMINS);
  const values = formStrings(form);
  const parsed = ZInvite.safeParse(values);
  if (!parsed.success) return { errors: translatedFieldErrors(parsed.error, ctx.t), values };
  await inviteMember(getDb(), ctx.tenant, parsed.data, ctx.user.id);
  const h = await headers();
  const origin = `${h.get('x-forwarded-proto') === 'https' ? 'https' : 'http'}://${h.get(TENANT_HEADERS.host) ?? 'localhost'}`;
  const link = `${origin}${ctx.href('/sign-in')}`;
  const name = tenantName(ctx.tenant, ctx.locale);
  const body = ctx.t('tenantSettings.inviteBody', { name, role: ctx.t(`roles.${parsed.data.role}`) });
  await sendMail({
    tenantId: ctx.tenant.id,
    to: parsed.data.email,
    subject: ctx.t('tenantSettings.inviteSubject', { name }),
    text: `${body}\n\n${link}\n`,
    html: `<p>${escape(body)}</p><p><a href="${escape(link)}">${escape(link)}</a></p>`,
  });
  return { notice: ctx.t('tenantSettings.invited', { email: parsed.data.email }) };
}

export async function memberAction(_state: StepFormState, form: FormData): Promise<StepFormState> {
  const ctx = await requireActionRole(ADMINS);
  const parsed = z
    .object({ user: z.uuid(), role: z.union([z.enum(MANAGED_ROLES), z.literal('remove')], { message: 'onboarding.errors.chooseOne' }) })
    .safeParse({ user: form.get('user'), role: form.get('role') });
  if (!parsed.success) return { errors: translatedFieldErrors(parsed.error, ctx.t, () => 'role') };
  try {
    if (parsed.data.role === 'remove') await removeMember(getDb(), ctx.tenant, parsed.data.user, ctx.user.id);
    else await changeMemberRole(getDb(), ctx.tenant, parsed.data.user, parsed.data.role, ctx.user.id);
  } catch (error) {
    if (error instanceof MemberError) return { errors: { role: ctx.t(`tenantSettings.errors.${error.code}`) } };
    throw error;
  }
  return { notice: ctx.t('tenantSettings.saved') };
}

function escape(v: string): string {
  return v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
