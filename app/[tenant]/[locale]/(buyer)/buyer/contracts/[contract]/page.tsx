import { contractPage } from '@/modules/contracts/page-data';
import { ContractView } from '@/modules/contracts/views';
import { tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';

export const generateMetadata = titleFromKey('contracts.detailTitle');

export default async function ContractPage({ params, searchParams }: PageProps<'/[tenant]/[locale]/buyer/contracts/[contract]'>) {
  const { tenant, locale, contract } = await params;
  const ctx = await tenantPageContext(tenant, locale);
  const { user, detail } = await contractPage(ctx, 'buyer', contract);
  const done = (await searchParams).done;
  return <ContractView ctx={ctx} detail={detail} side="buyer" user={user} done={typeof done === 'string' && /^[a-z]+$/.test(done) ? done : undefined} />;
}
