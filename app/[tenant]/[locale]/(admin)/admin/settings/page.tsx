import { headers } from 'next/headers';
import { getDb } from '@/db/client';
import { findTenantOidc } from '@/modules/onboarding/oidc';
import { saveOidcAction } from '@/modules/onboarding/oidc-actions';
import { TENANT_HEADERS } from '@/tenants/request-headers';
import { LOCALE_NATIVE_NAMES, SHIPPED_LOCALES, isShippedLocale, textDirection } from '@/modules/i18n/locales';
import { getTranslator } from '@/modules/i18n/server';
import { listMembers, MANAGED_ROLES, TERMINOLOGY_KEYS } from '@/modules/onboarding/settings';
import { inviteMemberAction, memberAction, saveSettingsAction } from '@/modules/onboarding/settings-actions';
import { StepForm, type StepField } from '@/modules/onboarding/ui/step-form';
import { requireTenantRole, tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { PageHeading } from '@/modules/ui/page-heading';

export const generateMetadata = titleFromKey('tenantSettings.title');

/** Everything a tenant administrator can change about their marketplace, one form per section. */
export default async function TenantSettingsPage({ params }: PageProps<'/[tenant]/[locale]/admin/settings'>) {
  const { tenant: slug, locale } = await params;
  const ctx = await requireTenantContext(slug, locale);
  const { t, tenant, user } = ctx;
  const c = tenant.config;
  const enabled = c.locales.map((l) => l.code);
  const lang = (code: string) => (isShippedLocale(code) ? LOCALE_NATIVE_NAMES[code] : code);
  const members = await listMembers(getDb(), tenant.id);
  const oidc = await findTenantOidc(getDb(), tenant.id);
  const h = await headers();
  const origin = `${h.get('x-forwarded-proto') === 'https' ? 'https' : 'http'}://${h.get(TENANT_HEADERS.host) ?? 'localhost'}${ctx.basePath}`;
  const common = { errorSummaryTitle: t('onboarding.errorSummary'), submitLabel: t('tenantSettings.save') };
  const section = (name: string): StepField => ({ name: 'section', label: '', type: 'hidden', defaultValue: name });
  const sections: { id: string; title: string; intro?: string; node: React.ReactNode }[] = [
    {
      id: 'branding',
      title: t('onboarding.steps.branding'),
      intro: t('onboarding.intro.branding'),
      node: (
        <StepForm
          {...common}
          id="settings-branding"
          action={saveSettingsAction}
          multipart
          preview={{
            heading: t('onboarding.preview.heading'),
            sample: c.name[locale as 'en'] ?? slug,
            link: t('onboarding.preview.link'),
            button: t('onboarding.preview.header'),
            ratio: t('onboarding.preview.ratio', { item: '{{item}}', ratio: '{{ratio}}' }),
            passes: t('onboarding.preview.passes'),
            fails: t('onboarding.preview.fails'),
          }}
          fields={[
            section('branding'),
            { name: 'primary', label: t('onboarding.fields.primary'), hint: t('onboarding.hints.colour'), type: 'colour', defaultValue: c.branding.primary },
            { name: 'primaryText', label: t('onboarding.fields.primaryText'), hint: t('onboarding.hints.colour'), type: 'colour', defaultValue: c.branding.primaryText },
            { name: 'secondary', label: t('onboarding.fields.secondary'), hint: t('onboarding.hints.colour'), type: 'colour', defaultValue: c.branding.secondary },
            { name: 'logo', label: t('onboarding.fields.logo'), hint: c.branding.logo ? t('onboarding.hints.logoKept') : t('onboarding.hints.logo'), type: 'file', accept: 'image/png,image/svg+xml' },
          ]}
        />
      ),
    },
    {
      id: 'languages',
      title: t('onboarding.steps.languages'),
      node: (
        <StepForm
          {...common}
          id="settings-languages"
          action={saveSettingsAction}
          fields={[
            section('languages'),
            { name: 'locales', label: t('onboarding.fields.locales'), type: 'checkboxes', defaultValue: enabled.join(','), options: SHIPPED_LOCALES.map((code) => ({ value: code, label: LOCALE_NATIVE_NAMES[code] })) },
            { name: 'defaultLocale', label: t('onboarding.fields.defaultLocale'), type: 'radios', defaultValue: c.defaultLocale, options: SHIPPED_LOCALES.map((code) => ({ value: code, label: LOCALE_NATIVE_NAMES[code] })) },
            ...SHIPPED_LOCALES.map((code): StepField => ({ name: `name_${code}`, label: t('onboarding.fields.nameIn', { language: LOCALE_NATIVE_NAMES[code] }), type: 'text', defaultValue: c.name[code], dir: code === 'ar' ? 'rtl' : 'auto' })),
          ]}
        />
      ),
    },
    {
      id: 'terminology',
      title: t('tenantSettings.terminologyHeading'),
      intro: t('tenantSettings.terminologyIntro'),
      node: (
        <>
          <div className="mb-6 overflow-x-auto">
            <table className="w-full border-collapse" data-testid="terminology-preview">
              <caption className="mb-2 text-start text-muted">{t('tenantSettings.terminologyPreview')}</caption>
              <thead>
                <tr className="border-b-2 border-ink">
                  <th scope="col" className="p-2 text-start">{t('tenantSettings.language')}</th>
                  <th scope="col" className="p-2 text-start">{t('tenantSettings.standardWording')}</th>
                  <th scope="col" className="p-2 text-start">{t('tenantSettings.shownAs')}</th>
                </tr>
              </thead>
              <tbody>
                {enabled.flatMap((code) => {
                  const base = getTranslator(code);
                  const here = getTranslator(code, { slug: tenant.slug, configVersion: tenant.configVersion, terminology: c.terminology });
                  return TERMINOLOGY_KEYS.map((key) => (
                    <tr key={`${code}-${key}`} className="border-b border-rule">
                      <td className="p-2">{lang(code)}</td>
                      <td className="p-2" lang={code} dir={textDirection(code)}>{base(key)}</td>
                      <td className="p-2 font-bold" lang={code} dir={textDirection(code)}>{here(key)}</td>
                    </tr>
                  ));
                })}
              </tbody>
            </table>
          </div>
          <StepForm
            {...common}
            id="settings-terminology"
            action={saveSettingsAction}
            fields={[
              section('terminology'),
              ...enabled.flatMap((code) =>
                TERMINOLOGY_KEYS.map((key): StepField => ({
                  name: `term_${code}_${key.replace('.', '_')}`,
                  label: t('tenantSettings.termLabel', { term: getTranslator(code)(key), language: lang(code) }),
                  type: 'text',
                  defaultValue: (c.terminology as Record<string, Record<string, string> | undefined>)[code]?.[key] ?? '',
                })),
              ),
            ]}
          />
        </>
      ),
    },
    {
      id: 'domains',
      title: t('onboarding.fields.domains'),
      node: <StepForm {...common} id="settings-domains" action={saveSettingsAction} fields={[section('domains'), { name: 'domains', label: t('onboarding.fields.domains'), hint: t('onboarding.hints.domains'), type: 'textarea', rows: 3, defaultValue: c.domains.join('\n'), dir: 'ltr' }]} />,
    },
    {
      id: 'footer',
      title: t('tenantSettings.footerHeading'),
      node: (
        <StepForm
          {...common}
          id="settings-footer"
          action={saveSettingsAction}
          fields={[section('footer'), { name: 'footer', label: t('tenantSettings.footerLinks'), hint: t('tenantSettings.footerHint'), type: 'textarea', rows: 4, defaultValue: c.footerLinks.map((l) => `${l.href} | ${(l.label as Record<string, string>)[locale] ?? Object.values(l.label)[0] ?? ''}`).join('\n') }]}
        />
      ),
    },
    {
      id: 'accessibility',
      title: t('tenantSettings.accessibilityHeading'),
      intro: t('tenantSettings.accessibilityIntro'),
      node: (
        <p>
          <a href={ctx.href('/admin/guidance')}>{t('guidance.adminTitle')}</a>
        </p>
      ),
    },
    {
      id: 'contact',
      title: t('tenantSettings.contactHeading'),
      node: (
        <StepForm
          {...common}
          id="settings-contact"
          action={saveSettingsAction}
          fields={[
            section('contact'),
            { name: 'contactEmail', label: t('tenantSettings.contactEmail'), type: 'email', defaultValue: c.contactEmail ?? '', dir: 'ltr' },
            { name: 'contactPhone', label: t('tenantSettings.contactPhone'), type: 'text', defaultValue: c.contactPhone ?? '', dir: 'ltr' },
            ...enabled.map((code): StepField => ({ name: `address_${code}`, label: t('tenantSettings.addressIn', { language: lang(code) }), type: 'textarea', rows: 3, defaultValue: c.contactAddress?.[code] ?? '' })),
          ]}
        />
      ),
    },
    {
      id: 'sme',
      title: t('tenantSettings.smeHeading'),
      intro: t('tenantSettings.smeIntro'),
      node: <StepForm {...common} id="settings-sme" action={saveSettingsAction} fields={[section('sme'), { name: 'smeTargetPercent', label: t('tenantSettings.smeTarget'), hint: t('tenantSettings.smeHint'), type: 'number', defaultValue: c.smeTargetPercent === undefined ? '' : String(c.smeTargetPercent) }]} />,
    },
    {
      id: 'buyer-domains',
      title: t('tenantSettings.buyerDomainsHeading'),
      intro: t('tenantSettings.buyerDomainsIntro'),
      node: <StepForm {...common} id="settings-buyer-domains" action={saveSettingsAction} fields={[section('buyerDomains'), { name: 'buyerEmailDomains', label: t('tenantSettings.buyerDomains'), hint: t('onboarding.hints.domains'), type: 'textarea', rows: 3, defaultValue: c.buyerEmailDomains.join('\n'), dir: 'ltr' }]} />,
    },
    {
      id: 'identity',
      title: t('tenantSettings.identityHeading'),
      intro: t('tenantSettings.identityIntro', { redirect: `${origin}/api/auth/callback/oidc` }),
      node: (
        <StepForm
          {...common}
          id="settings-identity"
          action={saveOidcAction}
          fields={[
            { name: 'label', label: t('tenantSettings.oidcLabel'), hint: t('tenantSettings.oidcLabelHint'), type: 'text', defaultValue: oidc?.label ?? '' },
            { name: 'issuer', label: t('tenantSettings.oidcIssuer'), hint: t('tenantSettings.oidcIssuerHint'), type: 'text', defaultValue: oidc?.issuer ?? '', dir: 'ltr', spellCheck: false },
            { name: 'clientId', label: t('tenantSettings.oidcClientId'), type: 'text', defaultValue: oidc?.clientId ?? '', dir: 'ltr', spellCheck: false, autoComplete: 'off' },
            { name: 'clientSecret', label: t('tenantSettings.oidcClientSecret'), hint: oidc ? t('tenantSettings.oidcSecretKept') : undefined, type: 'password', autoComplete: 'new-password' },
            { name: 'enabled', label: t('tenantSettings.oidcEnabled'), type: 'radios', defaultValue: oidc?.enabled === false ? 'no' : 'yes', options: [{ value: 'yes', label: t('tenantSettings.yes') }, { value: 'no', label: t('tenantSettings.no') }] },
          ]}
        />
      ),
    },
  ];
  const roleOptions = MANAGED_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));
  return (
    <>
      <p className="mb-2">
        <a href={ctx.href('/admin')}>{t('admin.title')}</a>
      </p>
      <PageHeading>{t('tenantSettings.title')}</PageHeading>
      <nav aria-label={t('tenantSettings.contents')} className="mb-8">
        <ul className="list-disc ps-6">
          {sections.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`}>{s.title}</a>
            </li>
          ))}
          <li>
            <a href="#members">{t('tenantSettings.membersHeading')}</a>
          </li>
        </ul>
      </nav>
      {sections.map((s) => (
        <section key={s.id} id={s.id} aria-labelledby={`${s.id}-heading`} className="mb-12 border-t border-rule pt-6">
          <h2 id={`${s.id}-heading`} className="mb-2 text-2xl font-bold">
            {s.title}
          </h2>
          {s.intro ? <p className="mb-4 max-w-2xl">{s.intro}</p> : null}
          {s.node}
        </section>
      ))}
      <section id="members" aria-labelledby="members-heading" className="mb-12 border-t border-rule pt-6">
        <h2 id="members-heading" className="mb-4 text-2xl font-bold">
          {t('tenantSettings.membersHeading')}
        </h2>
        <ul className="mb-8 space-y-6" data-testid="members">
          {members.map((m, i) => (
            <li key={m.userId} className="border border-rule p-4">
              <p className="font-bold">{m.name ?? m.email}</p>
              <p className="mb-1 text-sm text-muted">{m.email}</p>
              <p className="mb-3">{m.roles.map((r) => t(`roles.${r}`)).join(', ')}</p>
              {m.userId !== user.id ? (
                <StepForm
                  {...common}
                  id={`member-${i}`}
                  action={memberAction}
                  submitLabel={t('tenantSettings.apply')}
                  fields={[
                    { name: 'user', label: '', type: 'hidden', defaultValue: m.userId },
                    { name: 'role', label: t('tenantSettings.changeRoleFor', { name: m.name ?? m.email }), type: 'select', defaultValue: MANAGED_ROLES.find((r) => m.roles.includes(r)) ?? 'buyer', options: [...roleOptions, { value: 'remove', label: t('tenantSettings.removeMember') }] },
                  ]}
                />
              ) : null}
            </li>
          ))}
        </ul>
        <h3 className="mb-2 text-xl font-bold">{t('tenantSettings.inviteHeading')}</h3>
        <StepForm
          {...common}
          id="invite-member"
          action={inviteMemberAction}
          submitLabel={t('tenantSettings.invite')}
          fields={[
            { name: 'name', label: t('tenantSettings.memberName'), type: 'text', autoComplete: 'off' },
            { name: 'email', label: t('tenantSettings.memberEmail'), type: 'email', autoComplete: 'off', spellCheck: false, dir: 'ltr' },
            { name: 'role', label: t('tenantSettings.role'), type: 'radios', options: roleOptions },
          ]}
        />
      </section>
    </>
  );
}

async function requireTenantContext(slug: string, locale: string) {
  const ctx = await tenantPageContext(slug, locale);
  const { user } = await requireTenantRole(ctx, ['tenant_admin', 'platform_admin']);
  return { ...ctx, user };
}
