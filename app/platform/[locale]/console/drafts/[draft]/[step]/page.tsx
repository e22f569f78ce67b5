import { getDb } from '@/db/client';
import { SHIPPED_LOCALES, LOCALE_NATIVE_NAMES } from '@/modules/i18n/locales';
import { saveWizardStepAction, submitDraftAction } from '@/modules/onboarding/actions';
import { findDraft } from '@/modules/onboarding/drafts';
import { platformNotFound, requirePlatformAdmin } from '@/modules/onboarding/platform-context';
import { StepForm, type StepField } from '@/modules/onboarding/ui/step-form';
import { StepList } from '@/modules/onboarding/ui/step-list';
import { TEMPLATE_CHOICES, WIZARD_STEPS, isWizardStep, resumeStep, type WizardData } from '@/modules/onboarding/wizard-schema';
import { PageHeading } from '@/modules/ui/page-heading';

/** One step of the onboarding wizard. Any completed step can be revisited; later steps wait for earlier ones. */
export default async function WizardStepPage({ params }: PageProps<'/platform/[locale]/console/drafts/[draft]/[step]'>) {
  const { locale, draft: draftId, step } = await params;
  const ctx = await requirePlatformAdmin(locale, `/console/drafts/${draftId}/${step}`);
  const { t } = ctx;
  const draft = await findDraft(getDb(), draftId);
  if (!draft || !isWizardStep(step)) platformNotFound(locale);
  if (!['draft', 'failed'].includes(draft.status)) platformNotFound(locale);
  const completed = draft.completedSteps;
  const firstOpen = resumeStep(completed);
  if (WIZARD_STEPS.indexOf(step) > WIZARD_STEPS.indexOf(firstOpen)) platformNotFound(locale);
  const data = draft.data as WizardData;
  const hidden: StepField[] = [
    { name: 'draft', label: '', type: 'hidden', defaultValue: draft.id },
    { name: 'step', label: '', type: 'hidden', defaultValue: step },
  ];
  const common = { errorSummaryTitle: t('onboarding.errorSummary'), submitLabel: t('onboarding.saveAndContinue'), id: `step-${step}` };
  const fields = stepFields(step, data, t, Boolean(draft.logo));
  return (
    <>
      <p className="mb-2 text-muted">{t('onboarding.stepOf', { current: WIZARD_STEPS.indexOf(step) + 1, total: WIZARD_STEPS.length })}</p>
      <PageHeading>{t(`onboarding.steps.${step}`)}</PageHeading>
      <div className="grid gap-8 md:grid-cols-[14rem_1fr]">
        <StepList t={t} current={step} completed={completed} href={(s) => ctx.href(`/console/drafts/${draft.id}/${s}`)} />
        <div>
          <p className="mb-6 max-w-2xl">{t(`onboarding.intro.${step}`)}</p>
          {draft.status === 'failed' && draft.error ? (
            <div className="mb-6 border-4 border-error p-4" role="alert">
              <h2 className="mb-1 text-xl font-bold">{t('onboarding.failedHeading')}</h2>
              <p className="font-mono text-sm">{draft.error}</p>
            </div>
          ) : null}
          {step === 'review' ? (
            <>
              <Review data={data} t={t} hasLogo={Boolean(draft.logo)} />
              <StepForm
                {...common}
                action={submitDraftAction}
                fields={hidden.slice(0, 1)}
                submitLabel={draft.status === 'failed' ? t('onboarding.retry') : t('onboarding.create')}
              />
            </>
          ) : (
            <StepForm
              {...common}
              action={saveWizardStepAction}
              fields={[...hidden, ...fields]}
              multipart={step === 'branding'}
              preview={
                step === 'branding'
                  ? {
                      heading: t('onboarding.preview.heading'),
                      sample: data.authority?.name ?? t('onboarding.preview.sample'),
                      link: t('onboarding.preview.link'),
                      button: t('onboarding.preview.header'),
                      ratio: t('onboarding.preview.ratio', { item: '{{item}}', ratio: '{{ratio}}' }),
                      passes: t('onboarding.preview.passes'),
                      fails: t('onboarding.preview.fails'),
                    }
                  : undefined
              }
            />
          )}
        </div>
      </div>
    </>
  );
}

type T = (key: string, params?: Record<string, unknown>) => string;

function stepFields(step: string, data: WizardData, t: T, hasLogo: boolean): StepField[] {
  switch (step) {
    case 'authority': {
      const a = data.authority;
      return [
        { name: 'name', label: t('onboarding.fields.name'), hint: t('onboarding.hints.name'), type: 'text', defaultValue: a?.name ?? data.request?.name, autoComplete: 'organization' },
        {
          name: 'authorityType',
          label: t('onboarding.fields.authorityType'),
          type: 'radios',
          defaultValue: a?.authorityType,
          options: ['national', 'state', 'local', 'agency'].map((v) => ({ value: v, label: t(`onboarding.authorityTypes.${v}`) })),
        },
        { name: 'country', label: t('onboarding.fields.country'), hint: t('onboarding.hints.country'), type: 'text', defaultValue: a?.country, spellCheck: false },
        { name: 'timezone', label: t('onboarding.fields.timezone'), hint: t('onboarding.hints.timezone'), type: 'text', defaultValue: a?.timezone, spellCheck: false },
        { name: 'currency', label: t('onboarding.fields.currency'), hint: t('onboarding.hints.currency'), type: 'text', defaultValue: a?.currency, spellCheck: false },
      ];
    }
    case 'address':
      return [
        { name: 'slug', label: t('onboarding.fields.slug'), hint: t('onboarding.hints.slug'), type: 'text', defaultValue: data.address?.slug ?? data.request?.slug, spellCheck: false, dir: 'ltr' },
        { name: 'domains', label: t('onboarding.fields.domains'), hint: t('onboarding.hints.domains'), type: 'textarea', rows: 3, defaultValue: data.address?.domains.join('\n'), spellCheck: false, dir: 'ltr' },
      ];
    case 'languages': {
      const l = data.languages;
      const options = SHIPPED_LOCALES.map((code) => ({ value: code, label: LOCALE_NATIVE_NAMES[code] }));
      return [
        { name: 'locales', label: t('onboarding.fields.locales'), hint: t('onboarding.hints.locales'), type: 'checkboxes', options, defaultValue: l?.locales.join(',') },
        { name: 'defaultLocale', label: t('onboarding.fields.defaultLocale'), type: 'radios', options, defaultValue: l?.defaultLocale },
        ...SHIPPED_LOCALES.map(
          (code): StepField => ({
            name: `name_${code}`,
            label: t('onboarding.fields.nameIn', { language: LOCALE_NATIVE_NAMES[code] }),
            hint: t('onboarding.hints.nameIn'),
            type: 'text',
            defaultValue: l?.names[code],
            dir: code === 'ar' ? 'rtl' : 'auto',
          }),
        ),
      ];
    }
    case 'branding': {
      const b = data.branding;
      return [
        { name: 'primary', label: t('onboarding.fields.primary'), hint: t('onboarding.hints.colour'), type: 'colour', defaultValue: b?.primary ?? '#1d4f91' },
        { name: 'primaryText', label: t('onboarding.fields.primaryText'), hint: t('onboarding.hints.colour'), type: 'colour', defaultValue: b?.primaryText ?? '#ffffff' },
        { name: 'secondary', label: t('onboarding.fields.secondary'), hint: t('onboarding.hints.colour'), type: 'colour', defaultValue: b?.secondary ?? '#1d4f91' },
        { name: 'logo', label: t('onboarding.fields.logo'), hint: hasLogo ? t('onboarding.hints.logoKept') : t('onboarding.hints.logo'), type: 'file', accept: 'image/png,image/svg+xml' },
      ];
    }
    case 'template':
      return [
        {
          name: 'template',
          label: t('onboarding.fields.template'),
          type: 'radios',
          defaultValue: data.template?.template ?? 'both',
          options: TEMPLATE_CHOICES.map((v) => ({ value: v, label: t(`onboarding.templates.${v}`), hint: t(`onboarding.templateHints.${v}`) })),
        },
      ];
    case 'admin': {
      const a = data.admin;
      return [
        { name: 'ocidPrefix', label: t('onboarding.fields.ocidPrefix'), hint: t('onboarding.hints.ocidPrefix'), type: 'text', defaultValue: a?.ocidPrefix, spellCheck: false, dir: 'ltr' },
        { name: 'adminName', label: t('onboarding.fields.adminName'), type: 'text', defaultValue: a?.adminName, autoComplete: 'off' },
        { name: 'adminEmail', label: t('onboarding.fields.adminEmail'), hint: t('onboarding.hints.adminEmail'), type: 'email', defaultValue: a?.adminEmail ?? data.request?.email, autoComplete: 'off', spellCheck: false, dir: 'ltr' },
      ];
    }
    default:
      return [];
  }
}

function Review({ data, t, hasLogo }: { data: WizardData; t: T; hasLogo: boolean }) {
  const rows: [string, string][] = [
    [t('onboarding.fields.name'), data.authority?.name ?? ''],
    [t('onboarding.fields.authorityType'), data.authority ? t(`onboarding.authorityTypes.${data.authority.authorityType}`) : ''],
    [t('onboarding.fields.country'), data.authority?.country ?? ''],
    [t('onboarding.fields.timezone'), data.authority?.timezone ?? ''],
    [t('onboarding.fields.currency'), data.authority?.currency ?? ''],
    [t('onboarding.fields.slug'), data.address?.slug ?? ''],
    [t('onboarding.fields.domains'), data.address?.domains.join(', ') || '—'],
    [t('onboarding.fields.locales'), data.languages?.locales.map((c) => LOCALE_NATIVE_NAMES[c]).join(', ') ?? ''],
    [t('onboarding.fields.defaultLocale'), data.languages ? LOCALE_NATIVE_NAMES[data.languages.defaultLocale] : ''],
    [t('onboarding.fields.primary'), data.branding?.primary ?? ''],
    [t('onboarding.fields.primaryText'), data.branding?.primaryText ?? ''],
    [t('onboarding.fields.secondary'), data.branding?.secondary ?? ''],
    [t('onboarding.fields.logo'), hasLogo ? t('onboarding.logoUploaded') : '—'],
    [t('onboarding.fields.template'), data.template ? t(`onboarding.templates.${data.template.template}`) : ''],
    [t('onboarding.fields.ocidPrefix'), data.admin?.ocidPrefix ?? '—'],
    [t('onboarding.fields.adminEmail'), data.admin?.adminEmail ?? ''],
  ];
  return (
    <dl className="mb-8 grid max-w-2xl grid-cols-[max-content_1fr] gap-x-6 gap-y-2" data-testid="review">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="font-bold">{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
