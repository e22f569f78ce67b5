import type { TenantTx } from '@/db/with-tenant';
import type { FrameworkLink } from './builders';
import { ocidFor } from './publish';
import { tenantOfTransaction } from './domain-events';

/** The relatedProcesses link from a call-off to its framework, with the framework's ocid when it has one. */
export async function frameworkLink(tx: TenantTx, frameworkId: string, title: string, relatedLots?: string[]): Promise<FrameworkLink> {
  const tenant = await tenantOfTransaction(tx);
  const known = tenant ? await ocidFor(tx, tenant, { type: 'framework', id: frameworkId }, { mint: false }) : null;
  return { ocid: known?.ocid ?? null, title, relatedLots };
}
