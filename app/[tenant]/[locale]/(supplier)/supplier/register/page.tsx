import { registerSupplierAction } from '@/modules/applications/actions';
import { supplierPageContext } from '@/modules/applications/page-context';
import { schemeFor } from '@/modules/suppliers/registration-schemes';
import { tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { ActionForm, type FormFieldSpec } from '@/modules/ui/action-form';
import { PageHeading } from '@/modules/ui/page-heading';
import { redirect } from 'next/navigation';

export const generateMetadata = titleFromKey('applications.registerTitle');

export default async function RegisterSupplierPage({ params }: PageProps<'/[tenant]/[locale]/supplier/register'>) {
  const { tenant: slug, locale } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant } = ctx;
  const { supplier } = await supplierPageContext(ctx);
  if (supplier) redirect(ctx.href('/supplier'));
  const registration = tenant.config.supplierRegistration;
  const scheme = schemeFor(registration.scheme);
  const fields: FormFieldSpec[] = [
    { name: 'legalName', label: t('applications.legalName'), hint: t('applications.legalNameHint'), type: 'text', autoComplete: 'organization' },
    {
      name: 'registrationNumber',
      label: t(`applications.schemes.${scheme.code}`),
      hint: t('applications.registrationNumberHint', { example: scheme.example }),
      type: 'text',
      spellCheck: false,
    },
    {
      name: 'organisationSize',
      label: t('applications.organisationSize'),
      hint: t('applications.organisationSizeHint'),
      type: 'radios',
      options: (['micro', 'small', 'medium', 'large'] as const).map((s) => ({ value: s, label: t(`sizes.${s}`) })),
    },
    registration.regions.length > 0
      ? {
          name: 'region',
          label: t('applications.region'),
          type: 'select',
          options: [{ value: '', label: t('applications.chooseRegion') }, ...registration.regions.map((r) => ({ value: r, label: r }))],
        }
      : { name: 'region', label: t('applications.region'), type: 'text' },
    { name: 'description', label: t('applications.description'), hint: t('applications.descriptionHint'), type: 'textarea', rows: 4 },
  ];
  return (
    <>
      <PageHeading>{t('applications.registerTitle')}</PageHeading>
      <p className="mb-6 max-w-2xl text-lg">{t('applications.registerIntro')}</p>
      <ActionForm action={registerSupplierAction} fields={fields} submitLabel={t('applications.registerSubmit')} errorSummaryTitle={t('errors.summaryTitle')} id="register" />
    </>
  );
}
