import { contractListPage } from '@/modules/contracts/page-data';
import { ContractList } from '@/modules/contracts/views';
import { tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { PageHeading } from '@/modules/ui/page-heading';

export const generateMetadata = titleFromKey('contracts.title');

/** Call-off contracts this person sees from the buyer's side. */
export default async function ContractsPage({ params }: PageProps<'/[tenant]/[locale]/buyer/contracts'>) {
  const { tenant, locale } = await params;
  const ctx = await tenantPageContext(tenant, locale);
  const { rows } = await contractListPage(ctx, 'buyer');
  return (
    <>
      <PageHeading>{ctx.t('contracts.title')}</PageHeading>
      <p className="mb-6 max-w-2xl">{ctx.t('contracts.intro.buyer')}</p>
      <ContractList ctx={ctx} side="buyer" rows={rows} />
    </>
  );
}
