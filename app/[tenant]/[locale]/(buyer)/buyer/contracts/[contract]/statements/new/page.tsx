import { createStatementAction } from '@/modules/contracts/actions';
import { contractPage } from '@/modules/contracts/page-data';
import { MILESTONE_SLOTS } from '@/modules/contracts/terms';
import { formatMoney } from '@/modules/i18n/format';
import { pageNotFound, tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { ActionForm, type FormFieldSpec } from '@/modules/ui/action-form';
import { PageHeading } from '@/modules/ui/page-heading';

export const generateMetadata = titleFromKey('statementsOfWork.newTitle');

/** A statement of work under an active contract: scope and milestones; its price is the milestones' total. */
export default async function NewStatementPage({ params }: PageProps<'/[tenant]/[locale]/buyer/contracts/[contract]/statements/new'>) {
  const { tenant, locale, contract: contractId } = await params;
  const ctx = await tenantPageContext(tenant, locale);
  const { t } = ctx;
  const { detail } = await contractPage(ctx, 'buyer', contractId);
  const { contract } = detail;
  if (contract.status !== 'active') pageNotFound(ctx);
  const committed = detail.statements.reduce((sum, s) => sum + Number(s.price), 0);
  const fmt = { ...ctx.fmt, currency: contract.currency };
  const milestoneFields: FormFieldSpec[] = [];
  for (let i = 1; i <= MILESTONE_SLOTS; i++) {
    const group = t('statementsOfWork.milestoneNumber', { number: i });
    milestoneFields.push(
      { name: `m${i}Title`, label: t('statementsOfWork.milestoneTitle'), type: 'text', group },
      { name: `m${i}Due`, label: t('statementsOfWork.dueDate'), type: 'date', group },
      { name: `m${i}Criteria`, label: t('statementsOfWork.acceptanceCriteria'), type: 'textarea', rows: 2, group },
      { name: `m${i}Price`, label: t('statementsOfWork.milestonePrice', { currency: contract.currency }), type: 'text', group },
    );
  }
  return (
    <>
      <p className="mb-2">
        <a href={ctx.href(`/buyer/contracts/${contract.id}`)}>{contract.title}</a>
      </p>
      <PageHeading>{t('statementsOfWork.newTitle')}</PageHeading>
      <p className="mb-2 max-w-2xl">{t('statementsOfWork.newIntro')}</p>
      <p className="mb-8 max-w-2xl" data-testid="remaining">
        {t('statementsOfWork.remaining', { remaining: formatMoney(Number(contract.value) - committed, fmt), value: formatMoney(Number(contract.value), fmt) })}
      </p>
      <ActionForm
        id="statement-form"
        action={createStatementAction}
        fields={[
          { name: 'contract', label: '', type: 'hidden', defaultValue: contract.id },
          { name: 'lock', label: '', type: 'hidden', defaultValue: String(contract.version) },
          { name: 'title', label: t('statementsOfWork.titleLabel'), type: 'text' },
          { name: 'scope', label: t('statementsOfWork.scope'), hint: t('statementsOfWork.scopeHint'), type: 'textarea', rows: 5 },
          ...milestoneFields,
        ]}
        submitLabel={t('statementsOfWork.create')}
        errorSummaryTitle={t('errors.summaryTitle')}
      />
    </>
  );
}
