import { contractListPage } from '@/modules/contracts/page-data';
import { ContractList } from '@/modules/contracts/views';
import { tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { PageHeading } from '@/modules/ui/page-heading';

export const generateMetadata = titleFromKey('contracts.title');

/** Call-off contracts this person sees from the supplier's side. */
export default async function ContractsPage({ params }: PageProps<'/[tenant]/[locale]/supplier/contracts'>) {
  const { tenant, locale } = await params;
  const ctx = await tenantPageContext(tenant, locale);
  const { rows } = await contractListPage(ctx, 'supplier');
  return (
    <>
      <PageHeading>{ctx.t('contracts.title')}</PageHeading>
      <p className="mb-6 max-w-2xl">{ctx.t('contracts.intro.supplier')}</p>
      <ContractList ctx={ctx} side="supplier" rows={rows} />
    </>
  );
}
