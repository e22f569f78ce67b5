import { saveTermsAction } from '@/modules/contracts/actions';
import { withTenant } from '@/db/with-tenant';
import { contractPage } from '@/modules/contracts/page-data';
import { suggestedTerms } from '@/modules/contracts/service';
import { flattenTerms, termLabel } from '@/modules/contracts/terms';
import { pageNotFound, tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { ActionForm, type FormFieldSpec } from '@/modules/ui/action-form';
import { PageHeading } from '@/modules/ui/page-heading';

export const generateMetadata = titleFromKey('contracts.termsTitle');

/**
 * The buyer completes the terms of a drafted contract, or proposes a variation of an active one (same fields,
 * plus a reason; it becomes a new version that both sides sign, the current one staying in force meanwhile).
 */
export default async function TermsPage({ params }: PageProps<'/[tenant]/[locale]/buyer/contracts/[contract]/terms'>) {
  const { tenant, locale, contract: contractId } = await params;
  const ctx = await tenantPageContext(tenant, locale);
  const { t } = ctx;
  const { detail } = await contractPage(ctx, 'buyer', contractId);
  const { contract, fields, shown } = detail;
  const variation = contract.status === 'active';
  if (!variation && contract.status !== 'drafted') pageNotFound(ctx);
  if (variation && detail.pending) pageNotFound(ctx);
  // Never saved yet: start from what the records already say.
  const suggested = Object.keys(shown.terms).length === 0 ? await withTenant(ctx.tenant, (tx) => suggestedTerms(tx, contract, ctx.tenant.config.timezone)) : {};
  const values = { ...suggested, ...flattenTerms(shown) };
  const fallback = ctx.tenant.config.defaultLocale;
  const formFields: FormFieldSpec[] = [
    { name: 'contract', label: '', type: 'hidden', defaultValue: contract.id },
    { name: 'lock', label: '', type: 'hidden', defaultValue: String(contract.version) },
    { name: 'mode', label: '', type: 'hidden', defaultValue: variation ? 'variation' : 'draft' },
    ...fields.map(
      (field): FormFieldSpec => ({
        name: field.id,
        label: `${termLabel(field, t, locale, fallback)}${field.optional ? ` ${t('contracts.optional')}` : ''}`,
        hint: field.id === 'value' ? t('contracts.valueHint', { currency: contract.currency }) : undefined,
        type: field.type === 'textarea' ? 'textarea' : field.type === 'date' ? 'date' : 'text',
        rows: 4,
        defaultValue: values[field.id] ?? '',
        spellCheck: field.type === 'textarea' || field.type === 'text' ? true : undefined,
      }),
    ),
    ...(variation ? [{ name: 'reason', label: t('contracts.variationReasonLabel'), hint: t('contracts.variationReasonHint'), type: 'textarea' as const, rows: 3 }] : []),
  ];
  return (
    <>
      <p className="mb-2">
        <a href={ctx.href(`/buyer/contracts/${contract.id}`)}>{contract.title}</a>
      </p>
      <PageHeading>{variation ? t('contracts.variationTitle') : t('contracts.termsTitle')}</PageHeading>
      <p className="mb-4 max-w-2xl">{variation ? t('contracts.variationIntro', { version: contract.currentVersion }) : t('contracts.termsIntro')}</p>
      <dl className="mb-8 grid max-w-2xl grid-cols-1 gap-x-6 md:grid-cols-[max-content_1fr]">
        <dt className="font-bold">{t('contracts.buyer')}</dt>
        <dd>{detail.buyerName}</dd>
        <dt className="font-bold">{t('contracts.supplier')}</dt>
        <dd>{detail.supplierName}</dd>
        <dt className="font-bold">{t('contracts.currency')}</dt>
        <dd>{contract.currency}</dd>
      </dl>
      <ActionForm id="terms-form" action={saveTermsAction} fields={formFields} submitLabel={variation ? t('contracts.proposeVariation') : t('contracts.saveTerms')} errorSummaryTitle={t('errors.summaryTitle')} />
    </>
  );
}
