import { statementPage } from '@/modules/contracts/page-data';
import { StatementView } from '@/modules/contracts/views';
import { tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';

export const generateMetadata = titleFromKey('statementsOfWork.detailTitle');

export default async function StatementPage({ params, searchParams }: PageProps<'/[tenant]/[locale]/supplier/contracts/[contract]/statements/[statement]'>) {
  const { tenant, locale, contract, statement } = await params;
  const ctx = await tenantPageContext(tenant, locale);
  const data = await statementPage(ctx, 'supplier', contract, statement);
  const done = (await searchParams).done;
  return (
    <StatementView
      ctx={ctx}
      contract={data.detail.contract}
      statement={data.statement}
      signatures={data.detail.signatures}
      side="supplier"
      user={data.user}
      done={typeof done === 'string' && /^[a-z]+$/.test(done) ? done : undefined}
    />
  );
}
